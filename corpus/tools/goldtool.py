#!/usr/bin/env python3
"""Gold annotation on records of a JSON Lines news archive, without copying the texts.

An annotator writes a *draft* that names each quote by its words; this tool finds the words
in the record's document text (title, blank line, text: ``shared/spec/output-v1.md``) and
writes gold in the format of ``shared/spec/gold-format.md`` that holds offsets only, so the
archive's text stays in ``../shared``.

    goldtool.py text ARCHIVE ID                      # the document text, with offsets every line
    goldtool.py fill ARCHIVE DRAFT.json OUT.gold.json  # draft → gold (offsets), or say what is wrong
    goldtool.py show ARCHIVE GOLD.json               # gold read back against the text

A draft quote gives its span as ``text`` (the exact words) or ``head`` + ``tail`` (the first
and the last words, at least four characters each), optionally ``occurrence`` (1-based, when
the words occur more than once) or ``after`` (words that stand shortly before the quote).
``cue`` is the reporting verb as written; its position is the nearest occurrence before the
quote (``cue_after: true``: after it, for a postposed cue). Every other field is copied as it is.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

_CUE_REACH = 400  # characters around a quote searched for its cue
_FIELDS = ("id", "story", "type", "cue", "speaker", "speaker_alts", "speaker_kind", "speaker_mention", "role",
           "source", "side", "stance", "truncated", "optional")


def document_text(archive: Path, record_id: str) -> str:
    """The record's document text: title, a blank line and text (the title alone when empty)."""
    with archive.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                if record["id"] == record_id:
                    title = record.get("title") or ""
                    return title + "\n\n" + record["text"] if title.strip() else record["text"]
    raise SystemExit(f"goldtool: no record {record_id} in {archive}")


def _occurrences(text: str, words: str, lo: int = 0) -> list[int]:
    found, i = [], text.find(words, lo)
    while i != -1:
        found.append(i)
        i = text.find(words, i + 1)
    return found


def _context(text: str, at: int) -> str:
    return text[max(0, at - 15) : at + 25].replace("\n", "⏎")


def locate(text: str, item: dict, label: str) -> tuple[int, int]:
    """(start, end) of the span an item names, or SystemExit with what is ambiguous or missing."""
    head = item.get("text") or item.get("head")
    if not head:
        raise SystemExit(f"goldtool: {label}: give text, or head and tail")
    lo = 0
    if item.get("after"):
        anchors = _occurrences(text, item["after"])
        if not anchors:
            raise SystemExit(f"goldtool: {label}: after={item['after']!r} not found")
        lo = anchors[0] + len(item["after"])
    starts = [s for s in _occurrences(text, head, lo)]
    if not starts:
        raise SystemExit(f"goldtool: {label}: {head[:30]!r} not found" + (f" after {item['after']!r}" if lo else ""))
    if "occurrence" in item:
        k = item["occurrence"] - 1
        if not 0 <= k < len(starts):
            raise SystemExit(f"goldtool: {label}: occurrence {item['occurrence']} of {len(starts)}")
        start = starts[k]
    elif len(starts) > 1 and not lo:
        where = "; ".join(f"{n + 1}: …{_context(text, s)}…" for n, s in enumerate(starts))
        raise SystemExit(f"goldtool: {label}: {head[:20]!r} occurs {len(starts)} times, set occurrence ({where})")
    else:
        start = starts[0]
    if item.get("text"):
        return start, start + len(head)
    tail = item.get("tail")
    if not tail:
        raise SystemExit(f"goldtool: {label}: head without tail")
    end = text.find(tail, start + max(0, len(head) - len(tail)))
    if end == -1:
        raise SystemExit(f"goldtool: {label}: tail {tail!r} not found after head")
    if "\n\n" in text[start:end] and item.get("type") != "direct":
        raise SystemExit(f"goldtool: {label}: an indirect quote crosses a paragraph (tail too far?)")
    return start, end + len(tail)


def cue_start(text: str, quote: dict, start: int, end: int, label: str) -> int | None:
    cue = quote.get("cue")
    if not cue:
        return None
    if quote.get("cue_after"):
        i = text.find(cue, end, end + _CUE_REACH)
    else:
        i = text.rfind(cue, max(0, start - _CUE_REACH), start)
    if i == -1:
        raise SystemExit(f"goldtool: {label}: cue {cue!r} not found {'after' if quote.get('cue_after') else 'before'} the quote")
    return i


def fill(archive: Path, draft_path: Path, out: Path) -> None:
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    text = document_text(archive, draft["source_id"])
    quotes, ids = [], set()
    for n, q in enumerate(draft["quotes"], start=1):
        label = f"{draft['source_id']} {q.get('id', n)}"
        start, end = locate(text, q, label)
        gold = {k: q[k] for k in _FIELDS if k in q}
        gold.setdefault("id", f"g{n}")
        gold.setdefault("story", 1)
        gold.update(start=start, end=end, cue_start=cue_start(text, q, start, end, label))
        gold.setdefault("speaker_alts", [])
        gold.setdefault("stance", [])
        gold.setdefault("truncated", False)
        gold.setdefault("optional", False)
        if gold["id"] in ids:
            raise SystemExit(f"goldtool: {label}: id {gold['id']} twice")
        ids.add(gold["id"])
        for s in gold["stance"]:
            if s.get("label") not in ("support", "oppose", "neutral"):
                raise SystemExit(f"goldtool: {label}: stance label {s.get('label')!r}")
        quotes.append(gold)
    spans = sorted((q["start"], q["end"], q["id"]) for q in quotes)
    for (a1, b1, i1), (a2, b2, i2) in zip(spans, spans[1:]):
        if a2 < b1:
            raise SystemExit(f"goldtool: {draft['source_id']}: {i1} and {i2} overlap")
    negatives = []
    for n, neg in enumerate(draft.get("negatives", []), start=1):
        start, end = locate(text, neg, f"{draft['source_id']} negative {n}")
        negatives.append({"start": start, "end": end})
    for key in ("one_sided", "matched"):
        for entry in draft.get(key, []):
            for ref in (entry.get("quote"), entry.get("a"), entry.get("b")):
                if ref is not None and ref not in ids:
                    raise SystemExit(f"goldtool: {draft['source_id']}: {key} names {ref}, no such quote")
    gold_doc = {"doc": draft["source_id"], "source_id": draft["source_id"], "language": draft.get("language"),
                "sides": draft.get("sides", []), "quotes": quotes, "negatives": negatives,
                "one_sided": draft.get("one_sided", []), "matched": draft.get("matched", [])}
    out.write_text(json.dumps(gold_doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(quotes)} quotes, {sum(len(q['stance']) for q in quotes)} stance targets, {len(negatives)} negatives")


def show(archive: Path, gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = document_text(archive, gold["source_id"])
    for q in gold["quotes"]:
        cue = q.get("cue")
        if cue and text[q["cue_start"] : q["cue_start"] + len(cue)] != cue:
            print(f"!! {q['id']}: cue offset does not hold")
        stance = ", ".join(f"{s['target']}:{s['label']}" for s in q.get("stance", []))
        flags = "".join(f" [{k}]" for k in ("optional", "truncated") if q.get(k))
        print(f"{q['id']} {q['type']} {q['start']}-{q['end']} | {q.get('speaker')} ({q.get('speaker_kind')}, "
              f"{q.get('role')}, mention {q.get('speaker_mention')}) | {cue} | src {q.get('source')} | side {q.get('side')}{flags}")
        print(f"    {text[q['start']:q['end']]}")
        if stance:
            print(f"    stance: {stance}")
    for n in gold.get("negatives", []):
        print(f"negative: {text[n['start']:n['end']]}")
    for key in ("one_sided", "matched"):
        if gold.get(key):
            print(f"{key}: {gold[key]}")


def show_text(archive: Path, record_id: str) -> None:
    text = document_text(archive, record_id)
    pos = 0
    for line in text.split("\n"):
        if line:
            print(f"[{pos}] {line}")
        pos += len(line) + 1


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[0] not in ("text", "fill", "show"):
        raise SystemExit(__doc__)
    archive = Path(argv[1])
    if argv[0] == "text":
        show_text(archive, argv[2])
    elif argv[0] == "fill":
        fill(archive, Path(argv[2]), Path(argv[3]))
    else:
        show(archive, Path(argv[2]))


if __name__ == "__main__":
    main(sys.argv[1:])
