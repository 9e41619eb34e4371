"""Plain dataclasses that carry a document through the stages.

Every offset is a code-point index into the decoded, un-normalised text, so that
``document.text[q.start:q.end] == q.text`` holds for every quote.
"""
from __future__ import annotations

from dataclasses import dataclass, field

QUOTE_TYPES = ("direct", "indirect", "mixed", "headline")
# The classes of reporting verbs (lexicons/cues.tsv); "unknown" when a quote has no cue.
CUE_CLASSES = ("neutral", "emphatic", "distancing", "critical", "rejecting", "directive", "informing", "mental", "unknown")
STANCE_LABELS = ("support", "oppose", "neutral")


@dataclass
class Story:
    """One story of a page: the article, a teaser of another story, a caption or boilerplate."""

    id: str
    kind: str  # article | teaser | caption | boilerplate
    start: int
    end: int
    title: str | None = None
    truncated: bool = False


@dataclass
class Frame:
    """A ``据X消息`` / ``根据X发表的新闻稿`` account that governs the quotes after it."""

    source: str
    start: int
    end: int
    outlet: str | None = None  # the relaying outlet of a relay chain (法广 in 法广根据…)
    origin: str | None = None  # the party whose account is relayed
    origin_span: tuple[int, int] | None = None  # where the origin is named
    paragraph_end: int | None = None  # a person relaying others (X说，Y表示…) speaks for this paragraph only
    adverbial: bool = False  # 按照X的说法，: later paragraphs only for the voices it has named


@dataclass
class Stance:
    target: str
    label: str  # support | oppose | neutral
    score: float


@dataclass
class Quote:
    id: str
    story: str
    type: str  # one of QUOTE_TYPES
    text: str
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    cue_class: str = "unknown"  # one of CUE_CLASSES
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str = "unknown"
    role: str | None = None
    source: str | None = None
    side: str | None = None
    side_reason: str | None = None  # how the side was told: frame | outlet | speakers | mentions | given
    speaker_side: str | None = None  # the party the speaker belongs to (董军 → 中方), whichever account quotes them
    truncated: bool = False
    stance: list[Stance] = field(default_factory=list)
    confidence: float = 0.5
    distancing: list[str] = field(default_factory=list)


@dataclass
class Account:
    side: str
    sources: list[str]
    quotes: list[str]


@dataclass
class Match:
    quote: str
    similarity: float
    doc: int | None = None


@dataclass
class Comparison:
    quote: str
    speaker: str | None
    side: str
    status: str  # matched | one_sided
    absent_from: list[str]
    best_match: Match | None
    doc: int | None = None


@dataclass
class Document:
    path: str
    text: str
    norm: str = field(default="", repr=False)  # the matching copy of ``text`` (reading.normalise): same length
    encoding: str = "utf-8"
    script: str = "simplified"
    stories: list[Story] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    comparison: list[Comparison] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    date: str | None = None  # publication date (YYYY-MM-DD, or YYYY): an archive record's, a page's
    entities: list[str] = field(default_factory=list, repr=False)  # people and bodies the document names (normalised)
