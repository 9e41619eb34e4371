"""Features of a target's place in a quote: n-grams around it and the polarity words that bear on it."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
import hashlib
import math
import re
import zlib

import numpy as np

from ..lexicons import WordScanner

_CONTEXT = 14  # characters either side of the target mention the window block sees
_NEAR = 10  # characters of the target's clause either side that the near block sees
_VIEW = 80  # characters of a long quote either side of the target that its features see


_TARGET_MARK = "Ⓣ"
_OTHER_MARK = "Ⓞ"
_CLAUSE_BREAKS = re.compile("[，。；！？：,;!?…]")
_SENTENCE_BREAKS = re.compile("[。；！？!?;]")
_QUOTE_MARKS = frozenset("“”「」《》\"『』")
_CONCESSION = re.compile("尽管|虽然|虽|即使|即便|哪怕|固然")
_NEGATION = re.compile("绝不|决不|并非|并不|并没有|从未|从不|从来不|从来没有|毫不|没有|不会|不能|不再|无意|无法|不|没|未|非|别|勿|莫|无")
# Words that begin like a negation and are not one (不断 "keeps on", 非常 "very").
_NOT_NEGATION = re.compile(
    "不断|不仅|不过|不少|不同|不管|不论|不久|不但|不已|不停|不禁|非常|非法|无论|无端|无理|无耻|无视|莫名|别人|别的|特别|分别|未来|无不|不得不|不可或缺|无可"
)
_PREPOSITIONS = frozenset("对向同与和跟把被让给在为替由从将以及")
_NEGATION_REACH = 4  # characters before a cue word in which a negation flips it
_DISTANCE_SCALE = 6.0  # a cue word d characters from the target weighs 1 / (1 + d / scale)


# ----------------------------------------------------------------------------- the cue lexicon

@dataclass(frozen=True)
class CueLexicon:
    words: dict[str, tuple[str, str]]  # word → (polarity "+"/"-", kind)
    scanner: WordScanner
    digest: str  # sha1 of the file, recorded with the model that was trained on it


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
    return CueLexicon(words, WordScanner(words), hashlib.sha1(raw).hexdigest())


# ----------------------------------------------------------------------------- features

Row = tuple[str, int, int, Sequence[tuple[int, int]]]  # normalised quote, target start, end, other targets


def _view(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of a long quote the target's features see: up to _VIEW characters either side,
    cut at a sentence end.  Quotes in the stance corpus are shorter than that, so a speech
    quoted at length is seen the way the model was trained, and costs no more than a short one."""
    a, b = max(0, start - _VIEW), min(len(text), end + _VIEW)
    if a == 0 and b == len(text):
        return a, b
    cut = max((text.rfind(ch, a, start) for ch in "。！？；"), default=-1)
    ends = [i for i in (text.find(ch, end, b) for ch in "。！？；") if i >= 0]
    return (cut + 1 if cut >= a else a), (min(ends) + 1 if ends else b)


@dataclass
class Masked:
    """A quote with the target replaced by Ⓣ and the other targets by Ⓞ."""

    text: str
    pos: int  # where Ⓣ stands
    marks: list[int]  # where every mark stands
    spans: list[tuple[int, int]]  # the masked spans, in the quote's own offsets

    def cue_hits(self, hits: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Lexicon hits of the unmasked quote moved to the masked text (those inside a mask dropped)."""
        out = []
        for a, b, word in hits:
            if any(x < b and a < y for x, y in self.spans):
                continue
            shift = sum(y - x - 1 for x, y in self.spans if y <= a)
            out.append((a - shift, b - shift, word))
        return out


def _masked(text: str, start: int, end: int, others: Iterable[tuple[int, int]]) -> Masked:
    spans = sorted([(start, end, _TARGET_MARK)] + [(a, b, _OTHER_MARK) for a, b in others if b <= start or a >= end])
    parts, marks, kept, at, shift, pos = [], [], [], 0, 0, 0
    for a, b, mark in spans:
        if a < at:  # overlapping others: the first one wins
            continue
        parts += [text[at:a], mark]
        marks.append(a - shift)
        kept.append((a, b))
        if mark == _TARGET_MARK:
            pos = a - shift
        shift += b - a - 1
        at = b
    parts.append(text[at:])
    return Masked("".join(parts), pos, marks, kept)


@lru_cache(maxsize=256)
def _cue_hits(text: str) -> tuple[tuple[int, int, str], ...]:
    """Where the polarity lexicon's words stand in a quote: once per quote, not per target."""
    return tuple(cue_lexicon().scanner.finditer(text))


def _span(m: str, pos: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    """The stretch of ``m`` around ``pos`` between two breaks."""
    before = [x.end() for x in breaks.finditer(m, 0, pos)]
    after = breaks.search(m, pos + 1)
    return (before[-1] if before else 0), (after.start() if after else len(m))


# Every feature is a 64-bit id: a polynomial hash of its characters mixed with a tag for its
# block, region and length.  The ids of a whole batch of targets are computed by a few numpy
# operations over all their texts joined, so what a target costs is its plan (where each
# region lies, in Python), not an array operation per region.
_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_JOIN = "\x00"  # between the texts of a batch; no region crosses it
_MASKED, _PLAIN = 0, 1  # the text a region reads: the masked quote, or the quote itself
_TOP = (4, 3)  # the longest n-gram read from each


def _grams(text: str, top: int) -> list[np.ndarray]:
    """``g[n][i]`` identifies ``text[i:i+n]`` (1 ≤ n ≤ top; ``g[0]`` is empty)."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    out = [cp[:0], cp]
    for n in range(2, top + 1):
        out.append(out[-1][:-1] * _PRIME + cp[n - 1 :])
    return out


@cache
def _tag(tag: str, n: int) -> int:
    name = f"{tag}{n}".encode()
    return zlib.crc32(name) << 32 | zlib.crc32(name[::-1])


def gram_id(tag: str, gram: str) -> int:
    """The id ``features`` gives the n-gram ``gram`` in the region ``tag`` (c: window,
    L/R: near, P/B/A/N: region, w1/w2: whole, M: mention)."""
    h = _grams(gram, len(gram))[len(gram)][:1]  # an array: numpy wraps array products silently
    return int(((h ^ np.uint64(_tag(tag, len(gram)))) * _MIX)[0])


def _string_ids(tokens: list[str], space: int) -> np.ndarray:
    """Ids of whole strings (position and cue features), all at once: each string's characters
    weighted by powers of a prime by their place in it and summed (mod 2^64), then mixed with
    the string's length and its block's ``space``."""
    if not tokens:
        return np.zeros(0, np.uint64)
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    starts = np.cumsum(lengths) - lengths
    cp = np.frombuffer("".join(tokens).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    place = np.arange(len(cp)) - np.repeat(starts, lengths)
    sums = np.add.reduceat(cp * _powers(int(lengths.max()))[place], starts)
    return ((sums ^ (lengths.astype(np.uint64) << np.uint64(48)) ^ np.uint64(space)) * _MIX) ^ np.uint64(_tag("string", space))


@lru_cache(maxsize=8)
def _powers(longest: int) -> np.ndarray:
    size = 1 << max(0, longest - 1).bit_length()  # a few sizes only, each computed once
    return np.array([pow(int(_PRIME), i, 1 << 64) for i in range(size)], dtype=np.uint64)


# The n-gram regions of a target, in the order of ``Plan.bounds``: block, tag (the whole
# quote's is w1 when the target is its first mention, else w2), text read, lowest and highest n.
_REGIONS = (
    ("window", "c", _MASKED, 1, 4),
    ("near", "L", _MASKED, 1, 3),
    ("near", "R", _MASKED, 1, 3),
    ("region", "P", _MASKED, 1, 2),
    ("region", "B", _MASKED, 1, 2),
    ("region", "A", _MASKED, 1, 2),
    ("region", "N", _MASKED, 1, 2),
    ("whole", "w", _PLAIN, 2, 3),
    ("mention", "M", _PLAIN, 1, 2),
)


@dataclass
class Plan:
    """One target's features before hashing: its two texts, where each n-gram region lies,
    and the position and cue features."""

    masked: str
    plain: str
    bounds: list[tuple[int, int]]  # (start, end) of each of _REGIONS in its text
    first: bool  # the target is the quote's first mention
    position: list[str]
    cues: dict[str, float]


@cache
def _region_tags() -> tuple[tuple[int, tuple[tuple[int, int, int, int], ...]], ...]:
    """For each region: its text, and per n the block's index and the tag ids (first, not first)."""
    out = []
    for block, tag, src, lo, hi in _REGIONS:
        first, other = (tag + "1", tag + "2") if tag == "w" else (tag, tag)
        out.append((src, tuple((n, BLOCKS.index(block), _tag(first, n), _tag(other, n)) for n in range(lo, hi + 1))))
    return tuple(out)


def _plan(quote: str, start: int, end: int, others: Sequence[tuple[int, int]] = (),
          hits: Sequence[tuple[int, int, str]] | None = None) -> Plan:
    a, b = _view(quote, start, end)
    text, start, end = quote[a:b], start - a, end - a
    others = [(x - a, y - a) for x, y in others if x >= a and y <= b]
    hits = _cue_hits(quote) if hits is None else hits  # once per quote, shared by its targets
    hits = [(x - a, y - a, word) for x, y, word in hits[bisect_left(hits, (a,)) : bisect_left(hits, (b,))] if y <= b]
    masked = _masked(text, start, end, others)
    m, pos, mentions = masked.text, masked.pos, masked.marks
    cs, ce = _span(m, pos, _CLAUSE_BREAKS)
    bounds = [
        (max(0, pos - _CONTEXT), min(len(m), pos + 1 + _CONTEXT)),
        (max(cs, pos - _NEAR), pos), (pos + 1, min(ce, pos + 1 + _NEAR)),
        (0, cs), (cs, pos), (pos + 1, ce), (ce, len(m)),
        (0, len(text)),
        (start, end),
    ]
    cues = _cue_features(m, pos, cs, ce, mentions, masked.cue_hits(hits))
    return Plan(m, text, bounds, mentions[0] == pos, _position(m, pos, cs, ce, mentions), cues)


def _position(m: str, pos: int, cs: int, ce: int, mentions: list[int]) -> list[str]:
    k = min(mentions.index(pos), 3)
    in_clause = [i for i in mentions if cs <= i < ce]
    pre, suf = m[max(cs, pos - 2) : pos], m[pos + 1 : min(ce, pos + 3)]
    out = [f"S:idx{k}", f"S:n{min(len(mentions), 4)}", f"S:cidx{min(in_clause.index(pos), 2)}",
           f"S:off{min(pos - cs, 6)}", "S:p1" + pre[-1:], "S:p2" + pre, "S:s1" + suf[:1], "S:s2" + suf,
           f"S:idx{k}p1" + pre[-1:], f"S:idx{k}s1" + suf[:1]]
    if cs == 0:
        out.append("S:firstclause")
    return out


@lru_cache(maxsize=2**14)
def _negates(before: str) -> bool:
    """A negation in the few characters before a cue word (不 in 不支持, not in 不断支持)."""
    return _NEGATION.search(_NOT_NEGATION.sub("__", before)) is not None


_QPOL_FIRST = {True: "qpol_first1", False: "qpol_first0"}
_QPOL_START = {True: "qpol_start1", False: "qpol_start0"}
_QPOL_N = {n: f"qpol_n{n}" for n in range(4)}


@lru_cache(maxsize=2**15)
def _hit_keys(word: str, scope: str, side: str, negated: bool, conc: str) -> tuple[str, str, str, str, str, str, float]:
    """The feature names of a lexicon hit (its kind, its effect once negation is applied, the
    word itself; some counted, some distance-weighted) and the sign of its effect: the same
    few combinations recur, so they are built once."""
    polarity, kind = cue_lexicon().words[word]
    effect = polarity if not negated else ("-" if polarity == "+" else "+")
    return (f"{polarity}{kind}:{scope}:{side}:{int(negated)}{conc}", f"{polarity}{kind}:{scope}:{side}:w",
            f"e{effect}:{scope}:{side}", f"e{effect}:{scope}", f"e{effect}{conc}", f"W{word}:{scope}:{side}:{int(negated)}",
            1.0 if effect == "+" else -1.0)


def _cue_features(m: str, pos: int, cs: int, ce: int, mentions: list[int], hits: list[tuple[int, int, str]]) -> dict[str, float]:
    """Lexicon cue words and their relation to the target, plus where the target stands."""
    f: dict[str, float] = {}
    clause_ends = [x.start() for x in _CLAUSE_BREAKS.finditer(m)]
    sentence_ends = [x.start() for x in _SENTENCE_BREAKS.finditer(m)]
    starts = [0] + [i + 1 for i in clause_ends]
    bounds = list(zip(starts, clause_ends + [len(m)]))
    concessive = {k for k, (x, y) in enumerate(bounds) if _CONCESSION.search(m, x, y)} if _CONCESSION.search(m) else set()
    main = {k for k in range(len(bounds)) if k - 1 in concessive and k not in concessive}
    tc, ts = bisect_left(clause_ends, pos), bisect_left(sentence_ends, pos)
    if tc in concessive:
        f["tconc"] = 1.0
    if tc in main:
        f["tmain"] = 1.0
    n_same, total_same, total = 0, 0.0, 0.0
    get = f.get
    for a, b, word in hits:
        cc = bisect_left(clause_ends, a)
        if cc == tc:
            scope = "same"
        elif bisect_left(sentence_ends, a) == ts:
            scope = "adj" if abs(cc - tc) == 1 else "sent"
        else:
            scope = "far"
        side = "b" if b <= pos else "a"
        distance = pos - b if side == "b" else a - pos - 1
        negated = _negates(m[max(bounds[cc][0], a - _NEGATION_REACH) : a])
        conc = "c" if cc in concessive else "m" if cc in main else ""
        weight = 1.0 / (1.0 + distance / _DISTANCE_SCALE)
        kind_key, kind_weighted, effect_weighted, effect_key, effect_conc, word_key, sign = _hit_keys(word, scope, side, negated, conc)
        f[kind_key] = get(kind_key, 0.0) + 1.0
        f[kind_weighted] = get(kind_weighted, 0.0) + weight
        f[effect_weighted] = get(effect_weighted, 0.0) + weight
        f[effect_key] = get(effect_key, 0.0) + 1.0
        f[effect_conc] = get(effect_conc, 0.0) + 1.0
        f[word_key] = get(word_key, 0.0) + 1.0
        if scope == "same":
            n_same += 1
            total_same += sign * weight
        total += sign
    # the features below are named once each: no hit's name is one of them
    if n_same == 0:
        f["nocue_same"] = 1.0
    f["tot_same"] = total_same
    q = math.tanh(total / 2)
    f["qpol"] = q
    f[_QPOL_FIRST[mentions[0] == pos]] = q
    f[_QPOL_START[pos == cs]] = q
    f[_QPOL_N[min(len(mentions), 3)]] = q
    if pos == cs:
        f["t_clause_start"] = 1.0
    if pos - cs <= 2:
        f["t_near_start"] = 1.0
    if cs == 0:
        f["t_first_clause"] = 1.0
    if pos > 0 and m[pos - 1] in _PREPOSITIONS:
        f["prep_" + m[pos - 1]] = 1.0
    if m[pos + 1 : pos + 2] == "的":
        f["t_de"] = 1.0
    if _OTHER_MARK in m[cs:ce]:
        f["other_in_clause"] = 1.0
    if not _QUOTE_MARKS.isdisjoint(m[max(0, pos - 1) : pos + 2]):
        f["quoted"] = 1.0
    return f


# ----------------------------------------------------------------------------- blocks of hashed features

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
    """The features of a batch of targets (rows): entry k is feature ``index[k]``, of block
    ``BLOCKS[block[k]]``, of row ``row[k]``, with value ``value[k]``."""

    row: np.ndarray
    index: np.ndarray
    value: np.ndarray
    block: np.ndarray
    n_rows: int

    def __len__(self) -> int:
        return self.n_rows

    def coded(self, name: str) -> Coded:
        sel = self.block == BLOCKS.index(name)
        return Coded(self.row[sel], self.index[sel], self.value[sel], self.n_rows)

    def take(self, rows: Sequence[int]) -> Batch:
        """The batch of ``rows`` only, renumbered in that order."""
        new = np.full(self.n_rows, -1)
        new[np.asarray(rows, dtype=np.int64)] = np.arange(len(rows))
        r = new[self.row]
        keep = r >= 0
        return Batch(r[keep], self.index[keep], self.value[keep], self.block[keep], len(rows))


def featurise(rows: Sequence[Row], hits: dict[str, Sequence[tuple[int, int, str]]] | None = None) -> Batch:
    """The features of every (quote, target) row; ``hits``: the polarity lexicon's words in
    each quote, when already found."""
    hits = hits or {}
    return _hashed([_plan(*row, hits=hits.get(row[0])) for row in rows])


def _hashed(plans: list[Plan]) -> Batch:
    n_rows = len(plans)
    texts = ([p.masked for p in plans], [p.plain for p in plans])
    grams = [_grams(_JOIN.join(ts), top) for ts, top in zip(texts, _TOP)]
    # every n-gram array of both texts end to end, and where each (text, n) array begins
    flat = np.concatenate([g[n] for g, top in zip(grams, _TOP) for n in range(1, top + 1)])
    sizes = [len(g[n]) for g, top in zip(grams, _TOP) for n in range(1, top + 1)]
    bases = np.cumsum([0, *sizes]).tolist()
    offsets = [np.cumsum([0] + [len(t) + 1 for t in ts])[:-1] for ts in texts]  # where each row's text begins
    bounds = np.array([p.bounds for p in plans], dtype=np.int64).reshape(n_rows, -1, 2)
    first = np.array([p.first for p in plans], dtype=bool)
    rows = np.arange(n_rows)
    # one entry per region, n and row: where its n-grams begin in ``flat``, how many there
    # are, the tag, the block and the row
    columns = []
    for j, (src, per_n) in enumerate(_region_tags()):
        a, b = bounds[:, j, 0], bounds[:, j, 1]
        for n, block, tag_first, tag_other in per_n:
            base = bases[sum(_TOP[:src]) + n - 1]
            count = b - a - n + 1
            keep = count > 0
            columns.append((base + offsets[src][keep] + a[keep], count[keep],
                            np.where(first[keep], np.uint64(tag_first), np.uint64(tag_other)),
                            np.full(int(keep.sum()), block, np.int8), rows[keep]))
    table = [np.concatenate(c) for c in zip(*columns)]
    starts, counts, tags, blocks, owners = table
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
    gram_ids = (flat[at] ^ np.repeat(tags, counts)) * _MIX
    position = [t for p in plans for t in p.position]
    cues = [k for p in plans for k in p.cues]
    n_position, n_cues = [len(p.position) for p in plans], [len(p.cues) for p in plans]
    return Batch(
        row=np.concatenate([np.repeat(owners, counts),
                            np.repeat(np.arange(n_rows), n_position), np.repeat(np.arange(n_rows), n_cues)]),
        index=np.concatenate([gram_ids, _string_ids(position, 1), _string_ids(cues, 2)]),
        value=np.concatenate([np.ones(len(gram_ids) + len(position)),
                              np.fromiter((v for p in plans for v in p.cues.values()), dtype=np.float64, count=len(cues))]),
        block=np.concatenate([np.repeat(blocks, counts),
                              np.full(len(position), BLOCKS.index("position"), np.int8), np.full(len(cues), BLOCKS.index(CUES), np.int8)]),
        n_rows=n_rows,
    )


@dataclass
class Features:
    """One target's features, for inspection: the ids of each block and the named cue features."""

    blocks: dict[str, np.ndarray] = field(default_factory=dict)
    cues: dict[str, float] = field(default_factory=dict)


def features(text: str, start: int, end: int, others: Sequence[tuple[int, int]] = ()) -> Features:
    """Every feature of one target in one (normalised) quote."""
    plan = _plan(text, start, end, others)
    batch = _hashed([plan])
    return Features({name: batch.coded(name).index for name in BLOCKS if name != CUES}, plan.cues)


