"""The signal functions: range [0, 1], the shape of each formula, the Bayesian quality rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.profile import AvailabilityStatus, RemoteMode
from ranking.signals.activity import activity_recency
from ranking.signals.availability import availability_fit
from ranking.signals.languages import language_fit
from ranking.signals.location import distance_decay, location_fit, place_fit_without_coordinates
from ranking.signals.quality import bayesian_rating, quality
from ranking.signals.rate import rate_fit
from ranking.signals.responsiveness import responsiveness
from ranking.signals.semantic import semantic_fit
from ranking.signals.seniority import seniority_fit
from ranking.signals.skills import skill_coverage, skill_match

pytestmark = pytest.mark.unit
T = datetime(2026, 11, 4, 12, tzinfo=UTC)


def test_bayesian_quality_one_perfect_review_does_not_beat_forty_at_4_9() -> None:
    assert quality(1, 5.0, 0) < quality(40, 4.9, 0)
    assert bayesian_rating(1, 5.0, 4.3, 10) == pytest.approx((43 + 5) / 11)
    assert quality(0, None, 0) == pytest.approx(0.8 * (4.3 - 1) / 4)
    # more reviews at the same high mean count more; more recommendations count more
    assert quality(5, 4.9, 0) < quality(50, 4.9, 0)
    assert quality(10, 4.5, 0) < quality(10, 4.5, 5)
    # a low mean with many reviews is worse than no reviews at all
    assert quality(40, 2.0, 0) < quality(0, None, 0)


@given(st.integers(0, 10_000), st.floats(1, 5), st.integers(0, 1000))
@settings(max_examples=100, derandomize=True)
def test_quality_in_range(n: int, mean: float, recs: int) -> None:
    assert 0 <= quality(n, mean if n else None, recs) <= 1


def test_skill_match_exact_beats_related_beats_nothing() -> None:
    related = {"kotlin": 0.7, "scala": 0.5}
    assert skill_match(related, True, {"java"}, 0.8) == 1.0
    kotlin = skill_match(related, False, {"kotlin", "scala"}, 0.8)
    assert kotlin == pytest.approx(0.56)
    assert 0 < skill_match(related, False, {"scala"}, 0.8) < kotlin
    assert skill_match(related, False, {"excel"}, 0.8) == 0.0


def test_skill_coverage_weights_groups() -> None:
    assert skill_coverage([1, 1], [0], 2, 1) == pytest.approx(2 / 3)
    assert skill_coverage([0, 0], [1], 2, 1) == pytest.approx(1 / 3)
    assert skill_coverage([], [0.5], 2, 1) == pytest.approx(0.5)
    assert skill_coverage([1, 0], [], 2, 1) == pytest.approx(0.5)


def test_language_fit() -> None:
    assert language_fit([(3, 5), (4, 4)]) == 1.0
    assert language_fit([(4, 2)]) == pytest.approx(0.25)
    assert language_fit([(3, None), (3, 3)]) == pytest.approx(0.5)


def test_location_fit_modes_and_distance() -> None:
    assert location_fit(RemoteMode.REMOTE, RemoteMode.REMOTE, 0.0) == 1.0  # place ignored
    assert location_fit(RemoteMode.ONSITE, RemoteMode.REMOTE, 1.0) == pytest.approx(0.3)
    assert location_fit(RemoteMode.ONSITE, RemoteMode.ONSITE, 0.5) == pytest.approx(0.5)
    assert distance_decay(30, 50, 100) == 1.0
    assert distance_decay(150, 50, 100) == pytest.approx(0.36788, rel=1e-4)
    assert distance_decay(100, 50, 100) > distance_decay(400, 50, 100)
    assert place_fit_without_coordinates(True, True) == 1.0
    assert place_fit_without_coordinates(False, True) == 0.6
    assert place_fit_without_coordinates(False, False) == 0.2
    assert place_fit_without_coordinates(None, None) == 0.3


def test_rate_fit_soft_penalty() -> None:
    assert rate_fit(400, 500) == 1.0 and rate_fit(500, 500) == 1.0
    assert 0.6 < rate_fit(550, 500) < 0.7
    assert rate_fit(750, 500) < rate_fit(600, 500) < rate_fit(550, 500)
    assert rate_fit(None, 500) == 0.5


def test_availability() -> None:
    fresh = T - timedelta(days=2)
    start = date(2026, 12, 1)
    assert availability_fit(AvailabilityStatus.AVAILABLE, None, fresh, start, T) == 1.0
    assert availability_fit(AvailabilityStatus.AVAILABLE, None, None, start, T) == 0.85
    late = availability_fit(AvailabilityStatus.AVAILABLE, date(2026, 12, 31), fresh, start, T)
    assert late == pytest.approx(0.36788, rel=1e-4)
    assert availability_fit(AvailabilityStatus.UNAVAILABLE, None, fresh, start, T) == 0.0
    assert (
        availability_fit(AvailabilityStatus.UNAVAILABLE, date(2026, 11, 20), fresh, start, T) == 1.0
    )
    assert availability_fit(AvailabilityStatus.PARTIALLY_AVAILABLE, None, fresh, start, T) == 0.7


def test_seniority_activity_responsiveness_semantic() -> None:
    assert seniority_fit(3, 3) == 1 and seniority_fit(3, 2) == 0.8 and seniority_fit(1, 3) == 0
    start = T - timedelta(days=100)
    assert activity_recency(T, start, T) == 1.0
    assert activity_recency(T - timedelta(days=50), start, T) == pytest.approx(0.5)
    assert activity_recency(T - timedelta(days=200), start, T) == 0.0
    assert responsiveness(1.0, 0.0) == 1.0
    assert responsiveness(1.0, 240) == pytest.approx(0.85)
    assert responsiveness(None, None) == 0.5
    assert responsiveness(0.9, 30) > responsiveness(0.5, 30) > responsiveness(0.5, 3000)
    assert semantic_fit(-0.3) == 0.0 and semantic_fit(0.42) == pytest.approx(0.42)
