"""The ranker: brief → eligibility filter → hybrid retrieval → signals → score → explanation.

Uses only the :class:`~indexer.backends.protocol.SearchBackend` protocol (lexical_search,
dense_search, get, count), so it runs unchanged on the embedded backend and on OpenSearch.

1. The eligibility policy for the brief's mode at ``as_of`` and the brief's hard criteria
   compile to one filter, applied *inside* both searches.
2. BM25 over the brief's lexical query (skills expanded with related skills) and dense search
   with the brief's embedding (LRU-cached) each return the top N eligible profiles (with
   ``overlap_embedding``, the embedding and the dense search run on a worker thread beside
   BM25).
3. Fusion (RRF or normalised scores) keeps the top N; their scoring views
   (:class:`~ranking.profileview.ProfileView`) come from the backend's view cache when it is a
   :class:`~ranking.profilecache.CachedProfiles`, else from ``get``.
4. Every signal is computed (the base signals and the skill coverage of all candidates at
   once: :mod:`ranking.batch`, :mod:`ranking.skillbatch`; the title match for the candidates
   that can still reach the results: :mod:`ranking.pruning`; the per-skill matches that
   explanations quote for the results alone), the score is their weighted sum, the order is score
   descending with ties on profile id, and new-profile slots are filled on the first page.
5. The full documents of the ``k`` returned profiles are fetched (unless ``get`` gave them
   already); each is re-checked against the filter with the reference semantics (a
   backend that let an ineligible profile through is a bug, reported as ``BackendError``) and
   explained. :meth:`Ranker.rank_records` stops short of the explanations: the profiles
   are decoded as records (:mod:`ranking.records`, no validation of the stored JSON), checked
   the same way, and returned with their scores and signals.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime
from operator import attrgetter
from typing import Any

from indexer.backends.filters import Filter, filter_values
from indexer.backends.predicate import LazyValues, Predicate, compile_filter
from indexer.backends.protocol import Hit, IndexedProfile, SearchBackend, Vector
from indexer.embedding.protocol import Embedder
from indexer.errors import BackendError, ConfigurationError, NotFoundError, WorkerUnavailableError
from indexer.profile.record import ProfileRecord
from ranking.batch import BaseBatch, open_signals, upper_bounds
from ranking.batchparts import batch_for, signals_of
from ranking.brief import Brief
from ranking.config import RankingConfig
from ranking.explain import explanation, hints
from ranking.explain_texts import texts
from ranking.exposure import Scored, order
from ranking.features import (
    Features,
    QueryContext,
    text_signals_applicable,
    with_skill_matches,
    with_title,
)
from ranking.fusion import fuse
from ranking.gate import FifoGate
from ranking.policy import EligibilityPolicy
from ranking.profilecache import CachedProfiles
from ranking.profileview import ProfileView
from ranking.pruning import Bounded, score_until_settled
from ranking.query import embedding_text, hard_rules, lexical_query
from ranking.querycache import QueryEmbeddingCache
from ranking.records import RankedRecord, RankingForm, RecordRanking, fetch_records
from ranking.resultcache import ResultCache, ResultKey
from ranking.results import ProfileExplanation, RankedProfile, RankingResult
from ranking.rowscore import row_scorer
from ranking.rules import Rule, conjunction, evaluate
from ranking.scoring import (
    EffectiveWeights,
    RawContribution,
    contributions,
    effective_weights,
    weighted_by,
)
from ranking.skillmatch import SkillRelations, expansions
from ranking.timeutil import require_aware

#: Scoring views by profile id, with the full document when the fetch gave it (``_views``).
_Views = dict[str, tuple[ProfileView, IndexedProfile | None]]
#: ``(brief, k, as_of, form, build) -> (build(ranking), ranking.as_of)``: a new ranking in
#: ``form`` built elsewhere (:attr:`Ranker.offload`).
Offload = Callable[[Brief, int, datetime, RankingForm, Callable[[Any], bytes]],
                   tuple[bytes, datetime]]

#: Views fetched per step while waiting for the dense side (see ``_views_while_waiting``).
VIEWS_AHEAD_CHUNK = 25



@dataclass(frozen=True, slots=True)
class _Ahead:
    """What the ranker's thread computed while the dense side ran: the views of the best
    lexical hits and, when the query vector came in time, their base signals."""

    views: _Views
    batch: BaseBatch | None = None


@dataclass(frozen=True, slots=True)
class _Prepared:
    ctx: QueryContext
    rules: tuple[Rule, ...]
    filter: Filter
    lexical: str


@dataclass(frozen=True, slots=True)
class _Item:
    view: ProfileView
    doc: IndexedProfile | None  # the full document; fetched for the returned results only
    features: Features
    score: float
    raw: list[RawContribution]


@dataclass(frozen=True, slots=True)
class _Ordered:
    """Scored candidates in final order, each a row of the query's batch with its exact
    score (:func:`~ranking.rowscore.row_scorer`), and with its new-profile slot flag;
    ``item_of(row)`` builds a row's full item (features, contributions: the same score)."""

    entries: list[tuple[Scored[int], bool]]
    item_of: Callable[[int], _Item]

    def __len__(self) -> int:
        return len(self.entries)

    def items(self, n: int | None = None) -> list[tuple[_Item, bool]]:
        """The items of the first ``n`` entries (all if ``None``), with their slot flags."""
        return [(self.item_of(s.item), slot) for s, slot in self.entries[:n]]


_SCORE = attrgetter("score")


class Ranker:
    """Ranks eligible profiles for briefs (see the module docstring).

    ``vocabulary`` (default: :meth:`indexer.vocabulary.SkillVocabulary.default`) matches
    skills; ``language`` (``en``, ``de``, ``fr``) is the language of the explanations;
    ``max_concurrency`` (default: no limit) caps the rankings and explanations that run at
    once across threads, the others wait (CPU-bound Python gains nothing from more threads).
    ``overlap_embedding`` (default off) embeds the brief (unless cached) and runs the dense
    search on a worker thread while this one compiles the filter and runs the lexical
    search, which needs no vector (the model, the BM25 kernel and the ANN walk release the
    GIL): on an idle second core they run during BM25 instead of after it. The
    worker pool has ``max_concurrency`` threads (4 without a limit). Results are identical
    either way.
    ``result_cache_size`` (default 0: off) keeps that many whole rankings for identical
    briefs asked again at most ``result_cache_seconds`` later, on a backend that
    reports an index ``generation`` (see :mod:`ranking.resultcache` for what the key holds).
    ``prune`` (default on) scores only the candidates that can reach the results asked for
    (:mod:`ranking.pruning`); the results are the same without it.
    """

    def __init__(
        self,
        backend: SearchBackend,
        embedder: Embedder,
        policy: EligibilityPolicy | None = None,
        config: RankingConfig | None = None,
        *,
        vocabulary: SkillRelations | None = None,
        language: str = "en",
        max_concurrency: int | None = None,
        result_cache_size: int = 0,
        result_cache_seconds: float = 60.0,
        overlap_embedding: bool = False,
        prune: bool = True,
    ) -> None:
        if embedder.dimension != backend.dimension:
            raise ConfigurationError(
                f"the embedder makes {embedder.dimension}-dimensional vectors but the index "
                f"holds {backend.dimension}-dimensional ones; index with the same model"
            )
        texts(language)  # rejects an unknown language now rather than at the first query
        self.language = language
        self.backend = backend
        self.embedder = embedder
        self.policy = policy or EligibilityPolicy.default()
        self.config = config or RankingConfig.default()
        if vocabulary is None:
            from indexer.vocabulary import SkillVocabulary

            vocabulary = SkillVocabulary.default()
        self.vocabulary = vocabulary
        self.query_cache = QueryEmbeddingCache(embedder, self.config.query_cache_size)
        self.result_cache = ResultCache(result_cache_size, result_cache_seconds)
        self.overlap_embedding = overlap_embedding
        self.prune = prune
        #: Where :meth:`rank_derived` and :meth:`refresh_derived` (and their ``records``
        #: twins) have a new ranking built, e.g. the API's
        #: worker processes (:mod:`api.ranking_workers`); None: here.
        self.offload: Offload | None = None
        self._encoder: ThreadPoolExecutor | None = None  # made at the first overlapped query
        self._encoder_threads = max_concurrency or 4
        self._encoder_lock = threading.Lock()
        if max_concurrency is not None and max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        # Rankings are mostly CPU-bound Python: threads beyond the cores only fight over the
        # GIL (only the backends' kernels and the model run beside it); the gate queues the rest.
        # First come, first served (a semaphore's arbitrary wake-up order stretches the tail).
        self._gate: FifoGate | contextlib.nullcontext[None] = (
            FifoGate(max_concurrency) if max_concurrency is not None else contextlib.nullcontext()
        )

    # -- public ---------------------------------------------------------------------------

    def rank(self, brief: Brief, *, k: int = 20, as_of: datetime | None = None) -> RankingResult:
        """The top ``k`` eligible profiles for ``brief`` at ``as_of`` (default now), explained."""
        as_of = require_aware(as_of)
        key = self._cache_key(brief, k)
        if key is None:
            return self._gated_rank(brief, k, as_of)
        cached = self.result_cache.get(key, as_of)
        if cached is not None:
            return cached
        result = self._gated_rank(brief, k, as_of)
        if self._unwritten(key):
            self.result_cache.put(key, result)
        return result

    def rank_records(self, brief: Brief, *, k: int = 20,
                     as_of: datetime | None = None) -> RecordRanking:
        """The ranking :meth:`rank` makes, without explanations, each profile as a record
        (:mod:`ranking.records`): the same results, ranks, scores, signals and slots, each
        checked against the eligibility filter as :meth:`rank` checks them. Never cached
        (callers cache what they derive from it: :meth:`rank_records_derived`)."""
        as_of = require_aware(as_of)
        if k < 1:
            raise ValueError("k must be at least 1")
        return self._gated_records(brief, k, as_of)

    def rank_derived(self, brief: Brief, name: str, build: Callable[[RankingResult], bytes],
                     *, k: int = 20, as_of: datetime | None = None) -> bytes:
        """``build(self.rank(brief, k=k, as_of=as_of))``, kept next to the cached ranking
        under ``name`` (e.g. the API's serialised response): a repeated brief is answered
        with the bytes built the first time, without decoding the ranking again. ``build``
        must depend on the ranking alone (the brief and ``k`` are part of the key). Only the
        bytes are cached, not the ranking (see :mod:`ranking.resultcache`)."""
        return self._derived(brief, name, build, k, require_aware(as_of), RankingForm.EXPLAINED)

    def rank_records_derived(self, brief: Brief, name: str,
                             build: Callable[[RecordRanking], bytes], *, k: int = 20,
                             as_of: datetime | None = None) -> bytes:
        """:meth:`rank_derived` with ``build`` of :meth:`rank_records`' ranking (a ranking
        that :meth:`rank` cached is given to it as records: :meth:`RecordRanking.of`).
        Values kept under one ``name`` must come from one of the two methods only."""
        return self._derived(brief, name, build, k, require_aware(as_of), RankingForm.RECORDS)

    def _derived(self, brief: Brief, name: str, build: Callable[[Any], bytes], k: int,
                 as_of: datetime, form: RankingForm) -> bytes:
        key = self._cache_key(brief, k)
        if key is None:
            return self._derive(brief, k, as_of, form, build)[0]
        value = self.result_cache.get_derived(key, as_of, name)
        if value is not None:
            return value
        cached = self.result_cache.get(key, as_of)  # ranked and cached by another caller
        if cached is not None:
            ranking = cached if form is RankingForm.EXPLAINED else RecordRanking.of(cached)
            return self._keep(key, name, build(ranking), cached.as_of)
        return self._keep(key, name, *self._derive(brief, k, as_of, form, build))

    def cached_derived(self, brief: Brief, name: str, *, k: int = 20,
                       as_of: datetime | None = None) -> tuple[bytes | None, ResultKey | None]:
        """What :meth:`rank_derived` would return from the cache alone (else None), and,
        with a cached value, a *ticket* if the entry's refresh is due and now claimed by the
        caller (see :mod:`ranking.resultcache`, *Refresh ahead*), who then passes it to
        :meth:`refresh_derived`. Never ranks, never blocks on a ranking (an event loop may
        call it)."""
        as_of = require_aware(as_of)
        key = self._cache_key(brief, k)
        if key is None:
            return None, None
        value = self.result_cache.get_derived(key, as_of, name)
        if value is None or not self.result_cache.claim_refresh(key, as_of):
            return value, None
        return value, key

    def refresh_derived(self, ticket: ResultKey, brief: Brief, name: str,
                        build: Callable[[RankingResult], bytes], *, k: int = 20,
                        as_of: datetime | None = None) -> None:
        """Rank ``brief`` again at ``as_of`` and keep ``build`` of it under ``name`` in
        place of the entry ``ticket`` names (unless a write happened meanwhile: then the
        entry is stale anyway); releases the claim."""
        self._refresh(ticket, brief, name, build, k, require_aware(as_of), RankingForm.EXPLAINED)

    def refresh_records_derived(self, ticket: ResultKey, brief: Brief, name: str,
                                build: Callable[[RecordRanking], bytes], *, k: int = 20,
                                as_of: datetime | None = None) -> None:
        """:meth:`refresh_derived` for :meth:`rank_records_derived`."""
        self._refresh(ticket, brief, name, build, k, require_aware(as_of), RankingForm.RECORDS)

    def _refresh(self, ticket: ResultKey, brief: Brief, name: str,
                 build: Callable[[Any], bytes], k: int, as_of: datetime,
                 form: RankingForm) -> None:
        try:
            self._keep(ticket, name, *self._derive(brief, k, as_of, form, build))
        finally:
            self.result_cache.release_refresh(ticket)

    def _cache_key(self, brief: Brief, k: int) -> ResultKey | None:
        """The result cache's key for ``brief`` and ``k`` now; None: nothing is cached
        (the cache is off, or the backend reports no index generation)."""
        if k < 1:
            raise ValueError("k must be at least 1")
        generation = getattr(self.backend, "generation", None)
        if not self.result_cache.enabled or not isinstance(generation, int):
            return None
        return self.result_cache.key(brief, k, generation)

    def _unwritten(self, key: ResultKey) -> bool:
        """No write since ``key`` was made (its generation is still the backend's)."""
        return getattr(self.backend, "generation", None) == key[2]

    def rank_new(self, form: RankingForm, brief: Brief, *, k: int = 20,
                 as_of: datetime | None = None) -> RankingResult | RecordRanking:
        """A new ranking in ``form`` (:meth:`rank` without the result cache, or
        :meth:`rank_records`): what :meth:`rank_derived` and :meth:`rank_records_derived`
        build from, here or in a worker process of the API."""
        if k < 1:
            raise ValueError("k must be at least 1")
        as_of = require_aware(as_of)
        if form is RankingForm.EXPLAINED:
            return self._gated_rank(brief, k, as_of)
        return self._gated_records(brief, k, as_of)

    def _gated_rank(self, brief: Brief, k: int, as_of: datetime) -> RankingResult:
        with self._gate:
            return self._rank(brief, k, as_of)

    def _derive(self, brief: Brief, k: int, as_of: datetime, form: RankingForm,
                build: Callable[[Any], bytes]) -> tuple[bytes, datetime]:
        """``build`` of a new ranking in ``form``, and the ranking's instant: by
        :attr:`offload` if set (another process), else here. An offload that cannot take the
        call (a lost worker) raises :class:`~indexer.errors.WorkerUnavailableError`; the
        ranking is then done here."""
        if self.offload is not None:
            try:
                return self.offload(brief, k, as_of, form, build)
            except WorkerUnavailableError:
                pass
        ranking = self.rank_new(form, brief, k=k, as_of=as_of)
        return build(ranking), ranking.as_of

    def _keep(self, key: ResultKey, name: str, value: bytes, as_of: datetime) -> bytes:
        if self._unwritten(key):
            self.result_cache.put_derived(key, as_of, name, value)
        return value

    def after_fork(self) -> None:
        """In a forked child: forget the parent's threads (the embedding pool; none came
        along) and its :attr:`offload`, so this copy ranks by itself."""
        self._encoder = None
        self._encoder_lock = threading.Lock()
        self.offload = None

    def _gated_records(self, brief: Brief, k: int, as_of: datetime) -> RecordRanking:
        with self._gate:
            return self._rank_records(brief, k, as_of)

    def _ordered(self, brief: Brief, k: int,
                 as_of: datetime) -> tuple[_Prepared, _Ordered]:
        """The prepared brief and its candidates in final order (the first ``k`` exact)."""
        if self.overlap_embedding:
            prep, lexical, dense, ahead = self._retrieve_overlapped(brief, as_of)
            return prep, self._retrieve_and_order(prep, k, lexical, dense, ahead)
        prep = self._prepare(brief, as_of)
        return prep, self._retrieve_and_order(prep, k)

    def _totals(self, prep: _Prepared, ordered: _Ordered) -> dict[str, Any]:
        """What both forms of a ranking carry beside their results."""
        return {
            "as_of": prep.ctx.as_of,
            "policy_version": self.policy.version,
            "config_version": self.config.version,
            "total_eligible_candidates": (self.backend.count(prep.filter)
                                          if self.config.count_eligible else None),
            "scored_candidates": len(ordered),
        }

    def _rank(self, brief: Brief, k: int, as_of: datetime) -> RankingResult:
        prep, ordered = self._ordered(brief, k, as_of)
        top = self._with_docs(ordered.items(k))
        results = [
            self._ranked(prep, item, rank, slot, verify=True)
            for rank, (item, slot) in enumerate(top, start=1)
        ]
        return RankingResult(results=results, **self._totals(prep, ordered))

    def _rank_records(self, brief: Brief, k: int, as_of: datetime) -> RecordRanking:
        """As :meth:`_rank`, without explanations (:meth:`rank_records`)."""
        prep, ordered = self._ordered(brief, k, as_of)
        top = ordered.items(k)
        records = self._records([item for item, _ in top])
        eligible = compile_filter(prep.filter)
        results: list[RankedRecord] = []
        for item, slot in top:
            record = records.get(item.view.id)
            if record is None:  # deleted since it was scored
                continue
            self._check_record(prep, eligible, record)
            results.append(RankedRecord(profile_id=item.view.id, rank=len(results) + 1,
                                        score=item.score, signals=item.raw,
                                        new_profile_slot=slot, profile=record))
        return RecordRanking(results=results, **self._totals(prep, ordered))

    def warm_up(self, *, as_of: datetime | None = None) -> None:
        """Rank two built-in briefs (self-service and curated, every criterion set) so that
        what the first searches create once (inference sessions of the worker threads,
        compiled kernels, the HNSW graph's tail, lazily built tables) exists before serving.
        A server then calls :func:`gc.freeze`: objects made by the first requests and kept
        for the process's life would otherwise be walked by every full collection (measured
        at 1M profiles: 30-48 ms pauses without, 3-10 ms with; p99 85 -> 46 ms)."""
        for brief in _warm_up_briefs():
            self.rank(brief, k=20, as_of=as_of)

    def explain(
        self, brief: Brief, profile_id: str, *, as_of: datetime | None = None
    ) -> ProfileExplanation:
        """Why ``profile_id`` is listed for ``brief`` (and where), or why it is not."""
        with self._gate:
            return self._explain(brief, profile_id, require_aware(as_of))

    def _explain(self, brief: Brief, profile_id: str, as_of: datetime) -> ProfileExplanation:
        prep = self._prepare(brief, require_aware(as_of))
        doc = self.backend.get([profile_id]).get(profile_id)
        if doc is None:
            raise NotFoundError(f"profile '{profile_id}' is not in the index")
        admitted, rejected = evaluate(prep.rules, doc.profile)
        if rejected:
            extra = []
            if any("outside the" in r for r in rejected):
                extra.append(
                    "Log in: profiles inactive for longer than the activity window are not listed."
                )
            return ProfileExplanation(
                profile_id=profile_id,
                eligible=False,
                reasons=[f"not listed: {r}" for r in rejected],
                ranked=None,
                hints=extra + list(_completeness_hints(doc)),
            )
        ordered = self._retrieve_and_order(prep)
        for rank, (entry, slot) in enumerate(ordered.entries, start=1):
            if entry.id == profile_id:
                item = ordered.item_of(entry.item)
                ranked = self._ranked(prep, replace(item, doc=doc), rank, slot, verify=True)
                reasons = [f"listed at rank {rank} of {len(ordered)} scored candidates", *admitted]
                return ProfileExplanation(
                    profile_id=profile_id,
                    eligible=True,
                    reasons=reasons,
                    ranked=ranked,
                    hints=ranked.hints,
                )
        # Eligible but not retrieved among the top N: score it on its own to say where it would be.
        item = self._score(prep.ctx, ProfileView.of(doc), doc)
        would_be = 1 + sum(
            1 for o, _ in ordered.entries if (-o.score, o.id) < (-item.score, profile_id)
        )
        ranked = self._ranked(prep, item, would_be, False, verify=True)
        reasons = [
            f"eligible, but not among the {self.config.candidates} candidates retrieved "
            f"(lexical and semantic match too weak); its score would place it at rank {would_be}",
            *admitted,
        ]
        return ProfileExplanation(
            profile_id=profile_id, eligible=True, reasons=reasons, ranked=ranked, hints=ranked.hints
        )

    def eligibility_filter(self, brief: Brief, *, as_of: datetime | None = None) -> Filter:
        """The filter applied inside retrieval for ``brief`` at ``as_of``."""
        return self._prepare(brief, require_aware(as_of)).filter

    # -- steps ----------------------------------------------------------------------------

    def _encoding_pool(self) -> ThreadPoolExecutor:
        with self._encoder_lock:
            if self._encoder is None:
                self._encoder = ThreadPoolExecutor(
                    self._encoder_threads, thread_name_prefix="ranker-dense")
            return self._encoder

    def _retrieve_overlapped(
        self, brief: Brief, as_of: datetime
    ) -> tuple[_Prepared, list[Hit], list[Hit], _Ahead]:
        """Both retrievals of ``brief``, on two threads: a worker embeds the brief (unless
        cached) and runs the dense search, while this thread compiles the filter and the
        criteria and runs BM25 (none of which needs the vector). The model, the BM25
        kernel and the ANN walk all release the GIL, so on an idle second core the
        embedding and the dense search run during BM25. If BM25 finishes first, this thread
        fetches the scoring views of the best lexical hits while it waits
        (:meth:`_views_while_waiting`), then their base signals
        (:meth:`_batch_while_waiting`). Results are those of the sequential path; an error
        on either side is raised here, this thread's first."""
        filter_ready: Future[Filter] = Future()
        vector_ready: Future[Vector] = Future()
        text = embedding_text(brief)

        def dense_side() -> tuple[Vector, list[Hit]]:
            vector = self.query_cache.encode(text)
            vector_ready.set_result(vector)
            filt = filter_ready.result()
            return vector, self.backend.dense_search(vector, self.config.candidates, filt)

        pending = self._encoding_pool().submit(dense_side)
        try:
            early = self._prepare_with(brief, as_of, None)  # type: ignore[arg-type]
            filter_ready.set_result(early.filter)
            lexical = self._lexical(early)
            views = self._views_while_waiting(lexical, pending)
            ahead = _Ahead(views, self._batch_while_waiting(early, views, vector_ready, pending))
        except BaseException as exc:
            if not filter_ready.done():
                filter_ready.set_exception(exc)
            with contextlib.suppress(BaseException):
                pending.result()  # never leave the worker behind; its error is secondary
            raise
        vector, dense = pending.result()  # re-raises an embedding or dense search error
        prep = _Prepared(replace(early.ctx, query_vector=vector), early.rules, early.filter,
                         early.lexical)
        return prep, lexical, dense, ahead

    def _views_while_waiting(self, lexical: list[Hit], pending: Future[Any]) -> _Views:
        """Scoring views of the best lexical hits, fetched while ``pending`` (the dense side)
        runs, when this thread would otherwise wait for it: in chunks of
        :data:`VIEWS_AHEAD_CHUNK`, stopping as soon as the dense side is done, and only among
        the first half of the candidates (fusion keeps the best of both lists, so those are
        nearly always scored; a view fetched for nothing costs one chunk at most). Measured
        at 1M profiles, the query embedding and the dense search take ~8 ms, BM25 ~6."""
        out: _Views = {}
        stop = min(len(lexical), self.config.candidates // 2)
        for start in range(0, stop, VIEWS_AHEAD_CHUNK):
            if pending.done():
                break
            out.update(self._views([h.id for h in lexical[start : min(start + VIEWS_AHEAD_CHUNK, stop)]]))
        return out

    def _batch_while_waiting(self, early: _Prepared, views: _Views, vector_ready: Future[Vector],
                             pending: Future[Any]) -> BaseBatch | None:
        """The base signals of ``views`` (:mod:`ranking.batchparts`) if the query vector
        comes (``vector_ready``) before the dense side is done (``pending``), else ``None``."""
        if not views or pending.done():
            return None
        wait((vector_ready, pending), return_when=FIRST_COMPLETED)
        if pending.done():  # nothing left to wait for: the rest is computed with them
            return None
        ctx = replace(early.ctx, query_vector=vector_ready.result())
        return signals_of(ctx, [view for view, _ in views.values()])

    def _prepare(self, brief: Brief, as_of: datetime) -> _Prepared:
        return self._prepare_with(brief, as_of, self.query_cache.encode(embedding_text(brief)))

    def _prepare_with(self, brief: Brief, as_of: datetime, vector: Vector) -> _Prepared:
        ctx = QueryContext.build(brief, self.config, self.policy, self.vocabulary, as_of, vector)
        rules = (*self.policy.rules(brief.mode, as_of), *hard_rules(brief, self.config, ctx.skills))
        sk = self.config.skills
        lexical = lexical_query(
            brief,
            expansions(ctx.skills, sk.expansion_min_similarity, sk.max_expansions_per_skill),
            description_words=self.config.lexical_description_words,
        )
        return _Prepared(ctx, rules, conjunction(rules), lexical)

    def _lexical(self, prep: _Prepared) -> list[Hit]:
        return self.backend.lexical_search(prep.lexical, self.config.candidates, prep.filter)

    def _retrieve_and_order(
        self,
        prep: _Prepared,
        k: int | None = None,
        lexical: list[Hit] | None = None,
        dense: list[Hit] | None = None,
        ahead: _Ahead | None = None,
    ) -> _Ordered:
        """Candidates scored and in final order (``lexical`` and ``dense``: the retrievals,
        if already run). With ``k``, only those that can reach the first
        ``max(k, first page)`` results are scored (:mod:`ranking.pruning`): that prefix is
        exact, the rest of the list is not complete. ``ahead``: views (and perhaps their
        base signals) computed already. Candidates are scored from their batch rows
        (:mod:`ranking.rowscore`); the items of those returned are built on demand."""
        n = self.config.candidates
        lex = self._lexical(prep) if lexical is None else lexical
        if dense is None:
            dense = self.backend.dense_search(prep.ctx.query_vector, n, prep.filter)
        candidates = fuse(lex, dense, self.config.fusion, n)
        ahead = ahead or _Ahead({})
        fetched = ahead.views
        views = {**fetched, **self._views([c.id for c in candidates if c.id not in fetched])}
        exp = self.config.exposure
        found = [(c.id, views[c.id]) for c in candidates if c.id in views]  # deleted meanwhile
        ctx = prep.ctx
        found_views = [view for _, (view, _) in found]
        batch = batch_for(ctx, found_views, ahead.batch)
        docs = [doc for _, (_, doc) in found]
        effective = self._effective_weights(ctx, batch)

        def finish(i: int) -> _Item:
            features = batch.titled(ctx, i)  # skills came with the batch (skill_values)
            total, raw = weighted_by(features.values, effective)
            return _Item(batch.views[i], docs[i], features, total, raw)

        exact = row_scorer(ctx, batch, effective)
        ids, is_new = [pid for pid, _ in found], batch.is_new

        def scored(i: int) -> Scored[int]:
            return Scored(ids[i], exact(i), is_new[i], i)

        if k is None or not self.prune:
            rows = [scored(i) for i in range(len(found))]
        else:
            bounds = upper_bounds(batch, self.config.weights, open_signals(ctx, batch)).tolist()
            bounded = [Bounded(pid, u, new, i)
                       for i, (pid, u, new) in enumerate(zip(ids, bounds, is_new, strict=True))]
            rows = score_until_settled(bounded, scored, _SCORE,
                                       need=max(k, exp.first_page_size), slots=exp.new_profile_slots)
        return _Ordered(order(rows, slots=exp.new_profile_slots, page_size=exp.first_page_size),
                        finish)

    def _views(self, ids: Sequence[str]) -> _Views:
        """Scoring views of ``ids``: cached ones without the full document, else from ``get``
        (then the document comes along, so the results need no second fetch)."""
        if isinstance(self.backend, CachedProfiles):
            return {pid: (v, None) for pid, v in self.backend.views(ids).items()}
        return {pid: (ProfileView.of(d), d) for pid, d in self.backend.get(ids).items()}

    def _with_docs(self, items: list[tuple[_Item, bool]]) -> list[tuple[_Item, bool]]:
        """``items`` with their full documents (one ``get`` for those without); an item
        deleted since it was scored is left out."""
        need = [item.view.id for item, _ in items if item.doc is None]
        docs = self.backend.get(need) if need else {}
        out = []
        for item, slot in items:
            if item.doc is None:
                doc = docs.get(item.view.id)
                if doc is None:
                    continue
                item = replace(item, doc=doc)
            out.append((item, slot))
        return out

    def _records(self, items: list[_Item]) -> dict[str, ProfileRecord]:
        """The records of ``items``: of their full documents if fetched, else from the
        backend (one fetch, :func:`~ranking.records.fetch_records`)."""
        out = {item.view.id: ProfileRecord.of(item.doc.profile)
               for item in items if item.doc is not None}
        need = [item.view.id for item in items if item.doc is None]
        if need:
            out.update(fetch_records(self.backend, need))
        return out

    def _check_record(self, prep: _Prepared, eligible: Predicate, record: ProfileRecord) -> None:
        """The check of :meth:`_ranked` (``verify``) on a record: a profile the eligibility
        filter excludes (``eligible``: ``prep.filter`` compiled) is a ``BackendError``, whose
        message names the rules it fails (read from the full profile, fetched then)."""
        if eligible(LazyValues(record)):
            return
        doc = self.backend.get([record.id]).get(record.id)
        rejected = evaluate(prep.rules, doc.profile)[1] if doc is not None else []
        raise BackendError(_excluded(record.id, rejected))

    def _score(self, ctx: QueryContext, view: ProfileView, doc: IndexedProfile | None) -> _Item:
        batch = signals_of(ctx, [view])
        return self._finish(ctx, view, doc, batch.features(0), self._effective_weights(ctx, batch))

    def _effective_weights(self, ctx: QueryContext, batch: BaseBatch) -> EffectiveWeights:
        """The signals that take part in this query's scores (the brief decides: its base
        signals with a column, its text signals) and their effective weights."""
        applicable = [n for n, col in batch.columns.items() if col is not None]
        return effective_weights([*applicable, *text_signals_applicable(ctx)], self.config.weights)

    def _finish(self, ctx: QueryContext, view: ProfileView, doc: IndexedProfile | None,
                base: Features, effective: EffectiveWeights) -> _Item:
        features = with_title(ctx, view, base)  # skills came with the batch (skill_values)
        total, raw = weighted_by(features.values, effective)
        return _Item(view, doc, features, total, raw)

    def _ranked(
        self, prep: _Prepared, item: _Item, rank: int, slot: bool, *, verify: bool
    ) -> RankedProfile:
        if item.doc is None:
            raise RuntimeError("a result must carry its full document")  # a bug in this module
        admitted, rejected = evaluate(prep.rules, item.doc.profile, filter_values(item.doc.profile))
        if verify and rejected:
            raise BackendError(_excluded(item.doc.id, rejected))
        total = item.score
        signals = contributions(item.raw)
        features = with_skill_matches(prep.ctx, item.view, item.features)
        weak = self.config.signals.weak_below
        return RankedProfile(
            profile_id=item.doc.id,
            rank=rank,
            score=total,
            signals=signals,
            admitted_by=admitted,
            explanation=explanation(
                rank,
                total,
                signals,
                features,
                item.doc,
                new_profile_slot=slot,
                weak_below=weak,
                budget_eur=prep.ctx.budget_eur,
                as_of=prep.ctx.as_of,
                language=self.language,
            ),
            hints=hints(item.doc, signals, features, weak),
            new_profile_slot=slot,
            profile=item.doc.profile,
            policy_version=self.policy.version,
            config_version=self.config.version,
        )


def _warm_up_briefs() -> tuple[Brief, ...]:
    """Two briefs that take every path of a ranking (see :meth:`Ranker.warm_up`)."""
    return (
        Brief.model_validate({
            "title": "Senior Python data engineer (warm-up)",
            "description": "Data pipelines with Airflow and SQL for a retail analytics team.",
            "must_have_skills": ["Python"], "nice_to_have_skills": ["SQL"],
            "languages": [{"code": "en", "min_level": "professional"}],
            "location": {"city": "Berlin", "country": "DE", "remote": "hybrid"},
            "max_daily_rate": 700, "seniority": "senior", "mode": "self_service",
        }),
        Brief.model_validate({
            "title": "UX designer (warm-up)", "must_have_skills": ["Figma"],
            "location": {"remote": "remote"}, "max_daily_rate": 550, "mode": "curated",
        }),
    )


def _excluded(profile_id: str, rejected: list[str]) -> str:
    return (f"the backend returned profile '{profile_id}', which the eligibility filter "
            f"excludes ({'; '.join(rejected)})")


def _completeness_hints(doc: IndexedProfile) -> list[str]:
    from indexer.completeness import completeness_hints

    return completeness_hints(doc.completeness.missing)
