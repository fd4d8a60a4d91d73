"""Builds the search side from settings: open the backend, load the model, wrap the ranker."""

from __future__ import annotations

from api.context import SearchStack, SearchStackFactory
from api.settings import ApiSettings
from indexer.backends import open_backend
from indexer.backends.protocol import SearchBackend
from indexer.embedding import load_embedder
from indexer.embedding.protocol import Embedder
from indexer.pipeline import Indexer
from indexer.pipeline.compatibility import check_embedder_matches_index
from indexer.settings import BackendKind
from ranking import EligibilityPolicy, Ranker, RankingConfig
from ranking.profilecache import CachedProfiles

#: Scoring views kept by the embedded stack (about 2 KB each, the vector included).
PROFILE_CACHE_SIZE = 20_000
#: Full documents kept (the results returned; similar briefs share many). Off: measured
#: (bench_api cold, 100k, 32 clients) 2,000 kept gave +16 % throughput (42.6 vs 36.8 req/s,
#: 26 vs 30 ms CPU per search), but a full garbage collection then walks 2,000 decoded
#: profiles: ~100 ms pauses instead of ~10 (bench_ranking p99 46 -> 156 ms at 100k); 500
#: kept gained nothing (35.6 req/s). Decoded pydantic profiles are costly for the collector.
DOC_CACHE_SIZE = 0
#: Records of results kept (:meth:`CachedProfiles.records`: decoded without validation,
#: structs the garbage collector does not track). Measured (the benchmark's briefs, 100k
#: profiles, 1,500 briefs): 2,000 kept (~8 MB) serve 90 % of the records the rankings
#: return, 5,000 (~20 MB) 91 %. Decoding 20 records costs ~170 µs.
RECORD_CACHE_SIZE = 2_000
#: Rankings run at once (the rest wait their turn): the work is CPU-bound Python, so more
#: threads only contend for the GIL. Measured (bench_api, 100k profiles, 32 clients, 20 s):
#: 1 → 49 req/s, 24 ms server CPU per request; 2 → 38 req/s, 32 ms; 32 → 28 req/s, 43 ms.
RANKING_CONCURRENCY = 1
#: Whole rankings kept for identical briefs (see :mod:`ranking.resultcache`): a repeated
#: brief within 22.5 to 30 seconds of its ranking (the lifetime depends on the brief, so
#: entries cached together do not expire together), same index generation, is answered from the cache;
#: its response carries the ``as_of`` it was ranked at (at most 30 s before the request).
#: Any write through the stack (sanctions, deletions, re-indexing) starts a new generation.
#: Each entry is bytes, never walked by the garbage collector: for ``POST /search`` only
#: the response (~45 KB for 20 results), for other callers the ranking's JSON (~100 KB).
#: 256 entries are at most ~40 MB.
RESULT_CACHE_SIZE = 256
RESULT_CACHE_SECONDS = 30.0


def open_search_stack(settings: ApiSettings, embedder: Embedder | None = None) -> SearchStack:
    """The production stack: the configured backend and the real embedding model (unless an
    ``embedder`` is given, e.g. the hashing one for a benchmark of the HTTP path only)."""
    emb = embedder if embedder is not None else load_embedder(settings.indexer)
    backend: SearchBackend = open_backend(settings.indexer, emb.dimension)
    if settings.indexer.backend is BackendKind.EMBEDDED:
        # The embedded index has one writing process (its directory lock), this one, and every
        # write below goes through the wrapper, so cached profiles stay current. An OpenSearch
        # index may be written by other processes: no cache there.
        backend = CachedProfiles(backend, PROFILE_CACHE_SIZE, DOC_CACHE_SIZE, RECORD_CACHE_SIZE)
    try:
        # refuse to serve an index whose vectors another embedder made (e.g. before an upgrade)
        check_embedder_matches_index(backend, emb)
        ranker = build_ranker(settings, backend, emb)
        indexer = Indexer(backend, emb, settings.indexer)
    except Exception:
        backend.close()
        raise
    return SearchStack(backend=backend, embedder=emb, ranker=ranker, indexer=indexer)


def build_ranker(settings: ApiSettings, backend: SearchBackend, embedder: Embedder) -> Ranker:
    """A ranker with the eligibility policy and ranking configuration the settings name
    (the built-in defaults when they name none)."""
    policy = (EligibilityPolicy.load(settings.policy_path) if settings.policy_path
              else EligibilityPolicy.default())
    config = (RankingConfig.load(settings.ranking_config_path)
              if settings.ranking_config_path else RankingConfig.default())
    return Ranker(backend, embedder, policy=policy, config=config,
                  max_concurrency=RANKING_CONCURRENCY,
                  result_cache_size=RESULT_CACHE_SIZE, result_cache_seconds=RESULT_CACHE_SECONDS,
                  overlap_embedding=True)


def stack_factory(embedder: Embedder | None = None) -> SearchStackFactory:
    """A :data:`~api.context.SearchStackFactory` that uses a given embedder."""

    def factory(settings: ApiSettings) -> SearchStack:
        return open_search_stack(settings, embedder)

    return factory
