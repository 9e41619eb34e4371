"""The archive summary: over many documents, who is quoted, how often, in which roles, with
which reporting verbs, about what and with which stance, through which sources, year by year.

It is built from what flows through a batch run, not from kept documents: each document is
reduced where it is analysed to ``DocumentFacts`` (a few strings per quote), and the parent
adds those up in an ``ArchiveSummary``, whose size grows with the number of distinct
speakers, sources and years, not with the number of documents.  Names are merged across
scripts and letter case (``reading.name_key``) and shown in their most frequent form.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

from .model import STANCE_LABELS, Document
from .reading import name_key

SCHEMA = "quotes.summary.v1"
TOP = 15  # speakers and sources the terminal and HTML summaries show (the JSON holds them all)


def share_label(part: int, whole: int) -> str:
    """``54%``; ``<1%`` for a share that is there but rounds to nothing."""
    share = 100 * part / whole if whole else 0.0
    return "<1%" if 0 < share < 0.5 else f"{share:.0f}%"


class QuoteFacts(NamedTuple):
    """What the summary needs of one quote: its names as the document writes them, or, inside
    ``DocumentFacts``, their keys (``reading.name_key``)."""

    speaker: str | None
    kind: str
    role: str | None
    cue_class: str
    source: str | None
    stance: tuple[tuple[str, str], ...]  # (target, label)


class DocumentFacts(NamedTuple):
    """One document's quotes with every name keyed, and the forms met for each key counted:
    the keying is done where the document is analysed, so that the process adding up many
    documents (the parent of the workers) only counts."""

    year: str | None
    quotes: tuple[QuoteFacts, ...]  # names replaced by their keys
    forms: tuple[tuple[str, str, int], ...] = ()  # (key, form, times met)

    @classmethod
    def of(cls, year: str | None, quotes: Iterable[QuoteFacts]) -> DocumentFacts:
        forms: Counter[tuple[str, str]] = Counter()

        def key(name: str) -> str:
            k = name_key(name)
            forms[k, name] += 1
            return k

        keyed = []
        for q in quotes:  # keyed in the order the summary meets them; an unattributed quote's role and targets count nowhere
            speaker = key(q.speaker) if q.speaker else None
            source = key(q.source) if q.source else None
            role = key(q.role) if q.role and speaker else None
            stance = tuple((key(t), label) for t, label in q.stance) if speaker else ()
            keyed.append(QuoteFacts(speaker, q.kind, role, q.cue_class, source, stance))
        return cls(year, tuple(keyed), tuple((k, form, n) for (k, form), n in forms.items()))


def document_facts(doc: Document) -> DocumentFacts:
    """``doc`` reduced to what the summary needs (small enough to send between processes)."""
    quotes = (QuoteFacts(q.speaker, q.speaker_kind, q.role, q.cue_class, q.source, tuple((s.target, s.label) for s in q.stance))
              for q in doc.quotes)
    return DocumentFacts.of(doc.date[:4] if doc.date else None, quotes)


_T = TypeVar("_T")


def _entry(table: dict[str, _T], key: str, make: Callable[[str], _T]) -> _T:
    """``table[key]``, made on first use: ``setdefault`` would build a value to throw away for
    every quote of a long run."""
    found = table.get(key)
    if found is None:
        found = table[key] = make(key)
    return found


def _counter(key: str) -> Counter[str]:
    return Counter()


@dataclass
class SpeakerStats:
    """One speaker over the archive; names (roles, targets) are keyed by ``reading.name_key``,
    ``ArchiveSummary.name`` gives the form to show."""

    key: str
    quotes: int = 0
    documents: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    cue_classes: Counter[str] = field(default_factory=Counter)
    targets: dict[str, Counter[str]] = field(default_factory=dict)  # target → stance label → quotes
    years: Counter[str] = field(default_factory=Counter)

    def main_targets(self, n: int) -> list[tuple[str, Counter[str]]]:
        """The ``n`` targets this speaker takes a stance on most often, with the labels."""
        return sorted(self.targets.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:n]


@dataclass
class SourceStats:
    """One source (the account a quote reaches the reader through: 新华社, 据路透社报道…)."""

    key: str
    quotes: int = 0
    documents: int = 0
    speakers: Counter[str] = field(default_factory=Counter)


@dataclass
class YearStats:
    documents: int = 0
    quotes: int = 0


@dataclass
class ArchiveSummary:
    """Totals of a run, added up one document at a time."""

    documents: int = 0
    quotes: int = 0
    unattributed: int = 0  # quotes with no speaker
    unsourced: int = 0  # quotes that name no source: the document's own reporting
    speakers: dict[str, SpeakerStats] = field(default_factory=dict)
    sources: dict[str, SourceStats] = field(default_factory=dict)
    years: dict[str, YearStats] = field(default_factory=dict)
    forms: dict[str, Counter[str]] = field(default_factory=dict)  # name_key → the forms met

    def name(self, key: str) -> str:
        """A name in the form the archive writes it most often."""
        return self.forms[key].most_common(1)[0][0]

    def add(self, facts: DocumentFacts) -> None:
        self.documents += 1
        self.quotes += len(facts.quotes)
        if facts.year:
            year = self.years.setdefault(facts.year, YearStats())
            year.documents += 1
            year.quotes += len(facts.quotes)
        for key, form, times in facts.forms:
            _entry(self.forms, key, _counter)[form] += times
        speakers_here: set[str] = set()
        sources_here: set[str] = set()
        for q in facts.quotes:
            who = q.speaker
            if q.source:
                key = q.source
                source = _entry(self.sources, key, SourceStats)
                source.quotes += 1
                sources_here.add(key)
                if who:
                    source.speakers[who] += 1
            else:
                self.unsourced += 1
            if who is None:
                self.unattributed += 1
                continue
            speaker = _entry(self.speakers, who, SpeakerStats)
            speaker.quotes += 1
            speakers_here.add(who)
            speaker.kinds[q.kind] += 1
            if q.role:
                speaker.roles[q.role] += 1
            speaker.cue_classes[q.cue_class] += 1
            for target, label in q.stance:
                _entry(speaker.targets, target, _counter)[label] += 1
            if facts.year:
                speaker.years[facts.year] += 1
        for key in speakers_here:
            self.speakers[key].documents += 1
        for key in sources_here:
            self.sources[key].documents += 1

    # ------------------------------------------------------------------------- views

    def top_speakers(self, n: int | None = None) -> list[SpeakerStats]:
        ranked = sorted(self.speakers.values(), key=lambda s: (-s.quotes, -s.documents, s.key))
        return ranked[:n] if n is not None else ranked

    def top_sources(self, n: int | None = None) -> list[SourceStats]:
        """Sources by the number of documents that rely on them (an outlet many stories cite
        before a frame one story repeats), then by quotes."""
        ranked = sorted(self.sources.values(), key=lambda s: (-s.documents, -s.quotes, s.key))
        return ranked[:n] if n is not None else ranked

    def year_list(self) -> list[str]:
        return sorted(self.years)

    def dated(self) -> int:
        return sum(y.documents for y in self.years.values())

    def to_dict(self, quote_filter: str | None = None) -> dict[str, Any]:
        """The whole summary as JSON (every speaker and source, in the order of ``top_speakers``
        and ``top_sources``)."""
        return {
            "schema": SCHEMA,
            "filter": quote_filter,
            "documents": self.documents,
            "dated_documents": self.dated(),
            "quotes": self.quotes,
            "unattributed_quotes": self.unattributed,
            "quotes_without_source": self.unsourced,
            "speakers": [self._speaker_dict(s) for s in self.top_speakers()],
            "sources": [{
                "source": self.name(s.key), "quotes": s.quotes, "documents": s.documents,
                "speakers": {self.name(k): n for k, n in s.speakers.most_common()},
            } for s in self.top_sources()],
            "years": [{"year": y, "documents": self.years[y].documents, "quotes": self.years[y].quotes} for y in self.year_list()],
        }

    def _speaker_dict(self, s: SpeakerStats) -> dict[str, Any]:
        return {
            "speaker": self.name(s.key),
            "kind": s.kinds.most_common(1)[0][0],
            "quotes": s.quotes,
            "documents": s.documents,
            "roles": {self.name(k): n for k, n in s.roles.most_common()},
            "cue_classes": dict(s.cue_classes.most_common()),
            "targets": [{"target": self.name(t), **{label: labels[label] for label in STANCE_LABELS}}
                        for t, labels in s.main_targets(len(s.targets))],
            "years": dict(sorted(s.years.items())),
        }
