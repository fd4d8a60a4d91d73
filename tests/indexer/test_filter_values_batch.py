"""``filter_values_batch`` gives, field by field, exactly what ``filter_values`` gives for each
profile (same values, same types): on generated profiles, on every value of the closed sets,
on the rarer paths (sanctions, away periods, missing parts, odd skill names and levels) and on
a profile holding values outside their declared types (the row-by-row fallback)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.backends.filters import (
    FilterValues,
    IntervalField,
    KeywordField,
    RangeField,
    filter_values,
    filter_values_batch,
)
from indexer.generate import generate_profiles
from indexer.profile.enums import (
    AccountStatus,
    AvailabilityStatus,
    LanguageLevel,
    RemoteMode,
    SanctionKind,
    SanctionScope,
    Seniority,
    TextLanguage,
)
from indexer.profile.model import Profile
from tests.factories import NOW, make_profile
from tests.indexer.reference_filter_values import reference_filter_values


def _typed(x: Any) -> Any:
    """``x`` with the exact type of every part, so ``"a" != StrEnum("a")`` and ``1 != 1.0``."""
    if isinstance(x, tuple | list):
        return (type(x).__name__, tuple(_typed(v) for v in x))
    if isinstance(x, dict):
        return {k: _typed(v) for k, v in x.items()}
    return (type(x).__name__, x)


def _same(got: FilterValues, want: FilterValues) -> None:
    assert got == want
    for f in KeywordField:  # same order of fields, same values, same types
        assert _typed(got.keywords[f]) == _typed(want.keywords[f]), f
    assert list(got.keywords) == list(want.keywords)
    assert list(got.ranges) == list(want.ranges)
    for rf in RangeField:
        assert _typed(got.ranges[rf]) == _typed(want.ranges[rf]), rf
    assert list(got.intervals) == list(want.intervals)
    for inf in IntervalField:
        assert _typed(got.intervals[inf]) == _typed(want.intervals[inf]), inf
    assert _typed(got.coordinates) == _typed(want.coordinates)


def _check(profiles: list[Profile]) -> None:
    batch = filter_values_batch(profiles)
    assert len(batch) == len(profiles)
    assert set(batch.keywords) == set(KeywordField)
    assert set(batch.ranges) == set(RangeField)
    assert set(batch.intervals) == set(IntervalField)
    for i, p in enumerate(profiles):
        want = filter_values(p)
        _same(batch.row(i), want)
        assert want == reference_filter_values(p)


def test_batch_equals_per_profile_on_generated_profiles() -> None:
    profiles = list(generate_profiles(1500, seed=21))
    _check(profiles)
    _check(profiles[:300])  # memos warm
    _check(list(reversed(profiles[:50])))


def test_batch_of_nothing() -> None:
    batch = filter_values_batch([])
    assert len(batch) == 0
    assert all(col == [] for col in batch.keywords.values())


def _edge_profiles() -> list[Profile]:
    start = NOW - timedelta(days=3)
    out = [
        make_profile(
            "sanctioned",
            sanctions=[
                {"kind": "permanent_suspension", "start": start.isoformat()},
                {"kind": "warning", "scope": "curated", "start": start.isoformat(), "end": NOW.isoformat()},
                *({"kind": k.value, "start": start.isoformat()} for k in SanctionKind),
                *(
                    {"kind": "warning", "scope": s.value, "start": start.isoformat()}
                    for s in SanctionScope
                ),
            ],
            schedule={
                "no_weekends": True,
                "away": [
                    {"start": start.isoformat(), "end": NOW.isoformat()},
                    {"start": NOW.isoformat(), "end": (NOW + timedelta(days=9)).isoformat()},
                ],
            },
            published=False,
            super_status=True,
        ),
        make_profile(
            "bare",
            coordinates=None,
            city=None,
            country=None,
            headline="",
            description="",
            skills=[],
            languages=[],
            daily_rate=None,
        ),
        make_profile("blank-city", city="", categories=["data", "web-dev"], sectors=["finance"]),
        make_profile(
            "odd-city",
            city="  Köln\0 ",
            skills=[{"name": "  Node.JS  "}, {"name": "C++"}, {"name": "Straße\tBau"}],
        ),
        make_profile(
            "available-later",
            availability={"status": "partially_available", "available_from": "2027-01-15"},
            seniority="senior",
            years_experience=1,
            profile_type="expert",
            currency="CHF",
        ),
    ]
    out += [make_profile(f"years-{y}", years_experience=y) for y in (0, 2.99, 3, 7.99, 8, 60)]
    out += [make_profile(f"acct-{a.value}", account_status=a.value) for a in AccountStatus]
    out += [make_profile(f"remote-{r.value}", remote=r.value) for r in RemoteMode]
    out += [make_profile(f"sen-{s.value}", seniority=s.value) for s in Seniority]
    out += [
        make_profile(f"avail-{a.value}", availability={"status": a.value}) for a in AvailabilityStatus
    ]
    out += [make_profile(f"text-{t.value}", text_language=t.value) for t in TextLanguage]
    out += [
        make_profile(
            f"lang-{lvl.value}",
            languages=[{"code": c, "level": lvl.value} for c in ("en", "de", "zz")],
        )
        for lvl in LanguageLevel
    ]
    return out


def test_batch_equals_per_profile_on_every_special_case() -> None:
    edges = _edge_profiles()
    _check(edges)
    _check(edges + list(generate_profiles(50, seed=3)) + edges)


def test_values_outside_their_types_take_the_per_profile_path() -> None:
    """``model_copy(update=...)`` does not validate: a boolean field holding ``1`` or an
    enum field holding a plain string gives what ``filter_values`` gives for it."""
    base = make_profile("x")
    odd = [
        base.model_copy(update={"published": 1}),
        base.model_copy(update={"super_status": 0}),
        base.model_copy(update={"schedule": base.schedule.model_copy(update={"no_weekends": 2})}),
    ]
    _check([base, *odd])
    broken = base.model_copy(update={"account_status": "active"})  # a str: no ``.value``
    with pytest.raises(AttributeError):
        filter_values(broken)
    with pytest.raises(AttributeError):
        filter_values_batch([base, broken])


_NAME = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).filter(str.strip)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(_NAME, max_size=5, unique_by=lambda s: " ".join(s.lower().split())),
            st.lists(
                st.tuples(
                    st.sampled_from(["en", "de", "fr", "zz"]), st.sampled_from(list(LanguageLevel))
                ),
                max_size=4,
                unique_by=lambda t: t[0],
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_batch_equals_per_profile_on_odd_values(
    rows: list[tuple[list[str], list[tuple[str, LanguageLevel]]]],
) -> None:
    profiles = []
    for i, (skills, languages) in enumerate(rows):
        try:
            profiles.append(
                make_profile(
                    f"x{i}",
                    skills=[{"name": s} for s in skills],
                    languages=[{"code": c, "level": lvl.value} for c, lvl in languages],
                )
            )
        except ValueError:  # not a valid profile (e.g. two names with the same key)
            continue
    _check(profiles)
