"""The indexing pipeline: profiles in, up-to-date documents in the search backend out.

For each batch of ``settings.index_batch_size`` profiles:

1. completeness at ``as_of`` (:func:`indexer.completeness.completeness`);
2. the content hash (:mod:`indexer.pipeline.content_hash`); profiles whose hash equals the
   stored one are *unchanged* and skipped entirely;
3. for the rest, :func:`indexer.text.embedding_text` and its vector, through the persistent
   embedding cache (texts already embedded by this model cost nothing);
4. ``backend.upsert`` of the batch (atomic per call).

Input is validated completely before the first write (:func:`validate_source`), so a bad file
changes nothing. Each batch is one atomic ``upsert``; if the backend fails mid-run, the batches
already written stay, and running again converges (they are then "unchanged"). Profiles whose account is deleted or that are unpublished are indexed like any
other: the ranker's eligibility policy excludes them, and keeping them lets it explain *why*
a profile is not listed. Physical removal is explicit: :meth:`Indexer.delete`, or
``delete_missing`` (profiles absent from the input are removed, as on a full export).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from indexer.backends.protocol import Completeness, IndexedProfile, SearchBackend
from indexer.completeness import CompletenessConfig, completeness
from indexer.embedding.cache import CachedEmbedder, EmbeddingCache
from indexer.embedding.protocol import Embedder
from indexer.errors import ConfigurationError, InvalidInputError, Problem
from indexer.pipeline.content_hash import content_hash
from indexer.pipeline.source import ValidatedFile, validate_source
from indexer.pipeline.summary import IndexSummary
from indexer.profile.model import Profile
from indexer.settings import IndexerSettings
from indexer.text import embedding_text


def _chunks(items: Sequence[Profile], size: int) -> Iterator[list[Profile]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class Indexer:
    """Builds and maintains the index of one backend with one embedding model.

    ``embedder`` is wrapped in the persistent embedding cache under ``settings.data_dir``
    unless it already is a :class:`CachedEmbedder` or ``use_cache`` is false.
    """

    def __init__(
        self,
        backend: SearchBackend,
        embedder: Embedder,
        settings: IndexerSettings | None = None,
        *,
        completeness_config: CompletenessConfig | None = None,
        use_cache: bool = True,
    ) -> None:
        self.settings = settings or IndexerSettings()
        if backend.dimension != embedder.dimension:
            raise ConfigurationError(
                f"the index holds {backend.dimension}-dimensional vectors but the model "
                f"{embedder.model_id} produces {embedder.dimension}; index into a new data "
                "directory (TALENTMATCH_DATA_DIR) or use the model the index was built with"
            )
        self.backend = backend
        self._owned_cache: EmbeddingCache | None = None
        if use_cache and not isinstance(embedder, CachedEmbedder):
            self._owned_cache = EmbeddingCache.in_dir(self.settings.data_dir)
            embedder = CachedEmbedder(embedder, self._owned_cache)
        self.embedder = embedder
        self.completeness_config = completeness_config

    def close(self) -> None:
        """Close the embedding cache this indexer opened (the backend belongs to the caller)."""
        if self._owned_cache is not None:
            self._owned_cache.close()
            self._owned_cache = None

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public API

    def index_profiles(
        self,
        profiles: Iterable[Profile],
        *,
        as_of: datetime | None = None,
        progress: bool = True,
        delete_missing: bool = False,
    ) -> IndexSummary:
        """Insert new profiles, rewrite changed ones, skip unchanged ones.

        An id given twice is an :class:`InvalidInputError` raised before anything is written.
        With ``delete_missing`` every stored profile absent from ``profiles`` is removed (an
        empty input with ``delete_missing`` is refused rather than emptying the index).
        """
        items = list(profiles)
        first: dict[str, int] = {}
        problems = []
        for i, p in enumerate(items, start=1):
            if first.setdefault(p.id, i) != i:
                problems.append(
                    Problem("id", f"duplicate id {p.id!r} (first given as item {first[p.id]})", i)
                )
        if problems:
            raise InvalidInputError(problems)
        batches = _chunks(items, self.settings.index_batch_size)
        return self._run(
            batches, len(items), as_of=as_of, progress=progress, delete_missing=delete_missing
        )

    def index_file(
        self,
        path: Path,
        *,
        delete_missing: bool = False,
        as_of: datetime | None = None,
        progress: bool = True,
    ) -> IndexSummary:
        """Validate the whole file (nothing written if any row is bad), then index it."""
        return self.index_validated(
            validate_source(path, progress=progress),
            delete_missing=delete_missing,
            as_of=as_of,
            progress=progress,
        )

    def index_validated(
        self,
        source: ValidatedFile,
        *,
        delete_missing: bool = False,
        as_of: datetime | None = None,
        progress: bool = True,
    ) -> IndexSummary:
        """Index a file already validated by :func:`validate_source`."""
        batches = source.batches(self.settings.index_batch_size)
        return self._run(
            batches, source.count, as_of=as_of, progress=progress, delete_missing=delete_missing
        )

    def delete(self, ids: Sequence[str]) -> int:
        """Remove these profiles from the index; return how many existed."""
        return self.backend.delete(list(ids))

    # ------------------------------------------------------------------ the run

    def _run(
        self,
        batches: Iterable[list[Profile]],
        total: int,
        *,
        as_of: datetime | None,
        progress: bool,
        delete_missing: bool,
    ) -> IndexSummary:
        started = time.perf_counter()
        when = as_of or datetime.now(UTC)
        if when.tzinfo is None:
            raise ValueError("as_of must be timezone-aware")
        stored = self.backend.content_hashes()
        if delete_missing and total == 0 and stored:
            raise InvalidInputError(
                [Problem("<input>", "holds no profiles; refusing to delete every indexed profile")]
            )
        embedded_before = self._embedded_so_far()
        seen: set[str] = set()
        added = updated = unchanged = 0
        with tqdm(total=total, unit="profile", desc="indexing", disable=not progress) as bar:
            for batch in batches:
                docs, n_unchanged = self._prepare(batch, stored, when)
                unchanged += n_unchanged
                for doc in docs:
                    if doc.id in stored:
                        updated += 1
                    else:
                        added += 1
                if docs:
                    self.backend.upsert(docs)
                seen.update(p.id for p in batch)
                bar.update(len(batch))
        embedded = self._embedded_so_far() - embedded_before
        deleted = 0
        if delete_missing:
            gone = sorted(set(stored) - seen)
            if gone:
                deleted = self.backend.delete(gone)
        return IndexSummary(
            added=added,
            updated=updated,
            unchanged=unchanged,
            deleted=deleted,
            elapsed_s=time.perf_counter() - started,
            embedded=embedded,
        )

    def _embedded_so_far(self) -> int:
        return self.embedder.embedded_texts if isinstance(self.embedder, CachedEmbedder) else 0

    def _prepare(
        self, batch: list[Profile], stored: dict[str, str], as_of: datetime
    ) -> tuple[list[IndexedProfile], int]:
        """The documents of ``batch`` that must be written, and how many were unchanged."""
        model_id = self.embedder.model_id
        pending: list[tuple[Profile, str, Completeness]] = []
        unchanged = 0
        for profile in batch:
            comp = completeness(profile, as_of, self.completeness_config)
            digest = content_hash(profile, model_id, comp)
            if stored.get(profile.id) == digest:
                unchanged += 1
                continue
            pending.append((profile, digest, comp))
        if not pending:
            return [], unchanged
        vectors = self.embedder.encode([embedding_text(p) for p, _, _ in pending])
        docs = [
            IndexedProfile(profile=p, vector=vectors[i], completeness=comp, content_hash=digest)
            for i, (p, digest, comp) in enumerate(pending)
        ]
        return docs, unchanged
