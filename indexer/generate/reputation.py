"""A generated freelancer's track record: missions, reviews, recommendations,
responsiveness and "super" status.

Missions ~ Poisson(tenure in years × the freelancer's mission rate); 45-85 % of missions get
a review; a single review is usually 5.0 (so a Bayesian average has something to correct),
many reviews average close to the freelancer's true quality. A removal-of-reviews sanction
wipes reviews and recommendations.
"""

from __future__ import annotations

import math
import random
from datetime import datetime
from typing import Any

from indexer.profile.enums import SanctionKind

_YEAR_S = 365.25 * 86_400.0


def poisson(rnd: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth's method; normal approximation above 30)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rnd.gauss(lam, lam**0.5)))
    limit, k, p = math.exp(-lam), 0, rnd.random()
    while p > limit:
        k += 1
        p *= rnd.random()
    return k


def track_record(
    rnd: random.Random,
    as_of: datetime,
    created: datetime,
    *,
    sparse: bool,
    mission_rate: float,
    quality: float,
    sanctions: list[dict[str, Any]],
) -> tuple[dict[str, Any], int, int]:
    """(reviews {count, mean_rating}, recommendations, completed missions)."""
    tenure_years = max(0.0, (as_of - created).total_seconds() / _YEAR_S)
    missions = poisson(rnd, tenure_years * mission_rate * (0.4 if sparse else 1.0))
    count = round(missions * rnd.uniform(0.45, 0.85))
    mean: float | None = None
    if missions > 0 and count == 0 and rnd.random() < 0.25:
        count = 1
    if count == 1:
        mean = rnd.choices((5.0, 4.5, 4.0, 3.0), (0.55, 0.2, 0.17, 0.08))[0]
    elif count > 1:
        noise = rnd.gauss(0, 0.5 / count**0.5)
        mean = round(min(5.0, max(1.0, quality + noise)), 2)
    removed = any(s["kind"] == SanctionKind.REVIEWS_REMOVAL for s in sanctions)
    if removed:
        count, mean = 0, None
    recommendations = 0 if removed else int(rnd.random() * (1 + missions**0.5) * 1.5)
    return {"count": count, "mean_rating": mean}, recommendations, missions


def responsiveness(
    missions: int, no_requests: bool, answered: float, median_minutes: float
) -> dict[str, Any]:
    """Share answered within 24 h and median first-response minutes (slower when the share is
    low); empty for a freelancer without missions who has had no request yet."""
    if missions == 0 and no_requests:
        return {"answered_within_24h": None, "median_first_response_minutes": None}
    share = round(answered, 2)
    return {
        "answered_within_24h": share,
        "median_first_response_minutes": round(max(1.0, median_minutes * (1.6 - share))),
    }


def super_status(
    reviews: dict[str, Any],
    responsiveness_: dict[str, Any],
    sanctions: list[dict[str, Any]],
    as_of: datetime,
    lucky: bool,
) -> bool:
    """ "Super" needs 5+ reviews averaging 4.6+, 80 %+ answered within 24 h, the platform's
    nod (``lucky``), and no loss-of-status sanction still running at ``as_of``."""
    earned = (
        reviews["count"] >= 5
        and (reviews["mean_rating"] or 0) >= 4.6
        and (responsiveness_["answered_within_24h"] or 0) >= 0.8
        and lucky
    )
    lost = any(
        s["kind"] == SanctionKind.SUPER_STATUS_LOSS and (s["end"] is None or s["end"] > as_of)
        for s in sanctions
    )
    return bool(earned) and not lost
