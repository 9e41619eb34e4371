"""The engine: text in, a ``Document`` with stories and attributed quotes out.

Stages run one way: reading (normalise) → structure (stories) → finding (speech spans) →
attributing (speaker, source) → stance (cue class, targets) → comparing (sides).
"""
from __future__ import annotations

from pathlib import Path

from . import lexicons
from .accounts import assign_sides
from .attribution import Attributor
from .comparing import compare_document
from .finding import Finder
from .finding.marks import mistyped_closers_repaired, mistyped_openers_repaired
from .model import Document
from .reading import detect_script, normalise, read_file
from .stance import assign_stance
from .structure import split_stories

def analyze(text: str, path: str = "<text>", encoding: str = "utf-8", stance: bool = True) -> Document:
    """Find and attribute every quote in ``text``; ``stance=False`` leaves stance to the caller
    (``assign_stances``, for many documents at once)."""
    lex = lexicons.load()
    norm = mistyped_openers_repaired(mistyped_closers_repaired(normalise(text)))
    doc = Document(path=path, text=text, norm=norm, encoding=encoding, script=detect_script(text, norm))
    doc.stories, lines = split_stories(norm, lex)
    finder = Finder(norm, lines, lex, agency_copy=doc.script == "simplified")
    candidates = finder.find()
    attributor = Attributor(text, norm, lines, lex, finder.relays, [(q.open, q.close) for q in finder.quoted], candidates)
    for cand in sorted(candidates, key=lambda c: c.start):
        quote = attributor.attribute(cand, lines[cand.line].story, f"q{len(doc.quotes) + 1}")
        if quote.speaker is not None or quote.type in ("direct", "headline"):
            doc.quotes.append(quote)  # a reported clause nobody reports is no quote (一般认为, 由于担心)
    doc.entities = attributor.entity_names()
    assign_sides(doc)
    compare_document(doc)
    if stance:
        assign_stance(doc)
    return doc


def analyze_file(path: str | Path) -> Document:
    decoded = read_file(path)
    doc = analyze(decoded.text, str(path), decoded.encoding)
    doc.date = decoded.date
    doc.notes.extend(decoded.notes)
    if decoded.replaced:
        doc.notes.append(f"{decoded.replaced} undecodable characters replaced")
    return doc
