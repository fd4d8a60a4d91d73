"""Rate fit: the daily rate against the budget, with a soft penalty above it.

Both amounts are converted to EUR with the configuration's static FX table first::

    rate = 1                                   if rate_eur <= budget_eur
         = exp(-(rate_eur / budget_eur - 1) / tolerance)   above the budget
         = unknown (default 0.5)               if the profile shows no rate

With ``tolerance`` 0.25 a rate 10 % over budget keeps 0.67, 25 % over 0.37, 50 % over 0.14.
"""

from __future__ import annotations

import math

from ranking.signals import clamp01


def rate_fit(
    rate_eur: float | None, budget_eur: float, tolerance: float = 0.25, unknown: float = 0.5
) -> float:
    if rate_eur is None:
        return unknown
    if rate_eur <= budget_eur:
        return 1.0
    return clamp01(math.exp(-(rate_eur / budget_eur - 1.0) / tolerance))
