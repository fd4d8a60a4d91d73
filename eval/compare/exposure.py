r"""Exposure: who gets seen. Share of new profiles, inequality (Gini) and spread by group.

Attention falls off with the rank. The exposure a freelancer receives from one ranking is the
DCG position weight of their rank within the first k results (k = 10 by default, one page):

.. math:: w(r) = \frac{1}{\log_2(r + 1)} \quad (r \le k), \qquad 0 \text{ otherwise},

summed over all queries (briefs) of the evaluation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

#: One page of results.
DEFAULT_K = 10


def position_weight(rank: int) -> float:
    r"""Attention at 1-based ``rank``: :math:`1/\log_2(r+1)` (1 at rank 1, 0.63 at rank 2...)."""
    if rank < 1:
        raise ValueError(f"rank is 1-based, got {rank}")
    return 1.0 / math.log2(rank + 1)


def exposure_by_freelancer(rankings: Mapping[str, Sequence[str]], k: int = DEFAULT_K) -> dict[str, float]:
    r"""Total exposure per freelancer: :math:`E(f) = \sum_q w(\mathrm{rank}_q(f))` over the top k."""
    out: dict[str, float] = {}
    for docs in rankings.values():
        for i, d in enumerate(list(docs)[:k], start=1):
            out[d] = out.get(d, 0.0) + position_weight(i)
    return out


def gini(values: Iterable[float]) -> float:
    r"""Gini coefficient of non-negative values (0: perfectly equal; (n-1)/n: one takes all).

    .. math:: G = \frac{\sum_{i=1}^{n} (2i - n - 1)\, x_{(i)}}{n \sum_i x_i}

    with :math:`x_{(i)}` sorted ascending. 0 for an empty list or an all-zero one.
    """
    xs = sorted(values)
    if any(x < 0 for x in xs):
        raise ValueError("Gini needs non-negative values")
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    return sum((2 * i - n - 1) * x for i, x in enumerate(xs, start=1)) / (n * total)


def exposure_gini(
    rankings: Mapping[str, Sequence[str]], k: int = DEFAULT_K, population: Collection[str] | None = None
) -> float:
    """Gini of exposure across freelancers.

    ``population``: every freelancer who could have been shown (e.g. all indexed, eligible
    profiles); those never in a top k count with exposure 0. Without it only the freelancers
    who were shown at least once are counted (a lower bound of the inequality).
    """
    exp = exposure_by_freelancer(rankings, k)
    if population is not None:
        values = [exp.get(f, 0.0) for f in set(population) | set(exp)]
    else:
        values = list(exp.values())
    return gini(values)


def new_profile_share(
    rankings: Mapping[str, Sequence[str]], is_new: Callable[[str], bool], k: int = DEFAULT_K
) -> float:
    r"""Mean over queries of the share of the top k held by new profiles.

    .. math:: \frac{1}{|Q|} \sum_q \frac{|\{d \in \mathrm{top}_k(q) : \mathrm{new}(d)\}|}{|\mathrm{top}_k(q)|}

    Queries with an empty ranking count 0.
    """
    if not rankings:
        return 0.0
    shares = []
    for docs in rankings.values():
        top = list(docs)[:k]
        shares.append(sum(1 for d in top if is_new(d)) / len(top) if top else 0.0)
    return sum(shares) / len(shares)


def exposure_spread(
    rankings: Mapping[str, Sequence[str]], group_of: Callable[[str], str | None], k: int = DEFAULT_K
) -> dict[str, float]:
    """Share of all exposure that each group (country, language ...) received; sums to 1.

    Freelancers without a value fall in the group ``"unknown"``. Sorted by share descending.
    """
    totals: dict[str, float] = {}
    for f, e in exposure_by_freelancer(rankings, k).items():
        g = group_of(f) or "unknown"
        totals[g] = totals.get(g, 0.0) + e
    grand = sum(totals.values())
    if grand == 0:
        return {}
    return dict(sorted(((g, v / grand) for g, v in totals.items()), key=lambda kv: (-kv[1], kv[0])))
