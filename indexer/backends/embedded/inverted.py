"""An inverted list of (key, slot, payload) pairs: key → the slots that carry it.

Pairs are appended in slot order. The bulk of them is kept as CSC-like arrays sorted by key
(``ptr[key]:ptr[key+1]`` indexes ``slots``/``payload``); the most recent pairs form a small
unsorted tail that lookups scan directly. The sorted part is rebuilt lazily when the tail
grows past a fraction of it, so appending stays proportional to the change and the rebuild
cost is amortised. With ``forward=True`` the keys are also kept in append order, so the keys
of a slot can be read back (the lexical index needs them to update document frequencies).
"""

from __future__ import annotations

import weakref
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from indexer.backends.embedded.growable import GrowArray
from indexer.backends.embedded.maxscore import ascending_within

#: The tail is merged into the sorted part when it exceeds max(this, sorted size / 8).
TAIL_MIN = 65_536

_EMPTY_SLOTS = np.zeros(0, np.int32)


class PostingRanges(NamedTuple):
    """The lists of several keys, read in place: key ``i`` lists
    ``base_slots[start[i]:stop[i]]`` then ``tail_slots[tail_off[i]:tail_off[i + 1]]``
    (payloads alongside). ``base_sorted``: every key's base part is ascending by slot."""

    base_slots: np.ndarray
    base_payload: np.ndarray
    start: np.ndarray
    stop: np.ndarray
    tail_slots: np.ndarray
    tail_payload: np.ndarray
    tail_off: np.ndarray
    base_sorted: bool


class InvertedPairs:
    """Key → slots (+ payload) with a sorted base and a scanned tail."""

    def __init__(self, payload_dtype: npt.DTypeLike = np.uint16, *, forward: bool = False) -> None:
        self._forward = GrowArray(np.int32) if forward else None
        self._tail_keys = GrowArray(np.int32)
        self._tail_slots = GrowArray(np.int32)
        self._tail_payload = GrowArray(payload_dtype)
        self._ptr = np.zeros(1, dtype=np.int64)
        self._slots = np.zeros(0, dtype=np.int32)
        self._payload = np.zeros(0, dtype=payload_dtype)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, keys: np.ndarray, slots: np.ndarray, payload: np.ndarray | None = None) -> None:
        if self._forward is not None:
            self._forward.extend(keys)
        self._tail_keys.extend(keys)
        self._tail_slots.extend(slots)
        self._tail_payload.extend(np.ones(len(keys)) if payload is None else payload)
        self._n += len(keys)

    def forward_keys(self, start: int, end: int) -> np.ndarray:
        """Keys of pairs ``start:end`` in append order (needs ``forward=True``)."""
        if self._forward is None:
            raise RuntimeError("forward keys are not kept for this index")
        return self._forward.data[start:end]

    def _maybe_rebuild(self) -> None:
        n_tail = len(self._tail_keys)
        if n_tail <= max(TAIL_MIN, len(self._slots) // 8):
            return
        tail_keys = self._tail_keys.data
        n_keys = max(len(self._ptr) - 1, int(tail_keys.max()) + 1)
        base_keys = np.repeat(np.arange(len(self._ptr) - 1, dtype=np.int32), np.diff(self._ptr))
        keys = np.concatenate([base_keys, tail_keys])
        del base_keys
        order = np.argsort(keys, kind="stable")
        ptr = np.zeros(n_keys + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys, minlength=n_keys), out=ptr[1:])
        del keys
        self._slots = np.concatenate([self._slots, self._tail_slots.data])[order]
        self._payload = np.concatenate([self._payload, self._tail_payload.data])[order]
        self._ptr = ptr
        dtype = self._tail_payload.data.dtype
        self._tail_keys = GrowArray(np.int32)
        self._tail_slots = GrowArray(np.int32)
        self._tail_payload = GrowArray(dtype)

    def lookup(self, key: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """The (slots, payloads) parts of ``key``'s list, slots ascending across parts."""
        self._maybe_rebuild()
        parts: list[tuple[np.ndarray, np.ndarray]] = []
        if key + 1 < len(self._ptr):
            a, b = self._ptr[key], self._ptr[key + 1]
            if b > a:
                parts.append((self._slots[a:b], self._payload[a:b]))
        if len(self._tail_keys):
            sel = np.flatnonzero(self._tail_keys.data == key)
            if len(sel):
                parts.append((self._tail_slots.data[sel], self._tail_payload.data[sel]))
        return parts

    def slots_of(self, keys: list[int]) -> np.ndarray:
        """The slots carrying any of ``keys`` (may repeat)."""
        parts = [s for k in keys for s, _ in self.lookup(k)]
        return np.concatenate(parts) if parts else _EMPTY_SLOTS

    def ranges(self, keys: np.ndarray) -> PostingRanges:
        """The lists of ``keys`` (distinct) without copying the sorted base; the tail is
        scanned once for all of them."""
        self._maybe_rebuild()
        keys = np.asarray(keys, dtype=np.int64)
        inside = (keys >= 0) & (keys < len(self._ptr) - 1)
        start = np.zeros(len(keys), dtype=np.int64)
        stop = np.zeros(len(keys), dtype=np.int64)
        start[inside] = self._ptr[keys[inside]]
        stop[inside] = self._ptr[keys[inside] + 1]
        tail_off = np.zeros(len(keys) + 1, dtype=np.int64)
        tail_slots, tail_payload = self._tail_slots.data[:0], self._tail_payload.data[:0]
        if len(keys) and len(self._tail_keys):
            by_key = np.argsort(keys, kind="stable")
            sorted_keys = keys[by_key]
            tail_keys = self._tail_keys.data
            pos = np.minimum(np.searchsorted(sorted_keys, tail_keys), len(keys) - 1)
            sel = np.flatnonzero(sorted_keys[pos] == tail_keys)
            which = by_key[pos[sel]]
            grouped = np.argsort(which, kind="stable")
            sel = sel[grouped]
            tail_slots, tail_payload = self._tail_slots.data[sel], self._tail_payload.data[sel]
            np.cumsum(np.bincount(which, minlength=len(keys)), out=tail_off[1:])
        base_sorted = self._base_sorted()
        return PostingRanges(
            self._slots, self._payload, start, stop, tail_slots, tail_payload, tail_off, base_sorted
        )

    def _base_sorted(self) -> bool:
        """Whether every key's base part is ascending by slot (true when pairs were appended
        in slot order); checked once per rebuild of the base."""
        memo = self.__dict__.get("_sorted_memo")
        if memo is not None and memo[0]() is self._slots:
            return bool(memo[1])
        ok = bool(ascending_within(self._ptr, self._slots))
        self.__dict__["_sorted_memo"] = (weakref.ref(self._slots), ok)
        return ok

    def nbytes(self) -> int:
        total = self._ptr.nbytes + self._slots.nbytes + self._payload.nbytes
        total += self._tail_keys.nbytes() + self._tail_slots.nbytes() + self._tail_payload.nbytes()
        return total + (self._forward.nbytes() if self._forward is not None else 0)
