"""Entities and coreference: one canonical speaker per entity of a document.

People are registered from the narration as well as from speaker phrases, wherever a title
stands next to a name (``外交部长王毅``, ``蔡英文总统``), so that a later ``总统``, ``蔡总统``,
``该发言人`` or ``她`` resolves to the person the document named:

- a pronoun (他 她 其) refers to the subject of an earlier sentence when that is a person
  (X主席致词时感谢总统的接见。他表示 → X), else to the person mentioned last;
- a bare title (总统, 副总统, 发言人) refers to the holder of exactly that title whom the story
  named first (the protagonist of a presidential release, not a visiting president);
- a surname with a title (蔡总统, 王部长) refers to the holder bearing that surname;
- where nobody holds the title, the title itself is the speaker; no name is guessed.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicons import BODY_KINDS, NAME_SEPARATORS
from .mentions import Mention

END = 1 << 62  # "anywhere in the story", for a headline's speaker named below it


@dataclass
class Entity:
    name: str  # normalised canonical form, for matching
    display: str  # the same in the document's own script
    kind: str
    role: str | None
    role_display: str | None
    start: int
    story: str
    positions: list[int] = field(default_factory=list)  # where it is mentioned

    def mentioned(self, at: int) -> None:
        insort(self.positions, at)

    def last_before(self, pos: int) -> int:
        """Where the entity was last mentioned before ``pos`` (-1: not before it)."""
        k = bisect_left(self.positions, pos)
        return self.positions[k - 1] if k else -1


@lru_cache(maxsize=4)
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


@lru_cache(maxsize=4)
def _lengths(words: tuple[str, ...]) -> tuple[int, ...]:
    """The lengths of ``words``, longest first: a prefix looked up by length finds the longest word first."""
    return tuple(sorted({len(w) for w in words}, reverse=True))


@dataclass
class Registry:
    """The entities of one document, in order of first mention."""

    entities: list[Entity] = field(default_factory=list)
    _names: set[str] = field(default_factory=set)
    parties: tuple[str, ...] = ()  # words a title may open with (德国外长): its holder's country
    sides: dict[str, str] = field(default_factory=dict)  # party word → its side (美 and 美国 are one country)
    title_forms: dict[str, str] = field(default_factory=dict)  # 外长 → 外交部长
    _titles: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    _forms_by_length: list[str] | None = None

    def _title(self, title: str) -> tuple[str | None, str]:
        """A title as the registry compares it: the country it opens with, and the rest in full
        form (德国外长 → 德国, 外交部长); each title is read once per document."""
        known = self._titles.get(title)
        if known is not None:
            return known
        party = next((title[:n] for n in _lengths(self.parties) if len(title) > n + 1 and title[:n] in _word_set(self.parties)), None)
        rest = title[len(party) :] if party else title
        short = next((s for s in self._short_forms if rest.endswith(s)), None)
        self._titles[title] = party, rest[: -len(short)] + self.title_forms[short] if short else rest
        return self._titles[title]

    @property
    def _short_forms(self) -> list[str]:
        if self._forms_by_length is None:
            self._forms_by_length = sorted(self.title_forms, key=len, reverse=True)
        return self._forms_by_length

    def _same_office(self, role: str, title: str, exact: bool) -> bool:
        """Does someone with ``role`` hold ``title``? A title naming a country (德国外长) is
        compared without it, the countries agreeing where both name one (中国外长 is not
        德国外长); a bare title (总统) is compared whole (波兰总统 is not exactly 总统)."""
        (held_in, held), (asked_in, asked) = self._title(role), self._title(title)
        if asked_in is None:
            held = held if held_in is None else held_in + held
        elif held_in is not None and self.sides.get(held_in, held_in) != self.sides.get(asked_in, asked_in):
            return False
        return held == asked if exact else _holds(held, asked)

    def known(self, name: str) -> bool:
        return name in self._names

    def find(self, m: Mention) -> Entity | None:
        for e in reversed(self.entities):
            if m.name == e.name:
                return e
        if m.kind in ("organization", "media") and m.name and len(m.name) >= 2:
            # 商务部 after 中国商务部: the body the story named in full
            return next((e for e in reversed(self.entities) if e.kind == m.kind and len(e.name) >= 2
                         and (e.name.endswith(m.name) or m.name.endswith(e.name))), None)
        if m.kind != "person" or not m.name or len(m.name) < 2:
            return None
        for e in reversed(self.entities):
            # 安东尼·布林肯 and 布林肯; 陈建仁 and 建仁 are not one person, so only a
            # separated name's last part counts
            if e.kind == "person" and len(e.name) >= 2 and _same_person(e.name, m.name):
                return e
        return None

    def add(self, m: Mention, display: str, role_display: str | None, story: str) -> Entity:
        known = self.find(m)
        if known is not None:
            if m.role and (not known.role or len(m.role) > len(known.role)):
                known.role, known.role_display = m.role, role_display  # the fuller of two mentions' roles
            known.mentioned(m.start)
            return known
        e = Entity(m.name, display, m.kind, m.role, role_display, m.start, story, [m.start])
        self.entities.append(e)
        self._names.add(m.name)
        return e

    def antecedent(self, m: Mention, story: str, before: int, last_speaker: Entity | None) -> Entity | None:
        """The entity an anaphor (pronoun, title, surname and title) refers to, or None."""
        people = self.people(story, before)
        recent = lambda e: e.last_before(before)
        if m.first_person:
            return max(people, key=lambda e: (len(e.positions), -e.start)) if people else None
        if m.kind == "organization":  # 该公司: the last body of that kind the story named; 该组织, 该智库: any body
            kind = m.anaphor or ""
            bodies = [e for e in self.entities if e.story == story and e.kind == "organization" and 0 <= e.start < before
                      and len(e.name) > len(kind) and (e.name.endswith(kind) or kind in BODY_KINDS)]
            return max(bodies, key=recent) if bodies else None
        if m.anaphor == "":
            if m.plural:
                return last_speaker if last_speaker is not None and last_speaker.kind != "person" else None
            if last_speaker is not None and last_speaker.kind == "anonymous" and last_speaker.name.startswith(ONE_PERSON):
                return last_speaker  # 一位不愿具名的企业主告诉本台，…。他说: the one unnamed source just quoted
            return self.last_person(story, before, people)  # the person mentioned last
        title = m.anaphor or ""
        if m.surname:
            bearers = [e for e in people if e.name.startswith(m.surname) and (not e.role or _holds(e.role, title))]
            if not bearers:  # 李总统登辉… then 李主席: the one person of that surname, in another office
                bearers = [e for e in people if e.name.startswith(m.surname)]
                bearers = bearers if len(bearers) == 1 else []
            return max(bearers, key=recent) if bearers else None
        exact = [e for e in people if e.role and self._same_office(_strip_modifiers(e.role), title, exact=True)]
        if exact:
            return min(exact, key=lambda e: e.start)  # the protagonist, whom the story names first
        holders = [e for e in people if e.role and self._same_office(e.role, title, exact=False)]
        if holders:
            return max(holders, key=recent)
        return None

    def people(self, story: str, before: int) -> list[Entity]:
        """The people of the story named before ``before``."""
        return [e for e in self.entities if e.story == story and e.kind == "person" and 0 <= e.start < before]

    def last_person(self, story: str, before: int, people: list[Entity] | None = None) -> Entity | None:
        """The person of the story (of ``people``, when given) mentioned last before ``before``."""
        people = self.people(story, before) if people is None else people
        return max(people, key=lambda e: e.last_before(before)) if people else None

    def described(self, head: str, story: str, before: int) -> Entity | None:
        """这位坚持匿名的人士, 那位政府高级官员: the unnamed source or office holder whose
        description ends most like ``head`` (了解磋商的人士, 政府一名高级官员), the last
        mentioned of those."""
        earlier = [e for e in self.entities if e.story == story and e.kind in ("anonymous", "person") and 0 <= e.start < before]
        for size in range(len(head), 1, -1):
            named = [e for e in earlier if e.name.endswith(head[-size:])]
            if named:
                return max(named, key=lambda e: e.last_before(before))
        return None


ONE_PERSON = ("一名", "一位", "另一名", "另一位")  # an unnamed source who is one person, whom 他 or 她 may mean


def _same_person(known: str, name: str) -> bool:
    """安东尼·布林肯 and 布林肯 (a separated name by its last part); 森田健一 and 森田 (a
    four-character name by its surname)."""
    if known == name:
        return True
    if len(known) >= 4 and len(name) == 2 and known.startswith(name) and not any(s in known for s in NAME_SEPARATORS):
        return True
    last = lambda n: re.split(f"[{NAME_SEPARATORS}]", n)[-1]
    return last(known) == last(name)


def _strip_modifiers(role: str) -> str:
    return role.removeprefix("新任").removeprefix("现任")


def _holds(role: str, title: str) -> bool:
    """Does someone with ``role`` (美国国务院发言人, 创始人兼首席执行官) hold ``title`` (发言人,
    创始人)? Not a vice president for 总统, nor a former president."""
    if "兼" in role:
        return any(_holds(part, title) for part in role.split("兼") if part)
    if not role.endswith(title):
        return False
    head = role[: -len(title)]
    return not head.endswith(("副", "前", "前任", "卸任"))
