"""The systems an evaluation ranks with: the full ranker per configuration, and baselines.

Every system maps a brief to an ordered list of profile ids (best first) at a fixed
``as_of``. Baselines search the backend directly over the profiles eligible under the same
policy, with the ranker's own query texts, so only retrieval and scoring differ:

* ``bm25``: lexical BM25 of :func:`ranking.query.lexical_query` (no skill expansion);
* ``dense``: cosine of the embedding of :func:`ranking.query.embedding_text`;
* ``hybrid``: reciprocal rank fusion of those two lists,
  :math:`\\mathrm{RRF}(d) = \\sum_{l} 1 / (60 + \\mathrm{rank}_l(d))`, ties on id ascending;
* ``ranker:<name>``: :class:`ranking.Ranker` with a ranking configuration (all signals).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from indexer.backends.filters import Filter
from indexer.backends.protocol import SearchBackend
from indexer.embedding.protocol import Embedder

if TYPE_CHECKING:
    from ranking import Brief, EligibilityPolicy, RankingConfig

#: The constant of reciprocal rank fusion in the hybrid baseline (Cormack et al. 2009).
RRF_K = 60.0


@dataclass(frozen=True, slots=True)
class RankedList:
    """What a system returned for one brief."""

    ids: list[str]
    scores: list[float]
    new_profile_slots: list[str] = field(default_factory=list)
    total_eligible: int | None = None


class System(Protocol):
    """Something that ranks profiles for a brief."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def rank(self, brief: Brief, *, k: int, as_of: datetime) -> RankedList: ...


class BaselineKind(StrEnum):
    BM25 = "bm25"
    DENSE = "dense"
    HYBRID = "hybrid"


class RankerSystem:
    """The full ranker with one ranking configuration."""

    def __init__(
        self,
        name: str,
        backend: SearchBackend,
        embedder: Embedder,
        config: RankingConfig | None = None,
        policy: EligibilityPolicy | None = None,
    ) -> None:
        from ranking import Ranker, RankingConfig

        self._name = name
        self._config = config or RankingConfig.default()
        self._ranker = Ranker(backend, embedder, policy=policy, config=self._config)

    @property
    def name(self) -> str:
        return self._name

    @property
    def version(self) -> str:
        return self._config.version

    def rank(self, brief: Brief, *, k: int, as_of: datetime) -> RankedList:
        result = self._ranker.rank(brief, k=k, as_of=as_of)
        return RankedList(
            [r.profile_id for r in result.results],
            [r.score for r in result.results],
            [r.profile_id for r in result.results if r.new_profile_slot],
            result.total_eligible_candidates,
        )


class BaselineSystem:
    """BM25 only, dense only, or their RRF fusion, over eligible profiles (see module doc)."""

    def __init__(
        self,
        kind: BaselineKind,
        backend: SearchBackend,
        embedder: Embedder,
        policy: EligibilityPolicy | None = None,
        candidates: int = 200,
    ) -> None:
        from ranking import EligibilityPolicy

        self.kind = kind
        self._backend = backend
        self._embedder = embedder
        self._policy = policy or EligibilityPolicy.default()
        self._candidates = candidates

    @property
    def name(self) -> str:
        return self.kind.value

    @property
    def version(self) -> str:
        return f"baseline-{self.kind.value}" + (f"-rrf{RRF_K:g}" if self.kind is BaselineKind.HYBRID else "")

    def _filter(self, brief: Brief, as_of: datetime) -> Filter:
        from ranking.rules import conjunction

        return conjunction(self._policy.rules(brief.mode, as_of))

    def rank(self, brief: Brief, *, k: int, as_of: datetime) -> RankedList:
        from ranking.query import embedding_text, lexical_query

        filt = self._filter(brief, as_of)
        depth = max(k, self._candidates) if self.kind is BaselineKind.HYBRID else k
        lexical = dense = None
        if self.kind in (BaselineKind.BM25, BaselineKind.HYBRID):
            lexical = self._backend.lexical_search(lexical_query(brief, []), depth, filt)
        if self.kind in (BaselineKind.DENSE, BaselineKind.HYBRID):
            vec = self._embedder.encode([embedding_text(brief)])[0]
            dense = self._backend.dense_search(vec, depth, filt)
        if self.kind is BaselineKind.BM25 and lexical is not None:
            return RankedList([h.id for h in lexical], [h.score for h in lexical])
        if self.kind is BaselineKind.DENSE and dense is not None:
            return RankedList([h.id for h in dense], [h.score for h in dense])
        fused = rrf([[h.id for h in lexical or []], [h.id for h in dense or []]])[:k]
        return RankedList([d for d, _ in fused], [s for _, s in fused])


def rrf(lists: Sequence[Sequence[str]], k: float = RRF_K) -> list[tuple[str, float]]:
    r"""Reciprocal rank fusion: :math:`\sum_l 1/(k + r_l(d))`, sorted by score desc, id asc."""
    scores: dict[str, float] = {}
    for lst in lists:
        for r, d in enumerate(lst, start=1):
            scores[d] = scores.get(d, 0.0) + 1.0 / (k + r)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
