"""Speakers that are not speakers: an audit of any ``quotes.v1`` output, no gold needed.

A speaker should be a person, a title, an organisation, an outlet or an unnamed source. The
audit sorts the speakers that are something else into classes, stricter than the shared
``eval/speakers.py`` (which it agrees with on every class it has):

- ``single character``, ``pronoun``: 時, 她, 他们 left unresolved;
- ``clause word``: a time word, an adverbial, an opener or a verb opening or closing the
  speaker (接著, 以英文, 總統致詞時, 司法部上个月);
- ``reporting verb``: a cue inside the speaker (文致詞, 表示);
- ``document``: a bare 报告, 声明, 文章 that should have been resolved to its issuer;
- ``caption``: a photo credit (资料照);
- ``punctuation``: a clause or a list taken for a name;
- ``titled name``: a title left glued to a person's name (蔡英文總統 where 蔡英文 is meant);
- ``no speaker``: nobody named.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lexicons import Lexicons, load
from .reading import to_simplified

_PUNCTUATION = re.compile("[，。、；：（）()「」《》“”！？]")
_DIGITS_ONLY = re.compile(r"^[\d\W]+$")
_QUANTITY = re.compile("不少|一些|许多|部分|有些|多数|大多数")  # 不少人: an unnamed source, not an adverb
JUNK = ("single character", "pronoun", "clause word", "reporting verb", "document", "caption", "punctuation")


def speaker_class(speaker: str | None, lex: Lexicons | None = None) -> str | None:
    """The class of a speaker that is not a speaker, or None for a speaker."""
    if not speaker:
        return "no speaker"
    lex = lex or load()
    s = to_simplified(speaker.strip())
    if len(s) == 1 or _DIGITS_ONLY.match(s):
        return "single character"
    if s in lex.pronouns or s in lex.first_person or (len(s) <= 3 and s.startswith(("他", "她"))):
        return "pronoun"  # 她要: a pronoun and the verb's modal
    if _PUNCTUATION.search(s):
        return "punctuation"
    if s in lex.documents or any(s == d + n for d in ("该", "这份", "此", "这篇") for n in lex.documents):
        return "document"
    if s in lex.caption_lines or any(marker in s for marker in lex.caption_markers if len(marker) > 1):
        return "caption"
    if _clause_word_at_edge(s, lex):
        return "clause word"
    if any(word in lex.cues for word in _words(s, lex)):
        return "reporting verb"
    if _titled_name(s, lex):
        return "titled name"
    return None


def _clause_word_at_edge(s: str, lex: Lexicons) -> bool:
    """Does the speaker open with an opener, an adverb or a time word, or close with one, a
    verb or 时 (接着, 以英文, 总统致词时, 司法部上个月)? The longest word at either edge
    decides (联合国 opens with no adverb 联合; 自由之家 with no 自)."""
    words = lex.subject_words
    kind = words.get(s)
    if kind is not None:
        return kind not in ("nominal", "verbal")
    first = next((s[:n] for n in range(min(8, len(s) - 1), 0, -1) if s[:n] in words), None)
    if first is not None and words[first] in ("opener", "adverb", "time") and not _QUANTITY.match(s):
        return len(first) > 1 or s[0] not in lex.surnames  # 于正义 is a name
    last = next((s[-n:] for n in range(min(8, len(s) - 1), 1, -1) if s[-n:] in words), None)
    if last is not None and words[last] in ("time", "predicate", "opener"):
        return True
    return s.endswith("时") and len(s) > 2


def _words(s: str, lex: Lexicons) -> list[str]:
    """The grammar's words in ``s``, longest first at each place (分析人士 is one word, not 分析)."""
    words, i, found = lex.subject_words, 0, []
    while i < len(s):
        word = next((s[i : i + n] for n in range(min(8, len(s) - i), 1, -1) if s[i : i + n] in words), None)
        if word is None:
            i += 1
            continue
        found.append(word)
        i += len(word)
    return found


def _titled_name(s: str, lex: Lexicons) -> bool:
    """蔡英文总统, 杨京州长: a name of two or three characters from a surname, then a title."""
    title = lex.title_suffixes.longest(s)
    if title is None or title in lex.anonymous:
        return False
    name = s[: -len(title)]
    return (2 <= len(name) <= 3 and name[0] in lex.surnames and lex.title_suffixes.longest(name) is None
            and name not in lex.parties and name not in lex.organs)  # 欧盟发言人 is a title


@dataclass
class Audit:
    quotes: int = 0
    classes: Counter = field(default_factory=Counter)
    examples: Counter = field(default_factory=Counter)

    def add(self, speaker: str | None, lex: Lexicons) -> None:
        self.quotes += 1
        found = speaker_class(speaker, lex)
        if found is not None:
            self.classes[found] += 1
            if found != "no speaker":
                self.examples[speaker] += 1

    def rate(self, *classes: str) -> float:
        return sum(self.classes[c] for c in classes) / max(1, self.quotes)

    def figures(self) -> dict:
        return {
            "quotes": self.quotes,
            "not_a_speaker_rate": round(self.rate(*JUNK), 4),
            "titled_name_rate": round(self.rate("titled name"), 4),
            "no_speaker_rate": round(self.rate("no speaker"), 4),
            "classes": dict(self.classes.most_common()),
            "most_frequent": self.examples.most_common(12),
        }


def audit(documents: Iterable[dict]) -> Audit:
    """The audit of the quotes of ``documents`` (``quotes.v1`` document objects)."""
    lex = load()
    result = Audit()
    for doc in documents:
        for q in doc.get("quotes", []):
            result.add(q.get("speaker"), lex)
    return result
