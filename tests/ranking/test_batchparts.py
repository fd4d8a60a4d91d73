"""A base batch assembled from an early part and the rest (:mod:`ranking.batchparts`) equals
the batch of all the views at once, bit for bit; and the ranker, when its thread computes
the early part while the dense search runs, returns exactly what the sequential ranker does."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import ranking.ranker as ranker_module
from indexer.embedding.hashing import HashingEmbedder
from ranking import Ranker
from ranking.batch import BaseBatch
from ranking.batchparts import batch_for, concat_rows, signals_of
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population
from tests.ranking.test_batch import _ctx, _views
from tests.ranking.test_fast_path import _briefs, world  # noqa: F401  (fixture)
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit


def _assert_same(got: BaseBatch, want: BaseBatch) -> None:
    assert [v.id for v in got.views] == [v.id for v in want.views]
    assert list(got.columns) == list(want.columns)
    for name, col in want.columns.items():
        other = got.columns[name]
        if col is None:
            assert other is None, name
        else:
            assert other is not None and other.dtype == col.dtype, name
            assert other.tobytes() == col.tobytes(), name  # bit for bit, NaN included
    assert got.distance_km == want.distance_km
    assert got.rate_eur == want.rate_eur
    assert got.is_new == want.is_new
    for i in range(len(want)):
        assert got.features(i).values.keys() == want.features(i).values.keys()


def _check_splits(ctx, views, seed: int) -> None:  # type: ignore[no-untyped-def]
    whole = signals_of(ctx, views)
    rng = np.random.default_rng(seed)
    for share in (0.0, 0.3, 0.5, 1.0):
        early_views = [v for v in views if rng.random() < share]
        extra = views[: len(views) // 10]  # early rows the final list may not have
        early = signals_of(ctx, [*early_views, *(v for v in extra if v not in early_views)])
        _assert_same(batch_for(ctx, views, early), whole)
    _assert_same(batch_for(ctx, views, None), whole)


def test_assembled_batch_equals_the_whole_on_every_criterion(world) -> None:  # noqa: F811
    views = _views(world)
    for seed, brief in enumerate(_briefs()):
        for as_of in (NOW, NOW + timedelta(days=40)):
            _check_splits(_ctx(brief, as_of, seed), views, seed)


@given(brief=briefs, as_of=as_ofs)
@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_assembled_batch_equals_the_whole_on_generated_briefs(world, brief, as_of) -> None:  # noqa: F811
    _check_splits(_ctx(brief, as_of, 3), _views(world), 5)


def test_batches_of_different_queries_are_not_combined(world) -> None:  # noqa: F811
    views = _views(world)[:20]
    with_rate = signals_of(_ctx(_briefs()[0], NOW, 1), views)  # a budget: the rate signal
    without = signals_of(_ctx(_briefs()[3], NOW, 1), views)  # none
    with pytest.raises(ValueError, match="different queries"):
        concat_rows((with_rate, without), np.arange(10))


class _DenseWaits:
    """A real backend whose dense search starts only once the ranker's thread has computed
    the early batch (or after 10 s), so that the early path certainly runs."""

    def __init__(self, inner, early_done: threading.Event) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.dimension = inner.dimension
        self.early_done = early_done

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)

    def dense_search(self, vector, k, filt=None):  # type: ignore[no-untyped-def]
        self.early_done.wait(10)
        return self.inner.dense_search(vector, k, filt)


def test_the_ranker_computes_the_best_lexical_hits_early_with_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = build_index(tmp_path, population(150, seed=6))
    early_done = threading.Event()
    early_batches: list[BaseBatch] = []
    original = ranker_module.Ranker._batch_while_waiting

    def recording(self, *args):  # type: ignore[no-untyped-def]
        batch = original(self, *args)
        if batch is not None:
            early_batches.append(batch)
        early_done.set()
        return batch

    monkeypatch.setattr(ranker_module.Ranker, "_batch_while_waiting", recording)
    try:
        plain = Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary())
        overlapped = Ranker(_DenseWaits(backend, early_done), HashingEmbedder(32),  # type: ignore[arg-type]
                            vocabulary=TinyVocabulary(), overlap_embedding=True)
        for brief in _briefs():
            early_done.clear()
            early_batches.clear()
            got = overlapped.rank(brief, k=30, as_of=NOW)
            assert got.model_dump(mode="json") == plain.rank(brief, k=30, as_of=NOW).model_dump(mode="json")
            lexical = [h.id for h in plain._lexical(plain._prepare(brief, NOW))]
            if lexical:  # the early batch holds the best lexical hits, in order
                (early,) = early_batches
                assert [v.id for v in early.views] == lexical[: len(early)]
                assert len(early) > 0
    finally:
        backend.close()
