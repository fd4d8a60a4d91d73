"""An in-process cache of API key lookups, so authentication costs no SQL on most requests.

Without it every authenticated request runs two queries: the key by its hash, and for a
client key the company's sanctions (a suspended company is refused). The cache keeps, per
key hash, the :class:`~api.auth.principal.Principal` and the client's not-lifted
suspensions (start, end) — a suspension that starts or ends by time is still judged against
the request's "now", not against the moment it was cached.

Bounds and freshness:

* at most ``max_entries`` keys (least recently used dropped first) and each entry at most
  ``ttl_s`` seconds old (monotonic clock); ``ttl_s == 0`` disables the cache;
* unknown and revoked keys are never cached (each costs its query, as before);
* **in this process**, revoking a key, deleting an account (its keys are revoked) and
  creating or lifting a client company's sanction invalidate the affected entries at once;
  a generation counter makes sure a lookup that read the store *before* such a change
  cannot put its stale result into the cache *after* the invalidation;
* **in other processes** of the same store (several workers, the CLI), such a change takes
  effect at the latest after ``ttl_s`` (default 5 s), when their entry expires.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from api.auth.principal import Principal
from api.enums import Role


@dataclass(frozen=True, slots=True)
class CachedKey:
    """A valid key: who it is, and (clients) the company's not-lifted suspensions."""

    principal: Principal
    suspensions: tuple[tuple[datetime, datetime | None], ...] = ()

    def suspended_until(self, at: datetime) -> tuple[bool, datetime | None]:
        """``(True, end)`` when a suspension is in force at ``at`` (``end`` None: permanent)."""
        for start, end in self.suspensions:
            if start <= at and (end is None or at < end):
                return True, end
        return False, None


class KeyCache:
    """Bounded, short-lived, thread-safe map of key hash → :class:`CachedKey`."""

    def __init__(self, *, max_entries: int = 1024, ttl_s: float = 5.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self.ttl_s = ttl_s
        self._now = monotonic
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[float, CachedKey]] = OrderedDict()
        self._generation = 0
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.ttl_s > 0

    def generation(self) -> int:
        """Read before looking a key up in the store; pass to :meth:`put`."""
        with self._lock:
            return self._generation

    def get(self, key_hash: str) -> CachedKey | None:
        if not self.enabled:
            return None
        with self._lock:
            item = self._entries.get(key_hash)
            if item is None or self._now() - item[0] >= self.ttl_s:
                if item is not None:
                    del self._entries[key_hash]
                self.misses += 1
                return None
            self._entries.move_to_end(key_hash)
            self.hits += 1
            return item[1]

    def put(self, key_hash: str, entry: CachedKey, generation: int) -> bool:
        """Cache ``entry`` unless something was invalidated since ``generation`` was read."""
        if not self.enabled:
            return False
        with self._lock:
            if generation != self._generation:
                return False
            self._entries[key_hash] = (self._now(), entry)
            self._entries.move_to_end(key_hash)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _drop(self, match: Callable[[CachedKey], bool]) -> int:
        with self._lock:
            self._generation += 1
            gone = [h for h, (_, e) in self._entries.items() if match(e)]
            for h in gone:
                del self._entries[h]
            return len(gone)

    def invalidate_key(self, key_id: str) -> int:
        """A key was revoked."""
        return self._drop(lambda e: e.principal.actor_id == key_id)

    def invalidate_subject(self, role: Role, subject_id: str) -> int:
        """An account's keys were revoked, or a client company's sanctions changed."""
        return self._drop(lambda e: e.principal.role is role
                          and e.principal.subject_id == subject_id)

    def clear(self) -> None:
        self._drop(lambda _: True)
