"""``ProfileView.from_json`` (views built from the stored JSON without re-validating the
profile, the embedded fast path) equals ``ProfileView.of`` of the decoded profile, field by
field, on every kind of profile: generated ones with every special case, the ranking test
population (sanctions, away periods, rare types), and hand-made edge cases (non-UTC offsets,
fractional seconds, explicit and derived seniority, integral floats, no coordinates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest

from indexer.backends.embedded import EmbeddedBackend
from indexer.backends.protocol import Completeness, IndexedProfile
from indexer.generate import generate_profiles
from indexer.profile import Profile
from ranking.profileview import ProfileView
from tests.factories import indexed, make_profile
from tests.ranking.population import population

pytestmark = pytest.mark.unit

DIM = 8


def _assert_same(a: ProfileView, b: ProfileView) -> None:
    assert a._fields == b._fields
    for name, x, y in zip(a._fields, a, b, strict=True):
        if name == "vector":
            np.testing.assert_array_equal(x, y)
        else:
            assert x == y, name
            assert type(x) is type(y), name
            if isinstance(x, datetime):  # UTC: no tracked zone object per view
                assert x.tzinfo is UTC and y.tzinfo is UTC, name


def _edge_cases() -> list[Profile]:
    cet = timezone(timedelta(hours=1))
    return [
        make_profile("e1", seniority="senior", years_experience=1, daily_rate=500,
                     coordinates=None, city=None, country=None),
        make_profile("e2", seniority=None, years_experience=7.5,
                     created_at=datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=cet),
                     last_login_at=datetime(2026, 10, 30, 23, 59, 59, 1, tzinfo=cet),
                     availability={"status": "partially_available",
                                   "available_from": "2026-12-01",
                                   "confirmed_at": "2026-11-01T10:00:00+05:30"},
                     reviews={"count": 3, "mean_rating": 4},
                     responsiveness={"answered_within_24h": 1,
                                     "median_first_response_minutes": 30}),
        make_profile("e3", skills=[{"name": "  Node.JS "}, {"name": "C#", "level": "expert"}],
                     languages=[{"code": "de", "level": "native"},
                                {"code": "en", "level": "basic"}],
                     coordinates={"lat": 48, "lon": 2}, daily_rate=None,
                     sanctions=[{"kind": "warning", "start": "2026-01-01T00:00:00Z"},
                                {"kind": "reviews_removal", "scope": "all",
                                 "start": "2026-01-01T00:00:00+02:00",
                                 "end": "2027-01-01T00:00:00Z", "reason": "x"}]),
    ]


def test_from_json_equals_of(tmp_path) -> None:  # type: ignore[no-untyped-def]
    profiles = [*generate_profiles(400, seed=11), *population(300), *_edge_cases()]
    docs = [indexed(p, dim=DIM) for p in profiles]
    docs = [IndexedProfile(d.profile, d.vector, Completeness(0.25 + (i % 3) / 4, ("photo",)),
                           d.content_hash) for i, d in enumerate(docs)]
    with EmbeddedBackend.open(tmp_path / "index", DIM) as backend:
        backend.upsert(docs)
        ids = [d.id for d in docs]
        full = backend.get(ids)
        raw = backend.raw_documents(ids)
        assert set(raw) == set(full) == set(ids)
        for pid in ids:
            blob, vec, comp = raw[pid]
            assert not vec.flags.writeable
            _assert_same(ProfileView.from_json(blob, vec, comp), ProfileView.of(full[pid]))
        assert backend.raw_documents(["nobody"]) == {}
        backend.delete(ids[:3])
        assert set(backend.raw_documents(ids[:5])) == set(ids[3:5])
