"""Rich terminal reports: per story a table of quotes and a speaker × target stance table, a
per-speaker summary, and the readout comparison of stories told by two sides."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Comparison, Document, Quote

TYPE_STYLES = {"direct": "bold cyan", "indirect": "green", "mixed": "magenta", "headline": "yellow"}
CUE_STYLES = {
    "emphatic": "bold", "distancing": "italic yellow", "critical": "red", "rejecting": "bold red",
    "directive": "blue", "informing": "cyan", "mental": "dim", "neutral": "", "unknown": "dim",
}
_TEXT_WIDTH = 80
_STANCE_MARKS = {"support": "+", "oppose": "−", "neutral": "○"}
_STANCE_STYLE = "bold"
_MAX_TARGETS = 8  # columns of the stance table: the targets most often named


def _short(text: str, width: int = _TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def quote_table(quotes: list[Quote], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True, box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("type", no_wrap=True, max_width=8)
    table.add_column("speaker", max_width=14)
    table.add_column("cue", max_width=10)
    table.add_column("source · side", max_width=12)
    table.add_column("text · stance", ratio=1, min_width=36, overflow="fold")
    for q in quotes:
        speaker = Text(q.speaker or "—", style="bold" if q.speaker else "dim")
        if q.role:
            speaker.append(f"\n{q.role}", style="dim")
        if q.speaker_mention and q.speaker_mention != q.speaker and len(q.speaker_mention) <= 6:
            speaker.append(f" ({q.speaker_mention})", style="dim")
        cue = Text(q.cue or "—", style=CUE_STYLES.get(q.cue_class, ""))
        if q.cue:
            cue.append(f"\n{q.cue_class}", style="dim")
        source = " · ".join(x for x in (q.source, q.side) if x) or "—"
        text = Text(_short(q.text, 120) + (" [cut]" if q.truncated else ""))
        if q.stance:
            text.append("\n" + "  ".join(f"{s.target} {_STANCE_MARKS[s.label]}" for s in q.stance), style="dim")
        table.add_row(q.id, Text(q.type, style=TYPE_STYLES.get(q.type, "")), speaker, cue, source, text)
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
    one mark per quote (+ support, − oppose, ○ neutral), the most named targets first."""
    cells: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    named = Counter()
    for q in quotes:
        for s in q.stance:
            cells[(q.side or "", q.speaker or "—")][s.target].append(_STANCE_MARKS[s.label])
            named[s.target] += 1
    if not named:
        return None
    targets = [t for t, _ in named.most_common(max_targets)]
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("side")
    table.add_column("speaker")
    for t in targets:
        table.add_column(t, justify="center", style=_STANCE_STYLE)
    for (side, speaker), row in sorted(cells.items()):
        table.add_row(side or "—", speaker, *(" ".join(row.get(t, [])) for t in targets))
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


# ----------------------------------------------------------------------------- readout comparison

_INITIATIVE = re.compile(r"应[^，。；\n]{0,12}?(?:邀请|之邀|的邀请|请求|要求)|应约|应邀|應約|應邀|應[^，。；\n]{0,12}?(?:邀請|請求)")


def initiative(text: str) -> str | None:
    """Who asked for the meeting or call, as the text says it (应约, 应X邀请, 應美方請求)."""
    m = _INITIATIVE.search(text)
    return m.group() if m else None


def rank_one_sided(c: Comparison, quote: Quote) -> tuple[int, int]:
    """Most significant first: a statement one side puts in the other side's speaker's mouth."""
    attributed_to_other = quote.speaker_side is not None and quote.speaker_side != c.side
    return (0 if attributed_to_other else 1, -len(quote.text))


def readout_report(quotes: dict[tuple[int | None, str], Quote], comparison: list[Comparison], texts: dict[str, str]) -> RenderableType:
    """Two (or more) accounts side by side: aligned statements, one-sided ones ranked,
    topics named by one side only, who asked for the meeting, lengths, verbs per speaker."""
    sides = sorted({c.side for c in comparison})
    parts: list[RenderableType] = []
    aligned = Table(title="Aligned statements", title_justify="left", expand=True, show_lines=True)
    for side in sides[:2]:
        aligned.add_column(side, ratio=1)
    aligned.add_column("similarity", no_wrap=True)
    seen = set()
    for c in comparison:
        if c.status != "matched" or c.best_match is None or c.side != sides[0]:
            continue
        q, m = quotes[(c.doc, c.quote)], quotes[(c.best_match.doc, c.best_match.quote)]
        seen.add((c.doc, c.quote))
        aligned.add_row(_statement(q), _statement(m), f"{c.best_match.similarity:.2f}")
    parts.append(aligned)
    one_sided = Table(title="Only in one account (most significant first)", title_justify="left", expand=True)
    for col in ("side", "speaker", "cue", "statement", "absent from"):
        one_sided.add_column(col)
    flagged = [c for c in comparison if c.status == "one_sided"]
    for c in sorted(flagged, key=lambda c: rank_one_sided(c, quotes[(c.doc, c.quote)])):
        q = quotes[(c.doc, c.quote)]
        mark = " ⚑ attributed to the other side" if rank_one_sided(c, q)[0] == 0 else ""
        one_sided.add_row(c.side, (q.speaker or "—") + mark, q.cue or "—", _short(q.text, 60), ", ".join(c.absent_from))
    parts.append(one_sided)
    parts.append(_side_facts(quotes, comparison, texts))
    return Panel(Group(*parts), title="Readout comparison: " + " vs ".join(sides), title_align="left")


def _statement(q: Quote) -> Text:
    t = Text(f"{q.speaker or '—'} {q.cue or ''}: ", style="bold")
    t.append(_short(q.text, 70))
    return t


def _side_facts(quotes, comparison, texts: dict[str, str]) -> Table:
    from .stance.targets import find_targets, topic_terms
    from .reading import normalise

    by_side: dict[str, list[Quote]] = defaultdict(list)
    for c in comparison:
        by_side[c.side].append(quotes[(c.doc, c.quote)])
    topics = {s: {t for q in qs for t in topic_terms(normalise(q.text)) + [m.target for m in find_targets(normalise(q.text))]} for s, qs in by_side.items()}
    table = Table(title="Each account", title_justify="left", expand=True)
    for col in ("side", "statements", "characters", "share by speaker", "verbs by speaker", "topics only here", "who asked"):
        table.add_column(col)
    for side, qs in by_side.items():
        chars = sum(len(q.text) for q in qs)
        share = Counter()
        verbs: dict[str, Counter] = defaultdict(Counter)
        for q in qs:
            share[q.speaker or "—"] += len(q.text)
            if q.cue:
                verbs[q.speaker or "—"][q.cue] += 1
        only = topics[side] - set().union(*(v for k, v in topics.items() if k != side))
        table.add_row(
            side, str(len(qs)), str(chars),
            ", ".join(f"{s} {n * 100 // max(chars, 1)}%" for s, n in share.most_common()),
            "; ".join(f"{s}: {' '.join(v)}" for s, v in verbs.items()),
            " ".join(sorted(only)) or "—", initiative(texts.get(side, "")) or "—",
        )
    return table
