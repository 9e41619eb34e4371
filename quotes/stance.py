"""Stance: the targets each quote names, and the speaker's stance toward each.

Targets are parties (sides.tsv), blocs and issues (targets.txt), and the addressee of a
call (你们/您 in one side's quote is the other side).  The stance toward each target is
predicted by a linear model over character n-grams of the target's context, trained by
``quotes train stance`` and stored as plain arrays (``.npz`` without pickles, plus JSON).
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression

from .accounts import side_lexicon
from .model import Document, Quote, Stance
from .reading import normalise

LABELS = ("support", "oppose", "neutral")
_N_FEATURES = 2**18
_CONTEXT = 14  # characters either side of the target mention the local features see
_ADDRESSEE = ("你们", "您", "贵国", "你方", "貴國")
_TARGET_MARK = "Ⓣ"
_OTHER_MARK = "Ⓞ"
_NEGATIONS = "不没未非勿别无莫"
_CONCESSION = ("尽管", "虽然", "虽", "即使", "即便", "哪怕")


@lru_cache(maxsize=1)
def _target_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """All target words, longest first, with their canonical names."""
    sides = side_lexicon()
    canonical = {}
    for word, side in sides.words.items():
        canonical[word] = word if len(word) > 1 and not word.endswith("方") else _party_name(side)
    text = resources.files("quotes.lexicons").joinpath("targets.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            canonical.setdefault(line.strip(), line.strip())
    words = sorted(canonical, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), canonical


def _party_name(side: str) -> str:
    """The full name that stands for a party (中方 → 中国): its first multi-character word."""
    for word, s in side_lexicon().words.items():
        if s == side and len(word) > 1 and not word.endswith("方"):
            return word
    return side


@lru_cache(maxsize=1)
def _topic_set() -> frozenset[str]:
    text = resources.files("quotes.lexicons").joinpath("targets.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def topic_terms(text: str) -> list[str]:
    """Issues and blocs named in ``text`` (simplified)."""
    pattern, _ = _target_words()
    topics = _topic_set()
    return [m.group() for m in pattern.finditer(text) if m.group() in topics]


@dataclass
class TargetMention:
    target: str
    start: int  # offsets into the quote text
    end: int


def find_targets(text: str, addressee: str | None = None) -> list[TargetMention]:
    """Targets named in a quote (normalised text), one mention per target, first first."""
    pattern, canonical = _target_words()
    party_words = side_lexicon().words
    found: dict[str, TargetMention] = {}
    for m in pattern.finditer(text):
        word = m.group()
        if len(word) == 1 and not _abbreviation_used(text, m.start(), m.end(), party_words):
            continue
        target = canonical[word]
        found.setdefault(target, TargetMention(target, m.start(), m.end()))
    if addressee:
        for word in _ADDRESSEE:
            i = text.find(word)
            if i >= 0:
                found.setdefault(addressee, TargetMention(addressee, i, i + len(word)))
                break
    return sorted(found.values(), key=lambda t: t.start)


def _abbreviation_used(text: str, a: int, b: int, words: dict[str, str]) -> bool:
    """A one-character party name counts in 中方/美军/中俄 compounds, not in 美元 or 日前."""
    nxt, prev = text[b : b + 1], text[a - 1 : a]
    return bool(nxt and nxt in "方国军总外防驻官政媒") or (nxt in words and len(nxt) == 1) or (prev in words and len(prev) == 1)


# ----------------------------------------------------------------------------- features

def local_view(text: str, start: int, end: int, others: Iterable[tuple[int, int]] = ()) -> str:
    """The target's context with the target marked, other targets masked, and clause cues kept."""
    chars = list(text)
    for a, b in others:
        if b <= start or a >= end:
            chars[a:b] = [_OTHER_MARK] + [""] * (b - a - 1)
    masked = "".join(chars[:start]) + _TARGET_MARK + "".join(chars[end:])
    pos = len("".join(chars[:start]))
    left = masked[max(0, pos - _CONTEXT) : pos]
    right = masked[pos + 1 : pos + 1 + _CONTEXT]
    clause_start = max(masked.rfind(p, 0, pos) for p in "，。；！？")
    clause = masked[clause_start + 1 : pos]
    flags = []
    if any(n in clause for n in _NEGATIONS):
        flags.append("⊘neg")
    if any(c in masked[:pos] for c in _CONCESSION):
        flags.append("⊘concessive_before")
    if any(c in clause for c in _CONCESSION):
        flags.append("⊘in_concession")
    return f"{left}{_TARGET_MARK}{right} {' '.join(flags)}"


class StanceModel:
    """Hashed character n-grams of the local view and the whole quote, TF-IDF, logistic regression."""

    def __init__(self, idf: np.ndarray | None = None, coef: np.ndarray | None = None,
                 intercept: np.ndarray | None = None, classes: tuple[str, ...] = LABELS, c: float = 4.0):
        self.local = HashingVectorizer(analyzer="char", ngram_range=(1, 4), n_features=_N_FEATURES, alternate_sign=False, norm=None)
        self.whole = HashingVectorizer(analyzer="char", ngram_range=(2, 3), n_features=_N_FEATURES, alternate_sign=False, norm=None)
        self.tfidf = TfidfTransformer(sublinear_tf=True)
        self.clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        if idf is not None:
            self.tfidf.idf_ = idf
            self.clf.coef_, self.clf.intercept_ = coef, intercept
            self.clf.classes_ = np.array(classes)

    def _counts(self, rows: list[tuple[str, int, int, list[tuple[int, int]]]]) -> sparse.csr_matrix:
        local = self.local.transform([local_view(t, a, b, o) for t, a, b, o in rows])
        whole = self.whole.transform([t for t, _, _, _ in rows]) * 0.5
        return sparse.csr_matrix(local + whole)

    def fit(self, rows, labels: list[str]) -> "StanceModel":
        x = self.tfidf.fit_transform(self._counts(rows))
        self.clf.fit(x, labels)
        return self

    def predict_proba(self, rows) -> tuple[list[str], np.ndarray]:
        x = self.tfidf.transform(self._counts(rows))
        return list(self.clf.classes_), self.clf.predict_proba(x)

    def predict(self, rows) -> list[str]:
        classes, proba = self.predict_proba(rows)
        return [classes[i] for i in proba.argmax(axis=1)]

    def save(self, directory: Path, card: dict) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(directory / "weights.npz", idf=self.tfidf.idf_, coef=self.clf.coef_, intercept=self.clf.intercept_)
        meta = {"classes": list(self.clf.classes_), "n_features": _N_FEATURES, "context": _CONTEXT, **card}
        (directory / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "StanceModel":
        meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        with np.load(directory / "weights.npz", allow_pickle=False) as w:
            return cls(w["idf"], w["coef"], w["intercept"], tuple(meta["classes"]))


# ----------------------------------------------------------------------------- corpus and training

def read_corpus(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _row_features(rows: list[dict]) -> list[tuple[str, int, int, list[tuple[int, int]]]]:
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


def train_stance(corpus: Path, out_dir: Path, seed: int = 13, heldout_share: float = 0.2, folds: int = 5) -> dict:
    """Cross-validate on the train split, score the held-out split, save the model trained on train."""
    from sklearn.model_selection import GroupKFold

    rows = read_corpus(corpus)
    train, held = split_groups(rows, heldout_share, seed)
    feats = _row_features(train)
    labels = [r["label"] for r in train]
    groups = [r["group"] for r in train]
    cv_scores = []
    for tr, te in GroupKFold(n_splits=folds).split(feats, labels, groups):
        model = StanceModel().fit([feats[i] for i in tr], [labels[i] for i in tr])
        cv_scores.append(macro_f1([labels[i] for i in te], model.predict([feats[i] for i in te])))
    model = StanceModel().fit(feats, labels)
    held_pred = model.predict(_row_features(held))
    card = {
        "rows": len(rows), "train_rows": len(train), "heldout_rows": len(held), "seed": seed,
        "cv_macro_f1": round(float(np.mean(cv_scores)), 3), "heldout_macro_f1": round(macro_f1([r["label"] for r in held], held_pred), 3),
    }
    model.save(out_dir, card)
    return card


# ----------------------------------------------------------------------------- applying

@lru_cache(maxsize=1)
def _model() -> StanceModel | None:
    from .segment import models_dir

    directory = models_dir() / "stance"
    return StanceModel.load(directory) if (directory / "model.json").exists() else None


def addressee_of(quote: Quote, story_sides: list[str], speaker_side: str | None) -> str | None:
    """In a story between two parties, 你们 in one party's mouth is the other party."""
    if speaker_side and len(story_sides) == 2 and speaker_side in story_sides:
        other = story_sides[1] if story_sides[0] == speaker_side else story_sides[0]
        return _party_name(other)
    return None


def assign_stance(doc: Document) -> None:
    """Fill ``stance`` on every quote with the targets it names."""
    model = _model()
    sides_by_story: dict[str, list[str]] = {}
    for q in doc.quotes:
        if q.side and q.side not in sides_by_story.setdefault(q.story, []):
            sides_by_story[q.story].append(q.side)
    for q in doc.quotes:
        text = normalise(q.text)
        targets = find_targets(text, addressee_of(q, sides_by_story.get(q.story, []), q.speaker_side))
        if not targets or model is None:
            continue
        rows = [(text, t.start, t.end, [(o.start, o.end) for o in targets if o is not t]) for t in targets]
        classes, proba = model.predict_proba(rows)
        q.stance = [
            Stance(t.target, classes[int(p.argmax())], round(float(p.max()), 3)) for t, p in zip(targets, proba)
        ]
