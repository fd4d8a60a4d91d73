"""Contract: dense search is exact on small sets, filtered inside, and breaks ties on id."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.backends.filters import Filter, KeywordField, MatchAll, Terms
from indexer.backends.protocol import SearchBackend
from indexer.backends.reference import matches
from tests.contract.conftest import Corpus, doc, vec
from tests.contract.test_filters import FILTERS
from tests.factories import make_profile


def brute_force(corpus: Corpus, q: np.ndarray, f: Filter) -> list[tuple[str, float]]:
    """All passing documents by cosine descending, ties on id."""
    scored = [
        (pid, float(np.dot(v, q) / (np.linalg.norm(v) * np.linalg.norm(q))))
        for pid, v in corpus.vectors.items()
        if matches(f, corpus.values[pid])
    ]
    return sorted(scored, key=lambda t: (-t[1], t[0]))


def assert_same_ranking(hits: list, want: list[tuple[str, float]], k: int, gap: float = 1e-4) -> None:
    """Same ids in the same order, except among scores closer than ``gap`` (compared as sets)."""
    want_k = want[:k]
    assert len(hits) == len(want_k)
    for h, (_, s) in zip(hits, want_k, strict=True):
        assert h.score == pytest.approx(s, abs=1e-4)
    # group by well-separated score levels and compare sets per group
    i = 0
    while i < len(want_k):
        j = i + 1
        while j < len(want_k) and want_k[j - 1][1] - want_k[j][1] < gap:
            j += 1
        assert {h.id for h in hits[i:j]} == {pid for pid, _ in want_k[i:j]} or j == len(want_k)
        i = j
    if len(want) > k and want[k - 1][1] - want[k][1] >= gap:
        assert {h.id for h in hits} == {pid for pid, _ in want_k}


@pytest.mark.parametrize("fname", ["match_all", "and", "nested", "or", "skills_multi", "geo_paris_500km"])
@pytest.mark.parametrize("seed", range(4))
def test_matches_brute_force(corpus: Corpus, fname: str, seed: int) -> None:
    q = vec(f"dense-q{seed}", corpus.backend.dimension)
    f = FILTERS[fname]
    for k in (1, 10, 25):
        hits = corpus.backend.dense_search(q, k, f)
        assert_same_ranking(hits, brute_force(corpus, q, f), k)


def test_unnormalised_query_is_cosine(corpus: Corpus) -> None:
    q = vec("scaled", corpus.backend.dimension)
    a = corpus.backend.dense_search(q, 10)
    b = corpus.backend.dense_search(q * 7.5, 10)
    assert [h.id for h in a] == [h.id for h in b]
    assert [h.score for h in a] == pytest.approx([h.score for h in b], abs=1e-5)


def test_restrictive_filter_returns_all_that_pass(corpus: Corpus) -> None:
    ids = ["c003", "c150", "c299"]
    hits = corpus.backend.dense_search(vec("r", corpus.backend.dimension), 10, Terms(KeywordField.ID, ids))
    assert sorted(h.id for h in hits) == ids


def test_restrictive_filter_still_returns_k(corpus: Corpus) -> None:
    # find a filter that about a dozen profiles pass, and ask for fewer than that
    f = FILTERS["and"]
    ids = sorted(pid for pid, v in corpus.values.items() if matches(f, v))[:12]
    f_small = Terms(KeywordField.ID, ids)
    q = vec("restrictive", corpus.backend.dimension)
    hits = corpus.backend.dense_search(q, 10, f_small)
    assert_same_ranking(hits, brute_force(corpus, q, f_small), 10)


def test_no_document_passes(corpus: Corpus) -> None:
    assert corpus.backend.dense_search(vec("x", corpus.backend.dimension), 10, Terms(KeywordField.ID, "zz")) == []


def test_k_larger_than_index(backend: SearchBackend) -> None:
    dim = backend.dimension
    backend.upsert([doc(make_profile(f"s{i}"), dim) for i in range(4)])
    assert len(backend.dense_search(vec("q", dim), 50, MatchAll())) == 4


def test_ties_break_on_id(backend: SearchBackend) -> None:
    dim = backend.dimension
    same = vec("same", dim)
    ids = ["t5", "t1", "t3", "t0", "t4", "t2"]
    backend.upsert([doc(make_profile(i), dim, same) for i in ids])
    backend.upsert([doc(make_profile("other"), dim, vec("other", dim))])
    hits = backend.dense_search(same, 3)
    assert [h.id for h in hits] == ["t0", "t1", "t2"]
    assert hits[0].score == hits[1].score == hits[2].score
    hits = backend.dense_search(same, 7)
    assert [h.id for h in hits[:6]] == sorted(ids)
    assert hits[6].id == "other"
