"""Precision at k, trec_eval's ``P_k``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eval.metrics._common import DEFAULT_THRESHOLD, cut, is_relevant


def precision(ranking: Sequence[str], judged: Mapping[str, int], k: int, threshold: int = DEFAULT_THRESHOLD) -> float:
    r"""Share of the k first positions holding a relevant document.

    .. math:: \mathrm{P@k} = \frac{1}{k} \sum_{i=1}^{\min(k, n)} \mathrm{rel}(d_i)

    The denominator is k even when the run returned fewer than k documents (trec_eval).
    """
    return sum(1 for d in cut(ranking, k) if is_relevant(d, judged, threshold)) / k
