"""Export: the ``quotes.v1`` JSON contract and a spreadsheet-safe CSV."""
from __future__ import annotations

import csv
import json
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Iterable

from .model import Comparison, Document, Quote

SCHEMA = "quotes.v1"

CSV_COLUMNS = [
    "path", "story", "id", "type", "speaker", "speaker_kind", "role", "cue", "cue_class",
    "source", "side", "text", "start", "end", "truncated", "stance", "comparison",
]
# A cell starting with one of these is run as a formula by spreadsheets (OWASP CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _fields(obj: Any) -> dict[str, Any]:
    """A flat dataclass as a dict, sharing its values: ``dataclasses.asdict`` deep-copies every
    value, which made writing the output a tenth of the time of a run."""
    return {name: getattr(obj, name) for name in _field_names(type(obj))}


@lru_cache(maxsize=64)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def quote_dict(q: Quote) -> dict[str, Any]:
    d = _fields(q)
    d["stance"] = [_fields(s) for s in q.stance]
    return d


def comparison_dict(c: Comparison) -> dict[str, Any]:
    d = {k: v for k, v in _fields(c).items() if not (k == "doc" and v is None)}
    if c.best_match is not None:
        d["best_match"] = {k: v for k, v in _fields(c.best_match).items() if not (k == "doc" and v is None)}
    return d


def document_dict(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "encoding": doc.encoding,
        "script": doc.script,
        "date": doc.date,
        "stories": [_fields(s) for s in doc.stories],
        "quotes": [quote_dict(q) for q in doc.quotes],
        "accounts": [_fields(a) for a in doc.accounts],
        "comparison": [comparison_dict(c) for c in doc.comparison],
        "notes": doc.notes,
    }


def to_json(docs: Iterable[Document], comparison: list[Comparison] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": SCHEMA, "documents": [document_dict(d) for d in docs]}
    if comparison is not None:
        out["comparison"] = [comparison_dict(c) for c in comparison]
    return out


def write_json(path: str | Path, payload: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: formula-like starts get a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def csv_rows(doc: Document, status: dict[str, str]) -> Iterable[list[str]]:
    for q in doc.quotes:
        stance = ";".join(f"{s.target}:{s.label}" for s in q.stance)
        values = [
            doc.path, q.story, q.id, q.type, q.speaker, q.speaker_kind, q.role, q.cue, q.cue_class,
            q.source, q.side, q.text, q.start, q.end, str(q.truncated).lower(), stance, status.get(q.id, ""),
        ]
        yield [safe_cell(v) for v in values]


def write_csv(fh: IO[str], docs: Iterable[Document], comparison: list[Comparison] = (), header: bool = True) -> None:
    """Write rows to an open text file; open it with ``encoding='utf-8-sig'`` for Excel.

    ``comparison`` is a cross-file comparison; a document's own comparison is used otherwise.
    """
    writer = csv.writer(fh)
    if header:
        writer.writerow(CSV_COLUMNS)
    for i, doc in enumerate(docs):
        status = {c.quote: c.status for c in doc.comparison}
        status.update({c.quote: c.status for c in comparison if c.doc == i})
        writer.writerows(csv_rows(doc, status))
