"""Names a document gives that its quotes may give bare: targets the lexicons cannot know.

- ``recurring_transliterations``: 拜登, 布林肯 (a run of the transliteration alphabet that recurs);
- ``honoured_given_names``: 国鼎先生 (a given name and an honorific, the full name given too);
- ``titled_names``: 习近平, 赖清德 (a three-character name given with a title);
- ``titled_surnames``: 森田 of 知事森田健一 (a Japanese surname a quote gives before a title).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..lexicons import NAME_SEPARATORS, Lexicons, load
from .targets import (_BEFORE_PERSON, _GLOSSED_NAME_MAX, _NOT_GIVEN_NAME_STARTS, _lexicon_lines, _modifier_char, _target_words,
                      _word_ends, _word_starts)

_GIVEN_NAME_HONOURED = re.compile("([\u4e00-\u9fff]{2})(?:先生|女士)")
_TITLE_PREFIXES = frozenset("前副代总")  # 安倍前|首相: a prefix of the title, no given name
_NOT_NAME_ENDS = frozenset("市县州省区镇乡村署厅院部会局处社团界营业产")  # 高雄市, 商贸厅, 成衣业: a place or a body, no name
_NAME_RECURRENCE = 2  # a run of transliteration this frequent in a document, standing alone once, is a name


def recurring_transliterations(norm: str) -> list[str]:
    """拜登, 布林肯: runs of the transliteration alphabet that recur in the document ``norm`` and stand
    as a whole word (a word's edge on both sides) at least once: names a quote may give bare.
    Not a run inside a longer word (俄|罗斯, 蓬|佩奥), nor one holding a word of the lexicons or
    the grammar, nor one holding a common word written in those characters (立法, 更|多利基)."""
    lex = load()
    counts: dict[str, int] = {}
    whole: set[str] = set()
    for m in _transliteration_run().finditer(norm):
        counts[m.group()] = counts.get(m.group(), 0) + 1
        if m.group() not in whole and _word_starts(norm, m.start()) and _word_ends(norm, m.end()):
            whole.add(m.group())
    return [run for run in whole if counts[run] >= _NAME_RECURRENCE and not any(
        run[i:j] in _common_words() or _lexicon_word_in(run[i:j], lex) for i in range(len(run)) for j in range(i + 2, len(run) + 1))]


def honoured_given_names(norm: str) -> list[str]:
    """国鼎先生, 经国先生: a revered person called by the given name and an honorific, where the
    document ``norm`` gives the full name too (李国鼎); the honorific is kept, as the text writes it."""
    lex, found = load(), []
    for m in _GIVEN_NAME_HONOURED.finditer(norm):
        given = m.group(1)
        if (m.group() in found or not all(_modifier_char(c) for c in given) or _lexicon_word_in(given, lex)
                or given[0] in _NOT_GIVEN_NAME_STARTS or not _word_starts(norm, m.start())
                or norm[m.start() - 1 : m.start()] in lex.surnames and norm[m.start() - 1] not in _BEFORE_PERSON):  # 蒋|渭水先生: the full name
            continue
        at = norm.find(given)
        while at >= 0 and not (at > 0 and norm[at - 1] in lex.surnames):
            at = norm.find(given, at + 1)
        if at >= 0:
            found.append(m.group())
    return found


def titled_names(norm: str, titles: Sequence[tuple[int, int, str]]) -> list[str]:
    """习近平, 赖清德: three-character names opening on a surname that the document ``norm`` gives
    right after or before a title (中国领导人习近平, 赖清德总统; ``titles``: where its titles stand)
    and at least twice: names a quote may give bare.  Not a run holding a word of the lexicons
    or the grammar (国外交|部长), nor one a word runs into (联合|国常任, 中|华民国) or whose
    last begins a verb of speech (程翔认|为), nor one running into a title's own prefix (安倍前|首相)."""
    lex, found, plausible = load(), [], {}
    candidates = [(b, b + 3) for _, b, title in titles if len(title) > 1 and b + 3 <= len(norm) and _word_ends(norm, b + 3)]
    candidates += [(a - 3, a) for a, _, title in titles if len(title) > 1 and a >= 3 and _word_starts(norm, a - 3)]
    for a, b in candidates:
        name = norm[a:b]
        if name in found:
            continue
        if name not in plausible:  # what the name alone decides, once per name
            plausible[name] = not (name[0] not in lex.surnames or name[-1] in _TITLE_PREFIXES or name[-1] in _NOT_NAME_ENDS
                                   or not all(_modifier_char(c) for c in name) or any(lex.subject_words.get(c) for c in name[1:])
                                   or any(_lexicon_word_in(name[i:j], lex) or name[i:j] in _common_words() for i in range(3) for j in range(i + 2, 4))
                                   or norm.count(name) < _NAME_RECURRENCE)
        if (plausible[name] and not any(norm[b - 1 : b - 1 + n] in lex.cues for n in (2, 3))  # 程翔认|为: a verb begins on its last character
                and not _word_across(norm, a, lex) and not _word_across(norm, b, lex)):  # 联合|国常任, 中|华民国
            found.append(name)
    return found


def titled_surnames(norm: str, names: list[str], titles: Sequence[tuple[int, int, str]]) -> frozenset[str]:
    """The surnames (first two characters) of the four-character names the document gives right
    after a title (知事森田健一): Japanese names, which quotes shorten so (森田知事)."""
    ends, lex = {b for _, b, _ in titles}, load()
    found = []
    for name in names:
        if len(name) == 4 and not any(c in NAME_SEPARATORS for c in name) and not _lexicon_word_in(name[2:], lex):
            at = norm.find(name)
            while at >= 0 and at not in ends:
                at = norm.find(name, at + 4)
            if at >= 0:
                found.append(name[:2])
    return frozenset(found)


def _word_across(text: str, i: int, lex: Lexicons) -> bool:
    """Does a word of the lexicons or a target word run across ``i`` (中华|民国, 联合|国, 和|平发展)?"""
    known = _known_across()
    return any(text[i - k : i + m] in known or _lexicon_word_in(text[i - k : i + m], lex)
               for k in (1, 2, 3) for m in (1, 2, 3) if i >= k and i + m <= len(text))


@lru_cache(maxsize=1)
def _known_across() -> frozenset[str]:
    """The organisations and target words of two to six characters, as one set."""
    return frozenset(w for w in (*load().organizations, *_target_words()[1]) if 2 <= len(w) <= 6)


@lru_cache(maxsize=1)
def _transliteration_run() -> re.Pattern[str]:
    return re.compile("[%s]{2,%d}" % ("".join(sorted(load().transliteration)), _GLOSSED_NAME_MAX))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(_lexicon_lines("common_words.txt"))


def _lexicon_word_in(part: str, lex: Lexicons) -> bool:
    """Is ``part`` a party, a place, a title or a grammar word (来到|台湾, 两国|元首), no given name?"""
    return part in lex.countries or part in lex.parties or part in lex.titles or part in lex.subject_words
