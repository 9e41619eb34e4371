"""Stance: the targets each quote names, and the speaker's stance toward each.

Targets are parties (sides.tsv), blocs and issues (targets.txt), and the addressee of a
call (你们/您 in one side's quote is the other side).  The stance toward each target is
predicted by a small ensemble of linear models (logistic regression) over features of the
target's place in the quote:

* character n-grams of a window around the target, of the target's clause split into before
  and after the target, of the rest of the quote before and after, and of the whole quote;
* words (the project's segmenter) around the target and in each region of the quote;
* cue words of a polarity lexicon (``lexicons/stance_words.tsv``) with their relation to
  the target: same clause or not, before or after it, negated (不 没 未 并非 …), in a
  concessive clause (尽管/虽然 …) or in the main clause after one (但/仍 …), distance-weighted;
* the target's grammatical position (first mention, clause subject, after 对/向/同/在 …).

The target itself is masked (Ⓣ) and the other targets too (Ⓞ), so what is learnt is how
things are said about a target, not who it is; the mention's own characters are one small
feature block.  The model is trained by ``quotes train stance`` and stored as plain arrays
(``.npz`` loaded without pickles) plus JSON; see ``models/stance/MODEL_CARD.md``.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse

from .accounts import side_lexicon
from .model import Document, Quote, Stance
from .reading import normalise
from .segment import default_segmenter, is_content_word

_CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "、", "跟", "同", "或"})
LABELS = ("support", "oppose", "neutral")
FORMAT = 2  # version of the stored model layout
_N_FEATURES = 2**20  # hashed space of each n-gram block (only columns seen in training are stored)
_N_CUE_FEATURES = 2**16
_CONTEXT = 14  # characters either side of the target mention the window block sees
_NEAR = 10  # characters of the target's clause either side that the near block sees
_WORD_WINDOW = 6  # words either side of the target that the word block sees
_MIN_DF = 2  # a feature is kept when it occurs in at least this many training rows
_ADDRESSEE = ("你们", "您", "贵国", "你方", "貴國")
_TARGET_MARK = "Ⓣ"
_OTHER_MARK = "Ⓞ"
_CLAUSE_BREAKS = frozenset("，。；！？：,;!?…")
_SENTENCE_BREAKS = frozenset("。；！？!?;")
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
def _target_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """All target words, longest first, with their canonical names."""
    sides = side_lexicon()
    canonical = {}
    for word, side in sides.words.items():
        canonical[word] = word if len(word) > 1 and not word.endswith("方") else _party_name(side)
    text = resources.files("quotes.lexicons").joinpath("targets.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            canonical.setdefault(line.strip(), line.strip())
    words = sorted(canonical, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), canonical


def _party_name(side: str) -> str:
    """The full name that stands for a party (中方 → 中国): its first multi-character word."""
    for word, s in side_lexicon().words.items():
        if s == side and len(word) > 1 and not word.endswith("方"):
            return word
    return side


@lru_cache(maxsize=1)
def _topic_set() -> frozenset[str]:
    text = resources.files("quotes.lexicons").joinpath("targets.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def topic_terms(text: str) -> list[str]:
    """Issues and blocs named in ``text`` (simplified)."""
    pattern, _ = _target_words()
    topics = _topic_set()
    return [m.group() for m in pattern.finditer(text) if m.group() in topics]


@dataclass
class TargetMention:
    target: str
    start: int  # offsets into the quote text
    end: int


def find_targets(text: str, addressee: str | None = None) -> list[TargetMention]:
    """Targets named in a quote (normalised text), one mention per target, first first."""
    pattern, canonical = _target_words()
    party_words = side_lexicon().words
    found: dict[str, TargetMention] = {}
    for m in pattern.finditer(text):
        word = m.group()
        if len(word) == 1 and not _abbreviation_used(text, m.start(), m.end(), party_words):
            continue
        target = canonical[word]
        found.setdefault(target, TargetMention(target, m.start(), m.end()))
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
    pattern: re.Pattern[str]
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
    pattern = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    return CueLexicon(words, pattern, hashlib.sha1(raw).hexdigest())


# ----------------------------------------------------------------------------- features

Row = tuple[str, int, int, Sequence[tuple[int, int]]]  # normalised quote, target start, end, other targets


def _masked(text: str, start: int, end: int, others: Iterable[tuple[int, int]]) -> tuple[str, int]:
    """The quote with the target replaced by Ⓣ and other targets by Ⓞ, and where Ⓣ stands."""
    chars = list(text)
    for a, b in others:
        if b <= start or a >= end:
            chars[a:b] = [_OTHER_MARK] + [""] * (b - a - 1)
    head = "".join(chars[:start])
    return head + _TARGET_MARK + "".join(chars[end:]), len(head)


def _ngrams(s: str, lo: int, hi: int, prefix: str) -> list[str]:
    return [prefix + s[i : i + n] for n in range(lo, hi + 1) for i in range(len(s) - n + 1)]


def _span(m: str, pos: int, breaks: frozenset[str]) -> tuple[int, int]:
    a = pos
    while a > 0 and m[a - 1] not in breaks:
        a -= 1
    b = pos
    while b < len(m) and m[b] not in breaks:
        b += 1
    return a, b


def word_spans(text: str) -> list[tuple[int, int]]:
    """Token spans of a normalised quote by the project's segmenter (characters without one)."""
    seg = default_segmenter()
    return seg.spans(text) if seg is not None else [(i, i + 1) for i in range(len(text))]


@dataclass
class Features:
    blocks: dict[str, list[str]] = field(default_factory=dict)  # string features per block
    cues: dict[str, float] = field(default_factory=dict)  # lexicon and position features


def features(text: str, start: int, end: int, others: Sequence[tuple[int, int]] = (),
             spans: Sequence[tuple[int, int]] | None = None) -> Features:
    """Every feature of one target in one (normalised) quote.  ``spans``: ``word_spans(text)``."""
    m, pos = _masked(text, start, end, others)
    cs, ce = _span(m, pos, _CLAUSE_BREAKS)
    mentions = [i for i, ch in enumerate(m) if ch in (_TARGET_MARK, _OTHER_MARK)]
    first = mentions[0] == pos
    f = Features()
    b = f.blocks
    b["window"] = _ngrams(m[max(0, pos - _CONTEXT) : pos + 1 + _CONTEXT], 1, 4, "c:")
    b["near"] = _ngrams(m[cs:pos][-_NEAR:], 1, 3, "L:") + _ngrams(m[pos + 1 : ce][:_NEAR], 1, 3, "R:")
    b["region"] = (_ngrams(m[:cs], 1, 2, "P:") + _ngrams(m[cs:pos], 1, 2, "B:")
                   + _ngrams(m[pos + 1 : ce], 1, 2, "A:") + _ngrams(m[ce:], 1, 2, "N:"))
    b["whole"] = _ngrams(text, 2, 3, "w1:" if first else "w2:")
    b["mention"] = _ngrams(text[start:end], 1, 2, "M:")
    b["position"] = _position(m, pos, cs, ce, mentions)
    b["words"], b["word_regions"] = _word_features(text, start, end, others, spans, pos, cs, ce)
    f.cues = _cue_features(m, pos, cs, ce, mentions)
    return f


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


def _word_features(text, start, end, others, spans, pos, cs, ce) -> tuple[list[str], list[str]]:
    """Words in a window around the target (with side) and in each region of the quote."""
    if spans is None:
        spans = word_spans(text)
    tokens: list[str] = []
    regions: list[str] = []
    target_at = None
    shift = end - start - 1  # the masked text is this much shorter after the target
    for x, y in spans:
        if x < end and start < y or (start == end and x == start):
            if target_at is None:
                target_at = len(tokens)
                tokens.append(_TARGET_MARK)
            continue
        w = text[x:y]
        if any(a < y and x < b for a, b in others):
            if not tokens or tokens[-1] != _OTHER_MARK:
                tokens.append(_OTHER_MARK)
            continue
        tokens.append(w)
        if is_content_word(w):
            xm = x if x < start else x - shift
            region = "P" if xm < cs else "B" if xm < pos else "A" if xm < ce else "N"
            regions.append(f"r{region}:{w}")
    if target_at is None:  # a zero-width or unsegmentable target: put it where it starts
        target_at = sum(1 for x, _ in spans if x < start)
        tokens.insert(min(target_at, len(tokens)), _TARGET_MARK)
    lo, hi = max(0, target_at - _WORD_WINDOW), target_at + _WORD_WINDOW + 1
    window = tokens[lo:hi]
    out = []
    for i, w in enumerate(window):
        side = "L" if lo + i < target_at else "R" if lo + i > target_at else "T"
        out += ["u:" + w, f"u{side}:" + w]
        if i + 1 < len(window):
            out.append(f"b:{w}_{window[i + 1]}")
    out += ["U:" + w for w in tokens if w != _TARGET_MARK]
    return out, regions


def _cue_features(m: str, pos: int, cs: int, ce: int, mentions: list[int]) -> dict[str, float]:
    """Lexicon cue words and their relation to the target, plus where the target stands."""
    lex = cue_lexicon()
    f: dict[str, float] = {}

    def add(key: str, value: float = 1.0) -> None:
        f[key] = f.get(key, 0.0) + value

    clause_of, sentence_of, bounds = [0] * len(m), [0] * len(m), []
    c = s = start = 0
    for i, ch in enumerate(m):
        clause_of[i], sentence_of[i] = c, s
        if ch in _CLAUSE_BREAKS:
            bounds.append((start, i))
            start, c = i + 1, c + 1
        if ch in _SENTENCE_BREAKS:
            s += 1
    bounds.append((start, len(m)))
    concessive = {k for k, (x, y) in enumerate(bounds) if _CONCESSION.search(m[x:y])}
    main = {k for k in range(len(bounds)) if k - 1 in concessive and k not in concessive}
    tc, ts = clause_of[pos], sentence_of[pos]
    if tc in concessive:
        add("tconc")
    if tc in main:
        add("tmain")
    n_same, total_same, total = 0, 0.0, 0.0
    for hit in lex.pattern.finditer(m):
        word = hit.group()
        polarity, kind = lex.words[word]
        a, b = hit.span()
        cc = clause_of[a]
        if cc == tc:
            scope = "same"
        elif sentence_of[a] == ts:
            scope = "adj" if abs(cc - tc) == 1 else "sent"
        else:
            scope = "far"
        side = "b" if b <= pos else "a"
        distance = pos - b if side == "b" else a - pos - 1
        clause_start = bounds[cc][0]
        before = _NOT_NEGATION.sub("__", m[max(clause_start, a - _NEGATION_REACH) : a])
        negated = bool(_NEGATION.search(before))
        conc = "c" if cc in concessive else "m" if cc in main else ""
        weight = 1.0 / (1.0 + distance / _DISTANCE_SCALE)
        effect = polarity if not negated else ("-" if polarity == "+" else "+")
        sign = 1.0 if effect == "+" else -1.0
        add(f"{polarity}{kind}:{scope}:{side}:{int(negated)}{conc}")
        add(f"{polarity}{kind}:{scope}:{side}:w", weight)
        add(f"e{effect}:{scope}:{side}", weight)
        add(f"e{effect}:{scope}")
        add(f"e{effect}{conc}")
        add(f"W{word}:{scope}:{side}:{int(negated)}")
        if scope == "same":
            n_same += 1
            total_same += sign * weight
        total += sign
    if n_same == 0:
        add("nocue_same")
    add("tot_same", total_same)
    q = math.tanh(total / 2)
    first = mentions[0] == pos
    add("qpol", q)
    add(f"qpol_first{int(first)}", q)
    add(f"qpol_start{int(pos == cs)}", q)
    add(f"qpol_n{min(len(mentions), 3)}", q)
    if pos == cs:
        add("t_clause_start")
    if pos - cs <= 2:
        add("t_near_start")
    if cs == 0:
        add("t_first_clause")
    if pos > 0 and m[pos - 1] in _PREPOSITIONS:
        add("prep_" + m[pos - 1])
    if m[pos + 1 : pos + 2] == "的":
        add("t_de")
    if _OTHER_MARK in m[cs:ce]:
        add("other_in_clause")
    if any(q_ in m[max(0, pos - 1) : pos + 2] for q_ in _QUOTE_MARKS):
        add("quoted")
    return f


# ----------------------------------------------------------------------------- the model

BLOCKS = ("window", "near", "region", "whole", "mention", "position", "words", "word_regions")
CUES = "cues"
# The ensemble: each head is a logistic regression over some blocks, each block weighted
# (TF-IDF rows are l2-normalised per block; the cue block is used as is, scaled).  Chosen by
# 5-fold group cross-validation on the train split (MODEL_CARD.md).
HEADS: dict[str, dict] = {
    "all": {"c": 8.0, "blocks": {"window": 1.0, "near": 1.0, "region": 1.0, "whole": 1.0, "mention": 1.0,
                                  "position": 1.0, "words": 1.0, CUES: 0.2}},
    "chars": {"c": 8.0, "blocks": {"window": 1.0, "near": 1.0, "region": 1.0, "whole": 1.0, "mention": 1.0}},
    "words": {"c": 8.0, "blocks": {"words": 1.0, "word_regions": 1.0}},
}


@lru_cache(maxsize=2**18)
def _token_hash(token: str) -> int:
    # a standard-library hash keeps scikit-learn out of the analysis path (a second of start-up)
    return zlib.crc32(token.encode("utf-8"))


@dataclass
class Coded:
    """One block of a batch of rows, hashed: entry k is feature ``index[k]`` of row ``row[k]``."""

    row: np.ndarray
    index: np.ndarray
    value: np.ndarray
    n_rows: int


def _coded(feats: list[Features]) -> dict[str, Coded]:
    """Every block of ``feats`` hashed (CRC-32 of the feature string, modulo the block size)."""
    out = {}
    for name in BLOCKS:
        lists = [f.blocks[name] for f in feats]
        tokens = [t for ts in lists for t in ts]
        index = np.fromiter((_token_hash(t) for t in tokens), dtype=np.int64, count=len(tokens)) % _N_FEATURES
        row = np.repeat(np.arange(len(feats)), [len(ts) for ts in lists])
        out[name] = Coded(row, index, np.ones(len(tokens)), len(feats))
    keys = [k for f in feats for k in f.cues]
    index = np.fromiter((_token_hash(k) for k in keys), dtype=np.int64, count=len(keys)) % _N_CUE_FEATURES
    value = np.fromiter((v for f in feats for v in f.cues.values()), dtype=np.float64, count=len(keys))
    row = np.repeat(np.arange(len(feats)), [len(f.cues) for f in feats])
    out[CUES] = Coded(row, index, value, len(feats))
    return out


@dataclass
class Vocabulary:
    """The kept columns of one block and their idf (``idf`` None for the cue block: raw values)."""

    cols: np.ndarray  # sorted hashed indices seen in at least _MIN_DF training rows
    idf: np.ndarray | None

    def apply(self, x: Coded) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, value) of the block with known columns renumbered 0..len(cols), summed
        per row and column, then TF-IDF (1 + log tf) with each row l2-normalised, unless raw."""
        if not len(self.cols) or not len(x.index):
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        at = np.searchsorted(self.cols, x.index)
        at[at == len(self.cols)] = 0
        known = self.cols[at] == x.index
        key, inverse = np.unique(x.row[known] * len(self.cols) + at[known], return_inverse=True)
        data = np.bincount(inverse, weights=x.value[known], minlength=len(key))
        row, col = key // len(self.cols), key % len(self.cols)
        if self.idf is not None:
            data = (1.0 + np.log(data)) * self.idf[col]
            norms = np.sqrt(np.bincount(row, weights=data * data, minlength=x.n_rows))
            norms[norms == 0] = 1.0
            data = data / norms[row]
        return row, col, data

    def matrix(self, x: Coded) -> sparse.csr_matrix:
        row, col, data = self.apply(x)
        return sparse.csr_matrix((data, (row, col)), shape=(x.n_rows, len(self.cols)))

    @classmethod
    def fit(cls, x: Coded, tfidf: bool) -> Vocabulary:
        index = np.unique(x.row * (_N_FEATURES + 1) + x.index) % (_N_FEATURES + 1)  # one count per row
        cols, df = np.unique(index, return_counts=True)
        keep = df >= _MIN_DF
        idf = (np.log((1 + x.n_rows) / (1 + df[keep])) + 1.0).astype(np.float32) if tfidf else None
        return cls(cols[keep].astype(np.int32), idf)


@dataclass
class Head:
    name: str
    c: float
    blocks: dict[str, float]
    coef: np.ndarray | None = None  # (classes, columns of its blocks in order)
    intercept: np.ndarray | None = None

    def design(self, blocks: dict[str, sparse.csr_matrix]) -> sparse.csr_matrix:
        """The head's input: its blocks (already through the vocabulary), weighted, side by side."""
        return sparse.hstack([blocks[b] * w for b, w in self.blocks.items()], format="csr")

    def scores(self, applied: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]], widths: dict[str, int], n: int) -> np.ndarray:
        """``design(...) @ coef.T + intercept`` without building the matrix (the fast path)."""
        z = np.tile(self.intercept.astype(np.float64), (n, 1))
        offset = 0
        for b, w in self.blocks.items():
            row, col, data = applied[b]
            if len(row):
                for k in range(z.shape[1]):
                    z[:, k] += np.bincount(row, weights=self.coef[k, offset + col] * (data * w), minlength=n)
            offset += widths[b]
        return z


class StanceModel:
    """An ensemble of logistic regressions over hashed n-gram, word and cue features."""

    def __init__(self, heads: dict[str, dict] | None = None, classes: tuple[str, ...] = tuple(sorted(LABELS))):
        self.classes = tuple(classes)
        self.heads = [Head(n, float(h["c"]), dict(h["blocks"])) for n, h in (heads or HEADS).items()]
        self.vocab: dict[str, Vocabulary] = {}

    @property
    def blocks(self) -> list[str]:
        return sorted({b for h in self.heads for b in h.blocks})

    # -- features

    @staticmethod
    def featurise(rows: Sequence[Row]) -> list[Features]:
        spans: dict[str, list[tuple[int, int]]] = {}
        out = []
        for text, a, b, others in rows:
            if text not in spans:
                spans[text] = word_spans(text)
            out.append(features(text, a, b, others, spans[text]))
        return out

    # -- training and prediction

    def fit(self, rows: Sequence[Row] | list[Features], labels: Sequence[str]) -> StanceModel:
        from threadpoolctl import threadpool_limits

        feats = rows if rows and isinstance(rows[0], Features) else self.featurise(rows)  # type: ignore[arg-type]
        coded = _coded(feats)
        self.vocab = {b: Vocabulary.fit(coded[b], tfidf=b != CUES) for b in self.blocks}
        blocks = {b: v.matrix(coded[b]) for b, v in self.vocab.items()}
        with threadpool_limits(1):  # many BLAS threads on these small matrices only slow lbfgs down
            for head in self.heads:
                from sklearn.linear_model import LogisticRegression  # training only

                clf = LogisticRegression(C=head.c, max_iter=3000, class_weight="balanced")
                clf.fit(head.design(blocks), list(labels))
                order = [list(clf.classes_).index(c) for c in self.classes]
                head.coef = clf.coef_[order].astype(np.float32)
                head.intercept = clf.intercept_[order].astype(np.float32)
        return self

    def predict_proba(self, rows: Sequence[Row] | list[Features]) -> tuple[list[str], np.ndarray]:
        """The classes and, for each row, their probabilities (geometric mean of the heads')."""
        if not len(rows):
            return list(self.classes), np.zeros((0, len(self.classes)))
        feats = rows if isinstance(rows[0], Features) else self.featurise(rows)  # type: ignore[arg-type]
        coded = _coded(feats)
        applied = {b: v.apply(coded[b]) for b, v in self.vocab.items()}
        widths = {b: len(v.cols) for b, v in self.vocab.items()}
        log_p = np.zeros((len(feats), len(self.classes)))
        for head in self.heads:
            z = head.scores(applied, widths, len(feats))
            z -= z.max(axis=1, keepdims=True)
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
            "format": FORMAT, "classes": list(self.classes), "n_features": _N_FEATURES, "n_cue_features": _N_CUE_FEATURES,
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
    feats = StanceModel.featurise(_row_features(train))
    labels = [r["label"] for r in train]
    groups = [r["group"] for r in train]
    cv_scores, cv_pred = [], [""] * len(train)
    for tr, te in GroupKFold(n_splits=folds).split(feats, labels, groups):
        model = StanceModel().fit([feats[i] for i in tr], [labels[i] for i in tr])
        pred = model.predict([feats[i] for i in te])
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


def _quote_rows(text: str, addressee: str | None) -> tuple[list[TargetMention], list[Features]]:
    norm = normalise(text)
    targets = find_targets(norm, addressee)
    if not targets:
        return [], []
    spans = word_spans(norm)
    return targets, [features(norm, t.start, t.end, [(o.start, o.end) for o in targets if o is not t], spans) for t in targets]


def _stances(norm: str, targets: list[TargetMention], classes: list[str], proba: np.ndarray) -> list[Stance]:
    """One stance per target; targets joined by a conjunction (美国和欧洲不断施压) share one:
    the mean of their probabilities, since the predicate applies to both alike."""
    proba = proba.copy()
    order = sorted(range(len(targets)), key=lambda i: targets[i].start)
    group = [order[0]] if order else []
    for prev, cur in zip(order, order[1:]):
        if norm[targets[prev].end : targets[cur].start] in _CONJUNCTIONS:
            group.append(cur)
            continue
        _share(proba, group)
        group = [cur]
    _share(proba, group)
    return [Stance(t.target, str(classes[int(p.argmax())]), round(float(p.max()), 3)) for t, p in zip(targets, proba)]


def _share(proba: np.ndarray, group: list[int]) -> None:
    if len(group) > 1:
        proba[group] = proba[group].mean(axis=0)


def stance_of(text: str, addressee: str | None = None, model: StanceModel | None = None) -> list[Stance]:
    """The stance toward each target named in ``text`` (any script); [] without a model."""
    model = model or _model()
    if model is None:
        return []
    targets, feats = _quote_rows(text, addressee)
    if not targets:
        return []
    classes, proba = model.predict_proba(feats)
    return _stances(normalise(text), targets, classes, proba)


_SCARE_QUOTE = re.compile(r"[“「『\"]([^“”「」『』\"，。！？；：\n]{1,8})[”」』\"]")
_SO_CALLED = re.compile(r"所谓的?(?:[“「『\"][^”」』\"]{1,12}[”」』\"]|[^，。！？；：\s“「]{1,8})")


def distancing_markers(text: str, before: str = "") -> list[str]:
    """The reporter's or speaker's distance markers in and just before a quote: 所谓X, and
    short terms in scare quotes (“躺平”); the quote's own marks are not counted."""
    found = [m.group() for m in _SO_CALLED.finditer(normalise(before + text))]
    found += [m.group() for m in _SCARE_QUOTE.finditer(normalise(text)) if m.group() not in " ".join(found)]
    return found


def assign_stance(doc: Document) -> None:
    """Fill ``distancing`` on every quote, and ``stance`` with the targets it names (one model
    call per document)."""
    for q in doc.quotes:
        q.distancing = distancing_markers(q.text, doc.text[max(0, q.start - 8) : q.start])
    model = _model()
    if model is None:
        return
    sides_by_story: dict[str, list[str]] = {}
    for q in doc.quotes:
        if q.side and q.side not in sides_by_story.setdefault(q.story, []):
            sides_by_story[q.story].append(q.side)
    pending: list[tuple[Quote, list[TargetMention], int, int]] = []
    feats: list[Features] = []
    for q in doc.quotes:
        targets, rows = _quote_rows(q.text, addressee_of(q, sides_by_story.get(q.story, []), q.speaker_side))
        if targets:
            pending.append((q, targets, len(feats), len(feats) + len(rows)))
            feats += rows
    if not feats:
        return
    classes, proba = model.predict_proba(feats)
    for q, targets, a, b in pending:
        q.stance = _stances(normalise(q.text), targets, classes, proba[a:b])
