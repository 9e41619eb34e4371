"""Robustness run: the real archives (2,000 Taiwan releases, the VOA Chinese articles) and a
mutated copy of every article through the engine.

    .venv/bin/python bench/robustness.py [--limit N] [--seed 7] [--save figures.json]

Each release is analysed as it is, then one mutated copy of it, the mutation chosen in
turn: truncated at a random point (often inside a quotation), clause punctuation removed,
quotation marks unbalanced (closing marks dropped, stray opening marks added), or its
bytes re-encoded (GB18030, Big5, UTF-16, or half UTF-8 and half GB18030 in one file) and
decoded back through ``reading.decode``.  Counted: crashes (any exception other than a
refusal of the input), offset errors (a quote, speaker or cue whose offsets do not slice
the text to what the record says), refusals, and the slowest document.

The texts are read from ../shared and never copied into the project.  Exit status 1 when
there is any crash or offset error.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the tree this script sits in
NEWS = ROOT.parent / "shared" / "data" / "news"
ARCHIVES = (NEWS / "tw-president" / "tw_president_news.jsonl", NEWS / "voa-zh" / "voa_zh_news.jsonl")
CLAUSE_PUNCTUATION = set("，。、：；！？,.:;!?")
CLOSERS = set("”」』\"’")
OPENERS = "“「『"
MUTATIONS = ("truncated", "no_punctuation", "unbalanced_quotes", "reencoded")


def articles(limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(id, document text) of every record of the archives, ``limit`` from each."""
    for archive in ARCHIVES:
        with open(archive, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if limit is not None and n >= limit:
                    break
                record = json.loads(line)
                yield record["id"], record["title"] + "\n\n" + record["text"]


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randint(0, len(text))]


def strip_punctuation(text: str, rng: random.Random) -> str:
    return "".join(ch for ch in text if ch not in CLAUSE_PUNCTUATION)


def unbalance(text: str, rng: random.Random) -> str:
    chars = [ch for ch in text if not (ch in CLOSERS and rng.random() < 0.5)]
    for _ in range(rng.randint(1, 20)):
        chars.insert(rng.randint(0, len(chars)), rng.choice(OPENERS))
    return "".join(chars)


def reencode(text: str, rng: random.Random) -> tuple[bytes, str]:
    """Bytes of ``text`` in another encoding (unencodable characters become '?')."""
    choice = rng.choice(["gb18030", "big5", "utf-16", "mixed"])
    if choice == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("gb18030"), "utf-8+gb18030"
    return text.encode(choice, errors="replace"), choice


def offset_errors(doc) -> list[str]:
    """Every quote, speaker and cue whose offsets do not slice the text to what the record says."""
    text, bad = doc.text, []
    for q in doc.quotes:
        if text[q.start : q.end] != q.text:
            bad.append(f"{q.id} text")
        if q.speaker_start is not None and text[q.speaker_start : q.speaker_end] != q.speaker_mention:
            bad.append(f"{q.id} speaker")
        if q.cue_start is not None and not (0 <= q.cue_start <= q.cue_end <= len(text)):
            bad.append(f"{q.id} cue")
    for s in doc.stories:
        if not (0 <= s.start <= s.end <= len(text)):
            bad.append(f"{s.id} story")
    return bad


def check(name: str, text: str | None, data: bytes | None, tally: Counter, failures: list[str], slowest: list) -> None:
    """Analyse one text (or decode the bytes first) and count what happens."""
    from quotes.pipeline import analyze
    from quotes.reading import InputError, decode

    started = time.perf_counter()
    try:
        if data is not None:
            decoded = decode(data, name)
            text = decoded.text
            tally["replaced_chars"] += decoded.replaced
        doc = analyze(text, name)
    except InputError as exc:
        tally["refused"] += 1
        failures.append(f"refused {exc}")
        return
    except Exception:  # noqa: BLE001 - counting crashes is the point
        tally["crashes"] += 1
        failures.append(f"crash {name}: {traceback.format_exc(limit=3)}")
        return
    seconds = time.perf_counter() - started
    if seconds > slowest[0]:
        slowest[:] = [seconds, name, len(text)]
    tally["documents"] += 1
    tally["characters"] += len(text)
    tally["quotes"] += len(doc.quotes)
    bad = offset_errors(doc)
    tally["offset_errors"] += len(bad)
    failures.extend(f"offset {name}: {b}" for b in bad)


def robustness(limit: int | None = None, seed: int = 7) -> dict:
    """The figures of one run (see the module docstring)."""
    rng = random.Random(seed)
    tally: Counter = Counter()
    by_mutation: Counter = Counter()
    failures: list[str] = []
    slowest = [0.0, "", 0]
    started = time.perf_counter()
    for n, (rid, text) in enumerate(articles(limit)):
        check(rid, text, None, tally, failures, slowest)
        mutation = MUTATIONS[n % len(MUTATIONS)]
        name = f"{rid}/{mutation}"
        if mutation == "reencoded":
            data, encoding = reencode(text, rng)
            by_mutation[f"reencoded:{encoding}"] += 1
            check(name, None, data, tally, failures, slowest)
        else:
            by_mutation[mutation] += 1
            mutate = {"truncated": truncate, "no_punctuation": strip_punctuation, "unbalanced_quotes": unbalance}[mutation]
            check(name, mutate(text, rng), None, tally, failures, slowest)
    elapsed = time.perf_counter() - started
    return {
        "documents": tally["documents"], "refused": tally["refused"], "crashes": tally["crashes"],
        "offset_errors": tally["offset_errors"], "quotes": tally["quotes"], "characters": tally["characters"],
        "replaced_chars": tally["replaced_chars"], "mutations": dict(sorted(by_mutation.items())),
        "seconds": round(elapsed, 1), "chars_per_s": round(tally["characters"] / elapsed),
        "slowest": {"seconds": round(slowest[0], 3), "document": slowest[1], "characters": slowest[2]},
        "failures": failures[:20],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N releases")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--save", type=Path, default=None, help="write the figures here as JSON")
    args = parser.parse_args()
    for archive in ARCHIVES:
        if not archive.is_file():
            raise SystemExit(f"{archive}: not found (../shared is needed for the robustness run)")
    figures = robustness(args.limit, args.seed)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.save:
        args.save.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.exit(1 if figures["crashes"] or figures["offset_errors"] else 0)


if __name__ == "__main__":
    main()
