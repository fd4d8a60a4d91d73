"""Embedded-backend search internals: the HNSW path and its exact fallbacks, the persisted
graph, the memoised analyser, Lucene's length encoding, the inverted lists' rebuilds."""

from __future__ import annotations

from dataclasses import replace as dataclass_replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import analyze
from indexer.backends.embedded import EmbeddedBackend, inverted
from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.dense import DenseParams
from indexer.backends.embedded.lexical import lucene_length
from indexer.backends.embedded.manifest import read_manifest
from indexer.backends.filters import KeywordField, Range, RangeField, Terms
from indexer.backends.protocol import Completeness, IndexedProfile
from indexer.profile.enums import TextLanguage
from tests.factories import make_profile

DIM = 24
N = 3000
SMALL_ANN = DenseParams(min_rows_for_ann=1000, max_tail=200, exact_max_rows=100, exact_selectivity=0.02)


def _clustered(n: int, seed: int) -> np.ndarray:
    """Vectors around a few centres (like real embeddings), L2-normalised."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, DIM))
    v = centres[rng.integers(0, 20, n)] + 0.6 * rng.standard_normal((n, DIM))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    path = tmp_path_factory.mktemp("ann") / "index"
    vecs = _clustered(N, 1)
    base = make_profile("base")
    b = EmbeddedBackend.open(path, DIM, dense_params=SMALL_ANN)
    docs = [
        IndexedProfile(
            base.model_copy(update={"id": f"v{i:05d}", "daily_rate": float(100 + i % 1000),
                                    "country": ["DE", "FR", "ES"][i % 3]}),
            vecs[i], Completeness(0.5), f"h{i}",
        )
        for i in range(N)
    ]
    for i in range(0, N, 500):
        b.upsert(docs[i : i + 500])
    b.optimize()  # build the graph now and checkpoint it
    b.close()
    return path, vecs


def _exact(vecs: np.ndarray, q: np.ndarray, allowed: np.ndarray, k: int) -> list[str]:
    scores = np.where(allowed, vecs @ q, -np.inf)
    order = np.lexsort((np.arange(len(vecs)), -scores))[:k]
    return [f"v{i:05d}" for i in order if allowed[i]]


def test_hnsw_recall_and_k_hits(big: tuple[Path, np.ndarray]) -> None:
    path, vecs = big
    b = EmbeddedBackend.open(path, DIM, dense_params=SMALL_ANN)
    try:
        queries = _clustered(40, 2)
        rates = 100 + np.arange(N) % 1000
        cases = [
            (None, np.ones(N, bool)),
            (Terms(KeywordField.COUNTRY, "FR"), np.arange(N) % 3 == 1),
            (Range(RangeField.DAILY_RATE, lte=400), rates <= 400),
        ]
        for filt, allowed in cases:
            recall = []
            for q in queries:
                hits = b.dense_search(q, 10, filt)
                assert len(hits) == 10
                assert all(allowed[int(h.id[1:])] for h in hits)
                want = _exact(vecs, q, allowed, 10)
                recall.append(len({h.id for h in hits} & set(want)) / 10)
                # scores are exact cosines even on the approximate path
                for h in hits:
                    assert h.score == pytest.approx(float(vecs[int(h.id[1:])] @ q), abs=1e-5)
            assert np.mean(recall) >= 0.95
        assert b._dense.ann_slots > 0  # the graph was really used
    finally:
        b.close()


def test_graph_is_persisted_and_tail_searched_exactly(big: tuple[Path, np.ndarray]) -> None:
    path, _ = big
    m = read_manifest(path)
    assert m is not None and m.ann is not None and m.ann.slots == N
    b = EmbeddedBackend.open(path, DIM, dense_params=SMALL_ANN)
    try:
        assert b._dense.ann_slots == N  # loaded, not rebuilt
        # a new document lands in the exact tail and is found at once
        q = _clustered(1, 99)[0]
        b.upsert([IndexedProfile(make_profile("fresh"), q, Completeness(0.5), "h")])
        assert b.dense_search(q, 1)[0].id == "fresh"
        assert b._dense.ann_slots == N
        # a deleted document is never returned even though it stays in the graph
        b.delete(["fresh"])
        assert b.dense_search(q, 5)[0].id != "fresh"
    finally:
        b.close()


def test_restrictive_filter_is_exact(big: tuple[Path, np.ndarray]) -> None:
    path, vecs = big
    b = EmbeddedBackend.open(path, DIM, dense_params=SMALL_ANN)
    try:
        ids = [f"v{i:05d}" for i in range(0, N, 97)]  # ~31 rows: < 2 %
        allowed = np.zeros(N, bool)
        allowed[np.arange(0, N, 97)] = True
        for q in _clustered(10, 3):
            assert [h.id for h in b.dense_search(q, 10, Terms(KeywordField.ID, ids))] == _exact(vecs, q, allowed, 10)
    finally:
        b.close()


def test_corrupt_graph_is_rebuilt(big: tuple[Path, np.ndarray], tmp_path: Path) -> None:
    import shutil

    path, vecs = big
    copy = tmp_path / "copy"
    shutil.copytree(path, copy, ignore=shutil.ignore_patterns("LOCK"))
    m = read_manifest(copy)
    assert m is not None and m.ann is not None
    (copy / m.ann.file).write_bytes(b"garbage")
    b = EmbeddedBackend.open(copy, DIM, dense_params=SMALL_ANN)
    try:
        q = vecs[123]
        assert b.dense_search(q, 1)[0].id == "v00123"
    finally:
        b.close()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(list(TextLanguage)))
def test_cached_analyzer_equals_analyze(text: str, lang: TextLanguage) -> None:
    a = CachedAnalyzer()
    assert a.analyze(text, lang) == analyze(text, lang)
    assert a.analyze(text + " " + text, lang) == analyze(text + " " + text, lang)


def test_lucene_length_encoding() -> None:
    # exact below 24; then 24 + (x keeping its 4 most significant bits), x = dl - 24
    dl = np.array([0, 1, 23, 24, 25, 39, 40, 41, 55, 56, 100, 1000])
    x = dl - 24
    expected = []
    for d, xi in zip(dl.tolist(), x.tolist(), strict=True):
        if d < 24:
            expected.append(d)
        else:
            shift = max(xi.bit_length() - 4, 0)
            expected.append(24 + ((xi >> shift) << shift))
    assert lucene_length(dl).tolist() == expected
    assert lucene_length(np.array([40, 41, 42]))[0] == 40  # 16 = 0b10000 → kept
    assert lucene_length(np.array([57]))[0] == 56  # 33 = 0b100001 → 32


def test_inverted_lists_rebuild_keeps_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inverted, "TAIL_MIN", 16)
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    try:
        vec = _clustered(200, 5)
        for i in range(0, 200, 10):
            b.upsert([
                IndexedProfile(make_profile(f"r{j:03d}", skills=[{"name": f"skill{j % 7}"}],
                                            headline=f"word{j % 5} developer"), vec[j], Completeness(0.5), "h")
                for j in range(i, i + 10)
            ])
        assert b.count(Terms(KeywordField.SKILLS, "skill3")) == len([j for j in range(200) if j % 7 == 3])
        hits = b.lexical_search("word2", 200)
        assert {h.id for h in hits} == {f"r{j:03d}" for j in range(200) if j % 5 == 2}
    finally:
        b.close()


def _starving(factor: int) -> DenseParams:
    """The graph path forced for any filter, with a walk narrow enough to starve."""
    return DenseParams(
        min_rows_for_ann=1000, max_tail=200, exact_max_rows=0, exact_selectivity=0.0,
        ef_search=16, refine_factor=1, refine_min=1, starved_ef_factor=factor,
    )


def test_graph_walk_that_starves_falls_back_to_exact(big: tuple[Path, np.ndarray]) -> None:
    """Force the graph path for a filter only 12 rows pass, no wider second walk: whatever
    the walk finds, k hits come back and they are the exact ones."""
    path, vecs = big
    b = EmbeddedBackend.open(path, DIM, dense_params=_starving(1))
    try:
        rows = np.arange(5, N, 250)[:12]
        allowed = np.zeros(N, bool)
        allowed[rows] = True
        f = Terms(KeywordField.ID, [f"v{i:05d}" for i in rows])
        for q in _clustered(10, 4):
            hits = b.dense_search(q, 10, f)
            assert [h.id for h in hits] == _exact(vecs, q, allowed, 10)
    finally:
        b.close()


def _log_strategy(
    b: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[tuple[int, int]], list[int]]:
    """Record the graph walks ((efSearch, hits found)) and exact scans of ``b``'s dense index."""
    walks: list[tuple[int, int]] = []
    exact_calls: list[int] = []
    dense = b._dense
    walk, exact = dense._walk, dense.exact

    def walk_logged(*a: Any) -> tuple[np.ndarray, np.ndarray]:
        out = walk(*a)
        walks.append((a[-1], len(out[0])))
        return out

    def exact_logged(*a: Any, **kw: Any) -> tuple[np.ndarray, np.ndarray]:
        exact_calls.append(1)
        return exact(*a, **kw)

    monkeypatch.setattr(dense, "_walk", walk_logged)
    monkeypatch.setattr(dense, "exact", exact_logged)
    return walks, exact_calls


def test_starved_walk_is_retried_wider_before_the_exact_scan(
    big: tuple[Path, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A walk that starves is retried with ``starved_ef_factor`` times the efSearch; the
    exact scan runs only when the wider walk starves too. Either way k hits come back, in
    score order, all passing the filter."""
    path, vecs = big
    rows = np.arange(0, N, 50)  # 60 rows pass, k = 50: a width-50 walk rarely finds 50 of them
    allowed = np.zeros(N, bool)
    allowed[rows] = True
    f = Terms(KeywordField.ID, [f"v{i:05d}" for i in rows])
    for factor in (64, 1):
        b = EmbeddedBackend.open(path, DIM, dense_params=_starving(factor))
        walks, exact_calls = _log_strategy(b, monkeypatch)
        starved = 0
        try:
            for q in _clustered(5, 9):
                walks.clear()
                exact_calls.clear()
                hits = b.dense_search(q, 50, f)
                assert [h.id for h in hits] == _exact(vecs, q, allowed, 50)
                assert walks[0][0] == 50  # max(ef_search, k * refine_factor): the usual width
                if walks[0][1] >= 50:
                    assert len(walks) == 1 and not exact_calls
                    continue
                starved += 1
                if factor == 1:  # no second walk
                    assert len(walks) == 1 and exact_calls
                else:
                    assert walks[1][0] == 50 * factor
                    assert bool(exact_calls) == (walks[1][1] < 50)
                    assert len(walks) == 2
            assert starved >= 3  # the case under test happened
            if factor > 1:
                assert not exact_calls or walks[-1][1] < 50
        finally:
            b.close()


def test_dense_params_set_on_an_open_backend_act_on_the_next_search(
        big: tuple[Path, np.ndarray], monkeypatch: pytest.MonkeyPatch) -> None:
    path, vecs = big
    b = EmbeddedBackend.open(path, DIM, dense_params=SMALL_ANN)
    try:
        assert b.dense_params == SMALL_ANN
        walks, exact_calls = _log_strategy(b, monkeypatch)
        q = _clustered(1, 11)[0]
        b.dense_search(q, 10)
        assert walks and not exact_calls  # the graph, as SMALL_ANN says
        walks.clear()
        b.dense_params = DenseParams(min_rows_for_ann=1000, exact_selectivity=1.01)
        hits = b.dense_search(q, 10)
        assert exact_calls and not walks  # every row passes, yet below 101 %: exact
        assert [h.id for h in hits] == _exact(vecs, q, np.ones(N, bool), 10)
        exact_calls.clear()
        b.dense_params = dataclass_replace(SMALL_ANN, refine_factor=40)
        b.dense_search(q, 10)
        assert walks[0][0] == 10 * 40 > SMALL_ANN.ef_search  # the new factor sets the width
        with pytest.raises(TypeError, match="DenseParams"):
            b.dense_params = {"refine_factor": 2}  # type: ignore[assignment]
        assert b.dense_params.refine_factor == 40  # unchanged by the refused value
    finally:
        b.close()
