"""The stance classifier: linear heads over the feature blocks, stored as plain arrays."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
import json

import numpy as np

from .cues import cue_lexicon
from .features import CONTEXT, CUES, HEADS, VIEW, Batch, Coded, Entries, Row, featurise

if TYPE_CHECKING:
    from scipy import sparse  # training only: the analysis scores without matrices

LABELS = ("support", "oppose", "neutral")
FORMAT = 5  # version of the stored model layout and of its features' ids
_MIN_DF = 2  # a feature is kept when it occurs in at least this many training rows
_SLOTS = 2**20  # size of the table that looks features up by their ids' low bits


@dataclass
class Vocabulary:
    """The kept columns of one block and their idf (``idf`` None for the cue block: raw values)."""

    cols: np.ndarray  # sorted feature ids seen in at least _MIN_DF training rows
    idf: np.ndarray | None

    def matrix(self, x: Coded) -> sparse.csr_matrix:
        """The block as a matrix over the kept columns: counts summed per row and column, then
        TF-IDF (tf × idf) with each row divided by the norm it would have if every occurrence
        were a feature of its own (√Σ tf·idf²), unless raw.  That norm is a sum over
        occurrences, as the scores are: so the analysis scores a target without counting its
        features (``StanceModel.decision``)."""
        from scipy import sparse

        at = np.searchsorted(self.cols, x.index)
        at[at == len(self.cols)] = 0
        known = self.cols[at] == x.index if len(self.cols) else np.zeros(len(x.index), bool)
        m = sparse.csr_matrix((x.value[known], (x.row[known], at[known])), shape=(x.n_rows, len(self.cols)))
        m.sum_duplicates()
        if self.idf is not None:
            idf = self.idf[m.indices].astype(np.float64)
            row = np.repeat(np.arange(x.n_rows), np.diff(m.indptr))
            norms = np.sqrt(np.bincount(row, weights=m.data * idf**2, minlength=x.n_rows))
            m.data = m.data * idf / np.where(norms > 0, norms, 1.0)[row]
        return m

    @classmethod
    def fit(cls, x: Coded, tfidf: bool) -> Vocabulary:
        order = np.lexsort((x.index, x.row))
        row, index = x.row[order], x.index[order]
        first = np.ones(len(index), bool)
        first[1:] = (row[1:] != row[:-1]) | (index[1:] != index[:-1])  # one count per row
        cols, df = np.unique(index[first], return_counts=True)
        keep = df >= _MIN_DF
        idf = (np.log((1 + x.n_rows) / (1 + df[keep])) + 1.0).astype(np.float32) if tfidf else None
        return cls(cols[keep], idf)


@dataclass
class Head:
    name: str
    c: float
    blocks: dict[str, float]
    coef: np.ndarray | None = None  # (classes, columns of its blocks in order)
    intercept: np.ndarray | None = None

    def design(self, blocks: dict[str, sparse.csr_matrix]) -> sparse.csr_matrix:
        """The head's input: its blocks (through the vocabulary), weighted, side by side."""
        from scipy import sparse

        return sparse.hstack([blocks[b] * w for b, w in self.blocks.items()], format="csr")


@dataclass
class _Index:
    """Every block's kept columns in one table, so that a batch is looked up, weighted and
    scored by a few array operations whatever the number of blocks."""

    ids: np.ndarray  # sorted feature ids of all blocks
    block: np.ndarray  # the block (position in ``blocks``) of each
    idf2: np.ndarray  # its idf squared, what it adds to its block's norm; 0 for a raw (cue) feature
    weights: np.ndarray  # (heads × classes, ids): coefficients times block weight times idf
    n_blocks: int
    slots: np.ndarray = field(init=False)  # id's low bits → its column + 1; 0 none, -1 shared

    def __post_init__(self) -> None:
        # Most ids of a text are not in the vocabulary: one look into a table addressed by the
        # id's low bits settles most of them, where a binary search takes twenty steps.
        self.slots = np.zeros(_SLOTS, np.int32)
        slot = (self.ids & np.uint64(_SLOTS - 1)).astype(np.int64)
        taken, counts = np.unique(slot, return_counts=True)
        self.slots[slot] = np.arange(1, len(slot) + 1, dtype=np.int32)
        self.slots[taken[counts > 1]] = -1

    def lookup(self, index: np.ndarray) -> np.ndarray:
        """The column of each id, -1 when it is not in the vocabulary."""
        col = self.slots[(index & np.uint64(_SLOTS - 1)).view(np.int64)] - 1
        shared = np.flatnonzero(col == -2)
        if len(shared):
            at = np.minimum(np.searchsorted(self.ids, index[shared]), len(self.ids) - 1)
            col[shared] = np.where(self.ids[at] == index[shared], at, -1)
        col[self.ids[col] != index] = -1  # another id in its slot (a column of -1 reads the last id: no match either)
        return col

    def scores(self, entries: Entries, n_owners: int) -> np.ndarray:
        """(owners, columns of ``weights``): each block's weighted entries divided by the
        block's norm (√ of the idf² its entries add up to; 1 for a raw block), summed."""
        col = self.lookup(entries.index)
        known = np.flatnonzero(col >= 0)
        col, value, owner = col[known], entries.value[known], entries.owner[known]
        cell = owner * self.n_blocks + self.block[col]
        size = n_owners * self.n_blocks
        norm = np.sqrt(np.bincount(cell, weights=value * self.idf2[col], minlength=size))
        norm[norm == 0] = 1.0
        sums = np.stack([np.bincount(cell, weights=value * w[col], minlength=size) / norm for w in self.weights], axis=1)
        return sums.reshape(n_owners, self.n_blocks, -1).sum(axis=1)


class StanceModel:
    """An ensemble of logistic regressions over hashed n-gram, position and cue features."""

    def __init__(self, heads: dict[str, dict] | None = None, classes: tuple[str, ...] = tuple(sorted(LABELS))):
        self.classes = tuple(classes)
        self.heads = [Head(n, float(h["c"]), dict(h["blocks"])) for n, h in (heads or HEADS).items()]
        self.vocab: dict[str, Vocabulary] = {}
        self._index: _Index | None = None

    @property
    def blocks(self) -> list[str]:
        return sorted({b for h in self.heads for b in h.blocks})

    # -- training and prediction

    def fit(self, rows: Sequence[Row] | Batch, labels: Sequence[str], weights: Sequence[float] | None = None) -> StanceModel:
        from threadpoolctl import threadpool_limits

        batch = rows if isinstance(rows, Batch) else featurise(rows)
        self.vocab = {b: Vocabulary.fit(batch.coded(b), tfidf=b != CUES) for b in self.blocks}
        blocks = {b: v.matrix(batch.coded(b)) for b, v in self.vocab.items()}
        with threadpool_limits(1):  # many BLAS threads on these small matrices only slow lbfgs down
            for head in self.heads:
                from sklearn.linear_model import LogisticRegression  # training only

                clf = LogisticRegression(C=head.c, max_iter=3000, class_weight="balanced")
                clf.fit(head.design(blocks), list(labels), sample_weight=None if weights is None else np.asarray(weights))
                order = [list(clf.classes_).index(c) for c in self.classes]
                head.coef = clf.coef_[order].astype(np.float32)
                head.intercept = clf.intercept_[order].astype(np.float32)
        self._index = None
        return self

    def _compiled(self) -> _Index:
        if self._index is None:
            blocks = self.blocks
            ids = np.concatenate([self.vocab[b].cols for b in blocks])
            order = np.argsort(ids, kind="stable")
            if len(ids) and (np.diff(ids[order]) == 0).any():
                raise ValueError("two blocks share a feature id: retrain with `quotes train stance`")
            rank = np.empty(len(ids), np.int64)
            rank[order] = np.arange(len(ids))
            starts = dict(zip(blocks, np.cumsum([0] + [len(self.vocab[b].cols) for b in blocks]).tolist()))
            weights = np.zeros((len(self.heads) * len(self.classes), len(ids)))
            for h, head in enumerate(self.heads):
                w = weights[h * len(self.classes) : (h + 1) * len(self.classes)]
                offset = 0
                for b, scale in head.blocks.items():
                    width = len(self.vocab[b].cols)
                    w[:, rank[starts[b] : starts[b] + width]] = head.coef[:, offset : offset + width] * scale
                    offset += width
            idf = np.concatenate([self.vocab[b].idf if self.vocab[b].idf is not None else np.zeros(len(self.vocab[b].cols))
                                  for b in blocks])[order].astype(np.float64)
            weights[:, idf > 0] *= idf[idf > 0]  # a raw feature's value is used as is
            # a head's softmax is the same when a score is taken from all its classes': each
            # class is scored against the first, one column fewer per head
            k = len(self.classes)
            weights = np.concatenate([weights[h * k + 1 : (h + 1) * k] - weights[h * k] for h in range(len(self.heads))])
            block = np.concatenate([np.full(len(self.vocab[b].cols), k) for k, b in enumerate(blocks)])
            self._index = _Index(ids[order], block[order], idf**2, weights, len(blocks))
        return self._index

    def decision(self, batch: Batch) -> list[np.ndarray]:
        """Each head's scores (rows × classes), less its first class's score, computed from the
        batch's entries directly (the analysis path; the design matrix times the coefficients,
        as in training, up to that shift): a quote's shared features are scored once and added
        to each of its targets."""
        ix = self._compiled()
        z = ix.scores(batch.own, batch.n_rows)
        if len(batch.unit):
            n_units = int(max(batch.unit.max(), batch.shared.owner.max(initial=-1))) + 1
            z += ix.scores(batch.shared, n_units)[batch.unit]
        k = len(self.classes)
        out = []
        for h, head in enumerate(self.heads):
            against_first = z[:, h * (k - 1) : (h + 1) * (k - 1)] + (head.intercept[1:] - head.intercept[0])
            out.append(np.concatenate([np.zeros((batch.n_rows, 1)), against_first], axis=1))
        return out

    def predict_proba(self, rows: Sequence[Row] | Batch) -> tuple[list[str], np.ndarray]:
        """The classes and, for each row, their probabilities (geometric mean of the heads')."""
        if not len(rows):
            return list(self.classes), np.zeros((0, len(self.classes)))
        batch = rows if isinstance(rows, Batch) else featurise(rows)
        log_p = np.zeros((len(batch), len(self.classes)))
        for z in self.decision(batch):
            z = z - z.max(axis=1, keepdims=True)
            log_p += z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        log_p /= len(self.heads)
        p = np.exp(log_p - log_p.max(axis=1, keepdims=True))
        return list(self.classes), p / p.sum(axis=1, keepdims=True)

    def predict(self, rows) -> list[str]:
        classes, proba = self.predict_proba(rows)
        return [classes[i] for i in proba.argmax(axis=1)]

    # -- storage: JSON + an .npz of plain arrays (no pickles)

    def save(self, directory: Path, card: dict) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        for b, v in self.vocab.items():
            arrays[f"{b}.cols"] = v.cols
            if v.idf is not None:
                arrays[f"{b}.idf"] = v.idf
        for h in self.heads:
            arrays[f"{h.name}.coef"], arrays[f"{h.name}.intercept"] = h.coef, h.intercept
        np.savez_compressed(directory / "weights.npz", **arrays)
        meta = {
            "format": FORMAT, "classes": list(self.classes), "view": VIEW,
            "context": CONTEXT, "lexicon_sha1": cue_lexicon().digest,
            "heads": {h.name: {"c": h.c, "blocks": h.blocks} for h in self.heads}, **card,
        }
        (directory / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> StanceModel:
        meta = json.loads((Path(directory) / "model.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{directory}: stance model format {meta.get('format')}, expected {FORMAT}: retrain with `quotes train stance`")
        model = cls(meta["heads"], tuple(meta["classes"]))
        with np.load(Path(directory) / "weights.npz", allow_pickle=False) as w:
            for b in model.blocks:
                model.vocab[b] = Vocabulary(w[f"{b}.cols"], w[f"{b}.idf"] if f"{b}.idf" in w.files else None)
            for h in model.heads:
                h.coef, h.intercept = w[f"{h.name}.coef"], w[f"{h.name}.intercept"]
        return model

