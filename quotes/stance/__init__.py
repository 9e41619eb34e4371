"""Stance: the targets each quote names, and the speaker's stance toward each.

Targets are parties (sides.tsv), blocs and issues (targets.txt), policy domains and places
(domains.txt), government bodies (organs.txt), the people and organisations the document
quotes elsewhere, and the addressee of a call (你们/您 in one side's quote is the other
side).  The stance toward each target is predicted by a small ensemble of linear models
(logistic regression) over features of the target's place in the quote (a long quote is seen
within 80 characters of the target):

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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
import re

import numpy as np

from ..lexicons import load, marks_of, words_within
from ..model import Document, Quote, Stance
from ..reading import normalise, to_traditional
from .cues import cue_lexicon
from .features import QuoteSpans, featurise_quotes
from .model import StanceModel
from .names import honoured_given_names, recurring_transliterations, titled_names, titled_surnames
from .targets import TargetMention, find_targets, _party_name, _target_words

_CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "、", "跟", "同", "或"})


# ----------------------------------------------------------------------------- applying

@lru_cache(maxsize=1)
def _model() -> StanceModel | None:
    from ..segment import models_dir

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
    best = proba.argmax(axis=1).tolist()
    return [Stance(name, classes[k], round(p[k], 3)) for name, k, p in zip(names, best, proba.tolist())]


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
    targets = find_targets(norm, addressee)
    if not targets:
        return []
    classes, proba = model.predict_proba(featurise_quotes([(norm, [(t.start, t.end) for t in targets])]))
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


# short forms that are words of their own (多国: many countries; 古国: an ancient state)
_COMMON_SHORT_FORMS = frozenset({"多国", "列国", "古国", "南国", "北国", "所国"})


def _document_names(doc: Document, norm: str, words: Iterable[str], titles: Sequence[tuple[int, int, str]]) -> list[str]:
    """The people and bodies the document names (its speakers and those its narration
    introduces), normalised: targets where a quote names them too; and the short form of each
    country among the document's target ``words`` (宏都拉斯 → 宏国, 吉里巴斯 → 吉国), which a
    quote often uses; and the transliterated names ``norm`` (its normalised text) gives bare, the
    given names it honours (国鼎先生) and the names it gives with a title (``titles``: where they stand)."""
    kinds = ("person", "organization")
    speakers = {_normalised_name(q.speaker) for q in doc.quotes if q.speaker and q.speaker_kind in kinds and len(q.speaker) > 1}
    shorts = {short for w in words if (short := _short_form(w))}
    found = recurring_transliterations(norm) + honoured_given_names(norm) + titled_names(norm, titles)
    return sorted(speakers | set(doc.entities) | shorts | set(found))


@lru_cache(maxsize=8192)
def _normalised_name(name: str) -> str:
    """A speaker's name in the matching script: the same few names recur in every quote."""
    return normalise(name)


def _short_form(country: str) -> str | None:
    """宏都拉斯 → 宏国: the short form a quote may use for a country, unless the party lexicon
    names the country so already or by one character (中国, 日 of 台日), its first character is
    a word of the grammar (以, 也, 不) or the short form is a word of its own (多国)."""
    lex = load()
    short = country[0] + "国"
    if country not in lex.countries or short in lex.parties or country[0] in lex.parties or short in _COMMON_SHORT_FORMS:
        return None
    return None if lex.subject_words.get(country[0]) is not None or lex.subject_words.get(short) is not None else short


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
    """Fill ``distancing`` on every quote, and ``stance`` with the targets it names."""
    assign_stances([doc])


@dataclass
class _Pending:
    """The targets of one quote, and where its rows lie in the batch."""

    doc: Document
    norm: str  # the document's normalised text
    quote: Quote
    targets: list[TargetMention]
    start: int
    end: int


def assign_stances(docs: Sequence[Document]) -> None:
    """``assign_stance`` for many documents with one model call: the features of a batch are
    array operations whose set-up costs about as much for one document as for sixteen."""
    model = _model()
    pending: list[_Pending] = []
    quotes: list[QuoteSpans] = []
    hits: list[list[tuple[int, int, str]]] = []
    for doc in docs:
        norm = doc.norm or normalise(doc.text)  # the same length as the text: each quote is a slice of it
        for quote, targets, words in _document_targets(doc, norm, model is not None):
            start = pending[-1].end if pending else 0
            pending.append(_Pending(doc, norm, quote, targets, start, start + len(targets)))
            quotes.append((norm[quote.start : quote.end], [(t.start, t.end) for t in targets]))
            hits.append(words)
    if not pending or model is None:
        return
    classes, proba = model.predict_proba(featurise_quotes(quotes, hits))
    for p in pending:
        shown = [_surface(t, p.quote.start, p.doc, p.norm) for t in p.targets]
        p.quote.stance = _stances(p.norm[p.quote.start : p.quote.end], p.targets, classes, proba[p.start : p.end], shown)


def _document_targets(doc: Document, norm: str, targets_wanted: bool) -> Iterator[tuple[Quote, list[TargetMention], list]]:
    """Fill ``distancing`` on every quote of ``doc`` (``norm``: its normalised text); then, for
    each quote that names targets, the targets and the quote's polarity words."""
    for q in doc.quotes:
        q.distancing = distancing_markers(norm[q.start : q.end], norm[max(0, q.start - 8) : q.start])
    if not targets_wanted or not doc.quotes:
        return
    sides_by_story: dict[str, list[str]] = {}
    for q in doc.quotes:
        if q.side and q.side not in sides_by_story.setdefault(q.story, []):
            sides_by_story[q.story].append(q.side)
    # where the lexicons' words may begin, marked once for the whole document
    target_scanner, cue_scanner, title_scanner = _target_words()[0], cue_lexicon().scanner, load().title_scanner
    target_marks, cue_marks, title_marks = marks_of(norm, target_scanner, cue_scanner, title_scanner)
    # the document's target words and titles, found once: a quote takes those within it
    # (a word running across a quote's edge is no word of the quote)
    doc_words = target_scanner.finditer(norm, 0, len(norm), target_marks)
    doc_titles = title_scanner.finditer(norm, 0, len(norm), title_marks)
    doc_cues = cue_scanner.finditer(norm, 0, len(norm), cue_marks)
    word_starts, title_starts, cue_starts = [a for a, _, _ in doc_words], [a for a, _, _ in doc_titles], [a for a, _, _ in doc_cues]
    names = _document_names(doc, norm, {w for _, _, w in doc_words}, doc_titles)
    surnames = titled_surnames(norm, names, doc_titles)
    for q in doc.quotes:
        addressee = addressee_of(q, sides_by_story.get(q.story, []), q.speaker_side)
        own = _normalised_name(q.speaker) if q.speaker else None
        others = [n for n in names if n != own]
        text = norm[q.start : q.end]
        words = _shifted(words_within(doc_words, word_starts, q.start, q.end), q.start)
        titles = _shifted(words_within(doc_titles, title_starts, q.start, q.end), q.start)
        targets = find_targets(text, addressee, others, words, titles, surnames)
        if targets:
            yield q, targets, _shifted(words_within(doc_cues, cue_starts, q.start, q.end), q.start)
