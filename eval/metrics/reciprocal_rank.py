"""Reciprocal rank (MRR per query), trec_eval's ``recip_rank``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eval.metrics._common import DEFAULT_THRESHOLD, cut, is_relevant


def reciprocal_rank(
    ranking: Sequence[str], judged: Mapping[str, int], k: int | None = None, threshold: int = DEFAULT_THRESHOLD
) -> float:
    r"""One over the rank of the first relevant document within the top k.

    .. math:: \mathrm{RR@k} = \max_{i \le k} \frac{\mathrm{rel}(d_i)}{i}

    0 when no relevant document is ranked (within k). trec_eval's ``recip_rank`` has no
    cutoff (``k=None``).
    """
    for i, doc in enumerate(cut(ranking, k), start=1):
        if is_relevant(doc, judged, threshold):
            return 1.0 / i
    return 0.0
