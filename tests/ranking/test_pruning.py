"""Pruned scoring ranks exactly as scoring every candidate.

* :func:`ranking.pruning.score_until_settled` against brute force on random candidates
  (bounds above the exact scores, new profiles, ties): the first ``need`` results of
  :func:`ranking.exposure.order` are the same.
* :func:`ranking.pruning.upper_bound` is never below the exact score of a real profile.
* A ranker with pruning returns what one without it returns (order, scores, explanations,
  new-profile slots) on generated briefs, and does skip candidates.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.embedding.hashing import HashingEmbedder
from ranking import EligibilityPolicy, Ranker, RankingConfig
from ranking.exposure import Scored, order
from ranking.features import (
    QueryContext,
    base_features,
    compute_features,
    text_signals_applicable,
)
from ranking.profileview import ProfileView
from ranking.pruning import Bounded, score_until_settled, upper_bound
from ranking.scoring import weighted
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary
from tests.ranking.test_fast_path import DIM, _briefs, world  # noqa: F401  (fixture)
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit

candidate = st.tuples(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]) | st.floats(0, 1),
                      st.floats(0, 0.5), st.booleans())


@given(cands=st.lists(candidate, max_size=60), need=st.integers(1, 25),
       slots=st.integers(0, 3))
@settings(max_examples=400, derandomize=True, deadline=None)
def test_settled_prefix_equals_brute_force(cands, need: int, slots: int) -> None:
    items = [(f"p{i:03d}", exact, min(1.0, exact + slack), new)
             for i, (exact, slack, new) in enumerate(cands)]
    bounded = [Bounded(pid, upper, new, (pid, exact, new)) for pid, exact, upper, new in items]
    scored = score_until_settled(bounded, lambda t: t, lambda t: t[1], need=need, slots=slots)

    def first(rows):  # type: ignore[no-untyped-def]
        ranked = order([Scored(pid, exact, new, None) for pid, exact, new in rows],
                       slots=slots, page_size=need)
        return [(s.id, s.score, promoted) for s, promoted in ranked[:need]]

    assert first(scored) == first([(pid, exact, new) for pid, exact, _, new in items])


@given(cands=st.lists(st.tuples(st.sampled_from([0.0, -0.0, 0.5, 1.0]), st.booleans()),
                     max_size=40), seed=st.randoms(use_true_random=False))
@settings(max_examples=200, derandomize=True, deadline=None)
def test_candidates_are_scored_by_bound_then_id(cands, seed) -> None:
    """Scoring order (which decides how many are scored: ``scored_candidates``) is
    ``(-upper, id)`` whatever the input order, ties (few distinct bounds) on id."""
    bounded = [Bounded(f"p{i:03d}", upper, new, i) for i, (upper, new) in enumerate(cands)]
    seed.shuffle(bounded)
    seen: list[int] = []
    score_until_settled(bounded, lambda i: seen.append(i) or 0.0, lambda r: r,
                        need=len(cands) + 1, slots=0)  # never settled: every one is scored
    expected = sorted(bounded, key=lambda c: (-c.upper, c.id))
    assert seen == [c.item for c in expected]


def test_the_bound_is_never_below_the_score(world) -> None:  # noqa: F811
    profiles, backend = world
    config, policy, vocabulary = RankingConfig.default(), EligibilityPolicy.default(), TinyVocabulary()
    docs = backend.get([p.id for p in profiles])
    rng = np.random.default_rng(4)
    checked = 0
    for brief in _briefs():
        q = rng.standard_normal(DIM).astype(np.float32)
        q /= np.linalg.norm(q)
        ctx = QueryContext.build(brief, config, policy, vocabulary, NOW, q)
        for doc in docs.values():
            view = ProfileView.of(doc)
            bound = upper_bound(base_features(ctx, view).values, config.weights,
                                text_signals_applicable(ctx))
            exact, _ = weighted(compute_features(ctx, view).values, config.weights)
            assert exact <= bound
            checked += 1
    assert checked == len(_briefs()) * len(profiles)


def _dump(result):  # type: ignore[no-untyped-def]
    out = result.model_dump(mode="json")
    out.pop("scored_candidates")
    return out


@given(brief=briefs, as_of=as_ofs, k=st.sampled_from([1, 5, 20, 30]))
@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_pruned_ranker_equals_the_full_one(world, brief, as_of, k: int) -> None:  # noqa: F811
    _, backend = world
    full = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary(), prune=False)
    pruned = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    assert _dump(pruned.rank(brief, k=k, as_of=as_of)) == _dump(full.rank(brief, k=k, as_of=as_of))


def test_pruning_skips_candidates(world) -> None:  # noqa: F811
    _, backend = world
    full = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary(), prune=False)
    pruned = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    skipped = 0
    for brief in _briefs():
        a = pruned.rank(brief, k=5, as_of=NOW)
        b = full.rank(brief, k=5, as_of=NOW)
        assert _dump(a) == _dump(b)
        assert a.scored_candidates <= b.scored_candidates
        skipped += b.scored_candidates - a.scored_candidates
    assert skipped > 0
