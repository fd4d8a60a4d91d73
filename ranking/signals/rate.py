"""Rate fit: the daily rate against the budget, with a soft penalty above it.

Both amounts are converted to EUR with the configuration's static FX table first::

    rate = 1                                   if rate_eur <= budget_eur
         = exp(-(rate_eur / budget_eur - 1) / tolerance)   above the budget
         = unknown (default 0.5)               if the profile shows no rate

With ``tolerance`` 0.25 a rate 10 % over budget keeps 0.67, 25 % over 0.37, 50 % over 0.14.
"""

from __future__ import annotations

import math

import numpy as np

from ranking.signals import clamp01, clamp01_array, exp_exact


def rate_fit(
    rate_eur: float | None, budget_eur: float, tolerance: float = 0.25, unknown: float = 0.5
) -> float:
    if rate_eur is None:
        return unknown
    if rate_eur <= budget_eur:
        return 1.0
    return clamp01(math.exp(-(rate_eur / budget_eur - 1.0) / tolerance))


def rate_fit_array(
    rate_eur: np.ndarray, budget_eur: float, tolerance: float = 0.25, unknown: float = 0.5
) -> np.ndarray:
    """:func:`rate_fit` of many profiles (``rate_eur`` NaN: no rate shown)."""
    r = np.asarray(rate_eur, dtype=np.float64)
    over = r > budget_eur  # False for NaN
    with np.errstate(over="ignore"):  # a huge rate over a tiny budget: -inf, exp gives 0
        value = clamp01_array(exp_exact(np.where(over, -(r / budget_eur - 1.0) / tolerance, 0.0)))
    return np.where(np.isnan(r), unknown, np.where(over, value, 1.0))
