"""Word vectors: which words of two statements mean nearly the same (冲突 and 紧张, 推动 and 促进).

Two readouts of one call rarely share their wording: 不寻求冲突 in one is 无意让局势升级 in
the other.  Character and word overlap miss that; word vectors learnt from how words are used
in the project's real news archives catch some of it.  The vectors are PPMI-SVD (positive
pointwise mutual information of words within a few words of each other, reduced by a truncated
SVD: Levy, Goldberg & Dagan 2015), trained by ``quotes train vectors`` on the real archives of
``../shared/data/news`` (minus the records the project keeps aside for evaluation) and the UD
treebank's sentences; no pretrained vectors are downloaded.

A statement pair is scored by soft alignment (BERTScore's greedy matching over word vectors):
each word of one statement is matched to its nearest word of the other, weighted by idf, and
the two directions are combined as an F-score.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .reading import normalise
from .segment import default_segmenter, is_content_word, models_dir

FLOOR = 0.45  # word pairs less alike than this count as unrelated (calibrated with the comparator, README)
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_BLOCK_ROWS = 2048  # words of one side compared with all words of the other at a time


@dataclass
class WordVectors:
    """Unit-length vectors of the words, and each word's inverse document frequency."""

    words: list[str]
    vectors: np.ndarray  # (len(words), dims) float32, rows of length 1
    idf: np.ndarray  # (len(words),) float32
    unseen_idf: float  # the idf of a word the training text never had (a name, a rare term)

    def __post_init__(self) -> None:
        self.index = {w: i for i, w in enumerate(self.words)}

    @classmethod
    def load(cls, folder: Path | None = None) -> "WordVectors":
        data = np.load((folder or models_dir() / "vectors") / "vectors.npz", allow_pickle=False)
        return cls(data["words"].tolist(), data["vectors"].astype(np.float32), data["idf"].astype(np.float32),
                   float(data["unseen_idf"]))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / "vectors.npz", words=np.array(self.words), vectors=self.vectors.astype(np.float16),
                            idf=self.idf.astype(np.float16), unseen_idf=np.float32(self.unseen_idf))

    def soft_similarity(self, a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], floor: float = FLOOR) -> np.ndarray:
        """A (len(a), len(b)) matrix of soft-alignment F-scores between statements given as
        content words: a word matches the same word fully, a word whose vector is at least
        ``floor`` alike by that cosine, anything else not at all."""
        out = np.zeros((len(a), len(b)))
        rows_a, rows_b = [i for i, ws in enumerate(a) if ws], [j for j, ws in enumerate(b) if ws]
        if not rows_a or not rows_b:
            return out
        unseen: dict[str, int] = {}  # one id per unseen word across both sides: only the same word matches it
        ids_a, vec_a, idf_a, starts_a = self._stack([a[i] for i in rows_a], unseen)
        ids_b, vec_b, idf_b, starts_b = self._stack([b[j] for j in rows_b], unseen)
        best_in_b = np.zeros((len(ids_a), len(rows_b)), dtype=np.float32)  # each word of a: its best match in each b
        best_in_a = np.zeros((len(rows_a), len(ids_b)), dtype=np.float32)  # each word of b: its best match in each a
        for lo in range(0, len(ids_a), _BLOCK_ROWS):
            hi = min(len(ids_a), lo + _BLOCK_ROWS)
            sim = vec_a[lo:hi] @ vec_b.T
            np.maximum(sim, ids_a[lo:hi, None] == ids_b[None, :], out=sim)  # the same word, known or not
            sim[sim < floor] = 0.0
            best_in_b[lo:hi] = np.maximum.reduceat(sim, starts_b, axis=1)
            # the a statements this block's words belong to (a block may cut a statement)
            owner = np.searchsorted(starts_a, np.arange(lo, hi), side="right") - 1
            for k in np.unique(owner):
                np.maximum(best_in_a[k], sim[owner == k].max(axis=0), out=best_in_a[k])
        recall = np.add.reduceat(best_in_b * idf_a[:, None], starts_a, axis=0) / np.add.reduceat(idf_a, starts_a)[:, None]
        precision = np.add.reduceat(best_in_a * idf_b[None, :], starts_b, axis=1) / np.add.reduceat(idf_b, starts_b)[None, :]
        total = recall + precision
        f = np.divide(2 * recall * precision, total, out=np.zeros_like(total), where=total > 0)
        out[np.ix_(rows_a, rows_b)] = f
        return out

    def _stack(self, statements: Sequence[Sequence[str]],
               unseen: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Word ids (an unseen word gets a negative id of its own, kept in ``unseen``), vectors,
        idf and where each statement's words start, for statements given as words."""
        flat = [w for ws in statements for w in ws]
        ids = np.array([self.index[w] if w in self.index else -1 - unseen.setdefault(w, len(unseen)) for w in flat])
        known = ids >= 0
        vectors = np.zeros((len(flat), self.vectors.shape[1]), dtype=np.float32)
        vectors[known] = self.vectors[ids[known]]
        idf = np.full(len(flat), self.unseen_idf, dtype=np.float32)
        idf[known] = self.idf[ids[known]]
        starts = np.cumsum([0] + [len(ws) for ws in statements[:-1]])
        return ids, vectors, idf, starts


@lru_cache(maxsize=1)
def default_vectors() -> WordVectors | None:
    """The project's trained word vectors, loaded once; None when none are installed (the
    comparator then does without)."""
    try:
        return WordVectors.load()
    except OSError:
        return None


def sentences(texts: Iterable[str]) -> Iterable[list[str]]:
    """The content words of each sentence of ``texts``, in simplified script."""
    seg = default_segmenter()
    for text in texts:
        for sentence in _SENTENCE_END.split(normalise(text)):
            words = [w for w in (seg.cut(sentence) if seg is not None else sentence) if is_content_word(w)]
            if len(words) > 1:
                yield words


def train_vectors(texts: Iterable[str], dims: int = 128, window: int = 4, min_count: int = 5,
                  seed: int = 20240601) -> tuple[WordVectors, dict]:
    """PPMI-SVD word vectors of the words seen ``min_count`` times or more in ``texts``."""
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD

    corpus = list(sentences(texts))
    counts = Counter(w for s in corpus for w in s)
    words = sorted(w for w, c in counts.items() if c >= min_count)
    index = {w: i for i, w in enumerate(words)}
    rows, cols = [], []
    for s in corpus:
        ids = [index.get(w, -1) for w in s]
        for i, a in enumerate(ids):
            if a < 0:
                continue
            for j in range(max(0, i - window), min(len(ids), i + window + 1)):
                if j != i and ids[j] >= 0:
                    rows.append(a)
                    cols.append(ids[j])
    shape = (len(words), len(words))
    pairs = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=shape).tocsr().tocoo()  # duplicates summed
    total = pairs.data.sum()
    word_p = np.asarray(pairs.sum(axis=1)).ravel() / total
    context_p = np.asarray(pairs.sum(axis=0)).ravel() ** 0.75  # smoothed context distribution (Levy et al.)
    context_p /= context_p.sum()
    pmi = np.log(pairs.data / total / word_p[pairs.row] / context_p[pairs.col])
    positive = pmi > 0
    ppmi = sparse.csr_matrix((pmi[positive], (pairs.row[positive], pairs.col[positive])), shape=shape)
    svd = TruncatedSVD(dims, algorithm="randomized", n_iter=5, random_state=seed)
    vectors = svd.fit_transform(ppmi) / np.sqrt(svd.singular_values_)  # U·Σ^½, the symmetric weighting
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    doc_freq = Counter(w for s in corpus for w in set(s))
    n = len(corpus)
    idf = np.array([np.log((1 + n) / (1 + doc_freq[w])) for w in words])  # smoothed: never below 0
    card = {"sentences": n, "tokens": int(sum(map(len, corpus))), "words": len(words), "dims": dims, "window": window,
            "min_count": min_count, "seed": seed}
    return WordVectors(words, vectors.astype(np.float32), idf.astype(np.float32), float(np.log(1 + n))), card


def training_texts(archives: Sequence[Path], treebank: Path | None, held_out: set[str]) -> Iterable[str]:
    """The headline and text of each archive record not in ``held_out``, and the treebank's sentences."""
    for archive in archives:
        with archive.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("id") not in held_out:
                    yield f"{record.get('title', '')}\n{record.get('text', '')}"
    for conllu in sorted(treebank.glob("*.conllu")) if treebank else ():
        with conllu.open(encoding="utf-8") as fh:
            yield from (line[len("# text = "):] for line in fh if line.startswith("# text = "))
