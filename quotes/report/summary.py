"""The archive summary in the terminal: top speakers (quotes, documents, roles, the mix of
reporting-verb classes, main targets with the stance taken), top sources, and quotes per
speaker per year when the documents are dated."""
from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..summary import TOP, ArchiveSummary, SpeakerStats, share_label
from .common import STANCE_MARKS, plural
from .wrap import Wrapped

_TIMELINE_SPEAKERS = 6  # columns of the per-year table
_ROLES, _CUES, _TARGETS = 2, 3, 3  # entries per cell


def share_mix(counts: Counter[str], n: int) -> str:
    """``neutral 54% · emphatic 21% · mental 18%``: the ``n`` most frequent, by share."""
    total = sum(counts.values())
    return " · ".join(f"{name} {share_label(count, total)}" for name, count in counts.most_common(n))


def stance_counts(labels: Counter[str]) -> str:
    """``+12 −3 ○40``: quotes per stance label, the labels never taken left out."""
    return " ".join(f"{mark}{labels[label]}" for label, mark in STANCE_MARKS.items() if labels[label])


def _speaker_row(summary: ArchiveSummary, s: SpeakerStats) -> list[RenderableType]:
    roles = "、".join(summary.name(role) for role, _ in s.roles.most_common(_ROLES)) or "—"
    targets = "\n".join(f"{summary.name(t)} {stance_counts(labels)}" for t, labels in s.main_targets(_TARGETS)) or "—"
    return [Text(summary.name(s.key), style="bold"), f"{s.quotes:,}", f"{s.documents:,}", Wrapped(Text(roles)),
            Wrapped(Text(share_mix(s.cue_classes, _CUES).replace(" · ", "\n"))), targets]


def speakers_table(summary: ArchiveSummary, top: int = TOP) -> Table:
    table = Table(title=f"Top speakers ({min(top, len(summary.speakers))} of {len(summary.speakers):,})",
                  title_justify="left", box=box.SIMPLE_HEAD)
    for header in ("speaker", "quotes", "docs"):
        table.add_column(header, justify="left" if header == "speaker" else "right", no_wrap=True)
    table.add_column("roles seen", max_width=16)
    table.add_column("reporting verbs")
    table.add_column("main targets (+ − ○)", no_wrap=True)
    for s in summary.top_speakers(top):
        table.add_row(*_speaker_row(summary, s))
    return table


def sources_table(summary: ArchiveSummary, top: int = TOP) -> Table:
    unsourced = share_label(summary.unsourced, summary.quotes)
    table = Table(title=f"Top sources ({min(top, len(summary.sources))} of {len(summary.sources):,})",
                  caption=f"{unsourced} of the quotes name no source (the document's own reporting)",
                  title_justify="left", caption_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("source")
    table.add_column("docs", justify="right")
    table.add_column("quotes", justify="right")
    table.add_column("speakers quoted through it")
    for s in summary.top_sources(top):
        speakers = "、".join(summary.name(k) for k, _ in s.speakers.most_common(3)) or "—"
        table.add_row(summary.name(s.key), f"{s.documents:,}", f"{s.quotes:,}", speakers)
    return table


def years_table(summary: ArchiveSummary, top: int = _TIMELINE_SPEAKERS) -> Table:
    """Years down, the most quoted speakers across: how many quotes each had that year."""
    speakers = summary.top_speakers(top)
    table = Table(title="Quotes per speaker per year", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("year")
    table.add_column("docs", justify="right")
    table.add_column("quotes", justify="right")
    for s in speakers:
        table.add_column(summary.name(s.key), justify="right")
    for year in summary.year_list():
        stats = summary.years[year]
        cells = [f"{s.years[year]:,}" if s.years[year] else Text("·", style="dim") for s in speakers]
        table.add_row(year, f"{stats.documents:,}", f"{stats.quotes:,}", *cells)
    return table


def summary_report(summary: ArchiveSummary, top: int = TOP) -> RenderableType:
    """The archive summary: a line of totals, then the tables."""
    dated = summary.dated()
    years = summary.year_list()
    span = f", {years[0]}–{years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
    totals = (f"Archive summary: {plural(summary.documents, 'document', 'documents')} ({dated:,} dated{span}), "
              f"{plural(summary.quotes, 'quote', 'quotes')}, {summary.unattributed:,} without a speaker, "
              f"{plural(len(summary.speakers), 'speaker', 'speakers')}")
    parts: list[RenderableType] = [Text(), Wrapped(Text(totals, style="bold")), Text(), speakers_table(summary, top)]
    if summary.sources:
        parts += [Text(), sources_table(summary, top)]
    if years:
        parts += [Text(), years_table(summary, min(top, _TIMELINE_SPEAKERS))]
    return Group(*parts)
