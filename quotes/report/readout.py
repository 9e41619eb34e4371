"""The readout comparison: two or more accounts of one event side by side (aligned
statements, statements in one account only, ranked, and what each account says)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Comparison, Quote
from .common import short

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
    for c in comparison:
        counterpart = (c.best_match.doc, c.best_match.quote) if c.best_match else None
        # a counterpart is missing when a filter left it out
        if c.status != "matched" or counterpart not in quotes or c.side != sides[0]:
            continue
        q, m = quotes[(c.doc, c.quote)], quotes[counterpart]
        aligned.add_row(_statement(q), _statement(m), f"{c.best_match.similarity:.2f}")
    parts.append(aligned)
    one_sided = Table(title="Only in one account (most significant first)", title_justify="left", expand=True)
    for col in ("side", "speaker", "cue", "statement", "absent from"):
        one_sided.add_column(col)
    flagged = [c for c in comparison if c.status == "one_sided"]
    for c in sorted(flagged, key=lambda c: rank_one_sided(c, quotes[(c.doc, c.quote)])):
        q = quotes[(c.doc, c.quote)]
        mark = " ⚑ attributed to the other side" if rank_one_sided(c, q)[0] == 0 else ""
        one_sided.add_row(c.side, (q.speaker or "—") + mark, q.cue or "—", short(q.text, 60), ", ".join(c.absent_from))
    parts.append(one_sided)
    parts.append(_side_facts(quotes, comparison, texts))
    return Panel(Group(*parts), title="Readout comparison: " + " vs ".join(sides), title_align="left")


def _statement(q: Quote) -> Text:
    t = Text(f"{q.speaker or '—'} {q.cue or ''}: ", style="bold")
    t.append(short(q.text, 70))
    return t


def _side_facts(quotes, comparison, texts: dict[str, str]) -> Table:
    from ..stance.targets import find_targets, topic_terms
    from ..reading import normalise

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
