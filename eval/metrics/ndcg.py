"""Normalised discounted cumulative gain, trec_eval's ``ndcg`` / ``ndcg_cut_k``."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from eval.metrics._common import cut


def dcg(gains: Sequence[float]) -> float:
    r"""Discounted cumulative gain of gains in rank order.

    .. math:: \mathrm{DCG} = \sum_{i=1}^{n} \frac{g_i}{\log_2(i + 1)}
    """
    return sum(g / math.log2(i + 1) for i, g in enumerate(gains, start=1) if g > 0)


def ndcg(ranking: Sequence[str], judged: Mapping[str, int], k: int | None = None) -> float:
    r"""nDCG@k with the grade as gain, trec_eval's convention.

    .. math:: \mathrm{nDCG@k} = \frac{\sum_{i=1}^{k} g(d_i) / \log_2(i+1)}
                                     {\sum_{i=1}^{k} g^*_i / \log_2(i+1)}

    where :math:`g(d) = \max(\text{grade}(d), 0)` (unjudged: 0) and :math:`g^*` are the gains of
    *all* judged documents of the query sorted descending (the ideal ranking). 0 when the
    ideal DCG is 0 (no document with a positive grade).
    """
    ideal = dcg(sorted((max(g, 0) for g in judged.values()), reverse=True)[: (k or len(judged))])
    if ideal <= 0:
        return 0.0
    return dcg([max(judged.get(d, 0), 0) for d in cut(ranking, k)]) / ideal
