"""An inverted list of (key, slot, payload) pairs: key → the slots that carry it.

Pairs are appended in slot order. The bulk of them is kept as CSC-like arrays sorted by key
(``ptr[key]:ptr[key+1]`` indexes ``slots``/``payload``); the most recent pairs form a small
unsorted tail that lookups scan directly. The sorted part is rebuilt lazily when the tail
grows past a fraction of it, so appending stays proportional to the change and the rebuild
cost is amortised.
"""

from __future__ import annotations

import numpy as np

from indexer.backends.embedded.growable import GrowArray

#: The tail is merged into the sorted part when it exceeds max(this, sorted size / 8).
TAIL_MIN = 65_536


class InvertedPairs:
    """Key → slots (+ float payload) with a sorted base and a scanned tail."""

    def __init__(self) -> None:
        self.keys = GrowArray(np.int32)
        self.slots = GrowArray(np.int32)
        self.payload = GrowArray(np.float32)
        self._base_n = 0
        self._ptr = np.zeros(1, dtype=np.int64)
        self._base_slots = np.zeros(0, dtype=np.int32)
        self._base_payload = np.zeros(0, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.keys)

    def append(self, keys: np.ndarray, slots: np.ndarray, payload: np.ndarray | None = None) -> None:
        self.keys.extend(keys)
        self.slots.extend(slots)
        self.payload.extend(np.ones(len(keys), np.float32) if payload is None else payload)

    def _maybe_rebuild(self) -> None:
        n = len(self.keys)
        if n - self._base_n <= max(TAIL_MIN, self._base_n // 8):
            return
        keys = self.keys.data
        order = np.argsort(keys, kind="stable")
        n_keys = int(keys.max()) + 1 if n else 0
        counts = np.bincount(keys, minlength=n_keys)
        ptr = np.zeros(n_keys + 1, dtype=np.int64)
        np.cumsum(counts, out=ptr[1:])
        self._ptr = ptr
        self._base_slots = self.slots.data[order]
        self._base_payload = self.payload.data[order]
        self._base_n = n

    def lookup(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        """All (slots, payloads) of ``key``, slots ascending."""
        self._maybe_rebuild()
        parts_s: list[np.ndarray] = []
        parts_p: list[np.ndarray] = []
        if key + 1 < len(self._ptr):
            a, b = self._ptr[key], self._ptr[key + 1]
            parts_s.append(self._base_slots[a:b])
            parts_p.append(self._base_payload[a:b])
        if len(self.keys) > self._base_n:
            tail_keys = self.keys.data[self._base_n :]
            sel = np.flatnonzero(tail_keys == key) + self._base_n
            if len(sel):
                parts_s.append(self.slots.data[sel])
                parts_p.append(self.payload.data[sel])
        if not parts_s:
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        if len(parts_s) == 1:
            return parts_s[0], parts_p[0]
        return np.concatenate(parts_s), np.concatenate(parts_p)

    def lookup_many(self, keys: list[int]) -> np.ndarray:
        """The slots carrying any of ``keys`` (may repeat)."""
        parts = [self.lookup(k)[0] for k in keys]
        return np.concatenate(parts) if parts else np.zeros(0, np.int32)

    def nbytes(self) -> int:
        return (
            self.keys.nbytes() + self.slots.nbytes() + self.payload.nbytes()
            + self._ptr.nbytes + self._base_slots.nbytes + self._base_payload.nbytes
        )
