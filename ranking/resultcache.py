"""A bounded LRU cache of whole rankings, so an identical brief asked again soon is answered
without ranking it again.

A cached :class:`~ranking.results.RankingResult` is served only while everything it depends
on is unchanged; the key holds all of it:

* the brief (its canonical JSON: every criterion and the search mode) and ``k``;
* the *as_of bucket* ``floor(as_of / granularity)``: results depend on time (activity
  windows, sanction expiry, recency signals), so a result computed at ``t0`` is reused only
  for requests in the same ``granularity``-second bucket, and it keeps its own ``as_of``
  (``t0``): a response says exactly which instant it ranks at, at most ``granularity`` seconds
  before the request. Time-driven changes (a window closing, a sanction expiring) therefore
  show at most ``granularity`` seconds late; writes never do (next point);
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
from datetime import datetime

from ranking.brief import Brief
from ranking.results import RankingResult

#: ``(brief JSON, k, as_of bucket, index generation)``.
ResultKey = tuple[str, int, int, int]


class ResultCache:
    def __init__(self, max_size: int, granularity_s: float) -> None:
        if max_size < 0:
            raise ValueError("max_size must be >= 0")
        if granularity_s <= 0:
            raise ValueError("granularity_s must be > 0")
        self._max = max_size
        self._granularity = granularity_s
        self._data: OrderedDict[ResultKey, RankingResult] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    @property
    def enabled(self) -> bool:
        return self._max > 0

    def key(self, brief: Brief, k: int, as_of: datetime, generation: int) -> ResultKey:
        bucket = int(as_of.timestamp() // self._granularity)
        return (brief.model_dump_json(), k, bucket, generation)

    def get(self, key: ResultKey) -> RankingResult | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is None:
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

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
