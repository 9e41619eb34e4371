"""The terminal report of one document: a panel with, per story, its quotes and their
stances, the document's speakers, and the readout comparison of stories told by two sides."""
from __future__ import annotations

from collections import defaultdict

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.text import Text

from ..model import Document, Quote
from .common import plural, short
from .layout import StoryQuotes
from .readout import readout_report
from .tables import speaker_table, stance_table

_SEPARATOR = " · "
_PATH_MIN = 16  # cells of the path kept before the title drops its details
_TITLE_MARGIN = 6  # the panel's corners, the rule before the title and a blank either side of it


def shorten_path(path: str, cells: int) -> str:
    """The end of ``path`` in at most ``cells`` cells, after an ellipsis, from a folder
    boundary when one leaves half the room or more (``…/zh_hans_fm_briefing.txt``)."""
    if cell_len(path) <= cells:
        return path
    start, used = len(path), 1  # the ellipsis takes a cell
    while start > 0 and used + cell_len(path[start - 1]) <= cells:
        start -= 1
        used += cell_len(path[start])
    tail = path[start:]
    slash = tail.find("/")
    if 0 <= slash < len(tail) - 1 and cell_len(tail[slash:]) * 2 >= cells:
        tail = tail[slash:]
    return "…" + tail


def panel_title(path: str, details: list[str], counts: str, width: int) -> str:
    """``path · details · counts`` in ``width`` cells, never cutting the counts: the path is
    shortened first, then the details are dropped from the last, then the path goes on shrinking."""
    details = list(details)
    while True:
        rest = _SEPARATOR.join([*details, counts])
        room = width - cell_len(rest) - cell_len(_SEPARATOR)
        if cell_len(path) <= room or room >= _PATH_MIN or not details:
            break
        details.pop()
    if room < 2:
        return rest
    return shorten_path(path, room) + _SEPARATOR + rest


class DocumentPanel:
    """A document's panel, its title fitted to the width it is drawn at."""

    def __init__(self, doc: Document, body: RenderableType, stories: int) -> None:
        self.doc, self.body, self.stories = doc, body, stories

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        counts = f"{plural(len(self.doc.quotes), 'quote', 'quotes')} in {plural(self.stories, 'story', 'stories')}"
        title = panel_title(self.doc.path, [self.doc.script, self.doc.encoding], counts, options.max_width - _TITLE_MARGIN)
        yield Panel(self.body, title=Text(title), title_align="left")


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
        parts.append(StoryQuotes(quotes, title))
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
    return DocumentPanel(doc, Group(*parts), len(by_story))


def print_documents(docs: list[Document], console: Console | None = None) -> None:
    console = console or Console()
    for doc in docs:
        console.print(document_report(doc))
