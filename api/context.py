"""What the application holds while it runs (built in the lifespan, hung off ``app.state``).

Nothing here is created at import time: ``create_app`` builds an :class:`AppContext` when the
application starts and closes it when it stops, so two apps (tests, a restart) never share
a database engine, backend or model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from api.auth.cache import KeyCache
from api.clock import Clock
from api.db.engine import Database
from api.moderation import Moderator
from api.settings import ApiSettings
from indexer.errors import ConfigurationError
from indexer.rwlock import ReadWriteLock

if TYPE_CHECKING:
    from api.ranking_workers import RankingWorkers
    from indexer.backends.protocol import IndexedProfile, SearchBackend
    from indexer.embedding.protocol import Embedder
    from indexer.pipeline import Indexer
    from indexer.profile import Profile
    from ranking import Brief, ProfileExplanation, Ranker, RankingResult
    from ranking.records import RecordRanking
    from ranking.resultcache import ResultKey


@dataclass
class SearchStack:
    """The search side: backend, embedder, the ranker over them and the indexer that writes.

    The API goes through these methods only: searches share a read lock, index writes made
    by the API (sanctions, account deletions) take it exclusively, so a search never sees a
    half-applied write of this process. With :meth:`start_workers`, new rankings run in
    forked worker processes (:mod:`api.ranking_workers`), forked anew at every write.
    """

    backend: SearchBackend
    embedder: Embedder
    ranker: Ranker
    indexer: Indexer
    lock: ReadWriteLock = field(default_factory=ReadWriteLock)
    #: Worker processes that rank new searches (:mod:`api.ranking_workers`); None: this one.
    workers: RankingWorkers | None = None

    def start_workers(self, count: int, *, timeout_s: float | None = None,
                      pin: bool = False, nice: int = 0) -> None:
        """Fork ``count`` ranking workers from this process as it is now (call once the
        stack is warmed up) and have the ranker hand new rankings to them; with ``pin``, each
        on its own share of this process's CPUs (:func:`api.ranking_workers.worker_cpus`);
        ``nice``: how much lower their CPU priority is than this process's."""
        from api.ranking_workers import DEFAULT_TIMEOUT_S, RankingWorkers

        if not callable(getattr(self.backend, "after_fork", None)):
            raise ConfigurationError(
                f"ranking worker processes need a backend that can follow a fork "
                f"({type(self.backend).__name__} has no after_fork); set "
                f"TALENTMATCH_SEARCH_WORKERS=0")
        with self.lock.write():
            if self.workers is not None:
                raise RuntimeError("the ranking workers are already running")
            self.workers = RankingWorkers(count, timeout_s=timeout_s or DEFAULT_TIMEOUT_S,
                                          on_loss=self._respawn_later, pin=pin, nice=nice)
            self._respawn()

    def _respawn(self) -> None:
        """Fork the workers anew (under the write lock): they see the index as it is now."""
        if self.workers is not None:
            self.workers.respawn(self)
            self.ranker.offload = self.workers.derive

    def _respawn_later(self) -> None:
        """A worker was lost: fork a full set again once the searches under way are done."""
        def run() -> None:
            with self.lock.write():
                if self.workers is not None:
                    self._respawn()

        threading.Thread(target=run, name="respawn-ranking-workers", daemon=True).start()

    def after_fork(self, *, overlap: bool = True) -> None:
        """In a forked worker: drop the threads and handles of the parent that did not come
        along (the ranker's pool, the backend's) and rank in this process; without
        ``overlap``, on one thread (:func:`api.ranking_workers.overlap_in_workers`)."""
        self.workers = None
        self.ranker.after_fork()
        self.ranker.overlap_embedding = self.ranker.overlap_embedding and overlap
        self.backend.after_fork()  # type: ignore[attr-defined]

    def rank(self, brief: Brief, *, k: int, as_of: datetime) -> RankingResult:
        with self.lock.read():
            return self.ranker.rank(brief, k=k, as_of=as_of)

    def rank_records_derived(self, brief: Brief, name: str,
                             build: Callable[[RecordRanking], bytes], *, k: int,
                             as_of: datetime) -> bytes:
        """:meth:`ranking.ranker.Ranker.rank_records_derived` under the read lock."""
        with self.lock.read():
            return self.ranker.rank_records_derived(brief, name, build, k=k, as_of=as_of)

    def cached_derived(self, brief: Brief, name: str, *, k: int,
                       as_of: datetime) -> tuple[bytes | None, ResultKey | None]:
        """:meth:`ranking.ranker.Ranker.cached_derived`: without the read lock, which a
        writer may hold (the cache is keyed by the index generation, which every write
        bumps first, so a write under way is a miss)."""
        return self.ranker.cached_derived(brief, name, k=k, as_of=as_of)

    def refresh_records_derived(self, ticket: ResultKey, brief: Brief, name: str,
                                build: Callable[[RecordRanking], bytes], *, k: int,
                                as_of: datetime) -> None:
        """:meth:`ranking.ranker.Ranker.refresh_records_derived` under the read lock."""
        with self.lock.read():
            self.ranker.refresh_records_derived(ticket, brief, name, build, k=k, as_of=as_of)

    def explain(self, brief: Brief, profile_id: str, *, as_of: datetime) -> ProfileExplanation:
        with self.lock.read():
            return self.ranker.explain(brief, profile_id, as_of=as_of)

    def get(self, ids: Sequence[str]) -> dict[str, IndexedProfile]:
        with self.lock.read():
            return self.backend.get(list(ids))

    def count(self) -> int:
        with self.lock.read():
            return self.backend.count()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock (read-modify-write of a profile, deletions); ranking workers
        are forked anew before it is released, so that they see what was written."""
        with self.lock.write():
            try:
                yield
            finally:
                self._respawn()

    def upsert_unlocked(self, profiles: Sequence[Profile], *, as_of: datetime) -> None:
        """Re-index ``profiles``; call inside :meth:`writing`."""
        self.indexer.index_profiles(list(profiles), as_of=as_of, progress=False)

    def replace_ranker(self, ranker: Ranker) -> Ranker:
        """Swap in a ranker (new policy / configuration) once running searches finished;
        returns the previous one."""
        with self.lock.write():
            old, self.ranker = self.ranker, ranker
            old.offload = None
            self._respawn()
        return old

    def close(self) -> None:
        try:
            with self.lock.write():
                if self.workers is not None:
                    self.workers.close()
                    self.workers = None
            self.indexer.close()
        finally:
            self.backend.close()


SearchStackFactory = Callable[[ApiSettings], SearchStack]


@dataclass
class AppContext:
    settings: ApiSettings
    db: Database
    search: SearchStack
    moderator: Moderator
    clock: Clock
    #: Key lookups of authentication (:mod:`api.auth.cache`), sized by the settings.
    key_cache: KeyCache = field(init=False)

    def __post_init__(self) -> None:
        self.key_cache = KeyCache(max_entries=self.settings.auth_cache_entries,
                                  ttl_s=self.settings.auth_cache_ttl_s)
