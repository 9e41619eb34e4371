"""The comparator: align two sides' accounts statement by statement.

Each sided quote is paired with its most similar quote among the other sides (the same
speaker first, then anyone: one side may put in the other's leader's mouth what that
leader's own side words differently).  Below the threshold it is ``one_sided``.

Similarity survives paraphrase by mixing three views of a statement: character n-grams
(robust to segmentation and to script), words, and the key terms both name (parties and
topics such as 乌克兰 or 台湾).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .accounts import side_lexicon
from .model import Comparison, Document, Match, Quote
from .reading import normalise
from .segment import default_segmenter, is_content_word

# Calibrated on the project's annotated two-sided documents (see README, "Comparator"):
# a statement matches its most similar counterpart above THRESHOLD, or above
# MUTUAL_THRESHOLD when each is the other's best counterpart and both come from readouts.
THRESHOLD = 0.30
MUTUAL_THRESHOLD = 0.08
WEIGHTS = (0.25, 0.35, 0.2, 0.2)  # characters, paraphrase concepts, words, key terms
_CONCEPT_BASE = 0xE000  # private-use characters stand for paraphrase groups
_PARTY_BASE = 0xE400  # and for parties


@dataclass
class Statement:
    """A quote as the comparator sees it."""

    quote: Quote
    side: str
    doc: int | None = None

    @property
    def framed(self) -> bool:
        """Told in a readout (an account frame) rather than as a reaction outside it."""
        return self.quote.source is not None or self.doc is not None


@lru_cache(maxsize=1)
def _concept_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Each paraphrase word and the one character that stands for its group."""
    text = resources.files("quotes.lexicons").joinpath("paraphrases.txt").read_text(encoding="utf-8")
    table = {}
    groups = [ln.split() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for n, words in enumerate(groups):
        for w in words:
            table.setdefault(w, chr(_CONCEPT_BASE + n))
    return re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True)))), table


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
    """A statement with its first and second persons replaced by the parties they stand for
    (我们 in 中方's mouth is 中方, 你们 the other party), so that readouts written from either
    side compare alike."""
    text = normalise(quote.text)
    own = quote.speaker_side
    if own:
        text = re.sub("我们|我国|我方|咱们", own, text)
        others = [x for x in sides if x != own]
        if len(others) == 1:
            text = re.sub("你们|您|贵国|贵方|你方", others[0], text)
    return text


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Content words of a normalised statement: the project's segmenter, punctuation dropped."""
    seg = default_segmenter()
    tokens = seg.cut(text) if seg is not None else list(text)
    return tuple(t for t in tokens if is_content_word(t))


def _key_terms(text: str) -> set[str]:
    return set(side_lexicon().parties(text)) | set(_topics(text))


def _topics(text: str) -> list[str]:
    from .stance import topic_terms

    return topic_terms(text)


def similarity(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    """A (len(a), len(b)) matrix of paraphrase-tolerant similarities in [0, 1]."""
    if not texts_a or not texts_b:
        return np.zeros((len(texts_a), len(texts_b)))
    # imported here: only stories told by two sides need them, and they cost a second to load
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    norm_a = [normalise(t) for t in texts_a]
    norm_b = [normalise(t) for t in texts_b]
    chars = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True).fit(norm_a + norm_b)
    char_sim = cosine_similarity(chars.transform(norm_a), chars.transform(norm_b))
    concept_a, concept_b = [concepts(t) for t in norm_a], [concepts(t) for t in norm_b]
    meaning = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True).fit(concept_a + concept_b)
    concept_sim = cosine_similarity(meaning.transform(concept_a), meaning.transform(concept_b))
    terms_a = [_key_terms(t) for t in norm_a]
    terms_b = [_key_terms(t) for t in norm_b]
    vocab = TfidfVectorizer(analyzer=words, sublinear_tf=True).fit(norm_a + norm_b)
    word_sim = cosine_similarity(vocab.transform(norm_a), vocab.transform(norm_b))
    term_sim = np.array([[len(x & y) / len(x | y) if x | y else 0.0 for y in terms_b] for x in terms_a])
    wc, wm, ww, wt = WEIGHTS
    return wc * char_sim + wm * concept_sim + ww * word_sim + wt * term_sim


def align(statements: list[Statement], threshold: float = THRESHOLD) -> list[Comparison]:
    """One comparison entry per statement, against the statements of the other sides."""
    if len({s.side for s in statements}) < 2:
        return []
    sides = sorted({s.side for s in statements})
    texts = [perspective(s.quote, sides) for s in statements]
    sim = similarity(texts, texts)

    def best_of(i: int) -> int:
        return max((j for j, t in enumerate(statements) if t.side != statements[i].side), key=lambda j: sim[i, j])

    out = []
    for i, s in enumerate(statements):
        others = [j for j, t in enumerate(statements) if t.side != s.side]
        same_speaker = [j for j in others if statements[j].quote.speaker and statements[j].quote.speaker == s.quote.speaker]
        best = max(others, key=lambda j: sim[i, j])
        if same_speaker:
            best_same = max(same_speaker, key=lambda j: sim[i, j])
            if sim[i, best_same] >= threshold:
                best = best_same
        score = float(round(sim[i, best], 3))
        match = Match(quote=statements[best].quote.id, similarity=score, doc=statements[best].doc)
        other = statements[best]
        mutual = best_of(best) == i and s.framed and other.framed and _same_voice(s.quote, other.quote)
        matched = score >= threshold or (mutual and score >= MUTUAL_THRESHOLD)
        out.append(Comparison(
            quote=s.quote.id, speaker=s.quote.speaker, side=s.side,
            status="matched" if matched else "one_sided",
            absent_from=[] if matched else [x for x in sides if x != s.side],
            best_match=match, doc=s.doc,
        ))
    return out


def _same_voice(a: Quote, b: Quote) -> bool:
    """The same speaker, or two accounts speaking for themselves (双方同意… in each readout)."""
    if a.speaker and a.speaker == b.speaker:
        return True
    return a.speaker_kind != "person" and b.speaker_kind != "person"


def compare_document(doc: Document) -> None:
    """Fill ``doc.comparison`` for every story with two or more sides."""
    by_story: dict[str, list[Statement]] = {}
    for q in doc.quotes:
        if q.side:
            by_story.setdefault(q.story, []).append(Statement(q, q.side))
    doc.comparison = [c for statements in by_story.values() for c in align(statements)]


def compare_documents(docs: list[Document], sides: list[str]) -> list[Comparison]:
    """Cross-file comparison: each document is one side's account."""
    statements = []
    for i, (doc, side) in enumerate(zip(docs, sides)):
        for q in doc.quotes:
            if q.type != "headline":
                q.side = side
                statements.append(Statement(q, side, doc=i))
    return align(statements)
