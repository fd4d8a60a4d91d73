"""Paired significance tests on per-query values of two configurations."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

#: Below this many queries the randomisation test enumerates all 2^n sign flips exactly.
EXACT_MAX_QUERIES = 14


@dataclass(frozen=True, slots=True)
class TestResult:
    """A two-sided paired test of "B differs from A": mean difference (B - A) and p-value."""

    test: str
    mean_difference: float
    p_value: float
    n: int


def _differences(a: Sequence[float], b: Sequence[float]) -> np.ndarray:
    if len(a) != len(b):
        raise ValueError(f"paired tests need the same queries: {len(a)} vs {len(b)} values")
    return np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64)


def paired_permutation_test(
    a: Sequence[float], b: Sequence[float], *, n_resamples: int = 10_000, seed: int = 0
) -> TestResult:
    r"""Two-sided paired randomisation (sign-flip) test of the mean difference.

    Under the null hypothesis the labels A/B of each query are exchangeable, so each
    difference :math:`\delta_q = b_q - a_q` keeps or flips its sign with probability 1/2:

    .. math:: p = \frac{1 + \#\{s : |\bar{\delta}^{(s)}| \ge |\bar{\delta}|\}}{1 + S}

    over S seeded random sign vectors (Monte Carlo, the +1 keeps p > 0 and the test valid);
    with at most :data:`EXACT_MAX_QUERIES` queries all :math:`2^n` sign vectors are
    enumerated and :math:`p = \#\{s : |\bar\delta^{(s)}| \ge |\bar\delta|\} / 2^n`.
    Identical runs give p = 1. A tolerance of 1e-12 absorbs floating-point noise.
    """
    d = _differences(a, b)
    n = len(d)
    if n == 0:
        return TestResult("permutation", 0.0, 1.0, 0)
    observed = abs(d.mean())
    tol = 1e-12
    if n <= EXACT_MAX_QUERIES:
        signs = np.array(list(itertools.product((1.0, -1.0), repeat=n)))
        means = np.abs(signs @ d) / n
        p = float(np.mean(means >= observed - tol))
    else:
        rng = np.random.default_rng(seed)
        hits = 0
        done = 0
        batch = 2_000
        while done < n_resamples:
            size = min(batch, n_resamples - done)
            signs = rng.choice((-1.0, 1.0), size=(size, n))
            hits += int(np.sum(np.abs(signs @ d) / n >= observed - tol))
            done += size
        p = (hits + 1) / (n_resamples + 1)
    return TestResult("permutation", float(d.mean()), min(1.0, p), n)


def paired_t_test(a: Sequence[float], b: Sequence[float]) -> TestResult:
    r"""Two-sided paired Student t-test of the mean difference.

    .. math:: t = \frac{\bar\delta}{s_\delta / \sqrt{n}}, \quad \nu = n - 1

    When every difference is equal (zero variance) the test is undefined; p is 1 if the
    differences are all 0 and 0 otherwise (a constant non-zero shift).
    """
    d = _differences(a, b)
    n = len(d)
    if n < 2 or float(np.ptp(d)) == 0.0:
        mean = float(d.mean()) if n else 0.0
        return TestResult("t-test", mean, 1.0 if mean == 0.0 or n < 2 else 0.0, n)
    res = stats.ttest_1samp(d, 0.0)
    p = float(res.pvalue)
    return TestResult("t-test", float(d.mean()), 1.0 if math.isnan(p) else p, n)
