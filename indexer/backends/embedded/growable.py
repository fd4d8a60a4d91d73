"""Append-only numpy arrays with amortised O(1) growth (capacity doubling).

The in-memory index is addressed by *slot*: every stored row gets the next slot number and
keeps it for its life, so appends only ever touch the end of these arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


class GrowArray:
    """A numpy array of shape ``(n, *row_shape)`` that grows at the end."""

    def __init__(self, dtype: npt.DTypeLike, row_shape: tuple[int, ...] = (), fill: Any = 0) -> None:
        self._fill = fill
        self._buf: np.ndarray = np.full((16, *row_shape), fill, dtype=dtype)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    @property
    def data(self) -> np.ndarray:
        """A view of the filled part (valid until the next append)."""
        return self._buf[: self._n]

    def reserve(self, n: int) -> None:
        if n > len(self._buf):
            # grow by 1/4: amortised O(1) appends, at most 25 % of unused capacity
            cap = max(n, len(self._buf) + len(self._buf) // 4 + 16)
            # in place when there is much to copy (not e.g. when reserving the exact size of
            # an index being opened: zero-filling it all would be the waste then)
            if not (2 * self._n >= cap and self._grow_in_place(cap)):
                # rows past ``_n`` are never read before ``resize`` or ``extend`` writes
                # them: no fill here (filling, then copying over it, wrote the old rows twice)
                buf = np.empty((cap, *self._buf.shape[1:]), dtype=self._buf.dtype)
                buf[: self._n] = self._buf[: self._n]
                self._buf = buf

    def _grow_in_place(self, cap: int) -> bool:
        """Grow the buffer to ``cap`` rows with ``realloc`` (``ndarray.resize``), when nothing
        else refers to it (no view: numpy checks, and refuses otherwise); whether it did.

        A large buffer is its own memory mapping, which ``realloc`` moves without copying
        (``mremap``), where a new buffer has every old row copied into fresh pages: with
        growth by 1/4 every row is copied about four times. Measured with
        ``benchmarks.profile_embedded_writes --rows 100000``: the growth of the vectors
        (1.5 KB a profile) cost 4.2-4.5 µs a profile copying, 1.1 µs so. numpy fills the
        new rows with zeros: the spare capacity is in memory at once, not when first
        written (it is counted in :meth:`nbytes` either way)."""
        try:
            self._buf.resize((cap, *self._buf.shape[1:]), refcheck=True)
        except ValueError:  # referenced by a view (or not owning its memory)
            return False
        return True

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=self._buf.dtype)
        self.reserve(self._n + len(rows))
        self._buf[self._n : self._n + len(rows)] = rows
        self._n += len(rows)

    def resize(self, n: int) -> None:
        """Grow to ``n`` rows, new rows holding the fill value."""
        self.reserve(n)
        if n > self._n:
            self._buf[self._n : n] = self._fill
        self._n = max(self._n, n)

    def nbytes(self) -> int:
        return int(self._buf.nbytes)
