"""Recall at k, trec_eval's ``recall_k``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eval.metrics._common import DEFAULT_THRESHOLD, cut, is_relevant, num_relevant


def recall(
    ranking: Sequence[str], judged: Mapping[str, int], k: int | None = None, threshold: int = DEFAULT_THRESHOLD
) -> float:
    r"""Share of the query's relevant documents found in the top k.

    .. math:: \mathrm{R@k} = \frac{|\{i \le k : \mathrm{rel}(d_i)\}|}{R}

    with R the number of relevant judged documents; 0 when R = 0.
    """
    total = num_relevant(judged, threshold)
    if total == 0:
        return 0.0
    return sum(1 for d in cut(ranking, k) if is_relevant(d, judged, threshold)) / total
