"""The embedding model as the rest of the engine sees it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt


@runtime_checkable
class Embedder(Protocol):
    @property
    def model_id(self) -> str:
        """Identifies the weights (and precision) so cached vectors are never mixed up."""
        ...

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        """L2-normalised float32 vectors, shape ``(len(texts), dimension)``, in input order."""
        ...
