"""Pathological texts through ``quotes.pipeline.analyze``: how the time grows with the size.

    .venv/bin/python bench/pathological.py [--limit 60] [--case NAME ...] [--save figures.json]

Each case is timed at sizes growing 4× at a time, each size in a fresh process killed
after ``--limit`` seconds, up to the size the scale issue names (100,000 unmatched
quotation marks, a 5 MB line with no punctuation, quotes nested 100,000 deep, 10,000 cue
verbs in a row).  The growth exponent is the least-squares slope of log(time) over
log(size) over the sizes that finished (1 is linear, 2 quadratic); where the full size did
not finish in time, its time is extrapolated with that exponent.  The largest finished
size of every super-linear case is profiled, and the functions with the most own time
are named, so that the engine's owners know where to look.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import math
import pstats
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the tree this script sits in

FILLER = "中华民国总统府今天举行记者会说明明年度中央政府总预算案的编列原则与重点施政方向"
CASES = {
    # name: (what, unit, builder of a text with n units, full n)
    "unmatched_quotes": ("unmatched opening quotation marks", "marks", lambda n: "“" * n, 100_000),
    "stray_quotes_in_text": ("a stray 「 after every clause of one paragraph", "clauses",
                             lambda n: "部长说，今天开会「" * n, 20_000),
    "no_punctuation_line": ("one line with no punctuation", "bytes",
                            lambda n: (FILLER * (n // (3 * len(FILLER)) + 1))[: n // 3], 5 * 1024 * 1024),
    "nested_quotes": ("quotation marks nested n deep", "levels",
                      lambda n: "他说：" + "“「『" * (n // 3) + "好" + "』」”" * (n // 3) + "。", 100_000),
    "cue_verbs_in_a_row": ("cue verbs in a row", "verbs", lambda n: "表示说强调指出认为" * (n // 5) + "，好。", 10_000),
    "cue_clauses": ("'他表示，' repeated", "clauses", lambda n: "他表示，" * n + "好。", 10_000),
}
START = 1_000

console = Console(highlight=False, width=140)


def sizes(full: int) -> list[int]:
    out, n = [], START
    while n < full:
        out.append(n)
        n *= 4
    return out + [full]


def time_one(case: str, n: int) -> float:
    """Seconds of one analysis (after a warm-up that loads the models)."""
    from quotes.pipeline import analyze

    analyze("外交部发言人表示，好。")
    text = CASES[case][2](n)
    started = time.perf_counter()
    analyze(text)
    return time.perf_counter() - started


def profile_one(case: str, n: int, top: int = 4) -> list[dict]:
    """The functions with the most own time analysing the case at size n."""
    from quotes.pipeline import analyze

    analyze("外交部发言人表示，好。")
    text = CASES[case][2](n)
    prof = cProfile.Profile()
    prof.runcall(analyze, text)
    stats = pstats.Stats(prof).stats
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    total = sum(v[2] for v in stats.values()) or 1.0
    return [{"function": f"{Path(f).name}:{line}({name})", "own_s": round(v[2], 3), "share": round(v[2] / total, 2), "calls": v[1]}
            for (f, line, name), v in rows]


def _child(args: list[str], limit: float) -> str | None:
    try:
        proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode:
        return "ERROR " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    return proc.stdout.strip()


def growth(times: list[tuple[int, float]], floor: float = 0.02) -> float | None:
    """Slope of log(seconds) over log(size), least squares over the sizes that took at
    least ``floor`` seconds (below that, timer noise dominates); None with fewer than two."""
    points = [(math.log(n), math.log(t)) for n, t in times if t >= floor]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def measure(case: str, limit: float) -> dict:
    what, unit, _, full = CASES[case]
    times: list[tuple[int, float]] = []
    error = None
    for n in sizes(full):
        out = _child(["--one", case, str(n)], limit)
        if out is None:
            break
        if out.startswith("ERROR"):
            error = f"n={n}: {out[6:]}"
            break
        times.append((n, float(out)))
    exponent = growth(times)
    finished = bool(times) and times[-1][0] == full
    estimate = times[-1][1] if finished else (
        times[-1][1] * (full / times[-1][0]) ** max(1.0, exponent or 1.0) if times else None)
    result = {"case": case, "what": what, "unit": unit, "full": full, "times": times, "exponent": exponent,
              "finished": finished, "full_seconds": estimate, "error": error, "hot": []}
    if exponent is not None and exponent > 1.3 and times:
        n = max((n for n, t in times if t < limit / 3), default=times[0][0])
        out = _child(["--profile", case, str(n)], limit * 2)
        if out and not out.startswith("ERROR"):
            result["hot"] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a size is given up")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases")
    parser.add_argument("--save", type=Path, default=None)
    parser.add_argument("--one", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--profile", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(time_one(args.one[0], int(args.one[1])))
        return
    if args.profile:
        print(json.dumps(profile_one(args.profile[0], int(args.profile[1]))))
        return

    results = []
    table = Table(title="pathological inputs through quotes.pipeline.analyze")
    for col in ("case", "sizes → seconds", "growth", "full size", "hot spots (own time)"):
        table.add_column(col)
    for case in args.case or list(CASES):
        console.print(f"{case} …")
        r = measure(case, args.limit)
        results.append(r)
        timings = ", ".join(f"{n:,}→{t:.2f}" for n, t in r["times"]) + (" …" if not r["finished"] else "")
        growth = "—" if r["exponent"] is None else f"n^{r['exponent']:.1f}"
        if r["error"]:
            full = f"[red]error {r['error']}[/red]"
        elif r["finished"]:
            full = f"{r['full_seconds']:.1f} s"
        elif r["full_seconds"] is not None:
            full = f"[red]> {args.limit:.0f} s (≈ {r['full_seconds']:,.0f} s)[/red]"
        else:
            full = "[red]none finished[/red]"
        hot = "; ".join(f"{h['function']} {h['share']:.0%}" for h in r["hot"][:3])
        table.add_row(f"{case}\n{r['what']} ({r['full']:,} {r['unit']})", timings, growth, full, hot)
    console.print(table)
    if args.save:
        args.save.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
