"""A self-contained HTML report: highlighted quotes, their attribution, and the comparator.

One file with its styles and script inline (and a Content-Security-Policy that forbids any
network request), rendered by Jinja2 with autoescaping on: every piece of text from a
document reaches the page escaped.  Two entry points, called by ``quotes analyze --html``
and ``quotes compare --html``:

- :func:`write_document_html` — each document's text with its quotes highlighted, and for
  stories told from two or more sides the accounts side by side;
- :func:`write_comparison_html` — two files that tell one event from two sides.

The highlighter cuts the text into segments (story > quote > speaker/cue mark) whose
concatenation is exactly ``doc.text``: overlapping quotes or marks are clipped, never
dropped character by character.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined

from .html_summary import summary_view
from .model import QUOTE_TYPES, Comparison, Document, Quote, Story
from .summary import TOP, ArchiveSummary

Key = tuple[int, str]  # (index of the document, quote id)

STANCE_MARKS = {"support": "+", "oppose": "−", "neutral": "○"}
_STANCE_ORDER = {"support": 0, "oppose": 1, "neutral": 2}


# ----------------------------------------------------------------------------- segments

@dataclass
class Segment:
    """A stretch of text under one story, at most one quote and at most one speaker/cue mark."""

    start: int
    end: int
    text: str
    story: Story | None = None
    quote: Quote | None = None
    mark: str | None = None  # speaker | cue
    mark_for: tuple[str, ...] = ()  # ids of the quotes the mark belongs to


def _clip(spans: list[tuple[int, int, Any]], length: int) -> list[tuple[int, int, Any]]:
    """Spans sorted by start (longer first on ties), clamped to the text and clipped so that
    none overlaps the one before it; a span left empty is skipped."""
    out: list[tuple[int, int, Any]] = []
    cursor = 0
    for start, end, item in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start, cursor, 0), min(end, length)
        if start >= end:
            continue
        out.append((start, end, item))
        cursor = end
    return out


def _valid(a: int | None, b: int | None) -> bool:
    return isinstance(a, int) and isinstance(b, int) and a < b


def segments(doc: Document) -> list[Segment]:
    """The text of ``doc`` cut at every story, quote, speaker and cue boundary.

    ``"".join(s.text for s in segments(doc)) == doc.text`` always holds.
    """
    n = len(doc.text)
    stories = _clip([(s.start, s.end, s) for s in doc.stories], n)
    quotes = _clip([(q.start, q.end, q) for q in doc.quotes if _valid(q.start, q.end)], n)
    marks_by_span: dict[tuple[int, int, str], list[str]] = {}
    for q in doc.quotes:
        for kind, a, b in (("speaker", q.speaker_start, q.speaker_end), ("cue", q.cue_start, q.cue_end)):
            if _valid(a, b):
                marks_by_span.setdefault((a, b, kind), []).append(q.id)
    marks = _clip([(a, b, (kind, tuple(ids))) for (a, b, kind), ids in marks_by_span.items()], n)

    layers = (stories, quotes, marks)
    cuts = {0, n}
    for layer in layers:
        for a, b, _ in layer:
            cuts.update((a, b))
    bounds = sorted(cuts)
    pointers = [0, 0, 0]
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:]):
        found: list[Any] = []
        for i, layer in enumerate(layers):
            while pointers[i] < len(layer) and layer[pointers[i]][1] <= a:
                pointers[i] += 1
            span = layer[pointers[i]] if pointers[i] < len(layer) else None
            found.append(span[2] if span and span[0] <= a < span[1] else None)
        story, quote, mark = found
        seg = Segment(a, b, doc.text[a:b], story, quote, mark[0] if mark else None, mark[1] if mark else ())
        prev = out[-1] if out else None
        if prev and (prev.story, prev.quote, prev.mark, prev.mark_for) == (seg.story, seg.quote, seg.mark, seg.mark_for):
            prev.end, prev.text = seg.end, prev.text + seg.text
        else:
            out.append(seg)
    return out


def _blocks(doc: Document, index: int, status: dict[Key, str]) -> list[dict[str, Any]]:
    """Segments grouped for the template: story blocks > runs (one quote or none) > pieces."""
    blocks: list[dict[str, Any]] = []
    first_part: set[str] = set()
    for seg in segments(doc):
        if not blocks or blocks[-1]["story"] is not seg.story:
            story = seg.story
            blocks.append({
                "story": story, "kind": story.kind if story else "other", "id": story.id if story else "",
                "truncated": bool(story and story.truncated), "runs": [],
            })
        runs = blocks[-1]["runs"]
        if not runs or runs[-1]["quote"] is not seg.quote:
            q = seg.quote
            run: dict[str, Any] = {"quote": q, "pieces": []}
            if q is not None:
                run["anchor"] = None if q.id in first_part else _anchor(index, q.id)
                run["status"] = status.get((index, q.id))
                first_part.add(q.id)
            runs.append(run)
        runs[-1]["pieces"].append({
            "text": seg.text, "mark": seg.mark, "for": " ".join(seg.mark_for),
            "href": "#" + _anchor(index, seg.mark_for[0]) if seg.mark_for else None,
        })
    return blocks


def _anchor(index: int, quote_id: str) -> str:
    return f"d{index}-{quote_id}"


# ----------------------------------------------------------------------------- views

@dataclass
class _Ctx:
    """Every quote of the report by key, and the comparison status of each."""

    docs: list[Document]
    quotes: dict[Key, Quote] = field(default_factory=dict)
    status: dict[Key, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, d in enumerate(self.docs):
            for q in d.quotes:
                self.quotes.setdefault((i, q.id), q)


def _key(c_doc: int | None, quote: str, default: int) -> Key:
    return (default if c_doc is None else c_doc, quote)


def _statement(ctx: _Ctx, key: Key) -> dict[str, Any]:
    q = ctx.quotes[key]
    return {"q": q, "doc": key[0], "href": "#" + _anchor(*key), "status": ctx.status.get(key)}


def _rank(c: Comparison, q: Quote) -> tuple[int, int]:
    from .report import rank_one_sided

    return rank_one_sided(c, q)


def _topics(q: Quote) -> list[str]:
    from .reading import normalise
    from .stance.targets import find_targets, topic_terms

    norm = normalise(q.text)
    return list(dict.fromkeys(topic_terms(norm) + [m.target for m in find_targets(norm)]))


def _comparison_view(ctx: _Ctx, entries: list[tuple[Key, Comparison]], sides: list[str] | None = None) -> dict[str, Any]:
    """The accounts side by side: aligned rows, one-sided rows ranked, topics of one side only."""
    entries = [(k, c) for k, c in entries if k in ctx.quotes]
    sides = list(sides or sorted({c.side for _, c in entries}))
    for s in sorted({c.side for _, c in entries}):
        if s not in sides:
            sides.append(s)
    side_of = {k: c.side for k, c in entries}
    position = {k: n for n, k in enumerate(sorted(side_of, key=lambda k: (k[0], ctx.quotes[k].start)))}

    aligned, seen = [], set()
    for key, c in entries:
        if c.status != "matched" or c.best_match is None:
            continue
        other = _key(c.best_match.doc, c.best_match.quote, key[0])
        if other not in ctx.quotes or frozenset((key, other)) in seen:
            continue
        seen.add(frozenset((key, other)))
        other_side = side_of.get(other) or ctx.quotes[other].side
        cells = {c.side: _statement(ctx, key)}
        if other_side and other_side != c.side:
            cells[other_side] = _statement(ctx, other)
        aligned.append({
            "cells": [cells.get(s) for s in sides], "similarity": c.best_match.similarity,
            "order": min(position.get(key, 0), position.get(other, 0)),
        })
    aligned.sort(key=lambda r: r["order"])

    one_sided = []
    flagged = [(k, c) for k, c in entries if c.status == "one_sided"]
    flagged.sort(key=lambda kc: (_rank(kc[1], ctx.quotes[kc[0]]), position.get(kc[0], 0)))
    for rank, (key, c) in enumerate(flagged, start=1):
        q = ctx.quotes[key]
        other_mouth = _rank(c, q)[0] == 0
        best = None
        if c.best_match is not None:
            bkey = _key(c.best_match.doc, c.best_match.quote, key[0])
            if bkey in ctx.quotes:
                bside = side_of.get(bkey) or ctx.quotes[bkey].side
                if bside not in sides or bside == c.side:
                    bside = next((x for x in sides if x != c.side), None)
                best = {"q": ctx.quotes[bkey], "href": "#" + _anchor(*bkey), "similarity": c.best_match.similarity,
                        "side": bside}
        one_sided.append({
            "rank": rank, "side": c.side,
            "statement": _statement(ctx, key), "attributed_to_other": other_mouth,
            "speaker_side": q.speaker_side, "absent_from": c.absent_from, "best": best,
        })

    topics: dict[str, dict[str, list[dict[str, Any]]]] = {s: {} for s in sides}
    for key, c in sorted(entries, key=lambda kc: position.get(kc[0], 0)):
        for t in _topics(ctx.quotes[key]):
            topics[c.side].setdefault(t, []).append({"id": key[1], "href": "#" + _anchor(*key)})
    only_here = []
    for s in sides:
        elsewhere = set().union(*(set(v) for k, v in topics.items() if k != s))
        only_here.append({"side": s, "topics": [{"topic": t, "quotes": qs} for t, qs in topics[s].items() if t not in elsewhere]})
    shared = [t for t in topics[sides[0]] if all(t in topics[s] for s in sides[1:])] if sides else []

    facts = []
    for s in sides:
        keys = [k for k, c in entries if c.side == s]
        facts.append({
            "side": s, "statements": len(keys), "characters": sum(len(ctx.quotes[k].text) for k in keys),
            "matched": sum(1 for k, c in entries if c.side == s and c.status == "matched"),
            "one_sided": sum(1 for k, c in entries if c.side == s and c.status == "one_sided"),
        })
    return {"sides": sides, "aligned": aligned, "one_sided": one_sided, "only_here": only_here,
            "shared_topics": shared, "facts": facts}


def _stance_table(ctx: _Ctx, keys: Iterable[Key]) -> dict[str, Any] | None:
    """Rows speakers, columns targets, cells the stance of each quote (linked to it)."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    speakers: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    speaker_sides: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        q = ctx.quotes[key]
        if not q.stance:
            continue
        who = q.speaker or "—"
        if q.speaker_side:
            speaker_sides[who].add(q.speaker_side)
        for s in q.stance:
            label = str(s.label)
            cells[(who, s.target)].append({
                "label": label, "mark": STANCE_MARKS.get(label, "?"), "score": float(s.score),
                "id": q.id, "href": "#" + _anchor(*key), "side": q.side,
            })
            speakers[who] += 1
            targets[s.target] += 1
    if not cells:
        return None
    cols = [t for t, _ in sorted(targets.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows = []
    for who, _ in sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0])):
        rows.append({
            "speaker": who, "sides": sorted(speaker_sides.get(who, ())),
            "cells": [sorted(cells.get((who, t), []), key=lambda m: _STANCE_ORDER.get(m["label"], 3)) for t in cols],
        })
    return {"targets": cols, "rows": rows}


def _doc_view(ctx: _Ctx, index: int, side: str | None = None) -> dict[str, Any]:
    doc = ctx.docs[index]
    rows = []
    for q in doc.quotes:
        key = (index, q.id)
        rows.append({"q": q, "anchor": _anchor(index, q.id), "card": _anchor(index, q.id) + "-card",
                     "status": ctx.status.get(key)})
    kinds = Counter(s.kind for s in doc.stories)
    return {
        "index": index, "doc": doc, "side": side, "rows": rows, "blocks": _blocks(doc, index, ctx.status),
        "lang": "zh-Hant" if doc.script == "traditional" else "zh-Hans", "kinds": dict(kinds),
        "types": Counter(q.type for q in doc.quotes),
    }


# ----------------------------------------------------------------------------- rendering

def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("quotes", "templates"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(STANCE_MARKS=STANCE_MARKS, TYPES=QUOTE_TYPES)
    return env


def render(context: dict[str, Any]) -> str:
    context.setdefault("generated", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    return _env().get_template("report.html.j2").render(**context)


def document_html(docs: list[Document], summary: ArchiveSummary | None = None, top: int = TOP) -> str:
    """The report of ``quotes analyze`` as a string; with ``summary``, the archive summary
    (its ``top`` speakers and sources) before the documents."""
    ctx = _Ctx(docs)
    for i, d in enumerate(docs):
        for c in d.comparison:
            ctx.status[_key(c.doc, c.quote, i)] = c.status
    views = []
    for i, d in enumerate(docs):
        view = _doc_view(ctx, i)
        story_of = {q.id: q.story for q in d.quotes}
        by_story: dict[str, list[tuple[Key, Comparison]]] = defaultdict(list)
        for c in d.comparison:
            by_story[story_of.get(c.quote, "")].append((_key(c.doc, c.quote, i), c))
        view["comparisons"] = []
        for story in d.stories:
            if by_story.get(story.id):
                cmp = _comparison_view(ctx, by_story[story.id])
                cmp["story"] = story
                view["comparisons"].append(cmp)
        view["stance"] = _stance_table(ctx, [(i, q.id) for q in d.quotes])
        views.append(view)
    title = "quotes · " + (docs[0].path if len(docs) == 1 else f"{len(docs)} documents")
    return render({"mode": "documents", "title": title, "docs": views, "cross": None,
                   "summary": summary_view(summary, top) if summary is not None else None})


def comparison_html(docs: list[Document], comparison: list[Comparison], sides: list[str]) -> str:
    """The report of ``quotes compare`` as a string."""
    ctx = _Ctx(docs)
    entries = [(_key(c.doc, c.quote, 0), c) for c in comparison]
    for key, c in entries:
        ctx.status[key] = c.status
    views = [_doc_view(ctx, i, sides[i] if i < len(sides) else None) for i in range(len(docs))]
    for v in views:
        v["comparisons"], v["stance"] = [], None
    cross = _comparison_view(ctx, entries, sides)
    cross["stance"] = _stance_table(ctx, [(i, q.id) for i, d in enumerate(docs) for q in d.quotes])
    title = "quotes · " + " vs ".join(f"{s} ({Path(d.path).name})" for s, d in zip(sides, docs))
    return render({"mode": "comparison", "title": title, "docs": views, "cross": cross, "summary": None})


def write_document_html(path: Path, docs: list[Document], summary: ArchiveSummary | None = None, top: int = TOP) -> None:
    """Write one self-contained HTML report of ``docs`` (``quotes analyze --html``)."""
    Path(path).write_text(document_html(docs, summary, top), encoding="utf-8")


def write_comparison_html(path: Path, docs: list[Document], comparison: list[Comparison], sides: list[str]) -> None:
    """Write one self-contained HTML report of a cross-file comparison (``quotes compare --html``)."""
    Path(path).write_text(comparison_html(docs, comparison, sides), encoding="utf-8")
