"""Where each target of a batch of quotes stands: the quotes laid out end to end, each with a
masked copy in which every target it names stands as one mark (Ⓞ), and around each target
its clause and its view."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
import re

import numpy as np

VIEW = 80  # characters either side of the target the region and cue features see in a long quote

OTHER_MARK = "Ⓞ"
JOIN = "\x00"  # between the quotes of a batch: a clause and sentence break no region crosses
_CLAUSE_BREAKS = frozenset("，。；！？：,;!?…" + JOIN)
_SENTENCE_BREAKS = frozenset("。；！？!?;" + JOIN)
_CONCESSION = re.compile("尽管|虽然|虽|即使|即便|哪怕|固然")

Row = tuple[str, int, int, Sequence[tuple[int, int]]]  # normalised quote, target start, end, other targets


def codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


@dataclass
class Layout:
    """The quotes of a batch laid out end to end, and where each target stands in them.

    Per target (arrays of one entry per row): ``pos``, its mark in ``masked``; ``start`` and
    ``end``, its mention in ``plain``; ``unit``, its quote; ``lo``/``hi``, the quote's bounds
    in ``masked``.  ``marks``: every mark of ``masked``, in order."""

    masked: str
    plain: str
    pos: np.ndarray
    start: np.ndarray
    end: np.ndarray
    unit: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    marks: np.ndarray
    unit_plain: np.ndarray  # (units, 2): each quote's bounds in ``plain``
    kept: np.ndarray  # (marks, 2): the span each mark stands for, in ``plain``

    @property
    def n_rows(self) -> int:
        return len(self.pos)


QuoteSpans = tuple[str, Sequence[tuple[int, int]]]  # a normalised quote and the spans of the targets it names


def quotes_of_rows(rows: Sequence[Row]) -> tuple[list[QuoteSpans], list[tuple[int, int]]]:
    """The quotes of ``rows`` (rows with the same quote and the same targets share one) and,
    for each row, its quote and the place of its target among the quote's spans."""
    index: dict[QuoteSpans, int] = {}
    quotes: list[QuoteSpans] = []
    picks = []
    for text, start, end, others in rows:
        spans = tuple(sorted({(start, end), *((a, b) for a, b in others)}))
        u = index.setdefault((text, spans), len(quotes))
        if u == len(quotes):
            quotes.append((text, spans))
        picks.append((u, spans.index((start, end))))
    return quotes, picks


def layout(quotes: Sequence[QuoteSpans], picks: Sequence[tuple[int, int]] | None = None) -> Layout:
    """Lay out ``quotes``; the rows are the targets ``picks`` names ((quote, span) pairs), by
    default every target of every quote in order."""
    masked, marks, kept, bounds, plain_bounds = [], [], [], [], []
    span_mark: list[int] = []  # the mark each span of each quote stands as
    span_start, span_end, first_span = [], [], []
    m_at = p_at = 0
    for text, spans in quotes:
        pieces, at, shift = [], 0, 0
        own = [0] * len(spans)
        for k in sorted(range(len(spans)), key=lambda k: (spans[k][0], -spans[k][1])):
            a, b = spans[k]
            if at > a:  # inside or across the mark before: one mark stands for both (the first)
                own[k] = len(marks) - 1
                continue
            pieces += [text[at:a], OTHER_MARK]
            own[k] = len(marks)
            marks.append(m_at + a - shift)
            kept.append((p_at + a, p_at + b))
            shift += b - a - 1
            at = b
        pieces.append(text[at:])
        m = "".join(pieces)
        masked.append(m)
        first_span.append(len(span_mark))
        span_mark += own
        span_start += [p_at + a for a, _ in spans]
        span_end += [p_at + b for _, b in spans]
        bounds.append((m_at, m_at + len(m)))
        plain_bounds.append((p_at, p_at + len(text)))
        m_at += len(m) + 1
        p_at += len(text) + 1
    if picks is None:
        unit = np.repeat(np.arange(len(quotes)), [len(spans) for _, spans in quotes]).astype(np.int64)
        flat = np.arange(len(span_mark))
    else:
        unit = np.array([u for u, _ in picks], dtype=np.int64)
        flat = np.array([first_span[u] + k for u, k in picks], dtype=np.int64)
    ub = np.array(bounds, dtype=np.int64).reshape(-1, 2)
    marks_at = np.array(marks, dtype=np.int64)
    return Layout(JOIN.join(masked), JOIN.join(text for text, _ in quotes),
                  marks_at[np.array(span_mark, dtype=np.int64)[flat]] if len(flat) else flat,
                  np.array(span_start, dtype=np.int64)[flat] if len(flat) else flat,
                  np.array(span_end, dtype=np.int64)[flat] if len(flat) else flat,
                  unit, ub[unit, 0] if len(unit) else unit, ub[unit, 1] if len(unit) else unit,
                  marks_at, np.array(plain_bounds, dtype=np.int64).reshape(-1, 2), np.array(kept, dtype=np.int64).reshape(-1, 2))


def _breaks(cp: np.ndarray, chars: frozenset[str]) -> np.ndarray:
    """Where ``chars`` stand, and the end of the text (so that every clause has a break)."""
    found = np.flatnonzero(np.isin(cp, np.array([ord(c) for c in chars], dtype=np.uint64)))
    return np.append(found, len(cp))


@dataclass
class Geometry:
    """Per target: its clause ``[cs, ce)`` and its view ``[va, vb)`` in ``masked``; the
    clause index of each clause break and which clauses are concessive or answer one."""

    cs: np.ndarray
    ce: np.ndarray
    va: np.ndarray
    vb: np.ndarray
    codes: np.ndarray  # the code points of ``masked``
    clause_breaks: np.ndarray
    sentence_breaks: np.ndarray
    concessive: np.ndarray  # per clause (indexed by the clause's break, ``searchsorted``)
    main: np.ndarray
    rank: np.ndarray  # per target: the marks of its view before its own
    view_marks: np.ndarray  # the marks of its view
    clause_rank: np.ndarray  # the marks of its clause before its own
    clause_marks: np.ndarray  # the marks of its clause


def geometry(lay: Layout) -> Geometry:
    codes = codepoints(lay.masked)
    cb, sb = _breaks(codes, _CLAUSE_BREAKS), _breaks(codes, _SENTENCE_BREAKS)
    pos = lay.pos
    k = np.searchsorted(cb, pos)  # the clause of each target: the k-th break closes it
    cs = np.where(k > 0, cb[np.maximum(k - 1, 0)] + 1, 0)
    ce = cb[k]
    # the view: VIEW characters either side, cut at a sentence end, unless the quote fits
    a, b = np.maximum(lay.lo, pos - VIEW), np.minimum(lay.hi, pos + 1 + VIEW)
    whole = (a == lay.lo) & (b == lay.hi)
    before = sb[np.maximum(np.searchsorted(sb, pos) - 1, 0)]
    va = np.where(~whole & (before >= a) & (before < pos), before + 1, a)
    after = sb[np.searchsorted(sb, pos + 1)]
    vb = np.where(~whole & (after < b), after + 1, b)
    concessive = np.zeros(len(cb), bool)
    concessive[np.searchsorted(cb, [m.start() for m in _CONCESSION.finditer(lay.masked)]).astype(np.int64)] = True
    main = np.zeros_like(concessive)  # a clause after a concessive one of the same quote
    main[1:] = concessive[:-1] & ~concessive[1:] & (codes[cb[:-1]] != ord(JOIN))
    cs, ce = np.maximum(cs, va), np.minimum(ce, vb)
    at = {name: np.searchsorted(lay.marks, x) for name, x in (("pos", pos), ("va", va), ("vb", vb), ("cs", cs), ("ce", ce))}
    return Geometry(cs, ce, va, vb, codes, cb, sb, concessive, main, at["pos"] - at["va"], at["vb"] - at["va"],
                    at["pos"] - at["cs"], at["ce"] - at["cs"])

