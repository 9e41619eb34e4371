"""Stance labels on the blind-origin real batches, each left out of training in turn.

    .venv/bin/python bench/stance_batches.py [--real-weight 1.0]

For each batch of real records annotated blind (``corpus/real/voa/fresh4``…``fresh9``,
``corpus/real/tw/fresh5``…``fresh9``): the stance model trained on the invented corpus's train
split, the other real development sets and every other such batch, and the share of the left-out
batch's gold (quote, target) rows it labels right, beside the stored model's share on the same
rows (the stored model may have trained on the batch: compare it only before retraining).  A
label check given the gold target, not the end-to-end figure of ``quotes eval``.  The archives
are read from ../shared; the script exits with a message when they are absent.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the tree this script sits in

from quotes.segment import models_dir  # noqa: E402
from quotes.stance.features import featurise  # noqa: E402
from quotes.stance.model import StanceModel  # noqa: E402
from quotes.stance.training import REAL_WEIGHT, _row_features, read_corpus, read_real, split_groups  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news"
REAL = ROOT / "corpus" / "real"
BASE = [REAL / a / p for a in ("tw", "voa") for p in ("dev", "train", "fresh", "fresh2", "fresh3")]
BATCHES = [REAL / "voa" / f"fresh{n}" for n in range(4, 10)] + [REAL / "tw" / f"fresh{n}" for n in range(5, 10)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-weight", type=float, default=REAL_WEIGHT, help="What a real row weighs against an invented one.")
    args = parser.parse_args()
    archives = sorted(NEWS.glob("*/*.jsonl"))
    if not archives:
        sys.exit(f"stance_batches: no archives in {NEWS}")
    invented, _ = split_groups(read_corpus(ROOT / "corpus" / "stance"), 0.2, 13)
    base = read_real(BASE, archives)
    batches = {b: read_real([b], archives) for b in BATCHES}
    stored = StanceModel.load(models_dir() / "stance")
    totals = {"stored": [0, 0], "left out": [0, 0]}
    for batch, rows in batches.items():
        if not rows:
            continue
        gold, feats = [r["label"] for r in rows], _row_features(rows)
        real = base + [r for other, more in batches.items() if other != batch for r in more]
        train = invented + real
        model = StanceModel().fit(featurise(_row_features(train)), [r["label"] for r in train],
                                  [1.0] * len(invented) + [args.real_weight] * len(real))
        right = {"stored": sum(p == g for p, g in zip(stored.predict(feats), gold)),
                 "left out": sum(p == g for p, g in zip(model.predict(feats), gold))}
        print(f"{batch.relative_to(REAL)}  rows {len(rows):4d}  stored {right['stored'] / len(rows):.3f}  "
              f"left out {right['left out'] / len(rows):.3f}", flush=True)
        for key, n in right.items():
            totals[key][0] += n
            totals[key][1] += len(rows)
    print("all  " + "  ".join(f"{k} {n / max(1, d):.3f}" for k, (n, d) in totals.items()))


if __name__ == "__main__":
    main()
