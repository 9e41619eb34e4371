"""The polarity words of a target's view and their relation to it: the cue block."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
import hashlib
import re

import numpy as np

from ..lexicons import WordScanner
from .entries import BLOCKS, CUES, Entries, code, feature_ids, mixed, ranges, template_tags
from .layout import Geometry, Layout

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


_SCOPES = ("same", "adj", "sent", "far")  # where a cue word stands: the target's clause, the next, its sentence, further
_SIDES = ("b", "a")  # before or after the target
_CONC = ("", "c", "m")  # plain clause, concessive clause, main clause after a concessive one
_POLARITY = ("+", "-")


def cue_id(template: str, **fields: str | int | bool) -> int:
    """The id of one cue feature, for inspection: ``cue_id("effect_side", effect="+",
    scope="same", side="b")``; the fields of each template are those of ``_cue_entries``."""
    names = {"scope": _SCOPES, "side": _SIDES, "conc": _CONC, "effect": _POLARITY, "polarity": _POLARITY}
    codes = [names[k].index(v) if k in names else int(v) for k, v in fields.items()]
    return int(mixed(template, *codes)[0])



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


def find_hits(lay: Layout, g: Geometry, found: Sequence[tuple[int, int, str]]) -> Hits:
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


def cue_entries(lay: Layout, g: Geometry, hits: Hits) -> Entries:
    """Each polarity word of a target's view, by its relation to the target (same clause or
    not, before or after, negated, in a concessive clause or the main clause after one),
    counted and distance-weighted; and the quote's overall polarity in the view."""
    pos, n_rows = lay.pos, lay.n_rows
    lo, hi = np.searchsorted(hits.start, g.va), np.searchsorted(hits.start, g.vb)
    at, row = ranges(lo, hi, 1)
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
    codes = np.stack([code(polarity, kind, scope, side, negated, conc), code(polarity, kind, scope, side),
                      code(effect, scope, side), code(effect, scope), code(effect, conc), code(word, scope, side, negated)],
                     axis=1)
    ids = feature_ids(template_tags(*_CUE_TEMPLATES), codes)
    ones = np.ones(len(at))
    values = np.stack([ones, weight, weight, ones, ones, ones], axis=1)
    sign = np.where(effect == 0, 1.0, -1.0)
    same_n = np.bincount(row[same], minlength=n_rows)
    tot_same = np.bincount(row[same], weights=(sign * weight)[same], minlength=n_rows)
    q = np.tanh(np.bincount(row, weights=sign, minlength=n_rows) / 2)
    first = g.rank == 0
    n_marks = np.minimum(g.view_marks, 3)
    codes = np.append(g.codes, 0).astype(np.int64)  # codes[-1]: nothing, before the first character
    prev, nxt = codes[pos - 1], codes[pos + 1]
    at_start, tc = pos == g.cs, t_clause
    flags = np.stack([
        same_n == 0, tot_same, q, q * first, q * ~first, q * at_start, q * ~at_start,
        at_start, pos - g.cs <= 2, g.cs == g.va, nxt == ord("的"),
        g.clause_marks > 1,  # another target in the clause
        np.isin(prev, _QUOTE_CODES) | np.isin(nxt, _QUOTE_CODES), g.concessive[tc], g.main[tc],
        *(q * (n_marks == n) for n in range(4)),  # the quote's polarity by how many targets the view names
    ], axis=1).astype(np.float64)
    flag_rows, flag_cols = np.nonzero(flags)
    prep = np.flatnonzero(np.isin(prev, _PREPOSITION_CODES))
    owner = np.concatenate([np.repeat(row, len(_CUE_TEMPLATES)), flag_rows, prep])
    return Entries(owner, np.concatenate([ids.ravel(), _flag_ids()[flag_cols], mixed("prep", prev[prep])]),
                   np.concatenate([values.ravel(), flags[flag_rows, flag_cols], np.ones(len(prep))]),
                   np.full(len(owner), BLOCKS.index(CUES), np.int8))


_CUE_TEMPLATES = ("kind", "kind_w", "effect_side", "effect", "effect_conc", "word")


@cache
def _flag_ids() -> np.ndarray:
    names = ("nocue_same", "tot_same", "qpol", "qpol_first", "qpol_later", "qpol_start", "qpol_inside",
             "t_clause_start", "t_near_start", "t_first_clause", "t_de", "other_in_clause", "quoted", "tconc", "tmain",
             "qpol_n0", "qpol_n1", "qpol_n2", "qpol_n3")
    return np.concatenate([mixed(name) for name in names])

