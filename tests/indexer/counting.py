"""An embedder wrapper that counts what it is asked to embed, delegating to a real embedder."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from indexer.embedding import Embedder


class CountingEmbedder:
    """Delegates to ``inner`` and records every call (no behaviour of its own)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.calls = 0
        self.texts: list[str] = []

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        self.calls += 1
        self.texts.extend(texts)
        return self.inner.encode(texts, progress=progress)
