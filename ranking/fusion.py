"""Fusion of the lexical and the dense candidate lists into one.

Reciprocal rank fusion (``rrf``)::

    fused(d) = w_lex / (k + rank_lex(d)) + w_dense / (k + rank_dense(d))

(ranks from 1; a list that misses ``d`` adds nothing). Normalised scores (``normalised``)::

    fused(d) = w_lex * (s_lex(d) - min_lex) / (max_lex - min_lex) + w_dense * (same for dense)

(a list whose scores are all equal gives 1 to each of its hits). Ties break on profile id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indexer.backends.protocol import Hit
from ranking.config import FusionConfig, FusionMethod


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    fused: float
    lexical_rank: int | None
    dense_rank: int | None


def _normalised(hits: Sequence[Hit]) -> dict[str, float]:
    if not hits:
        return {}
    lo = min(h.score for h in hits)
    hi = max(h.score for h in hits)
    span = hi - lo
    return {h.id: (h.score - lo) / span if span > 0 else 1.0 for h in hits}


def fuse(
    lexical: Sequence[Hit], dense: Sequence[Hit], config: FusionConfig, limit: int
) -> list[Candidate]:
    """The top ``limit`` candidates of both lists, best first."""
    lex_rank = {h.id: i + 1 for i, h in enumerate(lexical)}
    dense_rank = {h.id: i + 1 for i, h in enumerate(dense)}
    ids = set(lex_rank) | set(dense_rank)
    fused: dict[str, float] = {}
    if config.method is FusionMethod.RRF:
        k = config.rrf_k
        for i in ids:
            s = 0.0
            if i in lex_rank:
                s += config.lexical_weight / (k + lex_rank[i])
            if i in dense_rank:
                s += config.dense_weight / (k + dense_rank[i])
            fused[i] = s
    else:
        nl, nd = _normalised(lexical), _normalised(dense)
        for i in ids:
            fused[i] = config.lexical_weight * nl.get(i, 0.0) + config.dense_weight * nd.get(i, 0.0)
    best = sorted(ids, key=lambda i: (-fused[i], i))[:limit]
    return [Candidate(i, fused[i], lex_rank.get(i), dense_rank.get(i)) for i in best]
