"""``filter_values_batch`` gives, field by field, exactly what ``filter_values`` gives for each
profile (same values, same types): on generated profiles, on every value of the closed sets,
on the rarer paths (sanctions, away periods, missing parts, odd skill names and levels) and on
a profile holding values outside their declared types (the row-by-row fallback)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.backends.filters import (
    FilterValues,
    IntervalField,
    KeywordField,
    RangeField,
    concat_values,
    filter_values,
    filter_values_batch,
)
from indexer.generate import generate_profiles
from indexer.profile.enums import (
    LanguageLevel,
)
from indexer.profile.model import Profile
from tests.factories import make_profile
from tests.indexer.edge_profiles import edge_profiles
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



def test_batch_equals_per_profile_on_every_special_case() -> None:
    edges = edge_profiles()
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
    for o in odd:  # each alone: one value outside its type, the rest of the batch normal
        _check([base, o, base])
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


def test_concatenated_batches_equal_the_batch_of_all() -> None:
    profiles = list(generate_profiles(120, seed=5)) + edge_profiles()
    parts = [filter_values_batch(profiles[i : i + 50]) for i in range(0, len(profiles), 50)]
    whole = concat_values(parts)
    assert len(whole) == len(profiles)
    for i, p in enumerate(profiles):
        _same(whole.row(i), filter_values(p))
    assert concat_values([parts[0]]) is parts[0]
    assert len(concat_values([])) == 0


def test_batch_columns_share_the_keywords_of_equal_values() -> None:
    """Rows with the same value get the same tuple (made once per distinct value)."""
    profiles = [make_profile(f"s{i}", country="DE", city=" Berlin ") for i in range(3)]
    batch = filter_values_batch(profiles)
    assert batch.keywords[KeywordField.COUNTRY] == [("DE",)] * 3
    assert batch.keywords[KeywordField.CITY] == [("berlin",)] * 3
    first = batch.keywords[KeywordField.CITY][0]
    assert all(t is first for t in batch.keywords[KeywordField.CITY])
