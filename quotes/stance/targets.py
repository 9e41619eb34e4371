"""Targets: what a quote names that its speaker may take a side on."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..accounts import side_lexicon
from ..lexicons import WordScanner

_ADDRESSEE = ("你们", "您", "贵国", "你方", "貴國")


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

