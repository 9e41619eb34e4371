#!/usr/bin/env python3
"""The records of the real development sets (corpus/real), drawn by a seeded random choice.

    select_real.py ../shared/data/news   # prints: folder, record id, date, title

Taiwan releases of 400–3,000 characters that report speech, by president's era, each era with
a vice-presidential item, a call, a cross-strait item and a speech or press event where it has
one; VOA articles of at most 3,000 characters, 14 of them telling two or more parties' accounts
(picked from the candidates below, which a party-and-office count over the archive surfaced).
Every third record of each shuffled list is kept aside (``test``).
"""
from __future__ import annotations

import json
import random
import re
import sys
from functools import partial
from pathlib import Path

# Reserved by the speaker issue for evaluation outside the project.
_RESERVED = {"tw-president-20121", "tw-president-24756", "tw-president-25264", "tw-president-27186",
             "tw-president-28160", "tw-president-28674", "tw-president-39205", "tw-president-39595"}
_ERA_QUOTA = {"lee": 3, "chen": 7, "ma": 8, "tsai": 11, "lai": 7}
_KINDS = {
    "vice president": lambda r: "副總統" in r["title"],
    "call": lambda r: re.search("通話|視訊", r["title"]),
    "cross-strait": lambda r: r.get("topic_hint") == "cross_strait_or_china",
    "speech or press": lambda r: re.search("記者會|談話|致詞|演說", r["title"]),
}
# VOA articles built from two or more parties' statements (counted: a party named with its
# ministry, government or spokesperson, or as X方, at least twice each).
_MULTI_PARTY = ["voa-1040782", "voa-1026280", "voa-1040538", "voa-1019380", "voa-1038830", "voa-1034090",
                "voa-1017358", "voa-1015290", "voa-1009220", "voa-1015440", "voa-1009690", "voa-1010038",
                "voa-1009794", "voa-1042612", "voa-1035180", "voa-1016138"]


def _era(year: int) -> str:
    return "lee" if year < 2000 else "chen" if year < 2008 else "ma" if year < 2016 else "tsai" if year < 2024 else "lai"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def taiwan(records: list[dict]) -> list[dict]:
    rng = random.Random(20261206)
    pool = [r for r in records if r["id"] not in _RESERVED and 400 <= len(r["text"]) <= 3000
            and ("表示" in r["text"] or "說" in r["text"])]
    chosen = []
    for era, quota in _ERA_QUOTA.items():
        candidates = [r for r in pool if _era(int(r["date"][:4])) == era]
        rng.shuffle(candidates)
        picked = []
        for wanted in _KINDS.values():
            picked.extend(next(([r] for r in candidates if wanted(r) and r not in picked), []))
        picked.extend(r for r in candidates if r not in picked)
        chosen.extend(picked[:quota])
    rng.shuffle(chosen)
    return chosen


def voa(records: list[dict]) -> list[dict]:
    by_id = {r["id"]: r for r in records}
    rng = random.Random(20261207)
    multi = rng.sample(_MULTI_PARTY, 14)
    single = rng.sample([i for i in by_id if i not in multi and len(by_id[i]["text"]) <= 3000], 22)
    chosen = [by_id[i] for i in multi + single]
    rng.shuffle(chosen)
    return chosen


def _blind_batch(tw: list[dict], voa_records: list[dict], taken: set[str], seed: int, size: int,
                 voa_max: int) -> tuple[list[dict], list[dict]]:
    """``size`` records of each archive in a seeded order, reporting speech, in no folder of
    corpus/real yet (``taken``): Taiwan releases of 400–2,500 characters, VOA of at most ``voa_max``."""
    rng = random.Random(seed)
    tw_pool = [r for r in tw if r["id"] not in taken | _RESERVED and 400 <= len(r["text"]) <= 2500
               and re.search("表示|指出|說|強調|期盼|希望", r["text"])]
    voa_pool = [r for r in voa_records if r["id"] not in taken and len(r["text"]) <= voa_max and re.search("表示|说|称", r["text"])]
    rng.shuffle(tw_pool)
    rng.shuffle(voa_pool)
    return tw_pool[:size], voa_pool[:size]


def fresh3(tw: list[dict], voa_records: list[dict], taken: set[str]) -> tuple[list[dict], list[dict]]:
    """The third blind batch: twelve records of each archive (VOA of at most 2,500 characters)."""
    return _blind_batch(tw, voa_records, taken, 20261207, 12, 2500)


_OFFICES = "(?:外交部|政府|国防部|总统|总理|发言人|官员|当局|方面)"


def multiparty_pool(voa_records: list[dict], taken: set[str], party_words: dict[str, str]) -> list[dict]:
    """VOA records of at most 2,500 characters, in no folder of corpus/real yet, in which two or
    more parties are each named with an office (外交部, 政府, 发言人…) at least twice: stories
    told from two or more parties' accounts, in a seeded order. The first twelve joined
    ``voa/test`` (``--heldout2``); the rest are the development batch ``voa/fresh4``."""
    names = "|".join(sorted(map(re.escape, party_words), key=len, reverse=True))
    office = re.compile(f"({names}){_OFFICES}")
    pool = []
    for r in voa_records:
        if r["id"] in taken or len(r["text"]) > 2500:
            continue
        counts: dict[str, int] = {}
        for m in office.finditer(r["text"]):
            counts[party_words[m.group(1)]] = counts.get(party_words[m.group(1)], 0) + 1
        if sum(n >= 2 for n in counts.values()) >= 2:
            pool.append(r)
    rng = random.Random(20261208)
    rng.shuffle(pool)
    return pool


def heldout_taiwan(tw: list[dict], taken: set[str]) -> list[dict]:
    """The second kept-aside Taiwan batch: twelve releases drawn as ``fresh3`` was (400–2,500
    characters, reporting speech), in no folder of corpus/real yet, with another seed."""
    rng = random.Random(20261209)
    pool = [r for r in tw if r["id"] not in taken | _RESERVED and 400 <= len(r["text"]) <= 2500
            and re.search("表示|指出|說|強調|期盼|希望", r["text"])]
    rng.shuffle(pool)
    return pool[:12]


# Later blind batches, each drawn as ``fresh3`` was with a seed of its own: (seed, records of
# each archive, VOA's longest record in characters; its short unused records are few).
BLIND_BATCHES = {"fresh5": (20261211, 8, 3000), "fresh6": (20261212, 8, 3500), "fresh7": (20261213, 8, 3500),
                 "fresh8": (20261214, 8, 3500), "fresh9": (20261215, 8, 3500),
                 "fresh10": (20261216, 8, 3500), "fresh11": (20261217, 8, 3500)}


def _party_words(sides_tsv: Path) -> dict[str, str]:
    rows = (line.rstrip("\n").split("\t") for line in sides_tsv.open(encoding="utf-8"))
    return {row[0]: row[1] for row in rows if len(row) >= 2 and not row[0].startswith("#")}


def main(news: Path) -> None:
    for name, archive, select in (("tw", "tw-president/tw_president_news.jsonl", taiwan),
                                  ("voa", "voa-zh/voa_zh_news.jsonl", voa)):
        for k, r in enumerate(select(_records(news / archive))):
            print(f"{name}/{'test' if k % 3 == 2 else 'dev'}\t{r['id']}\t{r['date']}\t{r['title'][:40]}")


def main_fresh3(news: Path, real: Path) -> None:
    """``select_real.py --fresh3 NEWS corpus/real``: the records of the third blind batch."""
    taken = {json.loads(p.read_text(encoding="utf-8"))["source_id"] for p in real.glob("*/*/*.gold.json")
             if p.parent.name != "fresh3"}
    tw, voa_records = (_records(news / a) for a in ("tw-president/tw_president_news.jsonl", "voa-zh/voa_zh_news.jsonl"))
    for name, chosen in zip(("tw", "voa"), fresh3(tw, voa_records, taken)):
        for r in chosen:
            print(f"{name}/fresh3\t{r['id']}\t{r.get('date', '')}\t{r['title'][:40]}")


def main_multiparty(news: Path, real: Path) -> None:
    """``select_real.py --heldout2 NEWS corpus/real``: the multi-party records added to voa/test,
    those of the development batch voa/fresh4, and the Taiwan releases added to tw/test."""
    records = _records(news / "voa-zh/voa_zh_news.jsonl")
    # every record of another folder, and the first draw's own test third (this batch joins voa/test)
    taken = {json.loads(p.read_text(encoding="utf-8"))["source_id"] for p in real.glob("*/*/*.gold.json")
             if p.parent not in (real / "voa" / "test", real / "voa" / "fresh4")}
    taken |= {r["id"] for r in voa(records)}
    parties = _party_words(Path(__file__).resolve().parents[2] / "quotes" / "lexicons" / "sides.tsv")
    for k, r in enumerate(multiparty_pool(records, taken, parties)):
        print(f"voa/{'test' if k < 12 else 'fresh4'}\t{r['id']}\t{r.get('date', '')}\t{r['title'][:40]}")
    tw = _records(news / "tw-president/tw_president_news.jsonl")
    tw_taken = {json.loads(p.read_text(encoding="utf-8"))["source_id"] for p in real.glob("tw/*/*.gold.json")
                if p.parent != real / "tw" / "test"} | {r["id"] for r in taiwan(tw)}
    for r in heldout_taiwan(tw, tw_taken):
        print(f"tw/test\t{r['id']}\t{r.get('date', '')}\t{r['title'][:40]}")


def main_blind(batch: str, news: Path, real: Path) -> None:
    """``select_real.py --fresh5 NEWS corpus/real`` (or ``--fresh6``): the records of that blind
    batch, in no other folder of corpus/real and in no earlier draw."""
    taken = {json.loads(p.read_text(encoding="utf-8"))["source_id"] for p in real.glob("*/*/*.gold.json")
             if p.parent.name != batch}
    tw, voa_records = (_records(news / a) for a in ("tw-president/tw_president_news.jsonl", "voa-zh/voa_zh_news.jsonl"))
    taken |= {r["id"] for r in taiwan(tw)} | {r["id"] for r in voa(voa_records)}
    for name, chosen in zip(("tw", "voa"), _blind_batch(tw, voa_records, taken, *BLIND_BATCHES[batch])):
        for r in chosen:
            print(f"{name}/{batch}\t{r['id']}\t{r.get('date', '')}\t{r['title'][:40]}")


if __name__ == "__main__":
    batches = {"--fresh3": main_fresh3, "--heldout2": main_multiparty,
               **{f"--{b}": partial(main_blind, b) for b in BLIND_BATCHES}}
    if sys.argv[1:2] and sys.argv[1] in batches:
        args = sys.argv[2:] + ["../shared/data/news", "corpus/real"][len(sys.argv[2:]) :]
        batches[sys.argv[1]](Path(args[0]), Path(args[1]))
    else:
        main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news"))
