"""Properties of the score and of the final order (pure functions, no backend)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranking.config import RankingConfig
from ranking.exposure import Scored, order
from ranking.scoring import effective_weights, score, weighted, weighted_by
from ranking.signals import SignalName

pytestmark = pytest.mark.unit

SIGNALS = list(SignalName)
values_st = st.fixed_dictionaries(
    {n: st.one_of(st.none(), st.floats(0, 1)) for n in SIGNALS}
).filter(lambda d: any(v is not None for v in d.values()))
weights_st = st.fixed_dictionaries({n: st.floats(0, 5) for n in SIGNALS}).filter(
    lambda w: sum(w.values()) > 0.01
)


@given(values_st, weights_st)
@settings(max_examples=200, derandomize=True)
def test_contributions_add_up_to_the_score(values, weights) -> None:
    total, contribs = score(values, weights)
    assert math.isclose(total, math.fsum(c.contribution for c in contribs), abs_tol=1e-12)
    assert 0 <= total <= 1 + 1e-9
    for c in contribs:
        assert values[c.name] is not None
        assert math.isclose(c.contribution, c.weight * c.value)
    if contribs:
        assert math.isclose(math.fsum(c.weight for c in contribs), 1.0)


def _straightforward(values, weights):  # the formula of the module docstring, term by term
    names = [n for n in SIGNALS if values.get(n) is not None and weights.get(n, 0.0) > 0]
    total_weight = sum(weights[n] for n in names)
    total, raw = 0.0, []
    for n in names:
        w = weights[n] / total_weight
        raw.append((n, float(values[n]), w, w * values[n]))
        total += w * values[n]
    return total, raw


@given(values_st, weights_st, st.sets(st.sampled_from(SIGNALS)))
@settings(max_examples=300, derandomize=True)
def test_weights_computed_once_per_query_score_exactly_the_same(values, weights, extra) -> None:
    """The ranker computes the effective weights once per query (``effective_weights``)
    and scores every candidate with them (``weighted_by``): the same floats as the formula."""
    expected = _straightforward(values, weights)
    assert weighted(values, weights) == expected
    applicable = [n for n, v in values.items() if v is not None]
    assert weighted_by(values, effective_weights(applicable, weights)) == expected
    # naming a signal without a value as applicable is a caller's bug, and fails loudly
    missing = [n for n in extra if values[n] is None and weights.get(n, 0.0) > 0]
    if missing:
        with pytest.raises(TypeError):
            weighted_by(values, effective_weights([*applicable, *missing], weights))


def test_default_weights_score() -> None:
    cfg = RankingConfig.default()
    total, contribs = score(dict.fromkeys(SignalName, 1.0), cfg.weights)
    assert total == pytest.approx(1.0)
    assert len(contribs) == len(SignalName)


profiles_st = st.lists(
    st.tuples(
        st.fixed_dictionaries({n: st.floats(0, 1) for n in SIGNALS}),
        st.booleans(),
    ),
    min_size=1,
    max_size=30,
)


def _ranks(rows, weights, slots, page):
    scored = [
        Scored(f"p{i:02d}", score(vals, weights)[0], new, None)
        for i, (vals, new) in enumerate(rows)
    ]
    return {s.id: r for r, (s, _) in enumerate(order(scored, slots=slots, page_size=page), start=1)}


@given(
    profiles_st,
    weights_st,
    st.data(),
    st.integers(0, 4),
    st.integers(1, 10),
)
@settings(max_examples=300, derandomize=True)
def test_raising_one_signal_never_lowers_the_rank(rows, weights, data, slots, page) -> None:
    slots = min(slots, page)
    i = data.draw(st.integers(0, len(rows) - 1))
    name = data.draw(st.sampled_from(SIGNALS))
    before = _ranks(rows, weights, slots, page)
    vals, new = rows[i]
    raised = dict(vals)
    raised[name] = data.draw(st.floats(vals[name], 1))
    after = _ranks([*rows[:i], (raised, new), *rows[i + 1 :]], weights, slots, page)
    assert after[f"p{i:02d}"] <= before[f"p{i:02d}"]


@given(profiles_st, st.integers(0, 4), st.integers(1, 10))
@settings(max_examples=200, derandomize=True)
def test_order_is_deterministic_and_fills_new_profile_slots(rows, slots, page) -> None:
    slots = min(slots, page)
    weights = RankingConfig.default().weights
    scored = [
        Scored(f"p{i:02d}", score(v, weights)[0], new, None) for i, (v, new) in enumerate(rows)
    ]
    a = order(scored, slots=slots, page_size=page)
    b = order(list(reversed(scored)), slots=slots, page_size=page)
    assert [s.id for s, _ in a] == [s.id for s, _ in b]
    assert sorted(s.id for s, _ in a) == sorted(s.id for s in scored)
    first = a[: min(page, len(a))]
    n_new = sum(1 for s in scored if s.is_new)
    assert sum(1 for s, _ in first if s.is_new) >= min(slots, n_new, len(first))
    # flagged profiles are new ones; the others stay in organic order
    assert all(s.is_new for s, flag in a if flag)
    plain = [(-s.score, s.id) for s, flag in a if not flag]
    assert plain == sorted(plain)
    # beyond the page the order is organic; within the page too
    for part in (first, a[len(first) :]):
        keys = [(-s.score, s.id) for s, _ in part]
        assert keys == sorted(keys)


def test_ties_break_on_profile_id() -> None:
    scored = [Scored(i, 0.5, False, None) for i in ("c", "a", "b")]
    assert [s.id for s, _ in order(scored, slots=0, page_size=3)] == ["a", "b", "c"]


def test_new_profile_slot_example() -> None:
    scored = [
        Scored("a", 0.9, False, None),
        Scored("b", 0.8, False, None),
        Scored("c", 0.7, False, None),
        Scored("n1", 0.2, True, None),
        Scored("n2", 0.1, True, None),
    ]
    out = order(scored, slots=1, page_size=3)
    assert [(s.id, f) for s, f in out] == [
        ("a", False),
        ("b", False),
        ("n1", True),
        ("c", False),
        ("n2", False),
    ]
