"""Contract: storing, replacing, reading, deleting and counting documents; persistence."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.backends.filters import KeywordField, Terms
from indexer.backends.protocol import Completeness, IndexedProfile, SearchBackend
from tests.contract.conftest import Store, doc, vec
from tests.factories import make_profile


def _docs(backend: SearchBackend, n: int, prefix: str = "p") -> list[IndexedProfile]:
    return [doc(make_profile(f"{prefix}{i:02d}"), backend.dimension) for i in range(n)]


def test_empty_backend(backend: SearchBackend) -> None:
    assert backend.count() == 0
    assert backend.get(["nope"]) == {}
    assert backend.content_hashes() == {}
    assert backend.dense_search(vec("q", backend.dimension), 5) == []
    assert backend.lexical_search("python", 5) == []


def test_upsert_get_roundtrip(backend: SearchBackend) -> None:
    p = make_profile("a1", headline="Data engineer", description="Spark and Kafka")
    d = IndexedProfile(p, vec("a1", backend.dimension), Completeness(0.75, ("photo", "portfolio")), "h-a1")
    backend.upsert([d])
    got = backend.get(["a1", "missing"])
    assert list(got) == ["a1"]
    g = got["a1"]
    assert g.profile == p
    assert g.completeness == Completeness(0.75, ("photo", "portfolio"))
    assert g.content_hash == "h-a1"
    assert g.vector.shape == (backend.dimension,)
    np.testing.assert_allclose(g.vector, d.vector, atol=1e-6)
    assert backend.count() == 1
    assert backend.content_hashes() == {"a1": "h-a1"}


def test_reupsert_replaces(backend: SearchBackend) -> None:
    dim = backend.dimension
    backend.upsert(_docs(backend, 5))
    newer = make_profile(
        "p02", headline="Brand designer", description="Logos and visual identity", skills=[{"name": "Figma"}]
    )
    backend.upsert([IndexedProfile(newer, vec("new", dim), Completeness(0.1), "h-new")])
    assert backend.count() == 5
    got = backend.get(["p02"])["p02"]
    assert got.profile.headline == "Brand designer"
    assert got.content_hash == "h-new"
    np.testing.assert_allclose(got.vector, vec("new", dim), atol=1e-6)
    # the old version is gone from every search and filter
    assert backend.count(Terms(KeywordField.SKILLS, "python")) == 4
    assert backend.count(Terms(KeywordField.SKILLS, "figma")) == 1
    assert backend.dense_search(vec("p02", dim), 1)[0].id != "p02"
    assert backend.dense_search(vec("new", dim), 1)[0].id == "p02"
    assert "p02" not in {h.id for h in backend.lexical_search("python", 10)}
    assert [h.id for h in backend.lexical_search("brand", 10)] == ["p02"]


def test_duplicate_ids_in_one_batch_keep_the_last(backend: SearchBackend) -> None:
    dim = backend.dimension
    first = IndexedProfile(make_profile("d1", headline="first"), vec(1, dim), Completeness(0.1), "h1")
    last = IndexedProfile(make_profile("d1", headline="last"), vec(2, dim), Completeness(0.2), "h2")
    backend.upsert([first, last])
    assert backend.count() == 1
    assert backend.get(["d1"])["d1"].profile.headline == "last"


def test_delete(backend: SearchBackend) -> None:
    dim = backend.dimension
    backend.upsert(_docs(backend, 6))
    assert backend.delete(["p01", "p03", "unknown"]) == 2
    assert backend.delete(["p01"]) == 0
    assert backend.delete([]) == 0
    assert backend.count() == 4
    assert set(backend.get(["p01", "p02", "p03"])) == {"p02"}
    assert set(backend.content_hashes()) == {"p00", "p02", "p04", "p05"}
    hits = backend.dense_search(vec("p01", dim), 10)
    assert {h.id for h in hits} == {"p00", "p02", "p04", "p05"}
    assert {h.id for h in backend.lexical_search("python", 10)} == {"p00", "p02", "p04", "p05"}
    # deleted ids can come back
    backend.upsert([doc(make_profile("p01"), dim)])
    assert backend.count() == 5
    assert backend.dense_search(vec("p01", dim), 1)[0].id == "p01"


def test_count_with_filter(backend: SearchBackend) -> None:
    dim = backend.dimension
    backend.upsert([doc(make_profile(f"x{i}", country="FR" if i % 3 == 0 else "DE"), dim) for i in range(9)])
    assert backend.count(Terms(KeywordField.COUNTRY, "FR")) == 3
    assert backend.count(Terms(KeywordField.COUNTRY, {"FR", "DE"})) == 9
    assert backend.count(Terms(KeywordField.COUNTRY, "IT")) == 0


def test_persistence_across_reopen(store: Store) -> None:
    b = store.open()
    dim = b.dimension
    docs = _docs(b, 20)
    b.upsert(docs[:12])
    b.upsert(docs[12:])
    b.delete(["p05"])
    b.upsert([doc(make_profile("p07", headline="Brand designer"), dim, vec("p07-new", dim))])
    before_dense = b.dense_search(vec("q", dim), 5)
    before_lex = b.lexical_search("python developer", 5)
    hashes = b.content_hashes()
    b.close()

    b2 = store.open()
    assert b2.dimension == dim
    assert b2.count() == 19
    assert b2.content_hashes() == hashes
    assert b2.get(["p05"]) == {}
    assert b2.get(["p07"])["p07"].profile.headline == "Brand designer"
    assert [h.id for h in b2.dense_search(vec("q", dim), 5)] == [h.id for h in before_dense]
    assert [h.id for h in b2.lexical_search("python developer", 5)] == [h.id for h in before_lex]
    # and it keeps accepting writes after the restart
    b2.upsert([doc(make_profile("z1"), dim)])
    assert b2.count() == 20


def test_scores_are_cosine(backend: SearchBackend) -> None:
    dim = backend.dimension
    docs = _docs(backend, 8)
    backend.upsert(docs)
    q = vec("query", dim)
    hits = backend.dense_search(q, 8)
    expected = {d.id: float(np.dot(d.vector, q)) for d in docs}
    assert len(hits) == 8
    for h in hits:
        assert h.score == pytest.approx(expected[h.id], abs=1e-4)
        assert -1.0 - 1e-6 <= h.score <= 1.0 + 1e-6
