"""Hit rate at k (success@k), trec_eval's ``success_k``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eval.metrics._common import DEFAULT_THRESHOLD, cut, is_relevant


def hit_rate(ranking: Sequence[str], judged: Mapping[str, int], k: int, threshold: int = DEFAULT_THRESHOLD) -> float:
    r"""1 if at least one relevant document is in the top k, else 0.

    .. math:: \mathrm{Hit@k} = [\exists i \le k : \mathrm{rel}(d_i)]

    Its mean over queries is the hit rate.
    """
    return 1.0 if any(is_relevant(d, judged, threshold) for d in cut(ranking, k)) else 0.0
