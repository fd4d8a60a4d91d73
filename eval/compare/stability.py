"""Rank-biased overlap (RBO) between two rankings: how stable a ranking is across configurations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: Default persistence: the first 10 ranks carry about 86% of the weight (Webber et al. 2010).
DEFAULT_P = 0.9


def rbo(s: Sequence[str], t: Sequence[str], p: float = DEFAULT_P) -> float:
    r"""Extrapolated rank-biased overlap, RBO_ext (Webber, Moffat & Zobel 2010, eq. 32).

    With :math:`X_d` the size of the overlap of the two prefixes of depth d, S the shorter
    list (length s) and L the longer (length l):

    .. math::
        \mathrm{RBO_{ext}} = \frac{1-p}{p}\Big(\sum_{d=1}^{l} \frac{X_d}{d} p^d
            + \sum_{d=s+1}^{l} \frac{X_s (d - s)}{s\,d} p^d\Big)
            + \Big(\frac{X_l - X_s}{l} + \frac{X_s}{s}\Big) p^l

    where for d > s, :math:`X_d` counts the overlap of all of S with the first d of L.
    1 for identical rankings, 0 for disjoint ones; ``p`` is the persistence of a user going
    one rank deeper (the expected depth is 1/(1-p), 10 for the default 0.9). Two empty lists
    are identical (1.0).
    """
    if not 0 < p < 1:
        raise ValueError(f"p must be in (0, 1), got {p}")
    short, long_ = (list(s), list(t)) if len(s) <= len(t) else (list(t), list(s))
    n_s, n_l = len(short), len(long_)
    if n_l == 0:
        return 1.0
    if n_s == 0:
        return 0.0
    seen_s: set[str] = set()
    seen_l: set[str] = set()
    overlap = 0
    x: list[int] = [0]  # x[d] = X_d
    for d in range(1, n_l + 1):
        a = long_[d - 1]
        if d <= n_s:
            b = short[d - 1]
            if a == b:
                overlap += 1
            else:
                overlap += (a in seen_s) + (b in seen_l)
            seen_s.add(b)
        else:
            overlap += a in seen_s
        seen_l.add(a)
        x.append(overlap)
    x_s, x_l = x[n_s], x[n_l]
    total = sum(x[d] / d * p**d for d in range(1, n_l + 1))
    total += sum(x_s * (d - n_s) / (n_s * d) * p**d for d in range(n_s + 1, n_l + 1))
    return (1 - p) / p * total + ((x_l - x_s) / n_l + x_s / n_s) * p**n_l


def mean_rbo(
    a: Mapping[str, Sequence[str]], b: Mapping[str, Sequence[str]], p: float = DEFAULT_P, k: int | None = None
) -> dict[str, float]:
    """RBO per query (on the first ``k`` results of each ranking) for the queries of ``a``."""
    return {q: rbo(list(a[q])[:k], list(b.get(q, ()))[:k], p) for q in sorted(a)}
