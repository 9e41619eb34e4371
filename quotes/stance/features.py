"""A target's features, read from the layout of its batch (``layout``): the n-grams of regions
around its mark (read as Ⓣ where a window n-gram covers it), where it stands, and the cue block
(``cues``); all of them as ids (``entries``), for all the targets of the batch at once by array
operations, never by a loop per target.  The n-grams of the whole quote are the same for every
target of the quote, so they are counted once per quote (``Batch.shared``).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np

from .cues import cue_entries, cue_lexicon, find_hits
from .entries import BLOCKS, CUES, GRAM_BLOCKS, MIX, PRIME, Entries, code, feature_ids, gram_hashes, mixed, ranges, tag_id, template_tags
from .layout import OTHER_MARK, VIEW, Geometry, Layout, QuoteSpans, Row, codepoints, geometry, layout, quotes_of_rows

__all__ = ["BLOCKS", "CONTEXT", "CUES", "GRAM_BLOCKS", "HEADS", "NEAR", "VIEW", "Batch", "Coded", "Entries", "Features",
           "QuoteSpans", "Row", "featurise", "featurise_quotes", "features"]

CONTEXT = 10  # characters either side of the target's mark the window block sees
NEAR = 10  # characters of the target's clause either side that the near block sees
REACH = 40  # characters of the view before and after the target's clause that the region block sees
_TARGET_MARK = "Ⓣ"

_MASKED, _PLAIN = 0, 1  # the text a region reads


@dataclass(frozen=True)
class Region:
    block: str
    tag: str
    text: int  # _MASKED or _PLAIN
    ns: tuple[int, ...]


# The n-gram regions of a target, in the order ``_bounds`` gives them.
REGIONS = (
    Region("window", "c", _MASKED, (1, 2, 3)),
    Region("near", "L", _MASKED, (1, 2)),
    Region("near", "R", _MASKED, (1, 2)),
    Region("region", "P", _MASKED, (1, 2)),
    Region("region", "B", _MASKED, (1, 2)),
    Region("region", "A", _MASKED, (1, 2)),
    Region("region", "N", _MASKED, (1, 2)),
    Region("mention", "M", _PLAIN, (1, 2)),
)
WHOLE = Region("whole", "w", _PLAIN, (2,))  # the whole quote: once per quote
_TOP = (3, 2)  # the longest n-gram read from each text


def _bounds(lay: Layout, g: Geometry) -> list[tuple[np.ndarray, np.ndarray]]:
    pos, cs, ce, va, vb = lay.pos, g.cs, g.ce, g.va, g.vb
    return [
        (np.maximum(va, pos - CONTEXT), np.minimum(vb, pos + 1 + CONTEXT)),
        (np.maximum(cs, pos - NEAR), pos), (pos + 1, np.minimum(ce, pos + 1 + NEAR)),
        (np.maximum(va, cs - REACH), cs), (cs, pos), (pos + 1, ce), (ce, np.minimum(vb, ce + REACH)),
        (lay.start, lay.end),
    ]


def _gram_entries(lay: Layout, g: Geometry, plain: list[np.ndarray]) -> Entries:
    """The n-gram features of every target (the whole quote's are ``_whole_entries``), all
    regions and lengths at once: where each n-gram of each range begins in the n-gram arrays
    of both texts laid end to end."""
    grams = [gram_hashes(g.codes, _TOP[_MASKED]), plain]
    arrays = [grams[t][n] for t in (_MASKED, _PLAIN) for n in range(1, _TOP[t] + 1)]
    base = np.cumsum([0] + [len(x) for x in arrays])[:-1]
    flat = np.concatenate(arrays)
    combo = _combos()
    bounds = np.stack([np.stack(pair) for pair in _bounds(lay, g)])  # (regions, 2, rows)
    lo, hi = bounds[combo.region, 0], bounds[combo.region, 1]  # (combos, rows)
    count = np.maximum(hi - lo - combo.n[:, None] + 1, 0).ravel()
    first = (lo + base[combo.array][:, None]).ravel()
    at = np.repeat(first - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
    which = np.repeat(np.arange(count.size), count)  # the (combo, row) of each entry
    k, owner = np.divmod(which, lay.n_rows)
    h = flat[at]
    # window n-grams over the target's own mark read it as Ⓣ: their hash moves by the marks'
    # difference times the power of the mark's place from the n-gram's end
    window = np.flatnonzero(combo.window[k])
    n = combo.n[k[window]]
    back = lay.pos[owner[window]] - (at[window] - base[combo.array[k[window]]])
    over = (back >= 0) & (back < n)
    window, back, n = window[over], back[over], n[over]
    h[window] += np.uint64(ord(_TARGET_MARK) - ord(OTHER_MARK)) * _powers(_TOP[_MASKED])[n - 1 - back]
    return Entries(owner, (h ^ combo.tag[k]) * MIX, np.ones(len(h)), combo.block[k])


@dataclass(frozen=True)
class _Combos:
    """One entry per (region, n): its region, n, n-gram array, tag id, block, and whether it is the window."""

    region: np.ndarray
    n: np.ndarray
    array: np.ndarray
    tag: np.ndarray
    block: np.ndarray
    window: np.ndarray


@cache
def _combos() -> _Combos:
    rows = [(j, n, sum(_TOP[: r.text]) + n - 1, tag_id(r.tag, n), BLOCKS.index(r.block), r.tag == "c")
            for j, r in enumerate(REGIONS) for n in r.ns]
    region, n, array, tag, block, window = zip(*rows)
    return _Combos(np.array(region), np.array(n), np.array(array), np.array(tag, dtype=np.uint64),
                   np.array(block, dtype=np.int8), np.array(window))


@lru_cache(maxsize=8)
def _powers(n: int) -> np.ndarray:
    return np.array([pow(int(PRIME), i, 1 << 64) for i in range(n)], dtype=np.uint64)


def _whole_entries(lay: Layout, grams: list[np.ndarray]) -> Entries:
    """The whole quote's n-grams, once per quote (owner: the quote)."""
    parts = []
    for n in WHOLE.ns:
        at, owner = ranges(lay.unit_plain[:, 0], lay.unit_plain[:, 1], n)
        ids = (grams[n][at] ^ np.uint64(tag_id(WHOLE.tag, n))) * MIX
        parts.append(Entries(owner, ids, np.ones(len(ids)), np.full(len(ids), BLOCKS.index(WHOLE.block), np.int8)))
    return Entries.joined(parts)


# ----------------------------------------------------------------------------- position entries

def _position_entries(lay: Layout, g: Geometry) -> Entries:
    """Where the target stands: its rank among the marks of its view and clause, how far into
    its clause, the characters right before and after it, whether its clause opens the view."""
    m, pos, cs, ce = g.codes, lay.pos, g.cs, g.ce
    k = np.minimum(g.rank, 3)

    def char(at: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        ok = (at >= lo) & (at < hi)
        return np.where(ok, m[np.clip(at, 0, len(m) - 1)], 0).astype(np.int64)

    p1, p2 = char(pos - 1, cs, pos), char(pos - 2, cs, pos)
    s1, s2 = char(pos + 1, pos + 1, ce), char(pos + 2, pos + 1, ce)
    codes = np.stack([
        code(k), code(np.minimum(g.view_marks, 4)), code(np.minimum(g.clause_rank, 2)), code(np.minimum(pos - cs, 6)),
        code(p1), code(p1, p2), code(s1), code(s1, s2), code(k, p1), code(k, s1)], axis=1)
    ids = feature_ids(template_tags(*_POSITION_TEMPLATES), np.broadcast_to(codes, (lay.n_rows, len(_POSITION_TEMPLATES))))
    first = np.flatnonzero(cs == g.va)
    return Entries(
        owner=np.concatenate([np.repeat(np.arange(lay.n_rows), len(_POSITION_TEMPLATES)), first]),
        index=np.concatenate([ids.ravel(), np.full(len(first), mixed("firstclause")[0])]),
        value=np.ones(ids.size + len(first)),
        block=np.full(ids.size + len(first), BLOCKS.index("position"), np.int8),
    )


_POSITION_TEMPLATES = ("idx", "n", "cidx", "off", "p1", "p2", "s1", "s2", "idxp1", "idxs1")

# The ensemble: each head is a logistic regression over some blocks, each block weighted
# (TF-IDF rows divided by each block's occurrence norm; the cue block is used as is, scaled).  Blocks
# chosen by 5-fold group cross-validation on the train split; C by that on the real rows, grouped by
# record (C 2, 4, 6, 8, 16: real accuracy 0.753, 0.754, 0.752, 0.751, 0.749; MODEL_CARD.md).
HEADS: dict[str, dict] = {
    "all": {"c": 4.0, "blocks": {"window": 1.0, "near": 1.0, "region": 1.0, "whole": 1.0, "mention": 1.0,
                                  "position": 1.0, CUES: 0.2}},
    "chars": {"c": 4.0, "blocks": {"window": 1.0, "near": 1.0, "region": 1.0, "whole": 1.0, "mention": 1.0}},
}


@dataclass
class Coded:
    """One block of a batch of rows: entry k is feature ``index[k]`` of row ``row[k]``."""

    row: np.ndarray
    index: np.ndarray
    value: np.ndarray
    n_rows: int


@dataclass
class Batch:
    """The features of a batch of targets (rows): ``own`` are each row's, ``shared`` each
    quote's (owner: the quote, ``unit[row]``), the same for all the targets of a quote."""

    own: Entries
    shared: Entries
    unit: np.ndarray
    n_rows: int

    def __len__(self) -> int:
        return self.n_rows

    def coded(self, name: str) -> Coded:
        """One block, every row's entries (a quote's shared ones repeated for each of its rows)."""
        b = BLOCKS.index(name)
        sel = self.own.block == b
        row, index, value = self.own.owner[sel], self.own.index[sel], self.own.value[sel]
        sel = np.flatnonzero(self.shared.block == b)
        if len(sel):
            order = sel[np.argsort(self.shared.owner[sel], kind="stable")]
            per_unit = np.bincount(self.shared.owner[order], minlength=int(self.unit.max(initial=-1)) + 1)
            starts = np.cumsum(per_unit) - per_unit
            count = per_unit[self.unit]
            at = np.repeat(starts[self.unit] - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
            row = np.concatenate([row, np.repeat(np.arange(self.n_rows), count)])
            index = np.concatenate([index, self.shared.index[order][at]])
            value = np.concatenate([value, self.shared.value[order][at]])
        return Coded(row, index, value, self.n_rows)

    def take(self, rows: Sequence[int]) -> Batch:
        """The batch of ``rows`` only, renumbered in that order."""
        new = np.full(self.n_rows, -1)
        new[np.asarray(rows, dtype=np.int64)] = np.arange(len(rows))
        r = new[self.own.owner]
        keep = r >= 0
        own = Entries(r[keep], self.own.index[keep], self.own.value[keep], self.own.block[keep])
        return Batch(own, self.shared, self.unit[np.asarray(rows, dtype=np.int64)], len(rows))


def featurise(rows: Sequence[Row], hits: dict[str, Sequence[tuple[int, int, str]]] | None = None) -> Batch:
    """The features of every (quote, target) row; ``hits``: the polarity lexicon's words in
    each quote, when already found."""
    quotes, picks = quotes_of_rows(rows)
    return featurise_quotes(quotes, [hits.get(text) for text, _ in quotes] if hits else None, picks)


def featurise_quotes(quotes: Sequence[QuoteSpans], hits: Sequence[Sequence[tuple[int, int, str]] | None] | None = None,
                     picks: Sequence[tuple[int, int]] | None = None) -> Batch:
    """The features of every target of every quote, in order (or of the targets ``picks``
    names: ``layout``); ``hits``: the polarity lexicon's words in each quote, when already found."""
    lay = layout(quotes, picks)
    g = geometry(lay)
    found = []
    for (text, _), words, (a, _) in zip(quotes, hits or [None] * len(quotes), lay.unit_plain.tolist()):
        if words is None:
            words = cue_lexicon().scanner.finditer(text)
        found += [(a + x, a + y, w) for x, y, w in words]
    plain = gram_hashes(codepoints(lay.plain), max(_TOP[_PLAIN], *WHOLE.ns))  # read by the mention and whole-quote blocks
    own = Entries.joined([_gram_entries(lay, g, plain), _position_entries(lay, g), cue_entries(lay, g, find_hits(lay, g, found))])
    return Batch(own, _whole_entries(lay, plain), lay.unit, lay.n_rows)


@dataclass
class Features:
    """One target's features, for inspection: the ids of each block and the cue features' values."""

    blocks: dict[str, np.ndarray] = field(default_factory=dict)
    cues: dict[int, float] = field(default_factory=dict)


def features(text: str, start: int, end: int, others: Sequence[tuple[int, int]] = ()) -> Features:
    """Every feature of one target in one (normalised) quote."""
    batch = featurise([(text, start, end, others)])
    cues = batch.coded(CUES)
    return Features({name: batch.coded(name).index for name in BLOCKS if name != CUES},
                    {int(i): float(v) for i, v in zip(cues.index, cues.value)})
