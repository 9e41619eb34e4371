"""The data files the rules read: reporting verbs, titles, outlet and organisation types.

Each file is plain text, one entry a line, ``#`` starts a comment; ``cues.tsv`` has columns.
Entries are simplified script: the engine matches on the simplified copy of the text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np

# How news writes names, read by the finder, the attributor and stance alike.
NAME_SEPARATORS = "·‧•・∙`.．"  # between the parts of a transliterated name
HONORIFIC_SUFFIXES = ("先生", "女士", "小姐", "阁下", "伉俪", "夫妇")  # after a name (彭光理先生)
TOPIC_PREPOSITIONS = ("对于", "关于", "至于", "针对", "对")  # ……，对于各项议题的政策建议，…: a topic, no speaker
CAUSATIVE_VERBS = frozenset("请让")  # 总统|请访宾转达…: right after a title, a verb asking someone, no name
LATIN_GLOSS = re.compile(r"[（(][^（()）]*[A-Za-z][^（()）]*[）)]")  # a gloss in Latin letters after a name (John Smith)
BODY_KINDS = ("非政府组织", "组织", "机构", "团体", "智库")  # words for any kind of body (人权组织某某观察, 该组织)
# offices a text names bare for the one who holds them (感谢总统…; （台北综合报导）总统某某: the home country's)
HEADS_OF_STATE = frozenset({"总统", "副总统", "总理", "副总理", "首相", "国王", "女王", "教宗", "主席", "行政院长"})


@dataclass(frozen=True)
class Cue:
    word: str
    cue_class: str
    direct_object: bool  # content may follow the verb with no punctuation (他指责美方…)
    recipient: bool = False  # the person told stands between verb and content (告诉记者：…)
    postposed: bool = False  # may close its sentence after the content (……，他补充道。)
    noun: bool = False  # also a noun (他的回应), so not a cue after 的
    documentary: bool = False  # speaks only through a document or data (数据显示，…), not a person
    direct_in_news: bool = False  # in news copy the content may follow directly (白宫表示目前不会…)


@dataclass(frozen=True)
class Suffixes:
    """A word list asked which of its words a text ends with: a few set lookups, one per word
    length, instead of an ``endswith`` per word."""

    words: frozenset[str]
    lengths: tuple[int, ...]  # longest first

    @classmethod
    def of(cls, words: Iterable[str]) -> Suffixes:
        words = frozenset(w for w in words if w)
        return cls(words, tuple(sorted({len(w) for w in words}, reverse=True)))

    def longest(self, text: str, end: int | None = None) -> str | None:
        """The longest of the words that ``text[:end]`` ends with, or None."""
        end = len(text) if end is None else end
        for n in self.lengths:
            if n <= end and text[end - n : end] in self.words:
                return text[end - n : end]
        return None


# Characters the simplified copy keeps in both forms, because the conversion cannot tell their
# senses apart (接著 stays 接著; 著名 is 著名 in both scripts): an entry with one also matches
# with the other.
_UNCONVERTED = {"着": "著"}


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    entries = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    variants = [e.translate(str.maketrans(_UNCONVERTED)) for e in entries if any(c in e for c in _UNCONVERTED)]
    return entries + variants


@dataclass(frozen=True)
class Lexicons:
    cues: dict[str, Cue]
    titles: frozenset[str]
    anonymous: tuple[str, ...]
    media: tuple[str, ...]
    organizations: tuple[str, ...]
    clause_words: dict[str, str]  # word → time | opener | adverb | predicate | nominal (clause_words.tsv)
    narration: tuple[str, ...]
    not_cues: tuple[str, ...]
    boilerplate: frozenset[str]
    section_labels: frozenset[str]
    caption_markers: tuple[str, ...]
    caption_lines: frozenset[str]
    not_speakers: frozenset[str]
    not_speaker_endings: tuple[str, ...]  # 资料照, VOA专访: labels that head no speech
    pronouns: frozenset[str]
    first_person: frozenset[str]  # 我, 本人 in a speech's narration: its speaker
    determiners: tuple[str, ...]
    documents: tuple[str, ...]
    data_nouns: frozenset[str]  # the documents that are data or findings (数据, 民调), from documents.txt
    documentary_cues: frozenset[str]  # cue words only a document or data takes (显示, 发现: flag w)
    transliteration: frozenset[str]
    common_nouns: frozenset[str]  # the treebank's common words (制裁, 新闻): no personal names, from common_nouns.txt
    negators: tuple[str, ...]
    collectives: tuple[str, ...]
    surnames: frozenset[str]
    honorifics: tuple[str, ...]
    parties: dict[str, str]  # word → side (中国 → 中方), from sides.tsv
    capitals: frozenset[str]  # the capitals among them (北京, 伦敦)
    title_forms: dict[str, str]  # short form of a title → the full one (外长 → 外交部长), from title_forms.tsv
    organs: tuple[str, ...]  # government bodies (外交部, 国台办), from organs.txt
    countries: frozenset[str]  # countries and territories, from countries.txt

    # Patterns built once per process rather than once per document (cached_property writes
    # the instance's __dict__ directly, which a frozen dataclass allows).
    @cached_property
    def title_suffixes(self) -> Suffixes:
        return Suffixes.of(self.titles)

    @cached_property
    def media_suffixes(self) -> Suffixes:
        return Suffixes.of(self.media)

    @cached_property
    def predicate_words(self) -> tuple[str, ...]:
        """The grammar's verbs of two characters or more (接见, 出席)."""
        return tuple(w for w, k in self.clause_words.items() if k == "predicate" and len(w) > 1)

    @cached_property
    def time_words(self) -> frozenset[str]:
        return frozenset(w for w, k in self.clause_words.items() if k == "time")

    @cached_property
    def name_verdicts(self) -> dict[tuple[str, bool], bool | None]:
        """What these lexicons alone say of a phrase as a personal name, remembered across
        documents by the attributor (``MentionTyper.person_name``)."""
        return {}

    @cached_property
    def place_pattern(self) -> re.Pattern[str]:
        """The party words and countries of two characters or more (雅加达, 印度尼西亚), longest first."""
        return word_pattern({w for w in (*self.parties, *self.countries) if len(w) > 1})

    @cached_property
    def party_pattern(self) -> re.Pattern[str]:
        """The party words of two characters or more (中国, 外交部发言人), longest first."""
        return word_pattern({w for w in self.parties if len(w) > 1})

    def holds_verb(self, text: str) -> bool:
        """Does ``text`` hold a verb, an adverb or a time word of two or three characters that the
        grammar reads (…请愿, 扩大|制裁范围, 多年|来), not only nouns?"""
        words = self.subject_words
        return any(words.get(text[i : i + k]) not in (None, "nominal") for k in (2, 3) for i in range(len(text) - k + 1))

    @cached_property
    def parties_longest_first(self) -> tuple[str, ...]:
        """The party words, longest first (德国外长 opens with 德国, not 德)."""
        return tuple(sorted(self.parties, key=len, reverse=True))

    @cached_property
    def organization_suffixes(self) -> Suffixes:
        """The organisation lexicon, asked which of its words a phrase ends with."""
        return Suffixes.of(self.organizations)

    @cached_property
    def body_suffixes(self) -> Suffixes:
        """Organisation and outlet names of two or more characters (部 alone is not one)."""
        return Suffixes.of(w for w in self.organizations + self.media if len(w) > 1)

    @cached_property
    def title_pattern(self) -> re.Pattern[str]:
        return word_pattern(self.titles)  # a trie: the longest title at a position wins

    @cached_property
    def cue_scanner(self) -> WordScanner:
        return WordScanner(self.cues)

    @cached_property
    def paper_cues(self) -> dict[str, str]:
        """Cue words that open with a document or outlet whose verb is a cue (报道称 → 报道)."""
        papers = {}
        for word in self.cues:
            paper = next((d for d in self.documents if word.startswith(d) and word[len(d):] in self.cues), None)
            if paper is not None:
                papers[word] = paper
        return papers

    @cached_property
    def title_scanner(self) -> WordScanner:
        return WordScanner(self.titles)

    @cached_property
    def title_starts(self) -> re.Pattern[str]:
        """Every position where a title begins, with the longest title there as group 1."""
        return re.compile(f"(?=({self.title_pattern.pattern}))")

    @cached_property
    def subject_words(self) -> dict[str, str]:
        """Every word the subject grammar reads, by kind: reporting verbs end a noun phrase like
        predicates; titles, organisations, outlets and unnamed sources are nominal and win
        over a shorter or equal word of another kind at the same place."""
        words = {w: "predicate" for w in self.cues}
        words.update(self.clause_words)
        nominal = [*self.titles, *self.organs, *self.documents, *self.countries, *(w for w in self.parties if len(w) > 1),
                   *(w for w in (*self.organizations, *self.media, *self.anonymous) if len(w) > 1)]
        words.update((w, "nominal") for w in nominal)
        words.update(self.clause_words)  # the grammar's own list has the last word (代表 is verbal)
        return words

    @cached_property
    def subject_word_lengths(self) -> dict[str, tuple[int, ...]]:
        """The lengths of the subject grammar's words by their first character, longest first:
        the grammar looks up only those, not every length at every position."""
        lengths: dict[str, set[int]] = {}
        for word in self.subject_words:
            lengths.setdefault(word[0], set()).add(len(word))
        return {c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()}


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching the longest of ``words`` at each position.

    The words are factored into a trie (支持|支援|反对 → 支(?:持|援)|反对): Python's ``re``
    tries every branch of a flat alternation at every position, which made lexicons of a
    thousand words the engine's hot spot."""
    trie: dict = {}
    for word in words:
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    return re.compile(_trie_regex(trie) or "(?!)")


class WordScanner:
    """Finds a word list's words in a text as ``word_pattern(words).finditer`` would (leftmost,
    longest, not overlapping), five times faster on long texts: numpy marks the positions
    where a word may begin (its first two characters, hashed into a table), and only those
    are looked at."""

    _BITS = 18  # size of the table of two-character beginnings: 2**18 slots
    _PRIME = np.uint64(0x100000001B3)
    _MIX = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, words: Iterable[str]) -> None:
        words = list(words)
        by_prefix: dict[str, list[str]] = {}
        self.singles = frozenset(w for w in words if len(w) == 1)
        for w in words:
            if len(w) > 1:
                by_prefix.setdefault(w[:2], []).append(w)
        self.by_prefix = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_prefix.items()}
        self.prefix_table = np.zeros(1 << self._BITS, bool)
        if by_prefix:
            first, second = (np.array([ord(k[i]) for k in by_prefix], dtype=np.uint64) for i in (0, 1))
            self.prefix_table[self._slot(first * self._PRIME + second)] = True
        self.single_table = np.zeros(1 << 16, bool)
        self.single_table[[ord(c) & 0xFFFF for c in self.singles]] = True

    @classmethod
    def _slot(cls, codes: np.ndarray) -> np.ndarray:
        return (((codes ^ (codes >> np.uint64(29))) * cls._MIX) >> np.uint64(64 - cls._BITS)).astype(np.int64)

    def marks(self, text: str) -> list[int]:
        """The positions of ``text`` where a word may begin, in order: computed once for a
        whole document, they serve ``finditer`` on each of its passages."""
        return marks_of(text, self)[0]

    def _marks(self, low: np.ndarray, pairs: np.ndarray) -> list[int]:
        maybe = self.single_table[low]
        maybe[: len(pairs)] |= self.prefix_table[pairs]
        return np.flatnonzero(maybe).tolist()

    def finditer(self, text: str, start: int = 0, end: int | None = None, marks: list[int] | None = None) -> list[tuple[int, int, str]]:
        """(start, end, word) of each occurrence within ``text[start:end]``, in order, with
        offsets into ``text``; ``marks``: ``self.marks(text)``, when already known."""
        end = len(text) if end is None else end
        if marks is None:
            candidates = [start + i for i in self.marks(text[start:end])]
        else:
            candidates = marks[bisect_left(marks, start) : bisect_left(marks, end)]
        out, done = [], start
        by_prefix, singles = self.by_prefix, self.singles
        for i in candidates:  # a plain loop, no generator per candidate: this runs for every quote
            if i < done:
                continue
            word = None
            for w in by_prefix.get(text[i : i + 2], ()):
                if i + len(w) <= end and text.startswith(w, i):
                    word = w
                    break
            if word is None and text[i] in singles:
                word = text[i]
            if word is not None:
                out.append((i, i + len(word), word))
                done = i + len(word)
        return out


def words_within(found: list[tuple[int, int, str]], starts: list[int], a: int, b: int) -> list[tuple[int, int, str]]:
    """The words of a whole document's scan (``found``, their ``starts`` in order) that lie
    wholly in text[a:b]: a region takes those rather than scanning again."""
    return [w for w in found[bisect_left(starts, a) : bisect_left(starts, b)] if w[1] <= b]


def occurrences(text: str, word: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where ``word`` begins in ``text[start:end]``, overlapping occurrences included."""
    i = text.find(word, start, end)
    while i >= 0:
        yield i
        i = text.find(word, i + 1, end)


def marks_of(text: str, *scanners: WordScanner) -> list[list[int]]:
    """``scanner.marks(text)`` for each scanner, the text's characters read once for all."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = cp.astype(np.uint64)
    pairs = WordScanner._slot(wide[:-1] * WordScanner._PRIME + wide[1:]) if len(cp) > 1 else np.zeros(0, np.int64)
    low = cp & 0xFFFF
    return [scanner._marks(low, pairs) for scanner in scanners]


def _trie_regex(node: dict) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))  # a fixed order in every process


@lru_cache(maxsize=1)
def load() -> Lexicons:
    cues = {}
    for line in _lines("cues.tsv"):
        word, cue_class, attach, flags = line.split("\t")
        cues[word] = Cue(word, cue_class, attach == "d", attach == "o", "p" in flags, "n" in flags, "w" in flags, "D" in flags)
    captions = _lines("captions.txt")
    pronouns = _lines("pronouns.txt")
    return Lexicons(
        cues=cues,
        titles=frozenset(_lines("titles.txt")),
        anonymous=_longest_first(_lines("anonymous.txt")),
        media=_longest_first(_lines("media.txt")),
        organizations=_longest_first(_lines("organizations.txt")),
        clause_words=dict(line.split("\t")[:2] for line in _lines("clause_words.tsv")),
        narration=_longest_first(_lines("narration.txt")),
        not_cues=_longest_first(_lines("not_cues.txt")),
        boilerplate=frozenset(b.lstrip("~") for b in _lines("boilerplate.txt")),
        section_labels=frozenset(b[1:] for b in _lines("boilerplate.txt") if b.startswith("~")),
        caption_markers=tuple(c for c in captions if not c.startswith("=")),
        caption_lines=frozenset(c[1:] for c in captions if c.startswith("=")),
        not_speakers=frozenset(w for w in _lines("not_speakers.txt") if not w.startswith("~")),
        not_speaker_endings=tuple(w[1:] for w in _lines("not_speakers.txt") if w.startswith("~")),
        pronouns=frozenset(p for p in pronouns if not p.startswith(("=", "+"))),
        first_person=frozenset(p[1:] for p in pronouns if p.startswith("+")),
        determiners=_longest_first([p[1:] for p in pronouns if p.startswith("=")]),
        documents=_longest_first([d.lstrip("~") for d in _lines("documents.txt")]),
        data_nouns=frozenset(d[1:] for d in _lines("documents.txt") if d.startswith("~")),
        documentary_cues=frozenset(w for w, cue in cues.items() if cue.documentary),
        transliteration=frozenset("".join(_lines("transliteration.txt")).replace(" ", "")),
        common_nouns=frozenset(_lines("common_nouns.txt")),
        negators=_longest_first(_lines("negators.txt")),
        collectives=_longest_first(_lines("collectives.txt")),
        surnames=frozenset(" ".join(_lines("surnames.txt")).split()),
        honorifics=_longest_first(_lines("honorifics.txt")),
        parties=dict(line.split("\t")[:2] for line in _lines("sides.tsv")),
        capitals=frozenset(line.split("\t")[0] for line in _lines("sides.tsv") if line.endswith("\tcapital")),
        title_forms=dict(line.split("\t")[:2] for line in _lines("title_forms.tsv")),
        organs=tuple(_lines("organs.txt")),
        countries=frozenset(_lines("countries.txt")),
    )
