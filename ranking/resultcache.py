"""A bounded LRU cache of whole rankings, so an identical brief asked again soon is answered
without ranking it again.

A cached :class:`~ranking.results.RankingResult` is served only while everything it depends
on is unchanged; the key holds all of it:

* the brief (its canonical JSON: every criterion and the search mode) and ``k``;
* time: results depend on it (activity windows, sanction expiry, recency signals), so a
  result ranked at ``t0`` is served only to requests with ``t0 <= as_of < t0 + max_age``,
  and it keeps its own ``as_of`` (``t0``): a response says exactly which instant it ranks at,
  at most ``max_age`` seconds before the request. Time-driven changes (a window closing, a
  sanction expiring) therefore show at most ``max_age`` seconds late; writes never do (next
  point). Each entry ages on its own, and its lifetime is cut by up to a quarter
  (:data:`LIFETIME_SPREAD`), by an amount fixed by its key (a CRC of it, so the same for
  every run): briefs cached together (at start, after a write) do not all expire together
  and queue their misses at once (measured, 200 briefs repeating at 100k profiles and 32
  clients: p99 518 ms with equal lifetimes);
* the index *generation* reported by the backend (``generation``, bumped by every write that
  goes through it: :class:`~ranking.profilecache.CachedProfiles`). A backend without a
  generation (OpenSearch, which other processes may write) is never cached. A result computed
  while a write happened is not stored (the generation must be the same before and after);
* policy, configuration, vocabulary and language are fixed per :class:`~ranking.ranker.Ranker`,
  and each ranker owns its cache, so a reloaded policy or configuration starts empty.

**Entries are bytes, not objects.** A ranking of 20 results is a tree of about 1,900 objects
that Python's cyclic garbage collector tracks (every profile, skill, signal contribution and
each pydantic model's field set). Kept as objects, 1,024 cached rankings made every full
collection walk about two million of them: pauses of 130 to 590 ms, growing with the cache,
every few dozen searches (measured in one process at 100k profiles), the bulk of the API's
tail latency. So an entry holds the ranking as its JSON (about 100 KB for 20 results; bytes
are never walked by the collector) and a hit decodes it (about 3 ms, against about 14 ms to
rank again at 100k profiles): equal to the ranking stored, a new object each time. Values
derived from a ranking alone (the API's serialised response: :meth:`get_derived`,
:meth:`put_derived`) are kept next to it, also as bytes, and served without decoding; an
entry may hold such values only, without the ranking (the API's searches store just their
response: encoding the ranking as well would cost ~0.5 ms and ~100 KB per search that no
one reads). Entries that have outlived ``max_age`` are dropped as new ones arrive.

**Refresh ahead.** A brief that keeps coming back would otherwise make one caller wait for a
new ranking each time its entry expires. Once an entry has lived :data:`REFRESH_AFTER` of its
lifetime, the first caller served from it may claim its refresh (:meth:`claim_refresh`, at
most one claim per entry at a time) and rank the brief again in the background; the new
ranking replaces the entry before it expires. No answer is ever older than the entry's
lifetime: the promise above is unchanged.

Thread-safe; nothing is global.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from datetime import datetime, timedelta

from ranking.brief import Brief
from ranking.results import RankingResult

#: ``(brief JSON, k, index generation)``.
ResultKey = tuple[str, int, int]


#: The largest share of ``max_age`` by which an entry's lifetime is cut (see the module).
LIFETIME_SPREAD = 0.25
#: The share of its lifetime after which a hit may claim an entry's refresh (see the module).
REFRESH_AFTER = 0.5


class _Entry:
    """One cached ranking: the instant it ranks at, until when it may answer, its JSON,
    and values derived from it."""

    __slots__ = ("as_of", "blob", "derived", "until")

    def __init__(self, as_of: datetime, until: datetime, blob: bytes | None) -> None:
        self.as_of = as_of
        self.until = until
        self.blob = blob
        self.derived: dict[str, bytes] = {}


class ResultCache:
    """See the module docstring. ``max_size`` rankings (0: off), each served for
    ``max_age_s`` seconds after the instant it ranks at."""

    def __init__(self, max_size: int, max_age_s: float) -> None:
        if max_size < 0:
            raise ValueError("max_size must be >= 0")
        if max_age_s <= 0:
            raise ValueError("max_age_s must be > 0")
        self._max = max_size
        self._max_age = timedelta(seconds=max_age_s)
        self._data: OrderedDict[ResultKey, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._refreshing: set[ResultKey] = set()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    @property
    def enabled(self) -> bool:
        return self._max > 0

    def key(self, brief: Brief, k: int, generation: int) -> ResultKey:
        return (brief.model_dump_json(), k, generation)

    def _fresh(self, key: ResultKey, as_of: datetime) -> _Entry | None:
        """The entry for ``key`` if it may answer at ``as_of`` (lock held)."""
        entry = self._data.get(key)
        if entry is None or not entry.as_of <= as_of < entry.until:
            return None
        self._data.move_to_end(key)
        return entry

    def get(self, key: ResultKey, as_of: datetime) -> RankingResult | None:
        """The cached ranking for ``key`` if it was ranked at most ``max_age`` seconds
        before ``as_of`` (and not after it), decoded anew."""
        with self._lock:
            entry = self._fresh(key, as_of)
            blob = None if entry is None else entry.blob
            if blob is None:
                self.misses += 1
                return None
            self.hits += 1
        return RankingResult.model_validate_json(blob)

    def put(self, key: ResultKey, result: RankingResult) -> None:
        if self._max == 0:
            return
        entry = self._entry(key, result.as_of, result.model_dump_json().encode())
        with self._lock:
            self._store_locked(key, entry)

    def lifetime(self, key: ResultKey) -> timedelta:
        """How long the entry for ``key`` answers: ``max_age`` cut by a share in
        ``[0, LIFETIME_SPREAD)`` that depends on the key alone."""
        share = zlib.crc32(f"{key[0]}|{key[1]}".encode()) / 2**32
        return self._max_age * (1.0 - LIFETIME_SPREAD * share)

    def _entry(self, key: ResultKey, as_of: datetime, blob: bytes | None) -> _Entry:
        return _Entry(as_of, as_of + self.lifetime(key), blob)

    def _store_locked(self, key: ResultKey, entry: _Entry) -> None:
        self._data[key] = entry
        self._data.move_to_end(key)
        while len(self._data) > self._max:
            self._data.popitem(last=False)
        # the least recently used first: drop those too old to answer any more
        # (relative to the newest ranking; a cache may always forget)
        stale_before = entry.as_of - self._max_age
        while self._data:
            oldest_key, oldest = next(iter(self._data.items()))
            if oldest.as_of >= stale_before or oldest_key == key:
                break
            self._data.popitem(last=False)

    def get_derived(self, key: ResultKey, as_of: datetime, name: str) -> bytes | None:
        """The value ``name`` derived from the ranking cached for ``key``, if that ranking
        may answer at ``as_of`` and the value was stored (:meth:`put_derived`); a hit
        counts as a hit of the cache."""
        with self._lock:
            entry = self._fresh(key, as_of)
            value = None if entry is None else entry.derived.get(name)
            if value is not None:
                self.hits += 1
            return value

    def put_derived(self, key: ResultKey, as_of: datetime, name: str, value: bytes) -> None:
        """Keep ``value``, computed from the ranking of ``key`` at ``as_of`` alone: next to
        the ranking cached for ``key`` if that is the one of ``as_of``, else in an entry of
        its own (without the ranking), replacing an older one. Only the instant is needed,
        so a value built elsewhere (another process: :mod:`api.ranking_workers`) is kept
        the same way."""
        if not isinstance(value, bytes):
            raise TypeError(f"a derived value is kept as bytes, not {type(value).__name__}")
        if self._max == 0:
            return
        with self._lock:
            entry = self._data.get(key)
            if entry is not None and entry.as_of == as_of:
                entry.derived[name] = value
            elif entry is None or entry.as_of < as_of:
                fresh = self._entry(key, as_of, None)
                fresh.derived[name] = value
                self._store_locked(key, fresh)

    def claim_refresh(self, key: ResultKey, as_of: datetime) -> bool:
        """True, once, when the entry for ``key`` has lived :data:`REFRESH_AFTER` of its
        lifetime at ``as_of`` and no refresh of it is claimed: the caller then ranks it
        again and calls :meth:`release_refresh` (whatever happens)."""
        with self._lock:
            entry = self._data.get(key)
            if entry is None or key in self._refreshing:
                return False
            if as_of < entry.as_of + (entry.until - entry.as_of) * REFRESH_AFTER:
                return False
            self._refreshing.add(key)
            return True

    def release_refresh(self, key: ResultKey) -> None:
        with self._lock:
            self._refreshing.discard(key)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
