"""Builders of valid test records. Every test that needs a profile starts here."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from indexer.backends.protocol import Completeness, IndexedProfile
from indexer.profile import Profile

#: The fixed "now" of tests; every test that depends on time passes it explicitly as ``as_of``.
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def profile_dict(pid: str = "p1", **overrides: Any) -> dict[str, Any]:
    """A minimal valid profile as plain data (what a JSONL line would hold)."""
    base: dict[str, Any] = {
        "id": pid,
        "name": f"Freelancer {pid}",
        "headline": "Python developer",
        "description": "I build data pipelines and web APIs in Python.",
        "skills": [{"name": "Python", "years": 5, "level": "advanced"}],
        "languages": [{"code": "en", "level": "fluent"}],
        "city": "Berlin",
        "country": "DE",
        "coordinates": {"lat": 52.52, "lon": 13.405},
        "remote": "remote",
        "daily_rate": 500,
        "currency": "EUR",
        "years_experience": 5,
        "created_at": (NOW - timedelta(days=400)).isoformat(),
        "last_login_at": (NOW - timedelta(days=10)).isoformat(),
    }
    base.update(overrides)
    return base


def make_profile(pid: str = "p1", **overrides: Any) -> Profile:
    return Profile.model_validate(profile_dict(pid, **overrides))


def unit_vector(seed: int | str, dim: int) -> np.ndarray:
    """A deterministic random unit vector (seeded from ``seed``)."""
    s = int.from_bytes(hashlib.sha256(str(seed).encode()).digest()[:8], "little")
    v = np.random.default_rng(s).standard_normal(dim).astype(np.float32)
    return (v / np.linalg.norm(v)).astype(np.float32)


def indexed(profile: Profile, vector: np.ndarray | None = None, dim: int = 32) -> IndexedProfile:
    """Wrap a profile as the indexer would, with a seeded vector unless one is given."""
    vec = vector if vector is not None else unit_vector(profile.id, dim)
    digest = hashlib.sha256(profile.model_dump_json().encode()).hexdigest()
    return IndexedProfile(profile, vec.astype(np.float32), Completeness(0.5, ()), digest)
