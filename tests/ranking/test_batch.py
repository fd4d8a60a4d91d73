"""The candidates' base signals computed together equal those computed one by one, exactly.

:func:`ranking.batch.base_batch` (what the ranker uses) against
:func:`ranking.features.base_features` (the per-profile form, itself checked against the
pre-view reference in ``test_fast_path``), on generated profiles (sanctions, missing rates,
coordinates and cities, stale availability, reviews removed...), for briefs that set every
criterion and none, at several ``as_of``; :func:`ranking.batch.upper_bounds` against
:func:`ranking.pruning.upper_bound`; and the ranker's scores and contributions against
``weighted(compute_features(...))`` of each result, the per-profile path end to end. Equality
is ``==`` on every value.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from indexer.embedding.hashing import HashingEmbedder
from ranking import EligibilityPolicy, Ranker, RankingConfig
from ranking.batch import base_batch, columns_of, upper_bounds
from ranking.features import (
    QueryContext,
    base_features,
    compute_features,
    text_signals_applicable,
    with_title,
)
from ranking.profileview import ProfileView
from ranking.pruning import upper_bound
from ranking.scoring import weighted
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary
from tests.ranking.test_fast_path import DIM, _briefs, world  # noqa: F401  (fixture)
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit


def _views(world):  # noqa: F811
    """The population's views, plus copies with the optional fields left out (no rate, no
    reviews' mean, unknown responsiveness, no place at all) and with odd values (an unknown
    currency, values outside their range, availability weeks after the start)."""
    profiles, backend = world
    docs = backend.get([p.id for p in profiles])
    views = [ProfileView.of(d) for d in docs.values()]
    blanks = [
        v._replace(id=f"{v.id}-blank", daily_rate=None, review_mean=None, answered_within_24h=None,
                   median_first_response_minutes=None, coordinates=None, city=None, country=None,
                   available_from=None, availability_confirmed_at=None)
        for v in views[::5]
    ]
    odd = [v._replace(id=f"{v.id}-xxx", currency="XXX", completeness=1.5, answered_within_24h=-0.5,
                      median_first_response_minutes=-3.0,
                      available_from=NOW.date() + timedelta(days=20 + i))
           for i, v in enumerate(views[1::7])]
    return views + blanks + odd


def _check(ctx: QueryContext, views: list[ProfileView]) -> None:
    batch = base_batch(ctx, views)
    assert len(batch) == len(views)
    weights = ctx.config.weights
    bounds = upper_bounds(batch, weights, text_signals_applicable(ctx))
    for i, view in enumerate(views):
        one = base_features(ctx, view)
        got = batch.features(i)
        assert list(got.values) == list(one.values)  # same signals, same order
        for name, value in one.values.items():
            assert got.values[name] == value, (view.id, name)
        assert (got.distance_km, got.rate_eur, got.is_new) == (one.distance_km, one.rate_eur, one.is_new)
        assert got.skill_matches == ()
        assert batch.titled(ctx, i) == with_title(ctx, view, got)
        assert bounds[i] == upper_bound(one.values, weights, text_signals_applicable(ctx))


def _ctx(brief, as_of, seed: int) -> QueryContext:
    q = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    q /= np.linalg.norm(q)
    return QueryContext.build(brief, RankingConfig.default(), EligibilityPolicy.default(),
                              TinyVocabulary(), as_of, q)


def test_batch_equals_one_by_one_on_every_criterion(world) -> None:  # noqa: F811
    views = _views(world)
    assert any(v.sanctions for v in views) and any(v.daily_rate is None for v in views)
    assert any(v.coordinates is None for v in views) and any(v.coordinates for v in views)
    for seed, brief in enumerate(_briefs()):
        for as_of in (NOW, NOW + timedelta(days=40), NOW - timedelta(days=200)):
            _check(_ctx(brief, as_of, seed), views)


@given(brief=briefs, as_of=as_ofs)
@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_batch_equals_one_by_one_on_generated_briefs(world, brief, as_of) -> None:  # noqa: F811
    _check(_ctx(brief, as_of, 7), _views(world))


def test_an_empty_batch(world) -> None:  # noqa: F811
    ctx = _ctx(_briefs()[0], NOW, 1)
    batch = base_batch(ctx, [])
    assert len(batch) == 0
    assert upper_bounds(batch, ctx.config.weights, text_signals_applicable(ctx)).shape == (0,)


@given(brief=briefs, as_of=as_ofs)
@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_ranked_scores_are_those_of_the_per_profile_path(world, brief, as_of) -> None:  # noqa: F811
    _check_ranked(world, brief, as_of)


def test_ranked_scores_on_every_criterion(world) -> None:  # noqa: F811
    assert sum(_check_ranked(world, brief, NOW) for brief in _briefs()) > 20


def _check_ranked(world, brief, as_of) -> int:  # noqa: F811
    _, backend = world
    ranker = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    result = ranker.rank(brief, k=30, as_of=as_of)
    ctx = ranker._prepare(brief, as_of).ctx  # the query as the ranker built it, vector included
    docs = backend.get([r.profile_id for r in result.results])
    for r in result.results:
        total, raw = weighted(compute_features(ctx, ProfileView.of(docs[r.profile_id])).values,
                              ctx.config.weights)
        assert r.score == total
        assert [(c.name, c.value, c.weight, c.contribution) for c in r.signals] == raw
    return len(result.results)


def test_columns_of_transposes_the_views(world) -> None:  # noqa: F811
    views = _views(world)
    col = columns_of(views)
    for name in ProfileView._fields:
        assert getattr(col, name) == tuple(getattr(v, name) for v in views), name
    assert all(c == () for c in columns_of([]))
