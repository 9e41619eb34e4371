"""Rich terminal reports: a table of quotes per story and a per-speaker summary."""
from __future__ import annotations

from collections import Counter, defaultdict

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Document, Quote

TYPE_STYLES = {"direct": "bold cyan", "indirect": "green", "mixed": "magenta", "headline": "yellow"}
CUE_STYLES = {
    "emphatic": "bold", "distancing": "italic yellow", "critical": "red", "rejecting": "bold red",
    "directive": "blue", "informing": "cyan", "mental": "dim", "neutral": "", "unknown": "dim",
}
_TEXT_WIDTH = 80


def _short(text: str, width: int = _TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def quote_table(quotes: list[Quote], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True, show_lines=False)
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("speaker", no_wrap=True)
    table.add_column("role")
    table.add_column("cue", no_wrap=True)
    table.add_column("source / side")
    table.add_column("stance")
    table.add_column("text", ratio=3)
    for q in quotes:
        speaker = Text(q.speaker or "—", style="bold" if q.speaker else "dim")
        if q.speaker_mention and q.speaker_mention != q.speaker:
            speaker.append(f" ({q.speaker_mention})", style="dim")
        cue = Text(q.cue or "—", style=CUE_STYLES.get(q.cue_class, ""))
        if q.cue:
            cue.append(f" {q.cue_class}", style="dim")
        source = " / ".join(x for x in (q.source, q.side) if x) or "—"
        stance = ", ".join(f"{s.target}:{s.label}" for s in q.stance) or "—"
        text = _short(q.text) + (" [truncated]" if q.truncated else "")
        table.add_row(q.id, Text(q.type, style=TYPE_STYLES.get(q.type, "")), speaker, q.role or "—", cue, source, stance, text)
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


def document_report(doc: Document) -> RenderableType:
    parts: list[RenderableType] = []
    by_story: dict[str, list[Quote]] = defaultdict(list)
    for q in doc.quotes:
        by_story[q.story].append(q)
    for story in doc.stories:
        quotes = by_story.get(story.id)
        if not quotes:
            continue
        title = f"{story.id} · {story.kind}" + (f" · {_short(story.title, 40)}" if story.title else "")
        parts.append(quote_table(quotes, title))
    if doc.quotes:
        parts.append(speaker_table(doc.quotes))
    else:
        parts.append(Text("no quotes found", style="dim"))
    for note in doc.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    header = f"{doc.path}  ·  {doc.script}  ·  {doc.encoding}  ·  {len(doc.quotes)} quotes in {len(by_story)} stories"
    return Panel(Group(*parts), title=header, title_align="left")


def print_documents(docs: list[Document], console: Console | None = None) -> None:
    console = console or Console()
    for doc in docs:
        console.print(document_report(doc))
