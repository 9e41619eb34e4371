"""Per-story tables of the terminal report: the quotes, the speakers, and their stances."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Quote
from .common import STANCE_MARKS, TYPE_STYLES, cue_label, quote_text, source_label, speaker_label, stance_line
from .wrap import Wrapped

_STRENGTH = {"oppose": 2, "support": 1, "neutral": 0}
_MAX_TARGETS = 8  # columns of the stance table: the targets most often named


@dataclass(frozen=True)
class _Column:
    header: str
    max_width: int
    cell: Callable[[Quote], RenderableType]
    no_wrap: bool = False


# The columns before the quote's text, which takes the rest of the width and at least _TEXT_MIN.
_COLUMNS = (
    _Column("#", 4, lambda q: Text(q.id, style="dim"), no_wrap=True),
    _Column("type", 8, lambda q: Text(q.type, style=TYPE_STYLES.get(q.type, "")), no_wrap=True),
    _Column("speaker", 14, speaker_label),
    _Column("cue", 10, cue_label),
    _Column("source · side", 12, lambda q: source_label(q) or "—"),
)
_TEXT_MIN = 32  # cells: 16 Chinese characters a line
# The width the quote table needs: every column full, each but the last followed by a blank of
# padding and the blank that separates columns (SIMPLE_HEAD, no edges).
TABLE_WIDTH = sum(c.max_width for c in _COLUMNS) + 2 * len(_COLUMNS) + _TEXT_MIN


def _text_cell(q: Quote) -> Wrapped:
    text = Text(quote_text(q))
    if q.stance:
        text.append("\n" + stance_line(q), style="dim")
    return Wrapped(text)


def quote_table(quotes: list[Quote], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True, box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, 1, 0, 0))
    for c in _COLUMNS:
        table.add_column(c.header, max_width=c.max_width, no_wrap=c.no_wrap)
    table.add_column("text · stance", ratio=1, min_width=_TEXT_MIN)
    for q in quotes:
        table.add_row(*(c.cell(q) for c in _COLUMNS), _text_cell(q))
    return table


def speaker_table(quotes: list[Quote]) -> Table:
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        by_speaker[q.speaker or "(unattributed)"].append(q)
    table = Table(title="Speakers", title_justify="left")
    for col in ("speaker", "kind", "role", "quotes", "characters", "cues"):
        table.add_column(col)
    for name, qs in sorted(by_speaker.items(), key=lambda kv: -sum(len(q.text) for q in kv[1])):
        cues = Counter(q.cue for q in qs if q.cue)
        table.add_row(
            name, qs[0].speaker_kind, qs[0].role or "—", str(len(qs)), str(sum(len(q.text) for q in qs)),
            " ".join(f"{c}×{n}" for c, n in cues.most_common()),
        )
    return table


def stance_table(quotes: list[Quote], title: str, max_targets: int = _MAX_TARGETS) -> Table | None:
    """Speakers (grouped by their account's side) against the targets they take a stance on:
    one mark per cell, the stance the speaker takes most often toward that target, with how
    many quotes take it (``−3``: opposes it in three quotes); the most named targets first."""
    cells: dict[tuple[str, str], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    named = Counter()
    for q in quotes:
        for s in q.stance:
            cells[(q.side or "", q.speaker or "—")][s.target][s.label] += 1
            named[s.target] += 1
    if not named:
        return None
    targets = [t for t, _ in named.most_common(max_targets)]
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("side")
    table.add_column("speaker")
    for t in targets:
        table.add_column(t, justify="center", style="bold")
    for (side, speaker), row in sorted(cells.items()):
        table.add_row(side or "—", speaker, *(_majority(row[t]) if t in row else "" for t in targets))
    return table


def _majority(labels: Counter) -> str:
    """The most frequent stance's mark and count; on a tie, the stronger one (oppose, support)."""
    label, n = max(labels.items(), key=lambda kv: (kv[1], _STRENGTH[kv[0]]))
    return f"{STANCE_MARKS[label]}{n}"