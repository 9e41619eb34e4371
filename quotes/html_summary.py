"""The archive summary as the HTML report shows it: the tables of the terminal summary, and an
inline SVG chart of each top speaker's share of the quotes year by year (stacked bars drawn
by the template from the geometry computed here; no script, nothing fetched)."""
from __future__ import annotations

from typing import Any

from .model import STANCE_LABELS
from .summary import ArchiveSummary, share_label

# Okabe–Ito, as the rest of the report: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
OTHERS = "#c8c8c8"
_BAR, _GAP, _PLOT_HEIGHT = 22, 8, 180  # px
_LEFT, _TOP, _BOTTOM = 44, 10, 52  # room for the axis labels


def share_chart(summary: ArchiveSummary, speakers: int = len(PALETTE)) -> dict[str, Any] | None:
    """Bars of the years (with quotes), each cut into the shares of the ``speakers`` most quoted
    speakers and the rest; None when fewer than two years are known."""
    years = [y for y in summary.year_list() if summary.years[y].quotes]
    if len(years) < 2:
        return None
    top = summary.top_speakers(min(speakers, len(PALETTE)))
    bars = []
    for i, year in enumerate(years):
        total = summary.years[year].quotes
        x, floor, segments = _LEFT + i * (_BAR + _GAP), _TOP + _PLOT_HEIGHT, []
        counts = [(summary.name(s.key), s.years[year], PALETTE[j]) for j, s in enumerate(top)]
        counts.append(("others", total - sum(n for _, n, _ in counts), OTHERS))
        for name, n, colour in counts:
            if n <= 0:
                continue
            height = _PLOT_HEIGHT * n / total
            floor -= height
            segments.append({"y": round(floor, 2), "height": round(height, 2), "colour": colour,
                             "title": f"{year} · {name}: {share_label(n, total)} ({n:,} of {total:,} quotes)"})
        bars.append({"year": year, "x": x, "segments": segments, "label_x": x + _BAR / 2})
    return {
        "width": _LEFT + len(years) * (_BAR + _GAP), "height": _TOP + _PLOT_HEIGHT + _BOTTOM, "bar": _BAR, "left": _LEFT,
        "bars": bars, "floor": _TOP + _PLOT_HEIGHT, "label_y": _TOP + _PLOT_HEIGHT + 8,
        "ticks": [{"label": f"{p}%", "y": _TOP + _PLOT_HEIGHT * (1 - p / 100)} for p in (0, 50, 100)],
        "legend": [{"name": summary.name(s.key), "colour": PALETTE[j]} for j, s in enumerate(top)] + [{"name": "others", "colour": OTHERS}],
    }


def summary_view(summary: ArchiveSummary, top: int) -> dict[str, Any]:
    """What the template's summary section shows."""
    years = summary.year_list()
    timeline = summary.top_speakers(min(top, len(PALETTE)))
    return {
        "documents": summary.documents, "dated": summary.dated(), "quotes": summary.quotes,
        "unattributed": summary.unattributed, "speaker_count": len(summary.speakers),
        "span": f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else None),
        "speakers": [{
            "name": summary.name(s.key), "quotes": s.quotes, "documents": s.documents,
            "roles": [summary.name(r) for r, _ in s.roles.most_common(3)],
            "cues": [{"name": c, "share": share_label(n, s.quotes)} for c, n in s.cue_classes.most_common(3)],
            "targets": [{"name": summary.name(t), "counts": [(label, labels[label]) for label in STANCE_LABELS if labels[label]]}
                        for t, labels in s.main_targets(3)],
        } for s in summary.top_speakers(top)],
        "sources": [{
            "name": summary.name(s.key), "documents": s.documents, "quotes": s.quotes,
            "speakers": [summary.name(k) for k, _ in s.speakers.most_common(3)],
        } for s in summary.top_sources(top)],
        "unsourced_share": share_label(summary.unsourced, summary.quotes),
        "timeline": {
            "speakers": [summary.name(s.key) for s in timeline],
            "rows": [{"year": y, "documents": summary.years[y].documents, "quotes": summary.years[y].quotes,
                      "counts": [s.years[y] for s in timeline]} for y in years],
        },
        "chart": share_chart(summary),
    }
