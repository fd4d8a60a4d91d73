"""A compiled filter over lazily computed values decides as the reference semantics do.

Oracle: :func:`indexer.backends.reference.matches` on :func:`filter_values`. Checked for every
filter of the contract suite and the ranker's own eligibility filters, on the contract corpus,
the hand-made edge profiles and the records of both (what the ranker checks)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indexer.backends.filters import (
    And,
    Filter,
    KeywordField,
    Range,
    RangeField,
    Terms,
    filter_values,
)
from indexer.backends.predicate import LazyValues, compile_filter
from indexer.backends.reference import matches
from indexer.profile.model import Profile
from indexer.profile.record import ProfileRecord
from ranking import Brief, SearchMode
from ranking.config import RankingConfig
from ranking.policy import EligibilityPolicy
from ranking.query import hard_rules
from ranking.rules import conjunction
from tests.contract.corpus import corpus_profiles
from tests.contract.test_filters import FILTERS
from tests.factories import NOW
from tests.indexer.edge_profiles import edge_profiles


@pytest.fixture(scope="module")
def profiles() -> list[Profile]:
    return [*corpus_profiles(), *edge_profiles()]


def _policy_filters() -> dict[str, Filter]:
    policy = EligibilityPolicy.default()
    out: dict[str, Filter] = {}
    for mode in SearchMode:
        for days in (-30, 0, 45):
            as_of = NOW + timedelta(days=days)
            out[f"{mode.value}+{days}d"] = conjunction(policy.rules(mode, as_of))
    brief = Brief.model_validate({"title": "Data engineer", "description": "Pipelines in Python.",
                                  "profile_type": "agency"})
    rules = (*policy.rules(SearchMode.SELF_SERVICE, NOW), *hard_rules(brief, RankingConfig.default(), ()))
    out["self_service+brief"] = And(conjunction(rules), Terms(KeywordField.SKILLS, {"python", "sql"}))
    return out


CASES: dict[str, Filter] = {
    **FILTERS,
    **_policy_filters(),
    "available_missing_gte": Range(RangeField.AVAILABLE_FROM, gte=NOW.date()),
    "repeated_field": And(Terms(KeywordField.PROFILE_TYPE, "agency"),
                          Terms(KeywordField.PROFILE_TYPE, {"agency", "new-talent"})),
}


@pytest.mark.parametrize("name", list(CASES))
def test_compiled_filter_agrees_with_the_reference(profiles: list[Profile], name: str) -> None:
    f = CASES[name]
    check = compile_filter(f)
    verdicts = []
    for p in profiles:
        want = matches(f, filter_values(p))
        assert check(LazyValues(p)) is want, p.id
        assert check(LazyValues(ProfileRecord.of(p))) is want, p.id
        verdicts.append(want)
    if name in _policy_filters():  # the policies both admit and exclude some of them
        assert any(verdicts) and not all(verdicts), name


def test_lazy_values_read_what_filter_values_holds(profiles: list[Profile]) -> None:
    for p in profiles[:80]:
        full, lazy = filter_values(p), LazyValues(p)
        for field, value in full.keywords.items():
            assert lazy.keywords.get(field) == value
        for rfield, rvalue in full.ranges.items():
            assert lazy.ranges.get(rfield) == rvalue
        for ifield, ivalue in full.intervals.items():
            assert lazy.intervals.get(ifield) == ivalue
        assert lazy.coordinates == full.coordinates


def test_not_a_filter_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not a filter"):
        compile_filter("account_status = active")  # type: ignore[arg-type]
