"""The stance classifier: linear heads over the feature blocks, stored as plain arrays."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
import json

import numpy as np
from scipy import sparse

from .features import CUES, HEADS, Batch, Coded, Row, cue_lexicon, featurise

LABELS = ("support", "oppose", "neutral")
FORMAT = 4  # version of the stored model layout and of its features' ids
_CONTEXT = 14  # characters either side of the target mention the window block sees

_VIEW = 80  # characters of a long quote either side of the target that its features see
_MIN_DF = 2  # a feature is kept when it occurs in at least this many training rows
_SLOTS = 2**20  # size of the table that looks features up by their ids' low bits


@dataclass
class Vocabulary:
    """The kept columns of one block and their idf (``idf`` None for the cue block: raw values)."""

    cols: np.ndarray  # sorted feature ids seen in at least _MIN_DF training rows
    idf: np.ndarray | None

    def matrix(self, x: Coded) -> sparse.csr_matrix:
        """The block as a matrix over the kept columns: counts summed per row and column, then
        TF-IDF (1 + log tf) with each row l2-normalised, unless raw."""
        at = np.searchsorted(self.cols, x.index)
        at[at == len(self.cols)] = 0
        known = self.cols[at] == x.index if len(self.cols) else np.zeros(len(x.index), bool)
        m = sparse.csr_matrix((x.value[known], (x.row[known], at[known])), shape=(x.n_rows, len(self.cols)))
        m.sum_duplicates()
        if self.idf is not None:
            m.data = (1.0 + np.log(m.data)) * self.idf[m.indices]
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            m = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ m
        return m.tocsr()

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
        return sparse.hstack([blocks[b] * w for b, w in self.blocks.items()], format="csr")


@dataclass
class _Index:
    """Every block's kept columns in one table, so that a batch is looked up, counted, weighted
    and scored by a few array operations whatever the number of blocks."""

    ids: np.ndarray  # sorted feature ids of all blocks
    block: np.ndarray  # the block (position in ``blocks``) of each
    idf: np.ndarray  # its idf, 1 for a raw feature
    raw: np.ndarray  # whether it is a raw (cue) feature
    weights: np.ndarray  # (heads × classes, ids): coefficients times block weights
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
        col = self.slots[(index & np.uint64(_SLOTS - 1)).astype(np.int64)].astype(np.int64) - 1
        shared = np.flatnonzero(col == -2)
        if len(shared):
            at = np.minimum(np.searchsorted(self.ids, index[shared]), len(self.ids) - 1)
            col[shared] = np.where(self.ids[at] == index[shared], at, -1)
        hit = np.flatnonzero(col >= 0)
        col[hit[self.ids[col[hit]] != index[hit]]] = -1
        return col


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
            idf = np.concatenate([self.vocab[b].idf if self.vocab[b].idf is not None else np.ones(len(self.vocab[b].cols)) for b in blocks])
            raw = np.concatenate([np.full(len(self.vocab[b].cols), self.vocab[b].idf is None) for b in blocks])
            block = np.concatenate([np.full(len(self.vocab[b].cols), k) for k, b in enumerate(blocks)])
            self._index = _Index(ids[order], block[order], idf[order].astype(np.float64), raw[order],
                                 np.ascontiguousarray(weights.T), len(blocks))
        return self._index

    def decision(self, batch: Batch) -> list[np.ndarray]:
        """Each head's scores (rows × classes): the product of its design matrix with its
        coefficients, computed on the batch's entries directly (the analysis path)."""
        ix, n = self._compiled(), batch.n_rows
        col = ix.lookup(batch.index)
        known = col >= 0
        # counts summed per row and feature by scipy's CSR conversion (a counting sort by row)
        x = sparse.csr_matrix((batch.value[known], (batch.row[known], col[known])), shape=(n, max(1, len(ix.ids))))
        x.sum_duplicates()
        data, col = x.data, x.indices
        row = np.repeat(np.arange(n), np.diff(x.indptr))
        tfidf = ~ix.raw[col]
        data[tfidf] = (1.0 + np.log(data[tfidf])) * ix.idf[col[tfidf]]
        cell = row[tfidf] * ix.n_blocks + ix.block[col[tfidf]]
        norms = np.sqrt(np.bincount(cell, weights=data[tfidf] ** 2, minlength=n * ix.n_blocks))
        data[tfidf] /= np.where(norms > 0, norms, 1.0)[cell]
        z = x @ ix.weights  # ``data`` is the matrix's own array, transformed in place
        k = len(self.classes)
        return [z[:, h * k : (h + 1) * k] + head.intercept for h, head in enumerate(self.heads)]

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
            "format": FORMAT, "classes": list(self.classes), "view": _VIEW,
            "context": _CONTEXT, "lexicon_sha1": cue_lexicon().digest,
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

