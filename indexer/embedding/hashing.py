"""A tiny deterministic embedder for unit tests of code that does not care about meaning.

Each analysed token is hashed to a seeded random direction; a text's vector is the normalised
sum of its tokens' directions, so texts sharing words are close. Never used in place of the
real model where meaning matters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from indexer.tokens import tokenize


class HashingEmbedder:
    def __init__(self, dimension: int = 32) -> None:
        self._dim = dimension
        self._cache: dict[str, npt.NDArray[np.float32]] = {}

    @property
    def model_id(self) -> str:
        return f"hashing-{self._dim}"

    @property
    def dimension(self) -> int:
        return self._dim

    def _token(self, tok: str) -> npt.NDArray[np.float32]:
        v = self._cache.get(tok)
        if v is None:
            seed = int.from_bytes(hashlib.sha256(tok.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self._dim).astype(np.float32)
            self._cache[tok] = v
        return v

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in tokenize(text) or ["<empty>"]:
                out[i] += self._token(tok)
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-12)
        return out
