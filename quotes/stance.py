"""Stance: the targets each quote names, and the speaker's stance toward each.

Targets are parties (sides.tsv), blocs and issues (targets.txt), government bodies
(organs.txt), the people and organisations the document quotes elsewhere, and the addressee
of a call (你们/您 in one side's quote is the other side).  The stance toward each target is
predicted by a small ensemble of linear models (logistic regression) over features of the
target's place in the quote (a long quote is seen within 80 characters of the target):

* character n-grams of a window around the target, of the target's clause split into before
  and after the target, of the rest of the quote before and after, and of the whole quote;
* cue words of a polarity lexicon (``lexicons/stance_words.tsv``) with their relation to
  the target: same clause or not, before or after it, negated (不 没 未 并非 …), in a
  concessive clause (尽管/虽然 …) or in the main clause after one (但/仍 …), distance-weighted;
* the target's grammatical position (first mention, clause subject, after 对/向/同/在 …).

The target itself is masked (Ⓣ) and the other targets too (Ⓞ), so what is learnt is how
things are said about a target, not who it is; the mention's own characters are one small
feature block.  No segmenter runs: the features of all the targets of a document are hashed
ids computed by numpy in one pass, and the two heads score them by one sparse product.  The
model is trained by ``quotes train stance`` and stored as plain arrays (``.npz`` loaded
without pickles) plus JSON; see ``models/stance/MODEL_CARD.md``.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np
from scipy import sparse

from .accounts import side_lexicon
from .lexicons import WordScanner
from .model import Document, Quote, Stance
from .reading import normalise, to_traditional

_CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "、", "跟", "同", "或"})
LABELS = ("support", "oppose", "neutral")
FORMAT = 4  # version of the stored model layout and of its features' ids
_CONTEXT = 14  # characters either side of the target mention the window block sees
_NEAR = 10  # characters of the target's clause either side that the near block sees
_VIEW = 80  # characters of a long quote either side of the target that its features see
_MIN_DF = 2  # a feature is kept when it occurs in at least this many training rows
_SLOTS = 2**20  # size of the table that looks features up by their ids' low bits
_ADDRESSEE = ("你们", "您", "贵国", "你方", "貴國")
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


# ----------------------------------------------------------------------------- targets

@lru_cache(maxsize=1)
def _target_words() -> tuple[WordScanner, dict[str, str]]:
    """All target words, with their canonical names."""
    sides = side_lexicon()
    canonical = {}
    for word, side in sides.words.items():
        canonical[word] = word if len(word) > 1 and not word.endswith("方") else _party_name(side)
    for name in ("targets.txt", "organs.txt"):
        for word in _lexicon_lines(name):
            canonical.setdefault(word, word)
    return WordScanner(canonical), canonical


def _party_name(side: str) -> str:
    """The full name that stands for a party (中方 → 中国): its first multi-character word."""
    for word, s in side_lexicon().words.items():
        if s == side and len(word) > 1 and not word.endswith("方"):
            return word
    return side


def _lexicon_lines(name: str) -> list[str]:
    text = resources.files("quotes.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def _topic_set() -> frozenset[str]:
    return frozenset(_lexicon_lines("targets.txt"))


def topic_terms(text: str) -> list[str]:
    """Issues and blocs named in ``text`` (simplified)."""
    scanner, _ = _target_words()
    topics = _topic_set()
    return [word for _, _, word in scanner.finditer(text) if word in topics]


@dataclass
class TargetMention:
    target: str
    start: int  # offsets into the quote text
    end: int


def find_targets(text: str, addressee: str | None = None, names: Iterable[str] = (),
                 words: Sequence[tuple[int, int, str]] | None = None) -> list[TargetMention]:
    """Targets named in a quote (normalised text), one mention per target, first first.

    Besides the lexicons' parties, blocs, issues and organs, ``names`` are the people and
    organisations the document names elsewhere (its speakers), found where the quote names
    them too; a longer name wins over a lexicon word inside it (中国外交部 over 中国).
    ``words``: the lexicon's words in ``text`` when already found (``target_words``)."""
    scanner, canonical = _target_words()
    party_words = side_lexicon().words
    mentions = []
    for a, b, word in scanner.finditer(text) if words is None else words:
        if len(word) > 1 or _abbreviation_used(text, a, b, party_words):
            mentions.append(TargetMention(canonical[word], a, b))
    for name in names:
        i = text.find(name)
        if i >= 0 and len(name) > 1:
            mentions.append(TargetMention(name, i, i + len(name)))
    found: dict[str, TargetMention] = {}
    taken: list[TargetMention] = []
    for t in sorted(mentions, key=lambda t: (t.start - t.end, t.start)):
        if not any(t.start < o.end and o.start < t.end for o in taken):
            taken.append(t)
    for t in sorted(taken, key=lambda t: t.start):
        found.setdefault(t.target, t)
    if addressee:
        for word in _ADDRESSEE:
            i = text.find(word)
            if i >= 0:
                found.setdefault(addressee, TargetMention(addressee, i, i + len(word)))
                break
    return sorted(found.values(), key=lambda t: t.start)


def _abbreviation_used(text: str, a: int, b: int, words: dict[str, str]) -> bool:
    """A one-character party name counts in 中方/美军/中俄 compounds, not in 美元 or 日前."""
    nxt, prev = text[b : b + 1], text[a - 1 : a]
    return bool(nxt and nxt in "方国军总外防驻官政媒") or (nxt in words and len(nxt) == 1) or (prev in words and len(prev) == 1)


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


# ----------------------------------------------------------------------------- the model

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
    offsets = [np.cumsum([0] + [len(t) + 1 for t in ts]).tolist() for ts in texts]
    layout = [(src, [(n, bases[sum(_TOP[:src]) + n - 1], block, first, other) for n, block, first, other in per_n])
              for src, per_n in _region_tags()]
    # one entry per row, region and n: where its n-grams begin in ``flat``, how many there
    # are, the tag, the block and the row
    spec = []
    for r, p in enumerate(plans):
        at = (offsets[0][r], offsets[1][r])
        for (a, b), (src, per_n) in zip(p.bounds, layout):
            for n, base, block, first, other in per_n:
                if b - a - n + 1 > 0:
                    spec.append((base + at[src] + a, b - a - n + 1, first if p.first else other, block, r))
    table = np.array(spec, dtype=np.uint64).reshape(-1, 5)
    starts, counts = table[:, 0].astype(np.int64), table[:, 1].astype(np.int64)
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
    gram_ids = (flat[at] ^ np.repeat(table[:, 2], counts)) * _MIX
    position = [t for p in plans for t in p.position]
    cues = [k for p in plans for k in p.cues]
    n_position, n_cues = [len(p.position) for p in plans], [len(p.cues) for p in plans]
    return Batch(
        row=np.concatenate([np.repeat(table[:, 4].astype(np.int64), counts),
                            np.repeat(np.arange(n_rows), n_position), np.repeat(np.arange(n_rows), n_cues)]),
        index=np.concatenate([gram_ids, _string_ids(position, 1), _string_ids(cues, 2)]),
        value=np.concatenate([np.ones(len(gram_ids) + len(position)),
                              np.fromiter((v for p in plans for v in p.cues.values()), dtype=np.float64, count=len(cues))]),
        block=np.concatenate([np.repeat(table[:, 3].astype(np.int8), counts),
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


@dataclass
class Vocabulary:
    """The kept columns of one block and their idf (``idf`` None for the cue block: raw values)."""

    cols: np.ndarray  # sorted feature ids seen in at least _MIN_DF training rows
    idf: np.ndarray | None

    def matrix(self, x: Coded) -> sparse.csr_matrix:
        """The block as a matrix over the kept columns: counts summed per row and column, then
        TF-IDF (1 + log tf) with each row l2-normalised, unless raw."""
        at = np.searchsorted(self.cols, x.index)
        at[at == len(self.cols)] = 0
        known = self.cols[at] == x.index if len(self.cols) else np.zeros(len(x.index), bool)
        m = sparse.csr_matrix((x.value[known], (x.row[known], at[known])), shape=(x.n_rows, len(self.cols)))
        m.sum_duplicates()
        if self.idf is not None:
            m.data = (1.0 + np.log(m.data)) * self.idf[m.indices]
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            m = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ m
        return m.tocsr()

    @classmethod
    def fit(cls, x: Coded, tfidf: bool) -> Vocabulary:
        order = np.lexsort((x.index, x.row))
        row, index = x.row[order], x.index[order]
        first = np.ones(len(index), bool)
        first[1:] = (row[1:] != row[:-1]) | (index[1:] != index[:-1])  # one count per row
        cols, df = np.unique(index[first], return_counts=True)
        keep = df >= _MIN_DF
        idf = (np.log((1 + x.n_rows) / (1 + df[keep])) + 1.0).astype(np.float32) if tfidf else None
        return cls(cols[keep], idf)


@dataclass
class Head:
    name: str
    c: float
    blocks: dict[str, float]
    coef: np.ndarray | None = None  # (classes, columns of its blocks in order)
    intercept: np.ndarray | None = None

    def design(self, blocks: dict[str, sparse.csr_matrix]) -> sparse.csr_matrix:
        """The head's input: its blocks (through the vocabulary), weighted, side by side."""
        return sparse.hstack([blocks[b] * w for b, w in self.blocks.items()], format="csr")


@dataclass
class _Index:
    """Every block's kept columns in one table, so that a batch is looked up, counted, weighted
    and scored by a few array operations whatever the number of blocks."""

    ids: np.ndarray  # sorted feature ids of all blocks
    block: np.ndarray  # the block (position in ``blocks``) of each
    idf: np.ndarray  # its idf, 1 for a raw feature
    raw: np.ndarray  # whether it is a raw (cue) feature
    weights: np.ndarray  # (heads × classes, ids): coefficients times block weights
    n_blocks: int
    slots: np.ndarray = field(init=False)  # id's low bits → its column + 1; 0 none, -1 shared

    def __post_init__(self) -> None:
        # Most ids of a text are not in the vocabulary: one look into a table addressed by the
        # id's low bits settles most of them, where a binary search takes twenty steps.
        self.slots = np.zeros(_SLOTS, np.int32)
        slot = (self.ids & np.uint64(_SLOTS - 1)).astype(np.int64)
        taken, counts = np.unique(slot, return_counts=True)
        self.slots[slot] = np.arange(1, len(slot) + 1, dtype=np.int32)
        self.slots[taken[counts > 1]] = -1

    def lookup(self, index: np.ndarray) -> np.ndarray:
        """The column of each id, -1 when it is not in the vocabulary."""
        col = self.slots[(index & np.uint64(_SLOTS - 1)).astype(np.int64)].astype(np.int64) - 1
        shared = np.flatnonzero(col == -2)
        if len(shared):
            at = np.minimum(np.searchsorted(self.ids, index[shared]), len(self.ids) - 1)
            col[shared] = np.where(self.ids[at] == index[shared], at, -1)
        hit = np.flatnonzero(col >= 0)
        col[hit[self.ids[col[hit]] != index[hit]]] = -1
        return col


class StanceModel:
    """An ensemble of logistic regressions over hashed n-gram, position and cue features."""

    def __init__(self, heads: dict[str, dict] | None = None, classes: tuple[str, ...] = tuple(sorted(LABELS))):
        self.classes = tuple(classes)
        self.heads = [Head(n, float(h["c"]), dict(h["blocks"])) for n, h in (heads or HEADS).items()]
        self.vocab: dict[str, Vocabulary] = {}
        self._index: _Index | None = None

    @property
    def blocks(self) -> list[str]:
        return sorted({b for h in self.heads for b in h.blocks})

    # -- training and prediction

    def fit(self, rows: Sequence[Row] | Batch, labels: Sequence[str]) -> StanceModel:
        from threadpoolctl import threadpool_limits

        batch = rows if isinstance(rows, Batch) else featurise(rows)
        self.vocab = {b: Vocabulary.fit(batch.coded(b), tfidf=b != CUES) for b in self.blocks}
        blocks = {b: v.matrix(batch.coded(b)) for b, v in self.vocab.items()}
        with threadpool_limits(1):  # many BLAS threads on these small matrices only slow lbfgs down
            for head in self.heads:
                from sklearn.linear_model import LogisticRegression  # training only

                clf = LogisticRegression(C=head.c, max_iter=3000, class_weight="balanced")
                clf.fit(head.design(blocks), list(labels))
                order = [list(clf.classes_).index(c) for c in self.classes]
                head.coef = clf.coef_[order].astype(np.float32)
                head.intercept = clf.intercept_[order].astype(np.float32)
        self._index = None
        return self

    def _compiled(self) -> _Index:
        if self._index is None:
            blocks = self.blocks
            ids = np.concatenate([self.vocab[b].cols for b in blocks])
            order = np.argsort(ids, kind="stable")
            if len(ids) and (np.diff(ids[order]) == 0).any():
                raise ValueError("two blocks share a feature id: retrain with `quotes train stance`")
            rank = np.empty(len(ids), np.int64)
            rank[order] = np.arange(len(ids))
            starts = dict(zip(blocks, np.cumsum([0] + [len(self.vocab[b].cols) for b in blocks]).tolist()))
            weights = np.zeros((len(self.heads) * len(self.classes), len(ids)))
            for h, head in enumerate(self.heads):
                w = weights[h * len(self.classes) : (h + 1) * len(self.classes)]
                offset = 0
                for b, scale in head.blocks.items():
                    width = len(self.vocab[b].cols)
                    w[:, rank[starts[b] : starts[b] + width]] = head.coef[:, offset : offset + width] * scale
                    offset += width
            idf = np.concatenate([self.vocab[b].idf if self.vocab[b].idf is not None else np.ones(len(self.vocab[b].cols)) for b in blocks])
            raw = np.concatenate([np.full(len(self.vocab[b].cols), self.vocab[b].idf is None) for b in blocks])
            block = np.concatenate([np.full(len(self.vocab[b].cols), k) for k, b in enumerate(blocks)])
            self._index = _Index(ids[order], block[order], idf[order].astype(np.float64), raw[order],
                                 np.ascontiguousarray(weights.T), len(blocks))
        return self._index

    def decision(self, batch: Batch) -> list[np.ndarray]:
        """Each head's scores (rows × classes): the product of its design matrix with its
        coefficients, computed on the batch's entries directly (the analysis path)."""
        ix, n = self._compiled(), batch.n_rows
        col = ix.lookup(batch.index)
        known = col >= 0
        # counts summed per row and feature by scipy's CSR conversion (a counting sort by row)
        x = sparse.csr_matrix((batch.value[known], (batch.row[known], col[known])), shape=(n, max(1, len(ix.ids))))
        x.sum_duplicates()
        data, col = x.data, x.indices
        row = np.repeat(np.arange(n), np.diff(x.indptr))
        tfidf = ~ix.raw[col]
        data[tfidf] = (1.0 + np.log(data[tfidf])) * ix.idf[col[tfidf]]
        cell = row[tfidf] * ix.n_blocks + ix.block[col[tfidf]]
        norms = np.sqrt(np.bincount(cell, weights=data[tfidf] ** 2, minlength=n * ix.n_blocks))
        data[tfidf] /= np.where(norms > 0, norms, 1.0)[cell]
        z = x @ ix.weights  # ``data`` is the matrix's own array, transformed in place
        k = len(self.classes)
        return [z[:, h * k : (h + 1) * k] + head.intercept for h, head in enumerate(self.heads)]

    def predict_proba(self, rows: Sequence[Row] | Batch) -> tuple[list[str], np.ndarray]:
        """The classes and, for each row, their probabilities (geometric mean of the heads')."""
        if not len(rows):
            return list(self.classes), np.zeros((0, len(self.classes)))
        batch = rows if isinstance(rows, Batch) else featurise(rows)
        log_p = np.zeros((len(batch), len(self.classes)))
        for z in self.decision(batch):
            z = z - z.max(axis=1, keepdims=True)
            log_p += z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        log_p /= len(self.heads)
        p = np.exp(log_p - log_p.max(axis=1, keepdims=True))
        return list(self.classes), p / p.sum(axis=1, keepdims=True)

    def predict(self, rows) -> list[str]:
        classes, proba = self.predict_proba(rows)
        return [classes[i] for i in proba.argmax(axis=1)]

    # -- storage: JSON + an .npz of plain arrays (no pickles)

    def save(self, directory: Path, card: dict) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        for b, v in self.vocab.items():
            arrays[f"{b}.cols"] = v.cols
            if v.idf is not None:
                arrays[f"{b}.idf"] = v.idf
        for h in self.heads:
            arrays[f"{h.name}.coef"], arrays[f"{h.name}.intercept"] = h.coef, h.intercept
        np.savez_compressed(directory / "weights.npz", **arrays)
        meta = {
            "format": FORMAT, "classes": list(self.classes), "view": _VIEW,
            "context": _CONTEXT, "lexicon_sha1": cue_lexicon().digest,
            "heads": {h.name: {"c": h.c, "blocks": h.blocks} for h in self.heads}, **card,
        }
        (directory / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> StanceModel:
        meta = json.loads((Path(directory) / "model.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{directory}: stance model format {meta.get('format')}, expected {FORMAT}: retrain with `quotes train stance`")
        model = cls(meta["heads"], tuple(meta["classes"]))
        with np.load(Path(directory) / "weights.npz", allow_pickle=False) as w:
            for b in model.blocks:
                model.vocab[b] = Vocabulary(w[f"{b}.cols"], w[f"{b}.idf"] if f"{b}.idf" in w.files else None)
            for h in model.heads:
                h.coef, h.intercept = w[f"{h.name}.coef"], w[f"{h.name}.intercept"]
        return model


# ----------------------------------------------------------------------------- corpus and training

def read_corpus(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _row_features(rows: list[dict]) -> list[Row]:
    """(normalised quote, mention start, mention end, other target spans) for corpus rows."""
    out = []
    for r in rows:
        text = normalise(r["quote"])
        i = r["quote"].find(r["mention"])
        a, b = (i, i + len(r["mention"])) if i >= 0 else (0, 0)
        others = [(t.start, t.end) for t in find_targets(text) if not (t.start < b and a < t.end)]
        out.append((text, a, b, others))
    return out


def split_groups(rows: list[dict], heldout_share: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Train and held-out rows, split by quote group so one quote never sits on both sides."""
    groups = sorted({r["group"] for r in rows})
    random.Random(seed).shuffle(groups)
    held = set(groups[: int(len(groups) * heldout_share)])
    return [r for r in rows if r["group"] not in held], [r for r in rows if r["group"] in held]


def macro_f1(gold: list[str], pred: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=list(LABELS), average="macro"))


def per_class_f1(gold: list[str], pred: list[str]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    scores = f1_score(gold, pred, labels=list(LABELS), average=None)
    return {label: round(float(s), 3) for label, s in zip(LABELS, scores)}


def heldout_score(model: StanceModel, corpus: Path, seed: int = 13, heldout_share: float = 0.2) -> dict:
    """Macro-F1 and per-class F1 of ``model`` on the held-out split of ``corpus``."""
    _, held = split_groups(read_corpus(corpus), heldout_share, seed)
    gold = [r["label"] for r in held]
    pred = model.predict(_row_features(held))
    return {"macro_f1": round(macro_f1(gold, pred), 3), "f1": per_class_f1(gold, pred), "rows": len(held)}


def _counts(rows: list[dict], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r[key]] = out.get(r[key], 0) + 1
    return dict(sorted(out.items()))


def train_stance(corpus: Path, out_dir: Path, seed: int = 13, heldout_share: float = 0.2, folds: int = 5) -> dict:
    """Cross-validate on the train split, score the held-out split, save the model trained on train."""
    from sklearn.model_selection import GroupKFold

    rows = read_corpus(corpus)
    train, held = split_groups(rows, heldout_share, seed)
    feats = featurise(_row_features(train))
    labels = [r["label"] for r in train]
    groups = [r["group"] for r in train]
    cv_scores, cv_pred = [], [""] * len(train)
    for tr, te in GroupKFold(n_splits=folds).split(labels, labels, groups):
        model = StanceModel().fit(feats.take(tr), [labels[i] for i in tr])
        pred = model.predict(feats.take(te))
        cv_scores.append(macro_f1([labels[i] for i in te], pred))
        for i, p in zip(te, pred):
            cv_pred[i] = p
    model = StanceModel().fit(feats, labels)
    model.save(out_dir, {})
    model = StanceModel.load(out_dir)  # score exactly what is stored (float32 weights)
    held_gold = [r["label"] for r in held]
    held_pred = model.predict(_row_features(held))
    card = {
        "rows": len(rows), "train_rows": len(train), "heldout_rows": len(held), "seed": seed,
        "heldout_share": heldout_share, "folds": folds,
        "labels": _counts(rows, "label"), "scripts": _counts(rows, "script"),
        "cv_macro_f1": round(float(np.mean(cv_scores)), 3), "cv_fold_macro_f1": [round(s, 3) for s in cv_scores],
        "cv_f1": per_class_f1(labels, cv_pred),
        "heldout_macro_f1": round(macro_f1(held_gold, held_pred), 3), "heldout_f1": per_class_f1(held_gold, held_pred),
    }
    model.save(out_dir, card)
    return card


# ----------------------------------------------------------------------------- applying

@lru_cache(maxsize=1)
def _model() -> StanceModel | None:
    from .segment import models_dir

    directory = models_dir() / "stance"
    if not (directory / "model.json").exists():
        return None
    try:
        return StanceModel.load(directory)
    except (ValueError, KeyError, OSError):  # a model of another layout: no stance rather than a crash
        return None


def addressee_of(quote: Quote, story_sides: list[str], speaker_side: str | None) -> str | None:
    """In a story between two parties, 你们 in one party's mouth is the other party."""
    if speaker_side and len(story_sides) == 2 and speaker_side in story_sides:
        other = story_sides[1] if story_sides[0] == speaker_side else story_sides[0]
        return _party_name(other)
    return None


def _quote_rows(norm: str, addressee: str | None, names: Iterable[str] = (),
                words: Sequence[tuple[int, int, str]] | None = None) -> tuple[list[TargetMention], list[Row]]:
    targets = find_targets(norm, addressee, names, words)
    return targets, [(norm, t.start, t.end, [(o.start, o.end) for o in targets if o is not t]) for t in targets]


def _stances(norm: str, targets: list[TargetMention], classes: list[str], proba: np.ndarray, names: list[str]) -> list[Stance]:
    """One stance per target, under the name given in ``names``; targets joined by a
    conjunction (美国和欧洲不断施压) share one: the mean of their probabilities, since the
    predicate applies to both alike."""
    proba = proba.copy()
    order = sorted(range(len(targets)), key=lambda i: targets[i].start)
    group = [order[0]] if order else []
    for prev, cur in pairwise(order):
        if norm[targets[prev].end : targets[cur].start] in _CONJUNCTIONS:
            group.append(cur)
            continue
        _share(proba, group)
        group = [cur]
    _share(proba, group)
    return [Stance(name, str(classes[int(p.argmax())]), round(float(p.max()), 3)) for name, p in zip(names, proba)]


def _share(proba: np.ndarray, group: list[int]) -> None:
    if len(group) > 1:
        proba[group] = proba[group].mean(axis=0)


def stance_of(text: str, addressee: str | None = None, model: StanceModel | None = None) -> list[Stance]:
    """The stance toward each target named in ``text`` (any script; targets named in the
    simplified script); [] without a model."""
    model = model or _model()
    if model is None:
        return []
    norm = normalise(text)
    targets, rows = _quote_rows(norm, addressee)
    if not targets:
        return []
    classes, proba = model.predict_proba(rows)
    return _stances(norm, targets, classes, proba, [t.target for t in targets])


_SCARE_QUOTE = re.compile(r"[“「『\"]([^“”「」『』\"，。！？；：\n]{1,8})[”」』\"]")
_SO_CALLED = re.compile(r"所谓的?(?:[“「『\"][^”」』\"]{1,12}[”」』\"]|[^，。！？；：\s“「]{1,8})")


def distancing_markers(text: str, before: str = "") -> list[str]:
    """The reporter's or speaker's distance markers in and just before a quote (both
    normalised): 所谓X, and short terms in scare quotes (“躺平”); the quote's own marks are
    not counted."""
    found = [m.group() for m in _SO_CALLED.finditer(before + text)]
    found += [m.group() for m in _SCARE_QUOTE.finditer(text) if m.group() not in " ".join(found)]
    return found


def _document_names(doc: Document) -> dict[str, str]:
    """The people and organisations the document quotes, each with its normalised name: the
    targets of others' quotes."""
    kinds = ("person", "organization")
    speakers = {q.speaker for q in doc.quotes if q.speaker and q.speaker_kind in kinds and len(q.speaker) > 1}
    return {s: normalise(s) for s in speakers}


def _surface(target: TargetMention, at: int, doc: Document, norm: str) -> str:
    """A target's name as the document writes it: the mention itself when it is the name
    (美國, not 美国), else the name where the document writes it, else the name converted
    to the document's script."""
    a, b = at + target.start, at + target.end
    if norm[a:b] == target.target:
        return doc.text[a:b]
    i = norm.find(target.target)
    if i >= 0:
        return doc.text[i : i + len(target.target)]
    return to_traditional(target.target) if doc.script == "traditional" else target.target


def _shifted(found: list[tuple[int, int, str]], by: int) -> list[tuple[int, int, str]]:
    return [(a - by, b - by, word) for a, b, word in found]


def assign_stance(doc: Document) -> None:
    """Fill ``distancing`` on every quote, and ``stance`` with the targets it names (one model
    call per document)."""
    norm = doc.norm or normalise(doc.text)  # the same length as the text: each quote is a slice of it
    for q in doc.quotes:
        q.distancing = distancing_markers(norm[q.start : q.end], norm[max(0, q.start - 8) : q.start])
    model = _model()
    if model is None or not doc.quotes:
        return
    sides_by_story: dict[str, list[str]] = {}
    for q in doc.quotes:
        if q.side and q.side not in sides_by_story.setdefault(q.story, []):
            sides_by_story[q.story].append(q.side)
    names = _document_names(doc)
    # where the lexicons' words may begin, marked once for the whole document
    target_scanner, cue_scanner = _target_words()[0], cue_lexicon().scanner
    target_marks, cue_marks = target_scanner.marks(norm), cue_scanner.marks(norm)
    pending: list[tuple[Quote, list[TargetMention], int, int]] = []
    rows: list[Row] = []
    hits: dict[str, list[tuple[int, int, str]]] = {}
    for q in doc.quotes:
        addressee = addressee_of(q, sides_by_story.get(q.story, []), q.speaker_side)
        others = sorted(n for speaker, n in names.items() if speaker != q.speaker)
        text = norm[q.start : q.end]
        words = _shifted(target_scanner.finditer(norm, q.start, q.end, target_marks), q.start)
        targets, quote_rows = _quote_rows(text, addressee, others, words)
        if targets:
            pending.append((q, targets, len(rows), len(rows) + len(quote_rows)))
            rows += quote_rows
            hits[text] = _shifted(cue_scanner.finditer(norm, q.start, q.end, cue_marks), q.start)
    if not rows:
        return
    classes, proba = model.predict_proba(featurise(rows, hits))
    for q, targets, a, b in pending:
        shown = [_surface(t, q.start, doc, norm) for t in targets]
        q.stance = _stances(norm[q.start : q.end], targets, classes, proba[a:b], shown)
