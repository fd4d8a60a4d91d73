"""Daily rates: what a freelancer charges per day, by domain, seniority, city and profile type.

    rate_EUR = base[domain] × seniority_factor × (1 + 0.015 × years beyond the band start)
               × city.rate_factor × type_factor × LogNormal(0, 0.18)

then converted to the profile's currency and rounded to 10 (to 5 under 200). Bases are
mid-level Paris rates in EUR, in line with the 2024-2025 freelance rate surveys of Malt,
Freelance.de and Free-Work (software ≈ 500-550, consulting ≈ 650-750 per day).
"""

from __future__ import annotations

import numpy as np

from indexer.generate.roles import Domain

BASE_RATE_EUR: dict[Domain, float] = {
    Domain.SOFTWARE: 520.0,
    Domain.DATA: 570.0,
    Domain.DESIGN: 430.0,
    Domain.MARKETING: 440.0,
    Domain.FINANCE: 600.0,
    Domain.CONSULTING: 680.0,
}

#: Multiplier by seniority band (junior, mid, senior) and the band's first year.
SENIORITY_FACTOR = {"junior": 0.62, "mid": 0.95, "senior": 1.25}
BAND_START = {"junior": 0.0, "mid": 3.0, "senior": 8.0}

TYPE_FACTOR = {
    "standard": 1.0,
    "sap-consultant": 1.3,
    "mainframe": 1.2,
    "actuary": 1.15,
    "interim-executive": 1.5,
}

#: Units of the currency per EUR (mid-2026 reference rates, rounded).
PER_EUR = {"EUR": 1.0, "CHF": 0.94, "GBP": 0.86}

NOISE_SIGMA = 0.18


def daily_rates(
    base_eur: np.ndarray,
    seniority: list[str],
    years: np.ndarray,
    city_factor: np.ndarray,
    type_factor: np.ndarray,
    per_eur: np.ndarray,
    noise: np.ndarray,
) -> np.ndarray:
    """Vectorised rates in each profile's currency (``noise`` is standard normal draws)."""
    sen = np.array([SENIORITY_FACTOR[s] for s in seniority])
    start = np.array([BAND_START[s] for s in seniority])
    slope = 1.0 + 0.015 * np.clip(years - start, 0, 20)
    eur = base_eur * sen * slope * city_factor * type_factor * np.exp(NOISE_SIGMA * noise)
    local = eur * per_eur
    step = np.where(local < 200, 5.0, 10.0)
    return np.maximum(step, np.round(local / step) * step)
