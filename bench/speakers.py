"""Speakers that are not speakers, over the two real archives (no gold needed).

    .venv/bin/python bench/speakers.py [--jobs 2] [--limit N] [--save figures.json]

Runs ``quotes analyze`` on each archive in ``../shared/data/news`` (the 2,000 Taiwan
releases and the VOA articles) and counts, with ``quotes.audit`` (the project's classes,
stricter) and with ``../shared/eval/speakers.py`` when it is there, the share of quotes whose
speaker is not a speaker (a function word, a verb or predicate fragment, an unresolved
pronoun, a single character…), keeps a title glued to a name, or is missing; against the
goals of at most 1 %, 1 % and 5 %.  The archives are read from ../shared, never copied.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.audit import audit  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news"
ARCHIVES = {"tw-president": NEWS / "tw-president" / "tw_president_news.jsonl", "voa-zh": NEWS / "voa-zh" / "voa_zh_news.jsonl"}
SHARED_COUNT = ROOT.parent / "shared" / "eval" / "speakers.py"
GOALS = {"not_a_speaker_rate": 0.01, "titled_name_rate": 0.01, "no_speaker_rate": 0.05}


def shared_count():
    """``count`` of the shared script, or None when ../shared is not there."""
    if not SHARED_COUNT.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_speakers", SHARED_COUNT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.count


def analyse(archive: Path, out: Path, jobs: int, limit: int | None) -> list[dict]:
    source = archive
    if limit:
        source = out.with_suffix(".in.jsonl")
        with open(archive, encoding="utf-8") as fh, open(source, "w", encoding="utf-8") as dst:
            dst.writelines(line for _, line in zip(range(limit), fh))
    subprocess.run([sys.executable, "-m", "quotes", "analyze", str(source), "--jsonl", str(out), "-q", "--jobs", str(jobs)],
                   cwd=ROOT, check=False)
    with open(out, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N records of each archive")
    parser.add_argument("--save", type=Path, default=None, help="write the figures here as JSON")
    args = parser.parse_args()
    count = shared_count()
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, archive in ARCHIVES.items():
            if not archive.exists():
                print(f"{name}: {archive} not found, skipped")
                continue
            docs = analyse(archive, Path(tmp) / f"{name}.jsonl", args.jobs, args.limit)
            figures[name] = {"documents": len(docs), "audit": audit(docs).figures(), "shared": count(docs) if count else None}
    for name, fig in figures.items():
        own = fig["audit"]
        print(f"{name}: {fig['documents']:,} documents, {own['quotes']:,} quotes")
        for key, goal in GOALS.items():
            met = "met" if own[key] <= goal else "NOT MET"
            print(f"  {key.replace('_', ' ')}: {own[key]:.2%} (goal ≤ {goal:.0%}, {met})")
        print("  classes: " + ", ".join(f"{k} {v}" for k, v in own["classes"].items()))
        print("  most frequent: " + ", ".join(f"{s} {k}" for s, k in own["most_frequent"]))
        if fig["shared"]:
            shared = fig["shared"]
            print(f"  shared eval/speakers.py: not a speaker {shared['junk_rate']:.2%}, title glued "
                  f"{shared['titled_name_rate']:.2%}, no speaker {shared['no_speaker_rate']:.2%}")
    if args.save:
        args.save.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
