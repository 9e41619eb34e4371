"""Features of a target's place in a quote: n-grams around it and the polarity words that bear on it.

Every quote of a batch is laid out once (``Layout``): its text, and a masked copy in which
each target it names stands as one mark (Ⓞ).  A target's features are then read from that
layout by array operations over all the targets of the batch at once, never by a loop per
target: the n-grams of regions around its mark (the mark read as Ⓣ where a window n-gram
covers it), the polarity words of its view, and where it stands.  The n-grams of the whole
quote are the same for every target of the quote, so they are counted once per quote.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
import hashlib
import re
import zlib

import numpy as np

from ..lexicons import WordScanner

CONTEXT = 10  # characters either side of the target's mark the window block sees
NEAR = 10  # characters of the target's clause either side that the near block sees
VIEW = 80  # characters either side of the target the region and cue features see in a long quote

_TARGET_MARK, _OTHER_MARK = "Ⓣ", "Ⓞ"
_JOIN = "\x00"  # between the quotes of a batch: a clause and sentence break no region crosses
_CLAUSE_BREAKS = frozenset("，。；！？：,;!?…" + _JOIN)
_SENTENCE_BREAKS = frozenset("。；！？!?;" + _JOIN)
_CONCESSION = re.compile("尽管|虽然|虽|即使|即便|哪怕|固然")
_NEGATION = re.compile("绝不|决不|并非|并不|并没有|从未|从不|从来不|从来没有|毫不|没有|不会|不能|不再|无意|无法|不|没|未|非|别|勿|莫|无")
# Words that begin like a negation and are not one (不断 "keeps on", 非常 "very").
_NOT_NEGATION = re.compile(
    "不断|不仅|不过|不少|不同|不管|不论|不久|不但|不已|不停|不禁|非常|非法|无论|无端|无理|无耻|无视|莫名|别人|别的|特别|分别|未来|无不|不得不|不可或缺|无可"
)
_PREPOSITION_CODES = np.array([ord(c) for c in "对向同与和跟把被让给在为替由从将以及"])
_QUOTE_CODES = np.array([ord(c) for c in "“”「」《》\"『』"])
_NEGATION_REACH = 4  # characters before a cue word in which a negation flips it
_DISTANCE_SCALE = 6.0  # a cue word d characters from the target weighs 1 / (1 + d / scale)


# ----------------------------------------------------------------------------- the cue lexicon

@dataclass(frozen=True)
class CueLexicon:
    words: dict[str, tuple[str, str]]  # word → (polarity "+"/"-", kind)
    scanner: WordScanner
    digest: str  # sha1 of the file, recorded with the model that was trained on it
    code: dict[str, int] = field(default_factory=dict)  # word → its place in the file
    kinds: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """``lexicons/stance_words.tsv``: word, polarity, kind (see the file's header)."""
    raw = resources.files("quotes.lexicons").joinpath("stance_words.tsv").read_bytes()
    words: dict[str, tuple[str, str]] = {}
    for line in raw.decode("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, polarity, kind = line.split("\t")[:3]
        words.setdefault(word.strip(), (polarity.strip(), kind.strip()))
    kinds = tuple(sorted({k for _, k in words.values()}))
    return CueLexicon(words, WordScanner(words), hashlib.sha1(raw).hexdigest(), {w: i for i, w in enumerate(words)}, kinds)


# ----------------------------------------------------------------------------- ids

# Every feature is a 64-bit id.  An n-gram's is a polynomial hash of its characters mixed
# with a tag for its region and length; a cue or position feature's mixes the small integer
# codes of its fields with a tag for its template.
_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)


@cache
def _tag(tag: str, n: int) -> int:
    name = f"{tag}{n}".encode()
    return zlib.crc32(name) << 32 | zlib.crc32(name[::-1])


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _grams(cp: np.ndarray, top: int) -> list[np.ndarray]:
    """``g[n][i]`` identifies the n characters from ``i`` (1 ≤ n ≤ top; ``g[0]`` is empty)."""
    out = [cp[:0], cp]
    for n in range(2, top + 1):
        out.append(out[-1][:-1] * _PRIME + cp[n - 1 :])
    return out


def gram_id(tag: str, gram: str) -> int:
    """The id of the n-gram ``gram`` in the region ``tag`` (c: window, L/R: near,
    P/B/A/N: region, w: whole quote, M: mention)."""
    h = _grams(_codepoints(gram), len(gram))[len(gram)][:1]  # an array: numpy wraps its products silently
    return int(((h ^ np.uint64(_tag(tag, len(gram)))) * _MIX)[0])


def _mixed(template: str, *fields: np.ndarray | int) -> np.ndarray:
    """Ids of a cue or position feature: its template's tag and its fields' integer codes."""
    return _ids(np.uint64(_tag(template, 0)), _code(*fields))


def _code(*fields: np.ndarray | int) -> np.ndarray:
    """One integer for the fields of a feature (a polynomial in them, modulo 2^64)."""
    code = np.zeros(1, np.uint64)
    for f in fields:
        code = code * _PRIME + np.asarray(f, dtype=np.int64).astype(np.uint64)
    return code


def _ids(tags: np.ndarray, codes: np.ndarray) -> np.ndarray:
    h = (tags ^ codes) * _MIX
    return h ^ (h >> np.uint64(31))


@cache
def _template_tags(*templates: str) -> np.ndarray:
    return np.array([_tag(t, 0) for t in templates], dtype=np.uint64)


_SCOPES = ("same", "adj", "sent", "far")  # where a cue word stands: the target's clause, the next, its sentence, further
_SIDES = ("b", "a")  # before or after the target
_CONC = ("", "c", "m")  # plain clause, concessive clause, main clause after a concessive one
_POLARITY = ("+", "-")


def cue_id(template: str, **fields: str | int | bool) -> int:
    """The id of one cue feature, for inspection: ``cue_id("effect_side", effect="+",
    scope="same", side="b")``; the fields of each template are those of ``_cue_entries``."""
    names = {"scope": _SCOPES, "side": _SIDES, "conc": _CONC, "effect": _POLARITY, "polarity": _POLARITY}
    codes = [names[k].index(v) if k in names else int(v) for k, v in fields.items()]
    return int(_mixed(template, *codes)[0])


# ----------------------------------------------------------------------------- the layout of a batch

Row = tuple[str, int, int, Sequence[tuple[int, int]]]  # normalised quote, target start, end, other targets


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


def layout(rows: Sequence[Row]) -> Layout:
    """Lay out the quotes of ``rows``: rows with the same quote and the same targets share one."""
    units: dict[tuple[str, tuple[tuple[int, int], ...]], int] = {}
    row_unit = []
    for text, start, end, others in rows:
        spans = tuple(sorted({(start, end), *((a, b) for a, b in others)}, key=lambda s: (s[0], -s[1])))
        row_unit.append(units.setdefault((text, spans), len(units)))
    masked, plain, marks, kept, bounds, plain_bounds = [], [], [], [], [], []
    mark_of: list[dict[tuple[int, int], int]] = []
    m_at = p_at = 0
    for text, spans in units:
        pieces, at, shift, own = [], 0, 0, {}
        for a, b in spans:
            if at > a:  # inside or across the mark before: one mark stands for both (the first)
                own[(a, b)] = len(marks) - 1
                continue
            pieces += [text[at:a], _OTHER_MARK]
            own[(a, b)] = len(marks)
            marks.append(m_at + a - shift)
            kept.append((p_at + a, p_at + b))
            shift += b - a - 1
            at = b
        pieces.append(text[at:])
        m = "".join(pieces)
        masked.append(m)
        plain.append(text)
        mark_of.append(own)
        bounds.append((m_at, m_at + len(m)))
        plain_bounds.append((p_at, p_at + len(text)))
        m_at += len(m) + 1
        p_at += len(text) + 1
    unit = np.array(row_unit, dtype=np.int64)
    pos = np.array([marks[mark_of[u][(s, e)]] for u, (_, s, e, _) in zip(row_unit, rows)], dtype=np.int64)
    plain_start = np.array([plain_bounds[u][0] + s for u, (_, s, _, _) in zip(row_unit, rows)], dtype=np.int64)
    plain_end = np.array([plain_bounds[u][0] + e for u, (_, _, e, _) in zip(row_unit, rows)], dtype=np.int64)
    ub = np.array(bounds, dtype=np.int64).reshape(-1, 2)
    return Layout(_JOIN.join(masked), _JOIN.join(plain), pos, plain_start, plain_end, unit,
                  ub[unit, 0] if len(unit) else unit, ub[unit, 1] if len(unit) else unit,
                  np.array(marks, dtype=np.int64), np.array(plain_bounds, dtype=np.int64).reshape(-1, 2),
                  np.array(kept, dtype=np.int64).reshape(-1, 2))


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


def geometry(lay: Layout) -> Geometry:
    codes = _codepoints(lay.masked)
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
    main[1:] = concessive[:-1] & ~concessive[1:] & (codes[cb[:-1]] != ord(_JOIN))
    return Geometry(np.maximum(cs, va), np.minimum(ce, vb), va, vb, codes, cb, sb, concessive, main)


# ----------------------------------------------------------------------------- n-gram entries

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
    Region("near", "L", _MASKED, (1, 2, 3)),
    Region("near", "R", _MASKED, (1, 2, 3)),
    Region("region", "P", _MASKED, (1, 2)),
    Region("region", "B", _MASKED, (1, 2)),
    Region("region", "A", _MASKED, (1, 2)),
    Region("region", "N", _MASKED, (1, 2)),
    Region("mention", "M", _PLAIN, (1, 2)),
)
WHOLE = Region("whole", "w", _PLAIN, (2, 3))  # the whole quote: once per quote
_TOP = (3, 3)  # the longest n-gram read from each text


def _bounds(lay: Layout, g: Geometry) -> list[tuple[np.ndarray, np.ndarray]]:
    pos, cs, ce, va, vb = lay.pos, g.cs, g.ce, g.va, g.vb
    return [
        (np.maximum(va, pos - CONTEXT), np.minimum(vb, pos + 1 + CONTEXT)),
        (np.maximum(cs, pos - NEAR), pos), (pos + 1, np.minimum(ce, pos + 1 + NEAR)),
        (va, cs), (cs, pos), (pos + 1, ce), (ce, vb),
        (lay.start, lay.end),
    ]


@dataclass
class Entries:
    """Features of many owners: entry k is feature ``index[k]``, of block ``block[k]``
    (its place in ``BLOCKS``), of owner ``owner[k]``, with value ``value[k]``."""

    owner: np.ndarray
    index: np.ndarray
    value: np.ndarray
    block: np.ndarray

    @classmethod
    def joined(cls, parts: Sequence[Entries]) -> Entries:
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("owner", "index", "value", "block")))


def _ranges(lo: np.ndarray, hi: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each n-gram fully inside ``[lo, hi)`` begins, and the range it belongs to."""
    count = np.maximum(hi - lo - n + 1, 0)
    owner = np.repeat(np.arange(len(lo)), count)
    return np.repeat(lo - np.cumsum(count) + count, count) + np.arange(int(count.sum())), owner


def _gram_entries(lay: Layout, g: Geometry) -> Entries:
    """The n-gram features of every target (the whole quote's are ``_whole_entries``), all
    regions and lengths at once: where each n-gram of each range begins in the n-gram arrays
    of both texts laid end to end."""
    grams = [_grams(_codepoints(lay.masked), _TOP[_MASKED]), _grams(_codepoints(lay.plain), _TOP[_PLAIN])]
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
    h[window] += np.uint64(ord(_TARGET_MARK) - ord(_OTHER_MARK)) * _powers(_TOP[_MASKED])[n - 1 - back]
    return Entries(owner, (h ^ combo.tag[k]) * _MIX, np.ones(len(h)), combo.block[k])


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
    rows = [(j, n, sum(_TOP[: r.text]) + n - 1, _tag(r.tag, n), BLOCKS.index(r.block), r.tag == "c")
            for j, r in enumerate(REGIONS) for n in r.ns]
    region, n, array, tag, block, window = zip(*rows)
    return _Combos(np.array(region), np.array(n), np.array(array), np.array(tag, dtype=np.uint64),
                   np.array(block, dtype=np.int8), np.array(window))


@lru_cache(maxsize=8)
def _powers(n: int) -> np.ndarray:
    return np.array([pow(int(_PRIME), i, 1 << 64) for i in range(n)], dtype=np.uint64)


def _whole_entries(lay: Layout) -> Entries:
    """The whole quote's n-grams, once per quote (owner: the quote)."""
    grams = _grams(_codepoints(lay.plain), max(WHOLE.ns))
    parts = []
    for n in WHOLE.ns:
        at, owner = _ranges(lay.unit_plain[:, 0], lay.unit_plain[:, 1], n)
        ids = (grams[n][at] ^ np.uint64(_tag(WHOLE.tag, n))) * _MIX
        parts.append(Entries(owner, ids, np.ones(len(ids)), np.full(len(ids), BLOCKS.index(WHOLE.block), np.int8)))
    return Entries.joined(parts)


# ----------------------------------------------------------------------------- position entries

def _position_entries(lay: Layout, g: Geometry) -> Entries:
    """Where the target stands: its rank among the marks of its view and clause, how far into
    its clause, the characters right before and after it, whether its clause opens the view."""
    m, pos, cs, ce = g.codes, lay.pos, g.cs, g.ce
    rank = np.searchsorted(lay.marks, pos) - np.searchsorted(lay.marks, g.va)
    in_view = np.searchsorted(lay.marks, g.vb) - np.searchsorted(lay.marks, g.va)
    in_clause = np.searchsorted(lay.marks, pos) - np.searchsorted(lay.marks, cs)
    k = np.minimum(rank, 3)

    def char(at: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        ok = (at >= lo) & (at < hi)
        return np.where(ok, m[np.clip(at, 0, len(m) - 1)], 0).astype(np.int64)

    p1, p2 = char(pos - 1, cs, pos), char(pos - 2, cs, pos)
    s1, s2 = char(pos + 1, pos + 1, ce), char(pos + 2, pos + 1, ce)
    codes = np.stack([
        _code(k), _code(np.minimum(in_view, 4)), _code(np.minimum(in_clause, 2)), _code(np.minimum(pos - cs, 6)),
        _code(p1), _code(p1, p2), _code(s1), _code(s1, s2), _code(k, p1), _code(k, s1)], axis=1)
    ids = _ids(_template_tags(*_POSITION_TEMPLATES), np.broadcast_to(codes, (lay.n_rows, len(_POSITION_TEMPLATES))))
    first = np.flatnonzero(cs == g.va)
    return Entries(
        owner=np.concatenate([np.repeat(np.arange(lay.n_rows), len(_POSITION_TEMPLATES)), first]),
        index=np.concatenate([ids.ravel(), np.full(len(first), _mixed("firstclause")[0])]),
        value=np.ones(ids.size + len(first)),
        block=np.full(ids.size + len(first), BLOCKS.index("position"), np.int8),
    )


_POSITION_TEMPLATES = ("idx", "n", "cidx", "off", "p1", "p2", "s1", "s2", "idxp1", "idxs1")


# ----------------------------------------------------------------------------- cue entries

@lru_cache(maxsize=2**14)
def _negates(before: str) -> bool:
    """A negation in the few characters before a cue word (不 in 不支持, not in 不断支持)."""
    return _NEGATION.search(_NOT_NEGATION.sub("__", before)) is not None


@dataclass
class Hits:
    """The polarity lexicon's words in ``masked`` (those inside a mark dropped), in order."""

    start: np.ndarray
    end: np.ndarray
    polarity: np.ndarray  # 0 "+", 1 "-"
    kind: np.ndarray
    word: np.ndarray
    negated: np.ndarray


def _hits(lay: Layout, g: Geometry, found: Sequence[tuple[int, int, str]]) -> Hits:
    """``found``: (start, end, word) in ``plain``, in order."""
    lex = cue_lexicon()
    a = np.array([x for x, _, _ in found], dtype=np.int64)
    b = np.array([y for _, y, _ in found], dtype=np.int64)
    kept_a, kept_b = lay.kept[:, 0], lay.kept[:, 1]
    shift = np.concatenate([[0], np.cumsum(kept_b - kept_a - 1)])
    i = np.searchsorted(kept_a, a, side="right")  # the marks that begin at or before each word
    inside = ((i > 0) & (kept_b[np.maximum(i - 1, 0)] > a)) if len(kept_a) else np.zeros(len(a), bool)
    if len(kept_a):
        inside |= (i < len(kept_a)) & (kept_a[np.minimum(i, len(kept_a) - 1)] < b)
    keep = np.flatnonzero(~inside)
    ma = a[keep] - shift[i[keep]]
    k = np.searchsorted(g.clause_breaks, ma)
    clause_start = np.where(k > 0, g.clause_breaks[np.maximum(k - 1, 0)] + 1, 0)
    reach = np.maximum(clause_start, ma - _NEGATION_REACH).tolist()
    words = [found[j][2] for j in keep.tolist()]
    pk = [lex.words[w] for w in words]
    return Hits(ma, ma + b[keep] - a[keep],
                np.array([_POLARITY.index(p) for p, _ in pk], dtype=np.int64),
                np.array([lex.kinds.index(k) for _, k in pk], dtype=np.int64),
                np.array([lex.code[w] for w in words], dtype=np.int64),
                np.array([_negates(lay.masked[x:y]) for x, y in zip(reach, ma.tolist())], dtype=np.int64))


def _cue_entries(lay: Layout, g: Geometry, hits: Hits) -> Entries:
    """Each polarity word of a target's view, by its relation to the target (same clause or
    not, before or after, negated, in a concessive clause or the main clause after one),
    counted and distance-weighted; and the quote's overall polarity in the view."""
    pos, n_rows = lay.pos, lay.n_rows
    lo, hi = np.searchsorted(hits.start, g.va), np.searchsorted(hits.start, g.vb)
    at, row = _ranges(lo, hi, 1)
    keep = hits.end[at] <= g.vb[row]
    at, row = at[keep], row[keep]
    a, b, p = hits.start[at], hits.end[at], pos[row]
    clause = np.searchsorted(g.clause_breaks, a)
    t_clause = np.searchsorted(g.clause_breaks, pos)
    t_sentence = np.searchsorted(g.sentence_breaks, pos)
    same = clause == t_clause[row]
    in_sentence = np.searchsorted(g.sentence_breaks, a) == t_sentence[row]
    scope = np.where(same, 0, np.where(in_sentence, np.where(np.abs(clause - t_clause[row]) == 1, 1, 2), 3))
    side = (b > p).astype(np.int64)  # 0 before, 1 after
    distance = np.where(side == 0, p - b, a - p - 1)
    weight = 1.0 / (1.0 + distance / _DISTANCE_SCALE)
    negated = hits.negated[at]
    conc = np.where(g.concessive[clause], 1, np.where(g.main[clause], 2, 0))
    polarity, kind = hits.polarity[at], hits.kind[at]
    effect = polarity ^ negated
    word = hits.word[at]
    codes = np.stack([_code(polarity, kind, scope, side, negated, conc), _code(polarity, kind, scope, side),
                      _code(effect, scope, side), _code(effect, scope), _code(effect, conc), _code(word, scope, side, negated)],
                     axis=1)
    ids = _ids(_template_tags(*_CUE_TEMPLATES), codes)
    ones = np.ones(len(at))
    values = np.stack([ones, weight, weight, ones, ones, ones], axis=1)
    sign = np.where(effect == 0, 1.0, -1.0)
    same_n = np.bincount(row[same], minlength=n_rows)
    tot_same = np.bincount(row[same], weights=(sign * weight)[same], minlength=n_rows)
    q = np.tanh(np.bincount(row, weights=sign, minlength=n_rows) / 2)
    first = np.searchsorted(lay.marks, pos) == np.searchsorted(lay.marks, g.va)
    n_marks = np.minimum(np.searchsorted(lay.marks, g.vb) - np.searchsorted(lay.marks, g.va), 3)
    codes = np.append(g.codes, 0).astype(np.int64)  # codes[-1]: nothing, before the first character
    prev, nxt = codes[pos - 1], codes[pos + 1]
    at_start, tc = pos == g.cs, t_clause
    flags = np.stack([
        same_n == 0, tot_same, q, q * first, q * ~first, q * at_start, q * ~at_start,
        at_start, pos - g.cs <= 2, g.cs == g.va, nxt == ord("的"),
        np.searchsorted(lay.marks, g.ce) - np.searchsorted(lay.marks, g.cs) > 1,  # another target in the clause
        np.isin(prev, _QUOTE_CODES) | np.isin(nxt, _QUOTE_CODES), g.concessive[tc], g.main[tc],
        *(q * (n_marks == n) for n in range(4)),  # the quote's polarity by how many targets the view names
    ], axis=1).astype(np.float64)
    flag_rows, flag_cols = np.nonzero(flags)
    prep = np.flatnonzero(np.isin(prev, _PREPOSITION_CODES))
    owner = np.concatenate([np.repeat(row, len(_CUE_TEMPLATES)), flag_rows, prep])
    return Entries(owner, np.concatenate([ids.ravel(), _flag_ids()[flag_cols], _mixed("prep", prev[prep])]),
                   np.concatenate([values.ravel(), flags[flag_rows, flag_cols], np.ones(len(prep))]),
                   np.full(len(owner), BLOCKS.index(CUES), np.int8))


_CUE_TEMPLATES = ("kind", "kind_w", "effect_side", "effect", "effect_conc", "word")


@cache
def _flag_ids() -> np.ndarray:
    names = ("nocue_same", "tot_same", "qpol", "qpol_first", "qpol_later", "qpol_start", "qpol_inside",
             "t_clause_start", "t_near_start", "t_first_clause", "t_de", "other_in_clause", "quoted", "tconc", "tmain",
             "qpol_n0", "qpol_n1", "qpol_n2", "qpol_n3")
    return np.concatenate([_mixed(name) for name in names])


# ----------------------------------------------------------------------------- blocks and batches

GRAM_BLOCKS = ("window", "near", "region", "whole", "mention")
CUES = "cues"
BLOCKS = (*GRAM_BLOCKS, "position", CUES)
# The ensemble: each head is a logistic regression over some blocks, each block weighted
# (TF-IDF rows are l2-normalised per block; the cue block is used as is, scaled).  Chosen by
# 5-fold group cross-validation on the train split (MODEL_CARD.md).
HEADS: dict[str, dict] = {
    "all": {"c": 8.0, "blocks": {"window": 1.0, "near": 1.0, "region": 1.0, "whole": 1.0, "mention": 1.0,
                                  "position": 1.0, CUES: 0.2}},
    "chars": {"c": 8.0, "blocks": {"window": 1.0, "near": 1.0, "region": 1.0, "whole": 1.0, "mention": 1.0}},
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
    lay = layout(rows)
    g = geometry(lay)
    hits = hits or {}
    found = []
    for u, (a, b) in enumerate(lay.unit_plain.tolist()):
        text = lay.plain[a:b]
        words = hits.get(text)
        if words is None:
            words = cue_lexicon().scanner.finditer(text)
        found += [(a + x, a + y, w) for x, y, w in words]
    own = Entries.joined([_gram_entries(lay, g), _position_entries(lay, g), _cue_entries(lay, g, _hits(lay, g, found))])
    return Batch(own, _whole_entries(lay), lay.unit, lay.n_rows)


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
