"""Shared fixtures: the engine, and ../shared (skipped cleanly when it is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from quotes.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def quotes_of(text: str):
    """The quotes the engine finds in ``text``, checked for offset integrity on the way."""
    doc = analyze(text)
    for q in doc.quotes:
        assert text[q.start : q.end] == q.text
    return doc.quotes


def only(text: str):
    found = quotes_of(text)
    assert len(found) == 1, [(q.type, q.text) for q in found]
    return found[0]
