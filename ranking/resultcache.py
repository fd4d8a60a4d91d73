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
  point). (Each entry ages on its own: no moment at which every cached brief expires at once
  and the misses queue up together);
* the index *generation* reported by the backend (``generation``, bumped by every write that
  goes through it: :class:`~ranking.profilecache.CachedProfiles`). A backend without a
  generation (OpenSearch, which other processes may write) is never cached. A result computed
  while a write happened is not stored (the generation must be the same before and after);
* policy, configuration, vocabulary and language are fixed per :class:`~ranking.ranker.Ranker`,
  and each ranker owns its cache, so a reloaded policy or configuration starts empty.

Results are frozen pydantic models, shared between callers. Thread-safe; nothing is global.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from ranking.brief import Brief
from ranking.results import RankingResult

T = TypeVar("T")

#: ``(brief JSON, k, index generation)``.
ResultKey = tuple[str, int, int]


class ResultCache:
    def __init__(self, max_size: int, max_age_s: float) -> None:
        if max_size < 0:
            raise ValueError("max_size must be >= 0")
        if max_age_s <= 0:
            raise ValueError("max_age_s must be > 0")
        self._max = max_size
        self._max_age = max_age_s
        self._data: OrderedDict[ResultKey, RankingResult] = OrderedDict()
        self._derived: OrderedDict[tuple[int, str], tuple[RankingResult, object]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    @property
    def enabled(self) -> bool:
        return self._max > 0

    def key(self, brief: Brief, k: int, generation: int) -> ResultKey:
        return (brief.model_dump_json(), k, generation)

    def get(self, key: ResultKey, as_of: datetime) -> RankingResult | None:
        """The cached ranking for ``key`` if it was ranked at most ``max_age`` seconds
        before ``as_of`` (and not after it)."""
        with self._lock:
            hit = self._data.get(key)
            if hit is None or not 0 <= (as_of - hit.as_of).total_seconds() < self._max_age:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return hit

    def put(self, key: ResultKey, result: RankingResult) -> None:
        if self._max == 0:
            return
        with self._lock:
            self._data[key] = result
            self._data.move_to_end(key)
            while len(self._data) > self._max:
                self._data.popitem(last=False)

    def derived(self, result: RankingResult, name: str, build: Callable[[], T]) -> T:
        """A value derived from ``result`` alone (e.g. the API's serialised response),
        built once per result object and kept while the last ``max_size`` results are (a
        new ranking, after any write or once the old one is too old, is a new object, so nothing stale
        is served). With the cache off, ``build()`` every time."""
        if self._max == 0:
            return build()
        key = (id(result), name)
        with self._lock:
            entry = self._derived.get(key)
            if entry is not None and entry[0] is result:
                self._derived.move_to_end(key)
                return entry[1]  # type: ignore[return-value]
        value = build()
        with self._lock:
            # holding ``result`` keeps its id from being reused while the entry lives
            self._derived[key] = (result, value)
            self._derived.move_to_end(key)
            while len(self._derived) > self._max:
                self._derived.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._derived.clear()
