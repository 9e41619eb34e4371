"""What the finder hands the attributor: a speech span, its cue and where its speaker phrase is."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Candidate:
    """A speech span found in the text, before attribution."""

    type: str
    start: int
    end: int
    line: int  # index into the typed lines
    cue: tuple[int, int] | None = None
    cue_class: str = "unknown"
    subject: tuple[int, int] | None = None  # where to look for the speaker phrase
    postposed: bool = False
    truncated: bool = False
    confidence: float = 0.8
