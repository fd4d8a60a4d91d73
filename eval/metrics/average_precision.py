"""Average precision (MAP per query), trec_eval's ``map`` / ``map_cut_k``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eval.metrics._common import DEFAULT_THRESHOLD, cut, is_relevant, num_relevant


def average_precision(
    ranking: Sequence[str], judged: Mapping[str, int], k: int | None = None, threshold: int = DEFAULT_THRESHOLD
) -> float:
    r"""Average precision at cutoff k.

    .. math:: \mathrm{AP@k} = \frac{1}{R} \sum_{i=1}^{k} \mathrm{rel}(d_i)\,\mathrm{P@i}

    with :math:`R` the number of relevant judged documents of the query (*not* capped at k,
    as in trec_eval's ``map_cut``) and :math:`\mathrm{rel}(d) = [\text{grade}(d) \ge
    \text{threshold}]`. 0 when the query has no relevant document.
    """
    total = num_relevant(judged, threshold)
    if total == 0:
        return 0.0
    hits = 0
    acc = 0.0
    for i, doc in enumerate(cut(ranking, k), start=1):
        if is_relevant(doc, judged, threshold):
            hits += 1
            acc += hits / i
    return acc / total
