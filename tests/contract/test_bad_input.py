"""Contract: bad input gets a clear error and leaves the stored data exactly as it was."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.backends.protocol import Completeness, IndexedProfile, SearchBackend
from indexer.errors import InvalidInputError, TalentmatchError
from tests.contract.conftest import Store, doc, vec
from tests.factories import make_profile


def _seed(backend: SearchBackend) -> None:
    backend.upsert([doc(make_profile(f"ok{i}"), backend.dimension) for i in range(3)])


def test_wrong_dimension_names_the_profile_and_writes_nothing(backend: SearchBackend) -> None:
    _seed(backend)
    dim = backend.dimension
    good = doc(make_profile("good1"), dim)
    bad = IndexedProfile(make_profile("bad-dim"), np.ones(dim + 3, np.float32) / 3, Completeness(0.5), "h")
    with pytest.raises(InvalidInputError, match="bad-dim"):
        backend.upsert([good, bad])
    assert backend.count() == 3
    assert backend.get(["good1", "bad-dim"]) == {}


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_vector_rejected(backend: SearchBackend, value: float) -> None:
    _seed(backend)
    v = vec("x", backend.dimension).copy()
    v[3] = value
    with pytest.raises(InvalidInputError, match="nonfinite"):
        backend.upsert([IndexedProfile(make_profile("nonfinite"), v, Completeness(0.5), "h")])
    assert backend.count() == 3


@pytest.mark.parametrize("k", [0, -1])
def test_k_must_be_positive(backend: SearchBackend, k: int) -> None:
    _seed(backend)
    with pytest.raises(InvalidInputError):
        backend.dense_search(vec("q", backend.dimension), k)
    with pytest.raises(InvalidInputError):
        backend.lexical_search("python", k)


def test_query_vector_of_wrong_dimension(backend: SearchBackend) -> None:
    _seed(backend)
    with pytest.raises(InvalidInputError):
        backend.dense_search(np.ones(backend.dimension + 1, np.float32), 3)


def test_non_finite_query_vector(backend: SearchBackend) -> None:
    _seed(backend)
    q = vec("q", backend.dimension).copy()
    q[0] = np.nan
    with pytest.raises(InvalidInputError):
        backend.dense_search(q, 3)


def test_hostile_query_text_is_just_text(backend: SearchBackend) -> None:
    _seed(backend)
    for text in ['"; DROP TABLE profiles; --', '{"query": {"match_all": {}}}', "*:*", "python OR *", ""]:
        hits = backend.lexical_search(text, 5)
        assert all(h.id.startswith("ok") for h in hits)
    assert backend.lexical_search("*:*", 5) == []
    assert backend.count() == 3


def test_closed_backend_refuses(store: Store) -> None:
    b = store.open()
    _seed(b)
    b.close()
    with pytest.raises(TalentmatchError):
        b.count()
    with pytest.raises(TalentmatchError):
        b.upsert([doc(make_profile("late"), b.dimension)])
    with pytest.raises(TalentmatchError):
        b.dense_search(vec("q", b.dimension), 1)
