"""Significance, corrections, bootstrap, exposure, Gini and RBO on seeded and hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from eval.compare import (
    bonferroni,
    bootstrap_ci,
    exposure_by_freelancer,
    exposure_gini,
    exposure_spread,
    gini,
    holm,
    mean_rbo,
    new_profile_share,
    paired_permutation_test,
    paired_t_test,
    rbo,
)

pytestmark = pytest.mark.unit


def _scores(seed: int, n: int = 50) -> tuple[list[float], list[float]]:
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.2, 0.6, n)
    b = np.clip(a + rng.normal(0.15, 0.05, n), 0, 1)  # clearly better
    return a.tolist(), b.tolist()


def test_identical_runs_give_p_one() -> None:
    a, _ = _scores(1)
    assert paired_permutation_test(a, a).p_value == 1.0
    assert paired_permutation_test(a[:8], a[:8]).p_value == 1.0  # exact enumeration
    assert paired_t_test(a, a).p_value == 1.0


def test_clearly_better_run_gives_small_p() -> None:
    a, b = _scores(2)
    perm = paired_permutation_test(a, b, n_resamples=5000, seed=3)
    assert perm.p_value < 0.001 and perm.mean_difference > 0.1
    assert paired_t_test(a, b).p_value < 1e-10


def test_permutation_test_is_deterministic_with_a_seed_and_varies_without_it() -> None:
    rng = np.random.default_rng(5)
    a = rng.uniform(size=40).tolist()
    b = (np.asarray(a) + rng.normal(0.02, 0.2, 40)).tolist()
    p1 = paired_permutation_test(a, b, n_resamples=2000, seed=7).p_value
    assert p1 == paired_permutation_test(a, b, n_resamples=2000, seed=7).p_value
    others = {paired_permutation_test(a, b, n_resamples=2000, seed=s).p_value for s in range(8, 14)}
    assert len(others | {p1}) > 1
    # The Monte Carlo estimate is close to the t-test's p on such data.
    assert abs(p1 - paired_t_test(a, b).p_value) < 0.1


def test_exact_permutation_hand_case() -> None:
    """Differences (1, 1, 1): only the all-plus and all-minus sign vectors reach |mean| = 1 → p = 2/8."""
    assert paired_permutation_test([0, 0, 0], [1, 1, 1]).p_value == pytest.approx(0.25)


def test_corrections() -> None:
    p = [0.01, 0.04, 0.03, 0.5]
    assert bonferroni(p) == pytest.approx([0.04, 0.16, 0.12, 1.0])
    # Holm: sorted 0.01*4=0.04, 0.03*3=0.09, 0.04*2=0.08→max 0.09, 0.5*1=0.5
    assert holm(p) == pytest.approx([0.04, 0.09, 0.09, 0.5])


def test_bootstrap_is_seeded_and_covers_the_mean() -> None:
    a, _ = _scores(4)
    ci = bootstrap_ci(a, seed=1, n_resamples=3000)
    assert ci == bootstrap_ci(a, seed=1, n_resamples=3000)
    assert ci != bootstrap_ci(a, seed=2, n_resamples=3000)
    assert ci.low < ci.mean < ci.high
    assert ci.mean == pytest.approx(float(np.mean(a)))
    # Half-width about 1.96 standard errors.
    se = float(np.std(a, ddof=1) / math.sqrt(len(a)))
    assert (ci.high - ci.low) / 2 == pytest.approx(1.96 * se, rel=0.15)
    const = bootstrap_ci([0.3] * 10)
    assert (const.low, const.high) == pytest.approx((0.3, 0.3))


def test_gini_hand_cases() -> None:
    assert gini([1, 1, 1, 1]) == 0.0
    assert gini([0, 0, 0, 4]) == pytest.approx(0.75)  # (n-1)/n
    # x = (1, 2, 3): (-2*1 + 0*2 + 2*3) / (3 * 6) = 4/18
    assert gini([3, 1, 2]) == pytest.approx(4 / 18)
    assert gini([]) == 0.0


def test_exposure_hand_case() -> None:
    rankings = {"q1": ["a", "b", "c"], "q2": ["b", "a"]}
    w2 = 1 / math.log2(3)
    exp = exposure_by_freelancer(rankings, k=2)
    assert exp == pytest.approx({"a": 1 + w2, "b": w2 + 1})
    assert "c" not in exp  # beyond k
    assert exposure_gini(rankings, k=2) == 0.0
    # With c and d in the population (never shown), inequality appears: x = (0, 0, s, s).
    assert exposure_gini(rankings, k=2, population=["a", "b", "c", "d"]) == pytest.approx(0.5)
    assert new_profile_share(rankings, lambda d: d == "c", k=3) == pytest.approx((1 / 3 + 0) / 2)
    spread = exposure_spread(rankings, {"a": "DE", "b": "FR", "c": "DE"}.get, k=3)
    total = 2 * (1 + w2) + 0.5
    assert spread == pytest.approx({"DE": (1 + w2 + 0.5) / total, "FR": (1 + w2) / total})
    assert sum(spread.values()) == pytest.approx(1.0)


def test_rbo_hand_cases() -> None:
    assert rbo(["a", "b", "c"], ["a", "b", "c"]) == pytest.approx(1.0)
    assert rbo(["a", "b"], ["c", "d"]) == 0.0
    # X = (0, 2, 2), p = 0.9: (0.1/0.9)(0 + 0.81 + 2/3*0.729) + 2/3*0.729 = 0.63
    assert rbo(["a", "b", "c"], ["b", "a", "d"], p=0.9) == pytest.approx(0.63)
    # Uneven lengths: S = (a), L = (a, b), p = 0.5.  X1 = 1, X2 = 1 (X_s = 1, s = 1, l = 2):
    # (1-p)/p * (1*0.5 + 1/2*0.25 + 1*(2-1)/(1*2)*0.25) + ((1-1)/2 + 1/1) * 0.25 = 1.0
    assert rbo(["a"], ["a", "b"], p=0.5) == pytest.approx(1.0)
    # S = (b), L = (a, b), p = 0.5: X1 = 0, X2 = 1, X_s = 0 → (1)(0 + 0.5*0.25) + (1/2)*0.25 = 0.25
    assert rbo(["b"], ["a", "b"], p=0.5) == pytest.approx(0.25)
    # Top-weighted: a swap at the top costs more than one at the bottom.
    base = list("abcdefghij")
    top_swap = list("bacdefghij")
    bottom_swap = list("abcdefghji")
    assert rbo(base, top_swap) < rbo(base, bottom_swap) < 1
    assert mean_rbo({"q": base}, {"q": top_swap}) == {"q": rbo(base, top_swap)}
