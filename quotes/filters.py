"""Quote filters: the quotes a run keeps (``--speaker``, ``--side``, ``--type``, ``--cue-class``,
``--target``).

A filter is applied to each document once, after the analysis (so the comparator and the
sides saw every quote) and before any output is written, so that the terminal report, JSON,
JSON Lines, CSV, HTML and the archive summary all show the same quotes.  Names are matched
whole, in either script and any letter case (``--speaker 賴清德`` finds 赖清德, ``--target
us`` finds US); a speaker matches by the canonical name or by the words the text names them
by (``--speaker 该发言人``).  Several values of one option are alternatives; different options
must all match.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .model import Comparison, Document, Quote
from .reading import name_key

# What each option matches in a quote, by the option's name.
FIELDS: dict[str, Callable[[Quote], Iterable[str | None]]] = {
    "speaker": lambda q: (q.speaker, q.speaker_mention),
    "side": lambda q: (q.side,),
    "type": lambda q: (q.type,),
    "cue-class": lambda q: (q.cue_class,),
    "target": lambda q: (s.target for s in q.stance),
}


@dataclass(frozen=True)
class QuoteFilter:
    """For each option given, the names it accepts (compared by ``reading.name_key``)."""

    wanted: tuple[tuple[str, frozenset[str]], ...] = ()
    given: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the values as typed, for messages

    @classmethod
    def of(cls, **options: Sequence[str] | None) -> "QuoteFilter":
        """A filter from option values by field name (``cue_class`` for ``--cue-class``)."""
        given = tuple((name.replace("_", "-"), tuple(values)) for name, values in options.items() if values)
        unknown = [name for name, _ in given if name not in FIELDS]
        if unknown:
            raise ValueError(f"no such filter: {', '.join(unknown)}")
        return cls(tuple((name, frozenset(name_key(v) for v in values)) for name, values in given), given)

    def __bool__(self) -> bool:
        return bool(self.wanted)

    def matches(self, q: Quote) -> bool:
        return all(any(v and name_key(v) in names for v in FIELDS[field](q)) for field, names in self.wanted)

    def apply(self, doc: Document) -> None:
        """Keep the matching quotes of ``doc``, and the comparison and account entries of those."""
        doc.quotes = [q for q in doc.quotes if self.matches(q)]
        kept = {q.id for q in doc.quotes}
        doc.comparison = [c for c in doc.comparison if c.quote in kept]
        for account in doc.accounts:
            account.quotes = [i for i in account.quotes if i in kept]
        doc.accounts = [a for a in doc.accounts if a.quotes]

    def apply_all(self, docs: list[Document], comparison: list[Comparison]) -> list[Comparison]:
        """Filter ``docs`` and the comparison across them (entries name their document by index)."""
        for doc in docs:
            self.apply(doc)
        kept = {(i, q.id) for i, doc in enumerate(docs) for q in doc.quotes}
        return [c for c in comparison if (c.doc, c.quote) in kept]

    def describe(self) -> str:
        """The filter as it was given: ``--speaker 林晓峰 --type direct --type mixed``."""
        return " ".join(f"--{name} {value}" for name, values in self.given for value in values)
