"""The terminal report of one document: a panel with, per story, its quotes and their
stances, the document's speakers, and the readout comparison of stories told by two sides."""
from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..model import Document, Quote
from .common import short
from .readout import readout_report
from .tables import quote_table, speaker_table, stance_table


def document_report(doc: Document) -> RenderableType:
    parts: list[RenderableType] = []
    by_story: dict[str, list[Quote]] = defaultdict(list)
    for q in doc.quotes:
        by_story[q.story].append(q)
    for story in doc.stories:
        quotes = by_story.get(story.id)
        if not quotes:
            continue
        title = f"{story.id} · {story.kind}" + (f" · {short(story.title, 40)}" if story.title else "")
        parts.append(quote_table(quotes, title))
        stances = stance_table(quotes, f"{story.id} · stance by speaker and target")
        if stances is not None:
            parts.append(stances)
    if doc.quotes:
        parts.append(speaker_table(doc.quotes))
    else:
        parts.append(Text("no quotes found", style="dim"))
    for story in doc.stories:
        story_comparison = [c for c in doc.comparison if by_story.get(story.id) and any(q.id == c.quote for q in by_story[story.id])]
        if story_comparison:
            quotes = {(None, q.id): q for q in by_story[story.id]}
            texts = {c.side: doc.text[story.start : story.end] for c in story_comparison}
            parts.append(readout_report(quotes, story_comparison, texts))
    for note in doc.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    header = f"{doc.path}  ·  {doc.script}  ·  {doc.encoding}  ·  {len(doc.quotes)} quotes in {len(by_story)} stories"
    return Panel(Group(*parts), title=header, title_align="left")


def print_documents(docs: list[Document], console: Console | None = None) -> None:
    console = console or Console()
    for doc in docs:
        console.print(document_report(doc))
