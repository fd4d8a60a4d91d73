"""Versioned physical indices behind the alias, and the zero-downtime re-index."""

from __future__ import annotations

import threading
import time

import pytest
from opensearchpy import OpenSearch

from indexer.backends.filters import KeywordField, Terms
from indexer.backends.opensearch import OpenSearchBackend
from indexer.settings import IndexerSettings
from tests.factories import indexed, make_profile, unit_vector

pytestmark = pytest.mark.opensearch

N = 400
DIM = 8


def _docs(dim: int = DIM, n: int = N) -> list:
    return [
        indexed(make_profile(f"p{i:04d}", headline=["Python developer", "Data engineer"][i % 2],
                             skills=[{"name": ["Python", "SQL"][i % 2]}]), unit_vector(f"v{i}-{dim}", dim))
        for i in range(n)
    ]


def test_reindex_copies_swaps_and_drops_old(os_settings: IndexerSettings, raw_client: OpenSearch) -> None:
    backend = OpenSearchBackend.open(os_settings, DIM)
    try:
        docs = _docs()
        backend.upsert(docs)
        old = backend.physical_index()
        assert old == f"{os_settings.opensearch_index}-v1"
        before_dense = backend.dense_search(docs[0].vector, 10)
        before_lex = backend.lexical_search("python", 10)

        new = backend.reindex()

        assert new == f"{os_settings.opensearch_index}-v2"
        assert backend.physical_index() == new
        assert not raw_client.indices.exists(index=old)
        assert backend.count() == N
        assert backend.content_hashes() == {d.id: d.content_hash for d in docs}
        assert backend.dense_search(docs[0].vector, 10) == before_dense
        assert backend.lexical_search("python", 10) == before_lex
        assert backend.get(["p0007"])["p0007"].profile == docs[7].profile
    finally:
        backend.close()


def test_reindex_from_new_documents_with_new_dimension(os_settings: IndexerSettings) -> None:
    backend = OpenSearchBackend.open(os_settings, DIM)
    try:
        backend.upsert(_docs())
        fresh = _docs(dim=12, n=N // 2)
        backend.reindex(fresh, dimension=12)
        assert backend.dimension == 12
        assert backend.count() == N // 2
        [top] = backend.dense_search(fresh[3].vector, 1)
        assert top.id == "p0003"
        assert top.score == pytest.approx(1.0, abs=1e-6)
    finally:
        backend.close()
    # the next process opens the alias with the new dimension
    OpenSearchBackend.open(os_settings, 12, create=False).close()


def test_searches_keep_answering_during_the_swap(os_settings: IndexerSettings) -> None:
    backend = OpenSearchBackend.open(os_settings, DIM)
    reader = OpenSearchBackend.open(os_settings, DIM, create=False)
    docs = _docs()
    backend.upsert(docs)
    python_only = Terms(KeywordField.SKILLS, "python")
    expected_dense = reader.dense_search(docs[1].vector, 10, python_only)
    expected_count = reader.count(python_only)
    assert expected_count == N // 2

    errors: list[BaseException] = []
    answers: list[int] = []
    done = threading.Event()

    def search_loop() -> None:
        while not done.is_set():
            try:
                hits = reader.dense_search(docs[1].vector, 10, python_only)
                assert hits == expected_dense
                assert reader.count(python_only) == expected_count
                assert len(reader.lexical_search("python", 10, python_only)) == 10
                answers.append(1)
            except BaseException as exc:  # collected, re-raised below
                errors.append(exc)
                return

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        time.sleep(0.2)
        for _ in range(3):  # three swaps: v1 -> v2 -> v3 -> v4
            backend.reindex()
        time.sleep(0.2)
    finally:
        done.set()
        thread.join(timeout=30)
        reader.close()
        backend.close()
    assert not errors, errors[0]
    assert len(answers) >= 5
    check = OpenSearchBackend.open(os_settings, DIM, create=False)
    try:
        assert check.physical_index() == f"{os_settings.opensearch_index}-v4"
        assert check.count() == N
    finally:
        check.close()
