"""The check that an index's vectors come from the configured embedder (before searching),
on the real embedded backend, through the API's startup and the `talentmatch search` command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.backends import open_backend
from indexer.embedding import ConceptExpandedEmbedder, ConceptParams, ConceptSpace, HashingEmbedder
from indexer.errors import ConfigurationError
from indexer.generate import generate_profiles
from indexer.pipeline import Indexer
from indexer.pipeline.compatibility import check_embedder_matches_index
from indexer.settings import IndexerSettings

DIM = 32


def _expanded(inner: HashingEmbedder) -> ConceptExpandedEmbedder:
    rng = np.random.default_rng(5)
    m = rng.standard_normal((200, DIM)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    return ConceptExpandedEmbedder(inner, ConceptSpace("synthetic", "0" * 64, m), ConceptParams())


@pytest.fixture
def built(tmp_path: Path) -> IndexerSettings:
    """An index of 40 generated profiles made with the plain hashing embedder."""
    settings = IndexerSettings(data_dir=tmp_path / "data")
    embedder = HashingEmbedder(DIM)
    backend = open_backend(settings, DIM)
    try:
        Indexer(backend, embedder, settings, use_cache=False).index_profiles(
            list(generate_profiles(40, seed=4)), progress=False
        )
    finally:
        backend.close()
    return settings


def test_the_embedder_that_built_the_index_passes(built: IndexerSettings) -> None:
    backend = open_backend(built, DIM)
    try:
        worst = check_embedder_matches_index(backend, HashingEmbedder(DIM))
    finally:
        backend.close()
    assert worst is not None and worst > 0.999


def test_another_embedder_is_refused_with_what_to_do(built: IndexerSettings) -> None:
    before = sorted(p.name for p in built.data_dir.rglob("*"))
    backend = open_backend(built, DIM)
    try:
        with pytest.raises(ConfigurationError) as err:
            check_embedder_matches_index(backend, _expanded(HashingEmbedder(DIM)))
    finally:
        backend.close()
    text = str(err.value)
    assert "not made by the configured embedding model" in text and "+synthetic-" in text
    assert "talentmatch index" in text and "TALENTMATCH_CONCEPT_EXPANSION" in text
    assert sorted(p.name for p in built.data_dir.rglob("*")) == before  # nothing written


def test_an_empty_index_passes(tmp_path: Path) -> None:
    backend = open_backend(IndexerSettings(data_dir=tmp_path / "empty"), DIM)
    try:
        assert check_embedder_matches_index(backend, HashingEmbedder(DIM)) is None
    finally:
        backend.close()


def test_the_api_does_not_start_on_an_index_of_another_embedder(built: IndexerSettings) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.search_stack import stack_factory
    from api.settings import ApiSettings

    settings = ApiSettings(indexer=built)
    app = create_app(settings, search_factory=stack_factory(_expanded(HashingEmbedder(DIM))))
    refused = pytest.raises(ConfigurationError, match="not made by the configured embedding model")
    with refused, TestClient(app):
        pass
    with TestClient(create_app(settings, search_factory=stack_factory(HashingEmbedder(DIM)))) as http:
        assert http.get("/health").status_code == 200
