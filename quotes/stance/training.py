"""Training and scoring the stance classifier on the project's stance corpus."""
from __future__ import annotations

from pathlib import Path
import json
import random

import numpy as np

from ..reading import normalise
from .features import featurise, Row
from .model import StanceModel
from .targets import find_targets

LABELS = ("support", "oppose", "neutral")


# ----------------------------------------------------------------------------- corpus and training

def read_corpus(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _row_features(rows: list[dict]) -> list[Row]:
    """(normalised quote, mention start, mention end, other target spans) for corpus rows."""
    out = []
    for r in rows:
        text = normalise(r["quote"])
        i = r["quote"].find(r["mention"])
        a, b = (i, i + len(r["mention"])) if i >= 0 else (0, 0)
        others = [(t.start, t.end) for t in find_targets(text) if not (t.start < b and a < t.end)]
        out.append((text, a, b, others))
    return out


def split_groups(rows: list[dict], heldout_share: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Train and held-out rows, split by quote group so one quote never sits on both sides."""
    groups = sorted({r["group"] for r in rows})
    random.Random(seed).shuffle(groups)
    held = set(groups[: int(len(groups) * heldout_share)])
    return [r for r in rows if r["group"] not in held], [r for r in rows if r["group"] in held]


def macro_f1(gold: list[str], pred: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=list(LABELS), average="macro"))


def per_class_f1(gold: list[str], pred: list[str]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    scores = f1_score(gold, pred, labels=list(LABELS), average=None)
    return {label: round(float(s), 3) for label, s in zip(LABELS, scores)}


def heldout_score(model: StanceModel, corpus: Path, seed: int = 13, heldout_share: float = 0.2) -> dict:
    """Macro-F1 and per-class F1 of ``model`` on the held-out split of ``corpus``."""
    _, held = split_groups(read_corpus(corpus), heldout_share, seed)
    gold = [r["label"] for r in held]
    pred = model.predict(_row_features(held))
    return {"macro_f1": round(macro_f1(gold, pred), 3), "f1": per_class_f1(gold, pred), "rows": len(held)}


def _counts(rows: list[dict], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r[key]] = out.get(r[key], 0) + 1
    return dict(sorted(out.items()))


def train_stance(corpus: Path, out_dir: Path, seed: int = 13, heldout_share: float = 0.2, folds: int = 5) -> dict:
    """Cross-validate on the train split, score the held-out split, save the model trained on train."""
    from sklearn.model_selection import GroupKFold

    rows = read_corpus(corpus)
    train, held = split_groups(rows, heldout_share, seed)
    feats = featurise(_row_features(train))
    labels = [r["label"] for r in train]
    groups = [r["group"] for r in train]
    cv_scores, cv_pred = [], [""] * len(train)
    for tr, te in GroupKFold(n_splits=folds).split(labels, labels, groups):
        model = StanceModel().fit(feats.take(tr), [labels[i] for i in tr])
        pred = model.predict(feats.take(te))
        cv_scores.append(macro_f1([labels[i] for i in te], pred))
        for i, p in zip(te, pred):
            cv_pred[i] = p
    model = StanceModel().fit(feats, labels)
    model.save(out_dir, {})
    model = StanceModel.load(out_dir)  # score exactly what is stored (float32 weights)
    held_gold = [r["label"] for r in held]
    held_pred = model.predict(_row_features(held))
    card = {
        "rows": len(rows), "train_rows": len(train), "heldout_rows": len(held), "seed": seed,
        "heldout_share": heldout_share, "folds": folds,
        "labels": _counts(rows, "label"), "scripts": _counts(rows, "script"),
        "cv_macro_f1": round(float(np.mean(cv_scores)), 3), "cv_fold_macro_f1": [round(s, 3) for s in cv_scores],
        "cv_f1": per_class_f1(labels, cv_pred),
        "heldout_macro_f1": round(macro_f1(held_gold, held_pred), 3), "heldout_f1": per_class_f1(held_gold, held_pred),
    }
    model.save(out_dir, card)
    return card

