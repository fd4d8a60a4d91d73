"""Each signal's array form gives, entry for entry, exactly the float of its scalar function.

Exact equality (``==``), not closeness: the ranker scores candidates with the array forms
(:mod:`ranking.batch`) and its results must not depend on that. Inputs are drawn to reach
every branch (unknown values as ``None`` / NaN, values outside [0, 1], zero windows, rates
over the budget, distances beyond the radius, the exponentials that numpy would round
differently from :func:`math.exp`).
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.profile.enums import AvailabilityStatus, RemoteMode
from ranking.signals import clamp01, clamp01_array, exp_exact
from ranking.signals.activity import activity_recency, activity_recency_array
from ranking.signals.availability import availability_fit, availability_fit_array
from ranking.signals.completeness import completeness_fit, completeness_fit_array
from ranking.signals.languages import language_fit, language_fit_array
from ranking.signals.location import (
    distance_decay,
    distance_decay_array,
    location_fit,
    location_fit_array,
    mode_fit,
)
from ranking.signals.quality import quality, quality_array
from ranking.signals.rate import rate_fit, rate_fit_array
from ranking.signals.responsiveness import responsiveness, responsiveness_array
from ranking.signals.semantic import semantic_fit, semantic_fit_array
from ranking.signals.seniority import seniority_fit, seniority_fit_array
from ranking.signals.super_status import super_status, super_status_array

pytestmark = pytest.mark.unit

EX = settings(max_examples=150, derandomize=True)
floats = st.one_of(st.floats(-3, 3), st.just(math.nan))
maybe = st.one_of(st.none(), st.floats(-1e4, 1e4))


def _same(array: np.ndarray, scalars: list[float]) -> None:
    assert array.dtype == np.float64
    assert array.tolist() == scalars


@given(st.lists(floats, max_size=30))
@EX
def test_clamp_and_the_signals_that_only_clamp(xs: list[float]) -> None:
    a = np.array(xs, dtype=np.float64)
    _same(clamp01_array(a), [clamp01(x) for x in xs])
    _same(semantic_fit_array(a), [semantic_fit(x) for x in xs])
    _same(completeness_fit_array(a), [completeness_fit(x) for x in xs])


@given(st.lists(st.floats(-800, 50), max_size=40))
@EX
def test_exp_exact_rounds_as_math_exp(xs: list[float]) -> None:
    assert exp_exact(np.array(xs)).tolist() == [math.exp(x) for x in xs]


@given(st.lists(st.tuples(st.floats(-1e8, 1e9), st.floats(-1e6, 1e9)), max_size=30))
@EX
def test_activity(rows: list[tuple[float, float]]) -> None:
    as_of = datetime(2026, 6, 1, tzinfo=UTC)
    expected = []
    for age, window in rows:
        login, start = as_of - timedelta(seconds=age), as_of - timedelta(seconds=window)
        expected.append(activity_recency(login, start, as_of))
    ages = [(as_of - (as_of - timedelta(seconds=a))).total_seconds() for a, _ in rows]
    windows = [(as_of - (as_of - timedelta(seconds=w))).total_seconds() for _, w in rows]
    _same(activity_recency_array(np.array(ages, dtype=np.float64), np.array(windows, dtype=np.float64)),
          expected)


@given(st.lists(st.tuples(st.sampled_from(list(AvailabilityStatus)), st.one_of(st.none(), st.integers(-90, 400)),
                          st.one_of(st.none(), st.integers(0, 90))), max_size=30),
       st.floats(1, 90), st.floats(0, 1), st.floats(0, 1))
@EX
def test_availability(rows, decay: float, partial: float, stale: float) -> None:
    as_of = datetime(2026, 6, 1, 12, tzinfo=UTC)
    start = date(2026, 6, 10)
    expected, unavailable, partially, late, fresh = [], [], [], [], []
    for status, offset, confirmed_days in rows:
        available_from = None if offset is None else start + timedelta(days=offset)
        confirmed = None if confirmed_days is None else as_of - timedelta(days=confirmed_days, hours=3)
        expected.append(availability_fit(status, available_from, confirmed, start, as_of,
                                         decay_days=decay, partial=partial, fresh_days=30, stale=stale))
        unavailable.append(status is AvailabilityStatus.UNAVAILABLE and available_from is None)
        partially.append(status is AvailabilityStatus.PARTIALLY_AVAILABLE)
        late.append(0 if available_from is None else max(0, (available_from - start).days))
        fresh.append(confirmed is not None and (as_of - confirmed).days <= 30)
    _same(availability_fit_array(np.array(unavailable, dtype=bool), np.array(partially, dtype=bool),
                                 np.array(late, dtype=np.int64), np.array(fresh, dtype=bool),
                                 decay_days=decay, partial=partial, stale=stale), expected)


@given(st.lists(st.tuples(st.integers(1, 5), st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=1, max_size=1)),
                min_size=1, max_size=4),
       st.integers(0, 20), st.floats(0, 1))
@EX
def test_languages(required_spec, n: int, partial: float) -> None:
    rng = np.random.default_rng(n)
    needs = [need for need, _ in required_spec]
    # n profiles; each speaks each required language at a random level or not at all (0)
    levels = rng.integers(0, 6, size=(len(needs), n))
    expected = [
        language_fit([(need, None if levels[j, i] == 0 else int(levels[j, i])) for j, need in enumerate(needs)],
                     partial)
        for i in range(n)
    ]
    _same(language_fit_array([(need, levels[j]) for j, need in enumerate(needs)], partial), expected)


@given(st.lists(st.floats(0, 5000), max_size=30), st.floats(0, 500), st.floats(1, 500))
@EX
def test_distance_decay(ds: list[float], radius: float, decay: float) -> None:
    _same(distance_decay_array(np.array(ds, dtype=np.float64), radius, decay),
          [distance_decay(d, radius, decay) for d in ds])


@given(st.one_of(st.none(), st.sampled_from(list(RemoteMode))),
       st.lists(st.tuples(st.sampled_from(list(RemoteMode)), st.floats(0, 1)), max_size=30))
@EX
def test_location(brief_mode, rows) -> None:
    m = np.array([mode_fit(brief_mode, mode) for mode, _ in rows], dtype=np.float64)
    place = np.array([p for _, p in rows], dtype=np.float64)
    _same(location_fit_array(brief_mode, m, place), [location_fit(brief_mode, mode, p) for mode, p in rows])


@given(st.lists(st.tuples(st.integers(0, 500), st.one_of(st.none(), st.floats(1, 5)), st.integers(0, 60)),
                max_size=30))
@EX
def test_quality(rows) -> None:
    counts = np.array([c for c, _, _ in rows], dtype=np.int64)
    means = np.array([math.nan if m is None else m for _, m, _ in rows], dtype=np.float64)
    recs = np.array([r for _, _, r in rows], dtype=np.int64)
    _same(quality_array(counts, means, recs), [quality(c, m, r) for c, m, r in rows])


@given(st.lists(st.one_of(st.none(), st.floats(0, 5000)), max_size=30), st.floats(50, 2000),
       st.floats(0.01, 2), st.floats(0, 1))
@EX
def test_rate(rates, budget: float, tolerance: float, unknown: float) -> None:
    a = np.array([math.nan if r is None else r for r in rates], dtype=np.float64)
    _same(rate_fit_array(a, budget, tolerance, unknown), [rate_fit(r, budget, tolerance, unknown) for r in rates])


@given(st.lists(st.tuples(maybe, maybe), max_size=30), st.floats(1, 1000), st.floats(0, 1))
@EX
def test_responsiveness(rows, half: float, share_weight: float) -> None:
    shares = np.array([math.nan if s is None else s for s, _ in rows], dtype=np.float64)
    minutes = np.array([math.nan if m is None else m for _, m in rows], dtype=np.float64)
    _same(responsiveness_array(shares, minutes, half_minutes=half, share_weight=share_weight),
          [responsiveness(s, m, half_minutes=half, share_weight=share_weight) for s, m in rows])


@given(st.lists(st.integers(0, 6), max_size=30), st.integers(1, 3))
@EX
def test_seniority(ranks: list[int], brief_rank: int) -> None:
    _same(seniority_fit_array(np.array(ranks, dtype=np.int64), brief_rank),
          [seniority_fit(r, brief_rank) for r in ranks])


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=30))
@EX
def test_super_status(rows) -> None:
    _same(super_status_array(np.array([h for h, _ in rows], dtype=bool), np.array([lo for _, lo in rows], dtype=bool)),
          [super_status(h, lo) for h, lo in rows])


def test_language_fit_array_needs_a_language() -> None:
    with pytest.raises(ValueError, match="at least one"):
        language_fit_array([], 0.5)
