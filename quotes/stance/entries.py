"""Feature ids and entries: every feature of a target is a 64-bit id in a block.

An n-gram's id is a polynomial hash of its characters mixed with a tag for its region and
length; a cue or position feature's id mixes the integer codes of its fields with a tag for
its template."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
import zlib

import numpy as np

from .layout import codepoints

GRAM_BLOCKS = ("window", "near", "region", "whole", "mention")
CUES = "cues"
BLOCKS = (*GRAM_BLOCKS, "position", CUES)

PRIME = np.uint64(0x100000001B3)
MIX = np.uint64(0x9E3779B97F4A7C15)


@cache
def tag_id(tag: str, n: int) -> int:
    name = f"{tag}{n}".encode()
    return zlib.crc32(name) << 32 | zlib.crc32(name[::-1])


def gram_hashes(cp: np.ndarray, top: int) -> list[np.ndarray]:
    """``g[n][i]`` identifies the n characters from ``i`` (1 ≤ n ≤ top; ``g[0]`` is empty)."""
    out = [cp[:0], cp]
    for n in range(2, top + 1):
        out.append(out[-1][:-1] * PRIME + cp[n - 1 :])
    return out


def gram_id(tag: str, gram: str) -> int:
    """The id of the n-gram ``gram`` in the region ``tag`` (c: window, L/R: near,
    P/B/A/N: region, w: whole quote, M: mention)."""
    h = gram_hashes(codepoints(gram), len(gram))[len(gram)][:1]  # an array: numpy wraps its products silently
    return int(((h ^ np.uint64(tag_id(tag, len(gram)))) * MIX)[0])


def mixed(template: str, *fields: np.ndarray | int) -> np.ndarray:
    """Ids of a cue or position feature: its template's tag and its fields' integer codes."""
    return feature_ids(np.uint64(tag_id(template, 0)), code(*fields))


def code(*fields: np.ndarray | int) -> np.ndarray:
    """One integer for the fields of a feature (a polynomial in them, modulo 2^64)."""
    out = np.zeros(1, np.uint64)
    for f in fields:
        out = out * PRIME + np.asarray(f, dtype=np.int64).astype(np.uint64)
    return out


def feature_ids(tags: np.ndarray, codes: np.ndarray) -> np.ndarray:
    h = (tags ^ codes) * MIX
    return h ^ (h >> np.uint64(31))


@cache
def template_tags(*templates: str) -> np.ndarray:
    return np.array([tag_id(t, 0) for t in templates], dtype=np.uint64)


@dataclass
class Entries:
    """Features of many owners: entry k is feature ``index[k]``, of block ``block[k]``
    (its place in ``BLOCKS``), of owner ``owner[k]``, with value ``value[k]``."""

    owner: np.ndarray
    index: np.ndarray
    value: np.ndarray
    block: np.ndarray

    @classmethod
    def joined(cls, parts: Sequence[Entries]) -> Entries:
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("owner", "index", "value", "block")))


def ranges(lo: np.ndarray, hi: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each n-gram fully inside ``[lo, hi)`` begins, and the range it belongs to."""
    count = np.maximum(hi - lo - n + 1, 0)
    owner = np.repeat(np.arange(len(lo)), count)
    return np.repeat(lo - np.cumsum(count) + count, count) + np.arange(int(count.sum())), owner
