"""The engine: text in, a ``Document`` with stories and attributed quotes out.

Stages run one way: reading (normalise) → structure (stories) → finding (speech spans) →
attributing (speaker, source) → stance (cue class, targets) → comparing (sides).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import lexicons
from .accounts import assign_sides
from .attributing import Attributor
from .comparing import compare_document
from .finding import Finder
from .model import Document
from .reading import detect_script, normalise, read_file
from .stance import assign_stance
from .structure import split_stories

_WINDOW = 24  # characters of context either side of a cue that the segmenter sees

WordCheck = Callable[[int, int], bool]


@lru_cache(maxsize=1)
def _segmenter():
    try:
        from .segment import Segmenter

        return Segmenter.load()
    except (ImportError, OSError):
        return None


def word_check(norm: str) -> WordCheck:
    """A check that norm[a:b] is made of whole words, segmenting only a window around it.

    Only clauses that hold a candidate cue are segmented, and each window once.
    """
    seg = _segmenter()
    if seg is None:
        return lambda a, b: True
    cache: dict[tuple[int, int], set[int]] = {}

    def check(a: int, b: int) -> bool:
        wa, wb = max(0, a - _WINDOW), min(len(norm), b + _WINDOW)
        for cut in "，。！？；\n":
            i = norm.rfind(cut, wa, a)
            if i >= 0:
                wa = max(wa, i + 1)
            j = norm.find(cut, b, wb)
            if j >= 0:
                wb = min(wb, j)
        key = (wa, wb)
        bounds = cache.get(key)
        if bounds is None:
            bounds = {wa + s for s, _ in seg.spans(norm[wa:wb])} | {wb}
            cache[key] = bounds
        return a in bounds and b in bounds

    return check


def analyze(text: str, path: str = "<text>", encoding: str = "utf-8", segment: bool = True) -> Document:
    """Find and attribute every quote in ``text``."""
    lex = lexicons.load()
    norm = normalise(text)
    doc = Document(path=path, text=text, encoding=encoding, script=detect_script(text, norm))
    doc.stories, lines = split_stories(norm, lex)
    finder = Finder(norm, lines, lex, word_check(norm) if segment else None)
    candidates = finder.find()
    attributor = Attributor(text, norm, lines, lex, finder.relays)
    for n, cand in enumerate(sorted(candidates, key=lambda c: c.start), start=1):
        story = lines[cand.line].story
        doc.quotes.append(attributor.attribute(cand, story, f"q{n}"))
    affiliations = assign_sides(doc)
    compare_document(doc)
    assign_stance(doc, affiliations)
    return doc


def analyze_file(path: str | Path) -> Document:
    decoded = read_file(path)
    doc = analyze(decoded.text, str(path), decoded.encoding)
    if decoded.replaced:
        doc.notes.append(f"{decoded.replaced} undecodable characters replaced")
    return doc
