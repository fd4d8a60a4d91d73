"""Filter masks of the embedded backend are cached under canonical keys
(:meth:`FilterColumns.canonical`): a moving "as of now" reuses a mask while no stored instant
lies in between, and a cached mask is always exactly the mask of the filter asked for.

Oracle: the reference semantics (:func:`indexer.backends.reference.matches`) over the
profiles, for the eligibility filters of both modes at many instants — random ones, and
instants exactly on, just before and just after stored logins, creations, sanction and away
period bounds (where a rounding shortcut would be wrong)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from indexer.backends.filters import filter_values
from indexer.backends.reference import matches
from ranking import EligibilityPolicy, SearchMode
from ranking.rules import conjunction
from tests.factories import NOW
from tests.ranking.population import build_index, population

pytestmark = pytest.mark.unit

US = timedelta(microseconds=1)


def _eligibility(as_of, mode):  # type: ignore[no-untyped-def]
    return conjunction(EligibilityPolicy.default().rules(mode, as_of))


def test_cached_masks_equal_the_reference_at_every_instant(tmp_path) -> None:  # type: ignore[no-untyped-def]
    profiles = population(200, seed=3)
    values = {p.id: filter_values(p) for p in profiles}
    backend = build_index(tmp_path, profiles)
    try:
        instants = set()
        for p in profiles:
            stored = [p.last_login_at, p.created_at]
            stored += [s.start for s in p.sanctions] + [s.end for s in p.sanctions if s.end]
            stored += [a.start for a in p.schedule.away] + [a.end for a in p.schedule.away]
            for t in stored:
                # the window bound is as_of - N months: probe around the stored value + N months
                for shift in (timedelta(0), timedelta(days=91), timedelta(days=92),
                              timedelta(days=365), timedelta(days=366)):
                    instants.update({t + shift - US, t + shift, t + shift + US})
        rng = random.Random(5)
        probe = sorted(instants)
        probe = rng.sample(probe, min(400, len(probe)))
        probe += [NOW + timedelta(seconds=rng.uniform(-4e7, 4e7)) for _ in range(100)]
        for as_of in probe:
            for mode in SearchMode:
                f = _eligibility(as_of, mode)
                expected = {pid for pid, v in values.items() if matches(f, v)}
                hits = backend.lexical_search("developer engineer consultant designer", 500, f)
                got_count = backend.count(f)
                assert got_count == len(expected), (as_of, mode)
                assert {h.id for h in hits} <= expected
    finally:
        backend.close()


def test_a_moving_now_reuses_the_mask_until_a_stored_instant_passes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    profiles = population(60, seed=8)
    backend = build_index(tmp_path, profiles)
    try:
        backend.count(_eligibility(NOW, SearchMode.SELF_SERVICE))
        size = len(backend._mask_cache)
        logins = sorted(p.last_login_at for p in profiles)
        # one second later, with no stored value in between (the population's instants are
        # far apart compared with a second): the same cached mask
        quiet = next(t for t in (NOW + timedelta(seconds=s) for s in range(1, 100))
                     if all(abs((x - t).total_seconds()) > 5 for x in logins))
        backend.count(_eligibility(quiet, SearchMode.SELF_SERVICE))
        assert len(backend._mask_cache) == size
        # a creation instant passing changes the key (the profile exists from then on)
        created = max(p.created_at for p in profiles if p.created_at > NOW - timedelta(days=400))
        k_before = backend._cols.canonical(_eligibility(created - US, SearchMode.SELF_SERVICE))
        k_at = backend._cols.canonical(_eligibility(created, SearchMode.SELF_SERVICE))
        assert k_before != k_at
    finally:
        backend.close()


def test_bounds_exactly_on_stored_values(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from indexer.backends.filters import (
        IntervalActive,
        IntervalField,
        Range,
        RangeField,
    )
    from indexer.profile import SanctionScope

    profiles = population(120, seed=12)
    values = {p.id: filter_values(p) for p in profiles}
    backend = build_index(tmp_path, profiles)
    try:
        filters = []
        for p in profiles[:40]:
            for t in (p.last_login_at, p.created_at):
                for x in (t - US, t, t + US):
                    filters += [Range(RangeField.LAST_LOGIN_AT, gte=x),
                                Range(RangeField.CREATED_AT, lte=x),
                                Range(RangeField.LAST_LOGIN_AT, gte=x - timedelta(days=30), lte=x)]
            for s in p.sanctions:
                for t in (s.start, s.end):
                    if t is None:
                        continue
                    for x in (t - US, t, t + US):
                        filters += [IntervalActive(IntervalField.SANCTIONS, x),
                                    IntervalActive(IntervalField.SANCTIONS, x,
                                                   (SanctionScope.ALL,))]
            for a in p.schedule.away:
                for x in (a.start - US, a.start, a.end - US, a.end):
                    filters.append(IntervalActive(IntervalField.AWAY, x))
        assert len(filters) > 300
        for f in filters:
            expected = sum(1 for v in values.values() if matches(f, v))
            assert backend.count(f) == expected, f
    finally:
        backend.close()
