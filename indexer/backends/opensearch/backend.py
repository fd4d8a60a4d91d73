""":class:`OpenSearchBackend`: the ``SearchBackend`` protocol on an OpenSearch cluster.

Reads and writes go through the alias ``settings.opensearch_index``; the data lives in a
versioned physical index behind it (:mod:`.aliases`). Writes are visible when ``upsert`` or
``delete`` returns (the alias is refreshed). Dense scores are cosine similarities, recovered
from the lucene engine's ``(1 + cos) / 2`` (float32, so within ~1e-7 of the exact cosine);
hits are ordered by score descending and id ascending.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Self

import numpy as np
from opensearchpy import OpenSearch, helpers

from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.filters import Filter
from indexer.backends.opensearch.aliases import AliasManager
from indexer.backends.opensearch.bulk import BulkWriter, Operation, RetryPolicy, call_with_retries
from indexer.backends.opensearch.client import START_HINT, make_client, translate_errors
from indexer.backends.opensearch.documents import from_source, to_document, validate, with_vector
from indexer.backends.opensearch.mapping import (
    HASH_FIELD,
    LEGACY_BM25_FACTOR,
    MAX_RESULT_WINDOW,
)
from indexer.backends.opensearch.query import (
    MAX_KNN_K,
    TIE_MARGIN,
    cosine_from_score,
    count_request,
    dense_request,
    lexical_request,
)
from indexer.backends.protocol import Hit, IndexedProfile, Vector, sort_hits
from indexer.errors import BackendError, BackendUnavailableError, InvalidInputError, Problem
from indexer.settings import IndexerSettings

#: Documents per ``_mget`` request and per scroll page.
READ_BATCH = 2_000


class OpenSearchBackend:
    """Profiles in an OpenSearch index (k-NN lucene HNSW + BM25 + filter fields)."""

    def __init__(
        self,
        client: OpenSearch,
        settings: IndexerSettings,
        dimension: int,
        *,
        bulk_batch_size: int = 500,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._client = client
        self._settings = settings
        self._url = settings.opensearch_url
        self._alias = settings.opensearch_index
        self._dimension = dimension
        self._bulk_batch_size = bulk_batch_size
        self._retry = retry or RetryPolicy()
        self._aliases = AliasManager(client, self._url, self._alias)
        self._closed = False
        self._analyzer = CachedAnalyzer()

    # -- life cycle ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        settings: IndexerSettings,
        dimension: int,
        *,
        create: bool = True,
        bulk_batch_size: int = 500,
        retry: RetryPolicy | None = None,
    ) -> Self:
        """Connect, check the cluster has the k-NN plugin, and make sure the alias exists with
        talentmatch's layout for ``dimension`` (created as ``<alias>-v1`` unless ``create`` is
        False, in which case a missing alias raises :class:`IndexMissingError`)."""
        if dimension < 1:
            raise InvalidInputError([Problem("dimension", f"must be >= 1, got {dimension}")])
        client = make_client(settings)
        try:
            with translate_errors(settings.opensearch_url, "connect"):
                client.info()
                plugins = client.cat.plugins(format="json")
            if not any(p.get("component") == "opensearch-knn" for p in plugins):
                raise BackendUnavailableError(
                    f"OpenSearch at {settings.opensearch_url} has no k-NN plugin (opensearch-knn); {START_HINT}"
                )
            backend = cls(client, settings, dimension, bulk_batch_size=bulk_batch_size, retry=retry)
            backend._aliases.ensure(dimension, create=create)
        except BaseException:
            client.close()
            raise
        return backend

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def alias(self) -> str:
        return self._alias

    def physical_index(self) -> str | None:
        """The versioned index the alias points to now."""
        return self._aliases.current()

    def after_fork(self) -> None:
        """In a forked child (a ranking worker of the API): a client of its own. The
        parent's pooled connections came along as open sockets; two processes talking over
        one would mix their requests and answers."""
        self._client = make_client(self._settings)
        self._aliases = AliasManager(self._client, self._url, self._alias)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._client.close()

    def _check_open(self) -> None:
        if self._closed:
            raise BackendUnavailableError(f"the OpenSearch backend for alias '{self._alias}' is closed")

    @staticmethod
    def _check_k(k: int, limit: int) -> None:
        """``k`` must be in [1, limit] (OpenSearch caps k-NN ``k`` and result windows)."""
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise InvalidInputError([Problem("k", f"must be a positive integer, got {k!r}")])
        if k > limit:
            raise InvalidInputError([Problem("k", f"at most {limit} hits per OpenSearch query, got {k}")])

    def drop(self) -> None:
        """Delete the alias and all its physical indices (tests, ``talentmatch`` resets)."""
        self._check_open()
        self._aliases.drop_all()

    # -- writes -------------------------------------------------------------------------------

    def _writer(self, index: str) -> BulkWriter:
        return BulkWriter(self._client, self._url, index, batch_size=self._bulk_batch_size, retry=self._retry)

    def _refresh(self, index: str, *, retry: RetryPolicy | None = None) -> None:
        """Make writes visible, retried like bulk requests (it follows every write)."""
        call_with_retries(
            lambda: self._client.indices.refresh(index=index), self._url, f"refresh '{index}'", retry or self._retry
        )

    def upsert(self, docs: Sequence[IndexedProfile]) -> None:
        """Index (create or replace by id) every document, then refresh so they are visible."""
        self._check_open()
        docs = list(docs)
        validate(docs, self._dimension)
        if not docs:
            return
        ops: Iterator[Operation] = (("index", d.id, to_document(d, self._analyzer)) for d in docs)
        try:
            self._writer(self._alias).run(ops)
        except BackendError:
            # Whatever part was written is made visible, so a re-run sees it as unchanged.
            with contextlib.suppress(BackendError):
                self._refresh(self._alias, retry=RetryPolicy(max_retries=0))
            raise
        self._refresh(self._alias)

    def delete(self, ids: Sequence[str]) -> int:
        self._check_open()
        unique = list(dict.fromkeys(ids))
        if not unique:
            return 0
        outcome = self._writer(self._alias).run(("delete", i, None) for i in unique)
        self._refresh(self._alias)
        return sum(1 for r in outcome.results.values() if r == "deleted")

    # -- reads --------------------------------------------------------------------------------

    def get(self, ids: Sequence[str]) -> dict[str, IndexedProfile]:
        self._check_open()
        unique = list(dict.fromkeys(ids))
        out: dict[str, IndexedProfile] = {}
        for start in range(0, len(unique), READ_BATCH):
            chunk = unique[start : start + READ_BATCH]
            with translate_errors(self._url, f"get profiles from '{self._alias}'"):
                resp = self._client.mget(index=self._alias, body={"ids": chunk})
            for d in resp["docs"]:
                if d.get("found"):
                    out[d["_id"]] = from_source(d["_source"])
        return out

    def count(self, filt: Filter | None = None) -> int:
        self._check_open()
        with translate_errors(self._url, f"count in '{self._alias}'"):
            resp = self._client.count(index=self._alias, body=count_request(filt))
        return int(resp["count"])

    def _scan(self, index: str, source: Any) -> Iterator[dict[str, Any]]:
        with translate_errors(self._url, f"scan '{index}'"):
            yield from helpers.scan(
                self._client,
                index=index,
                query={"query": {"match_all": {}}, "_source": source},
                size=READ_BATCH,
                scroll="2m",
                clear_scroll=True,
                raise_on_error=True,
            )

    def content_hashes(self) -> dict[str, str]:
        self._check_open()
        return {h["_id"]: h["_source"][HASH_FIELD] for h in self._scan(self._alias, [HASH_FIELD])}

    def dense_search(self, vector: Vector, k: int, filt: Filter | None = None) -> list[Hit]:
        self._check_open()
        q = np.asarray(vector, dtype=np.float32)
        if q.shape != (self._dimension,) or not np.all(np.isfinite(q)):
            raise InvalidInputError(
                [Problem("vector", f"query vector has shape {q.shape}, expected finite ({self._dimension},)")]
            )
        self._check_k(k, MAX_KNN_K - TIE_MARGIN)
        if not float(np.linalg.norm(q)) > 0.0:
            raise InvalidInputError([Problem("vector", "query vector is zero; cosine similarity is undefined")])
        with translate_errors(self._url, f"k-NN search in '{self._alias}'"):
            resp = self._client.search(index=self._alias, body=dense_request(q.tolist(), k, filt))
        hits = [Hit(h["_id"], cosine_from_score(float(h["_score"]))) for h in resp["hits"]["hits"]]
        return sort_hits(hits)[:k]

    def lexical_search(self, text: str, k: int, filt: Filter | None = None) -> list[Hit]:
        self._check_open()
        self._check_k(k, MAX_RESULT_WINDOW)
        if not text.strip():
            return []
        request = lexical_request(text, k, filt)
        if request is None:
            return []
        with translate_errors(self._url, f"lexical search in '{self._alias}'"):
            resp = self._client.search(index=self._alias, body=request)
        return sort_hits([Hit(h["_id"], float(h["_score"]) / LEGACY_BM25_FACTOR) for h in resp["hits"]["hits"]])[:k]

    # -- re-index -----------------------------------------------------------------------------

    def reindex(self, docs: Iterable[IndexedProfile] | None = None, *, dimension: int | None = None) -> str:
        """Build a new physical index, check its count, swap the alias atomically, drop the old.

        Without ``docs`` the stored documents are copied as they are (e.g. after a mapping
        change); with ``docs`` the new index is filled from them (e.g. a new embedding model,
        possibly with another ``dimension``). Searches keep answering from the old index until
        the alias moves. Writes made during a re-index go to the old index and are lost: pause
        them. Returns the new physical index name.
        """
        dim = dimension if dimension is not None else self._dimension
        old = self._aliases.current()
        new = self._aliases.create_version(dim)
        try:
            writer = self._writer(new)
            if docs is None:
                if old is None:
                    raise BackendError(f"nothing to copy: alias '{self._alias}' does not exist")
                expected = self._count_index(old)
                writer.run(("index", h["_id"], with_vector(h["_source"])) for h in self._scan(old, True))
            else:
                items = list(docs)
                validate(items, dim)
                expected = len({d.id for d in items})
                writer.run(("index", d.id, to_document(d, self._analyzer)) for d in items)
            self._refresh(new)
            got = self._count_index(new)
            if got != expected:
                raise BackendError(f"re-index into '{new}' wrote {got} documents, expected {expected}; alias left on '{old}'")
        except BaseException:
            self._aliases.drop_index(new)
            raise
        self._aliases.point_to(new, old)
        self._dimension = dim
        if old is not None:
            self._aliases.drop_index(old)
        return new

    def _count_index(self, index: str) -> int:
        with translate_errors(self._url, f"count '{index}'"):
            return int(self._client.count(index=index)["count"])
