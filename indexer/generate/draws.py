"""The numeric attributes of a chunk of profiles, drawn with numpy in one go.

Everything that is a number from a distribution (role and city indices, completeness tier,
years of experience, days since last login, tenure, rate noise, review quality,
responsiveness, mission rate) is drawn here as arrays of :data:`CHUNK_SIZE`, always the full
size so that the draws of a chunk do not depend on how many of its profiles are used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.generate.cities import CITIES
from indexer.generate.roles import DOMAIN_WEIGHTS, ROLES, Domain

#: Profiles per chunk: numpy draws are vectorised over a chunk; each chunk has its own seed.
CHUNK_SIZE = 2048

#: Completeness tiers and their shares.
TIERS = ("rich", "normal", "sparse")
TIER_P = (0.25, 0.55, 0.20)

#: Columns of :attr:`ChunkDraws.u`, one per independent yes/no decision of a profile.
UNIFORM_COLUMNS = 26


@dataclass(frozen=True, slots=True)
class ChunkDraws:
    """Numeric attributes of one chunk (arrays of length CHUNK_SIZE)."""

    role: np.ndarray  # index into ROLES
    city: np.ndarray  # index into CITIES
    tier: np.ndarray  # index into TIERS
    years: np.ndarray  # years of experience, half-year steps, 0.5-40
    login_days: np.ndarray  # days between last login and as_of
    tenure_days: np.ndarray  # days between sign-up and last login
    new_joiner: np.ndarray  # signed up in the last 45 days
    rate_noise: np.ndarray  # standard normal, for the daily rate
    u: np.ndarray  # (CHUNK_SIZE, UNIFORM_COLUMNS) uniforms for yes/no decisions
    quality: np.ndarray  # the freelancer's true mean rating
    answered: np.ndarray  # share of requests answered within 24 h
    median_minutes: np.ndarray  # median first answer, minutes (before scaling)
    mission_rate: np.ndarray  # missions per year of tenure


def role_probabilities() -> np.ndarray:
    """P(role) = P(domain) × role weight / total role weight of the domain."""
    totals: dict[Domain, float] = {}
    for role in ROLES:
        totals[role.domain] = totals.get(role.domain, 0.0) + role.weight
    p = np.array([DOMAIN_WEIGHTS[r.domain] * r.weight / totals[r.domain] for r in ROLES])
    return p / p.sum()


def draw_chunk(rng: np.random.Generator) -> ChunkDraws:
    """One chunk's draws (the order of the draws is part of the output's reproducibility)."""
    n = CHUNK_SIZE
    city_w = np.array([c.weight for c in CITIES])
    years = np.exp(rng.normal(np.log(6.5), 0.65, n))
    years = np.clip(np.round(years * 2) / 2, 0.5, 40.0)
    # Last login, days before as_of: recent for most, spread over two years for the rest.
    mix = rng.random(n)
    login = np.where(
        mix < 0.45,
        rng.exponential(12.0, n),
        np.where(
            mix < 0.70,
            rng.uniform(0, 180, n),
            np.where(mix < 0.90, rng.uniform(180, 400, n), rng.uniform(400, 730, n)),
        ),
    )
    login = np.clip(login, 0.0, 730.0)
    tenure = np.clip(np.exp(rng.normal(np.log(600), 0.9, n)), 1.0, 3600.0)
    minutes = np.clip(np.exp(rng.normal(np.log(110), 1.1, n)), 2.0, 4320.0)
    return ChunkDraws(
        role=rng.choice(len(ROLES), n, p=role_probabilities()),
        city=rng.choice(len(CITIES), n, p=city_w / city_w.sum()),
        tier=rng.choice(3, n, p=TIER_P),
        years=years,
        login_days=login,
        tenure_days=tenure,
        new_joiner=rng.random(n) < 0.06,
        rate_noise=rng.standard_normal(n),
        u=rng.random((n, UNIFORM_COLUMNS)),
        quality=np.clip(rng.normal(4.55, 0.3, n), 2.5, 5.0),
        answered=rng.beta(6.0, 1.6, n),
        median_minutes=minutes,
        mission_rate=rng.gamma(2.0, 2.5, n),
    )
