"""The comparator: align two sides' accounts statement by statement.

Each sided quote is paired with its best counterpart among the other sides: the most similar
statement that the same voice could have made (the same person, whichever side quotes them,
or an account speaking for itself or for both parties: two different people do not make one
statement), else the most similar of all.  It is ``matched`` when the two are each other's
best counterpart, or when they are alike enough on their own; otherwise ``one_sided``.

Similarity survives paraphrase by mixing views of a statement with the story's own parties
blanked out: character n-grams (robust to segmentation and to script), paraphrase concepts,
words, and the key terms both name (third parties and topics such as 乌克兰 or 台湾).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .accounts import side_lexicon
from .lexicons import word_pattern
from .model import Comparison, Document, Match, Quote
from .reading import normalise
from .segment import default_segmenter, is_content_word
from .vectors import default_vectors

# Calibrated on the project's annotated two-sided documents and cross-file pairs (see README,
# "Comparator"): a statement matches its best counterpart of the same voice above THRESHOLD,
# or above MUTUAL_THRESHOLD when each is the other's best and both come from readouts.
THRESHOLD = 0.30
MUTUAL_THRESHOLD = 0.11
NARRATION_THRESHOLD = 0.15  # two accounts' own bodies telling an outcome: one told twice only when this alike
JOINT_THRESHOLD = 0.06  # two joint outcomes (双方同意…), each the other's best: nearly always one outcome told twice
WEIGHTS = (0.175, 0.245, 0.14, 0.14, 0.3)  # characters, paraphrase concepts, words, key terms, word vectors
_CONCEPT_BASE = 0xE000  # private-use characters stand for paraphrase groups
_PARTY_BASE = 0xE400  # and for parties
_PARTY_PRONOUNS = re.compile("我们|我国|我方|咱们|你们|您|贵国|贵方|你方")
# a statement put to both parties at once (双方同意…, 三方一致同意…) is a joint outcome; 三国应携手…
# is the speaker's own view of what all should do
_JOINT_SUBJECT = re.compile("(?:[\u4e00-\u9fff]{2}(?=两国|两军))?(?:双方|两国|两军|两人|两位|三方|三国|各方|两个国家|三个国家)"
                            "(?:[^，。；]{0,6}?(?:同意|认为|决定|确认|商定|承诺|重申|强调|讨论|达成|签署|欢迎|支持|表示|愿|将|已|一致)"
                            "|就[^，。；]{1,30}?达成)")  # 三方就设立协调中心达成一致
# 中方在峰会上同意…: what a party agrees or offers
_PARTY_SUBJECT = re.compile("(?P<party>[\u4e00-\u9fff]{1,2}方)[^，。；]{0,8}?(?:同意|承诺|愿|决定|确认|答应)")
_JOINT_CLAUSE = re.compile("(?:^|，)" + _JOINT_SUBJECT.pattern)  # …举行会谈，两人同意…
_WHITE_SPACE = re.compile(r"\s\s+")
_BLOCK = 4096  # columns of the TF-IDF vectors multiplied at a time
_DENIALS = frozenset({"否认", "驳斥", "反驳", "否定", "澄清"})
_DENIAL_WORDS = re.compile("否认|驳斥|毫无根据|纯属捏造|子虚乌有|不实指控")


@dataclass
class Statement:
    """A quote as the comparator sees it."""

    quote: Quote
    side: str
    doc: int | None = None

    @property
    def framed(self) -> bool:
        """Told in a party's own readout (the account frame in force is that party's, or a
        file of its own) rather than as a reaction outside it or through a third party's report."""
        if self.doc is not None or (self.quote.source is not None and self.quote.side_reason == "frame"):
            return True
        # a party's own body telling a joint outcome ((首尔综合电)国防部表示，…两人同意…) is that party's readout
        return (self.quote.speaker_kind == "organization" and self.quote.speaker_side == self.side
                and _JOINT_CLAUSE.search(normalise(self.quote.text)) is not None)

    @property
    def denies(self) -> bool:
        """A denial (否认…, 驳斥…) says the opposite of what it answers, whatever words it shares."""
        cue = normalise(self.quote.cue or "")
        return cue in _DENIALS or _DENIAL_WORDS.search(normalise(self.quote.text)) is not None


@lru_cache(maxsize=1)
def _concept_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Each paraphrase word and the one character that stands for its group."""
    text = resources.files("quotes.lexicons").joinpath("paraphrases.txt").read_text(encoding="utf-8")
    table = {}
    groups = [ln.split() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for n, words in enumerate(groups):
        for w in words:
            table.setdefault(w, chr(_CONCEPT_BASE + n))
    return word_pattern(table), table


def concepts(text: str) -> str:
    """``text`` (normalised) with each paraphrase word replaced by its group's character, and
    each party's names (中方, 中国, 北京…) by one character for the party."""
    pattern, table = _concept_table()
    text = pattern.sub(lambda m: table[m.group()], text)
    parties = side_lexicon()
    return parties.pattern.sub(lambda m: _party_mark(parties.words[m.group()]) if len(m.group()) > 1 else m.group(), text)


@lru_cache(maxsize=256)
def _party_mark(side: str) -> str:
    return chr(_PARTY_BASE + sorted(set(side_lexicon().words.values())).index(side))


def perspective(quote: Quote, sides: list[str]) -> str:
    """A statement with the story's own parties blanked out, by name (中方, 中国, 北京…) or by
    the pronoun that stands for one (我们 in a party's mouth, 你们 the other party): nearly
    every statement of a story names its parties, so they tell nothing about which statement
    is which, and readouts written from either side then compare alike."""
    text = normalise(quote.text)
    if quote.speaker_side:
        text = _PARTY_PRONOUNS.sub(" ", text)
    lex = side_lexicon()
    # one-character abbreviations (中, 美) are left alone: they occur inside other words
    return lex.pattern.sub(lambda m: " " if len(m.group()) > 1 and lex.words[m.group()] in sides else m.group(), text)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Content words of a normalised statement: the project's segmenter, punctuation dropped."""
    seg = default_segmenter()
    tokens = seg.cut(text) if seg is not None else list(text)
    return tuple(t for t in tokens if is_content_word(t))


def _key_terms(text: str) -> set[str]:
    return set(side_lexicon().parties(text)) | set(_topics(text))


def _topics(text: str) -> list[str]:
    from .stance.targets import topic_terms

    return topic_terms(text)


def similarity(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    """A (len(a), len(b)) matrix of paraphrase-tolerant similarities in [0, 1]."""
    if not texts_a or not texts_b:
        return np.zeros((len(texts_a), len(texts_b)))
    return sum(w * v for w, v in zip(WEIGHTS, _views(texts_a, texts_b)))


def _views(texts_a: list[str], texts_b: list[str]) -> list[np.ndarray]:
    """Similarity matrices of the statements seen as characters, paraphrase concepts, words,
    key terms (parties and topics: the story's own are blanked out by ``perspective``) and
    words aligned by their vectors (冲突 with 紧张)."""
    norm_a = [normalise(t) for t in texts_a]
    norm_b = [normalise(t) for t in texts_b]
    terms_a = [_key_terms(t) for t in norm_a]
    terms_b = [_key_terms(t) for t in norm_b]
    words_a, words_b = [words(t) for t in norm_a], [words(t) for t in norm_b]
    word_view = tfidf_cosine([list(w) for w in words_a], [list(w) for w in words_b])
    vectors = default_vectors()
    return [
        tfidf_cosine([char_ngrams(t, 2, 3) for t in norm_a], [char_ngrams(t, 2, 3) for t in norm_b]),
        tfidf_cosine([char_ngrams(concepts(t), 1, 2) for t in norm_a], [char_ngrams(concepts(t), 1, 2) for t in norm_b]),
        word_view,
        np.array([[len(x & y) / len(x | y) if x | y else 0.0 for y in terms_b] for x in terms_a]),
        # without installed vectors, words stand in for them: the weights keep their scale
        vectors.soft_similarity(words_a, words_b) if vectors is not None else word_view,
    ]


def char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character n-grams as scikit-learn's ``analyzer="char"`` reads them (lower case, runs of
    white space as one space)."""
    text = _WHITE_SPACE.sub(" ", text.lower())
    return [text[i : i + n] for n in range(lo, hi + 1) for i in range(len(text) - n + 1)]


def tfidf_cosine(a: list[list[str]], b: list[list[str]]) -> np.ndarray:
    """Cosine similarities of token lists ``a`` against ``b`` as TF-IDF vectors fitted on both:
    scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` (smoothed idf, 1 + log tf, l2 rows),
    which the tests check it against.  Written out with numpy alone: importing scikit-learn
    costs a second in every process, scipy's sparse matrices a tenth of one."""
    docs = a + b
    vocabulary: dict[str, int] = {}
    cols = np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for tokens in docs for t in tokens), dtype=np.int64)
    if not vocabulary:
        return np.zeros((len(a), len(b)))
    width = len(vocabulary)
    rows = np.repeat(np.arange(len(docs)), [len(tokens) for tokens in docs])
    key, counts = np.unique(rows * width + cols, return_counts=True)  # by row, then column
    row, col = key // width, key % width
    df = np.bincount(col, minlength=width)
    data = (1.0 + np.log(counts)) * (np.log((1 + len(docs)) / (1 + df)) + 1.0)[col]
    norms = np.sqrt(np.bincount(row, weights=data * data, minlength=len(docs)))
    data /= np.where(norms > 0, norms, 1.0)[row]
    # the product a block of columns at a time, each block dense: bounded memory however
    # many statements two long files hold
    sim = np.zeros((len(a), len(b)))
    for lo in range(0, width, _BLOCK):
        part = (col >= lo) & (col < lo + _BLOCK)
        block = np.zeros((len(docs), min(_BLOCK, width - lo)))
        block[row[part], col[part] - lo] = data[part]
        sim += block[: len(a)] @ block[len(a) :].T
    return sim


def align(statements: list[Statement]) -> list[Comparison]:
    """One comparison entry per statement, against the statements of the other sides."""
    if len({s.side for s in statements}) < 2:
        return []
    sides = sorted({s.side for s in statements})
    texts = [perspective(s.quote, sides) for s in statements]
    sim = similarity(texts, texts)
    out = []
    for i, (j, matched) in enumerate(_counterparts(statements, sides, sim)):
        s = statements[i]
        out.append(Comparison(
            quote=s.quote.id, speaker=s.quote.speaker, side=s.side,
            status="matched" if matched else "one_sided",
            absent_from=[] if matched else [x for x in sides if x != s.side],
            best_match=Match(quote=statements[j].quote.id, similarity=float(round(sim[i, j], 3)), doc=statements[j].doc),
            doc=s.doc,
        ))
    return out


def _counterparts(statements: list[Statement], sides: list[str], sim: np.ndarray) -> list[tuple[int, bool]]:
    """Each statement's best match and whether it is its counterpart: the best of its voice in
    some other side's account, above THRESHOLD, or above MUTUAL_THRESHOLD when each is the
    other's best there and both come from readouts.  Unmatched, the best match is the most
    similar statement of its voice, else of anyone."""
    other = np.array([[a.side != b.side for b in statements] for a in statements])
    voices = [_voice(s.quote) for s in statements]
    denial = np.array([s.denies for s in statements])
    voiced = np.array([[_same_voice(a, b) for b in voices] for a in voices]) & other & (denial[:, None] == denial[None, :])
    side_of = np.array([sides.index(s.side) for s in statements])
    # the best of each statement's voice in each side's account, a column per side
    best = np.stack([np.where(voiced & (side_of == k), sim, -1.0).argmax(axis=1) for k in range(len(sides))], axis=1)
    # and of the joint outcomes (双方同意…), which two readouts nearly always both tell, each
    # in its own words: one is compared with the other account's joint outcomes first
    joint = np.array([_shared_position(s.quote) for s in statements])
    pair_of_joints = voiced & joint[:, None] & joint[None, :]
    best_joint = np.stack([np.where(pair_of_joints & (side_of == k), sim, -1.0).argmax(axis=1) for k in range(len(sides))], axis=1)

    # within one story: a party's own voice in its own account, not a joint outcome or what the
    # other party agreed (across files every quote is its file's)
    own = [s.doc is None and s.quote.speaker_side == s.side and not _shared_position(s.quote, any_clause=True) for s in statements]
    # an account's own body telling what came of the meeting (文告还说，下一轮会谈将…) narrates it
    narrates = [voices[i] is None and s.framed for i, s in enumerate(statements)]

    def matches(i: int, j: int) -> bool:
        if own[i] and own[j] and not (narrates[i] and narrates[j] and sim[i, j] >= NARRATION_THRESHOLD):
            return False  # each party saying its own piece in its own account: two statements, not one told twice
        # each the other's best, told in readouts, or by one named person in a readout and in his own words
        framed = statements[i].framed, statements[j].framed
        person = bool(voices[i] and voices[j]) and any(framed)  # voiced: then the same person
        mutual = best[i, side_of[j]] == j and best[j, side_of[i]] == i and (person or all(framed))
        mutual_joints = pair_of_joints[i, j] and best_joint[i, side_of[j]] == j and best_joint[j, side_of[i]] == i
        return bool(voiced[i, j]) and (sim[i, j] >= THRESHOLD or (mutual and sim[i, j] >= MUTUAL_THRESHOLD)
                                       or (mutual_joints and sim[i, j] >= JOINT_THRESHOLD))

    out = []
    for i in range(len(statements)):
        found = [j for k in range(len(sides)) if k != side_of[i]
                 for j in dict.fromkeys((best[i, k], best_joint[i, k])) if matches(i, j)]
        if joint[i]:
            found = [j for j in found if joint[j]] or found  # a joint outcome is told as one
        # told in three accounts, a statement points on to a later telling: following the links
        # from the first visits every account, instead of all pointing back to one
        pool = [j for j in found if j > i] or found or np.flatnonzero(voiced[i] if voiced[i].any() else other[i])
        out.append((int(max(pool, key=lambda k: sim[i, k])), bool(found)))
    return out


def _voice(quote: Quote) -> str | None:
    """Who a statement is a person's own statement of (the speaker's name, "" when unnamed), or
    None for an account speaking for itself or for both parties (双方同意…, whoever it is put to)."""
    if quote.speaker_kind == "anonymous":
        return ""  # an unnamed official is a voice of its own, never the account's
    if quote.speaker_kind != "person" or _shared_position(quote):
        return None
    return normalise(quote.speaker or "")


def _shared_position(quote: Quote, any_clause: bool = False) -> bool:
    """A joint outcome (双方同意…; with ``any_clause`` also in a later clause: 一旦完成，双方将…)
    or what the other party agreed (中方在峰会上同意…)."""
    text = normalise(quote.text)
    joint = _JOINT_CLAUSE.search(text) if any_clause else _JOINT_SUBJECT.match(text)
    return joint is not None or _other_party_s_offer(text, quote.speaker_side)


def _other_party_s_offer(text: str, own: str | None) -> bool:
    """Does the statement tell what another party agreed or offered (an EU official: 中方在峰会上
    同意…)? That is the other party's position, which its own readout may put in anyone's mouth."""
    m = _PARTY_SUBJECT.match(text)
    return m is not None and side_lexicon().side_of(m.group("party")) not in (None, own)


def _same_voice(a: str | None, b: str | None) -> bool:
    """Whether two voices can utter one statement: an account or joint voice on either end, or
    the same person (森田 is 森田健一 named short); two different people do not say the same thing."""
    if a is None or b is None:
        return True
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def compare_document(doc: Document) -> None:
    """Fill ``doc.comparison`` for every story with two or more sides."""
    by_story: dict[str, list[Statement]] = {}
    for q in doc.quotes:
        if q.side:
            by_story.setdefault(q.story, []).append(Statement(q, q.side))
    doc.comparison = [c for statements in by_story.values() for c in align(statements)]


def compare_documents(docs: list[Document], sides: list[str], reasons: list[str | None] | None = None) -> list[Comparison]:
    """Cross-file comparison: each document is one side's account (told by ``reasons``:
    frame, outlet, speakers, mentions or given)."""
    statements = []
    reasons = reasons or ["given"] * len(docs)
    for i, (doc, side, reason) in enumerate(zip(docs, sides, reasons)):
        for q in doc.quotes:
            q.side, q.side_reason = side, reason
            statements.append(Statement(q, side, doc=i))
    return align(statements)
