"""What every part of the terminal report shares: styles, marks and the labels of a quote."""
from __future__ import annotations

from rich.text import Text

from ..model import Quote

TYPE_STYLES = {"direct": "bold cyan", "indirect": "green", "mixed": "magenta", "headline": "yellow"}
CUE_STYLES = {
    "emphatic": "bold", "distancing": "italic yellow", "critical": "red", "rejecting": "bold red",
    "directive": "blue", "informing": "cyan", "mental": "dim", "neutral": "", "unknown": "dim",
}
STANCE_MARKS = {"support": "+", "oppose": "−", "neutral": "○"}
QUOTE_CHARS = 120  # a quote's text is cut to this many characters in the report


def short(text: str, width: int = 80) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def quote_text(q: Quote) -> str:
    """The quote as the report shows it: on one line, cut, marked when the page cut it off."""
    return short(q.text, QUOTE_CHARS) + (" [cut]" if q.truncated else "")


def stance_line(q: Quote) -> str:
    """``美国 −  中国 ○``: each target of the quote with the speaker's stance toward it."""
    return "  ".join(f"{s.target} {STANCE_MARKS[s.label]}" for s in q.stance)


def speaker_label(q: Quote, separator: str = "\n") -> Text:
    """The canonical speaker, their role and, when it is short and different, the words the
    text names them by (该发言人)."""
    label = Text(q.speaker or "—", style="bold" if q.speaker else "dim")
    if q.role:
        label.append(f"{separator}{q.role}", style="dim")
    if q.speaker_mention and q.speaker_mention != q.speaker and len(q.speaker_mention) <= 6:
        label.append(f" ({q.speaker_mention})", style="dim")
    return label


def cue_label(q: Quote, separator: str = "\n") -> Text:
    """The reporting verb and its class."""
    label = Text(q.cue or "—", style=CUE_STYLES.get(q.cue_class, ""))
    if q.cue:
        label.append(f"{separator}{q.cue_class}", style="dim")
    return label


def source_label(q: Quote) -> str:
    """``新华社 · 中方``: the account the quote reaches the reader through, and its side."""
    return " · ".join(x for x in (q.source, q.side) if x)


def plural(n: int, one: str, many: str) -> str:
    """``1 story``, ``3 stories``."""
    return f"{n:,} {one if n == 1 else many}"
