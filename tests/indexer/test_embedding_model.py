"""The real sentence-transformers embedder: meaning, shape, errors (uses the real model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.embedding import (
    ConceptExpandedEmbedder,
    ConceptParams,
    Embedder,
    SentenceTransformerEmbedder,
    load_embedder,
)
from indexer.errors import EmbeddingError
from indexer.settings import EmbeddingBackend, IndexerSettings, Precision

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(precision=Precision.FP32)


def cos(e: Embedder, a: str, b: str) -> float:
    va, vb = e.encode([a, b])
    return float(va @ vb)


def test_vectors_are_normalised_float32_in_input_order(
    embedder: SentenceTransformerEmbedder,
) -> None:
    texts = ["Python developer", "Pâtissier à Lyon", "", "Kubernetes " * 400]
    out = embedder.encode(texts)
    assert out.shape == (4, 384) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    single = embedder.encode([texts[1]])
    assert np.allclose(out[1], single[0], atol=1e-5)
    assert embedder.encode([]).shape == (0, 384)
    assert isinstance(embedder, Embedder)


@pytest.mark.parametrize(
    ("anchor", "related", "unrelated"),
    [
        (
            "Backend developer: Python, Django, REST APIs and PostgreSQL databases.",
            "Software engineer building web services with Python and SQL.",
            "Wedding photographer for outdoor ceremonies and portraits.",
        ),
        (
            "Financial controller: monthly closing, IFRS consolidation and budgeting.",
            "Accountant for annual accounts, budgets and financial reporting.",
            "Mobile game developer using Unity and C#.",
        ),
        (
            "Softwareentwickler für Java und Spring Boot, Microservices in der Cloud.",
            "Backend-Entwickler mit Erfahrung in Java, Kubernetes und verteilten Systemen.",
            "Hochzeitsfotograf für Trauungen im Freien und Porträts.",
        ),
        (
            "UX-Designerin: Nutzerforschung, Prototypen und Designsysteme in Figma.",
            "Grafikdesignerin für Benutzeroberflächen, Wireframes und Usability-Tests.",
            "Steuerberater für Jahresabschlüsse und Lohnbuchhaltung.",
        ),
    ],
    ids=["en-dev", "en-finance", "de-dev", "de-design"],
)
def test_related_texts_are_closer_than_unrelated(
    embedder: SentenceTransformerEmbedder, anchor: str, related: str, unrelated: str
) -> None:
    near, far = cos(embedder, anchor, related), cos(embedder, anchor, unrelated)
    assert near > far + 0.1, (near, far)


def test_model_id_names_weights_and_precision(embedder: SentenceTransformerEmbedder) -> None:
    assert embedder.model_id.startswith("all-MiniLM-L6-v2:")
    assert embedder.model_id.endswith("@fp32")
    assert embedder.dimension == 384


def test_load_embedder_reads_settings_and_goes_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    e = load_embedder(
        IndexerSettings(
            embedding_precision=Precision.FP32, embedding_batch_size=8,
            concept_top=5, concept_temperature=0.2, concept_weight=0.5,
        )
    )
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert isinstance(e, ConceptExpandedEmbedder) and e.dimension == 384
    assert e.params == ConceptParams(top=5, temperature=0.2, weight=0.5)
    assert e.inner.precision is Precision.FP32  # type: ignore[attr-defined]


def test_missing_model_path_is_an_embedding_error(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingError, match="does not exist"):
        load_embedder(IndexerSettings(model_path=tmp_path / "nowhere"))


def test_directory_that_is_not_a_model_is_an_embedding_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(EmbeddingError, match="not a sentence-transformers model"):
        load_embedder(IndexerSettings(model_path=tmp_path))


@pytest.mark.parametrize(
    ("backend", "message"),
    [(EmbeddingBackend.TORCH, "cannot load the embedding model"),
     (EmbeddingBackend.ONNX, "cannot load .* for the ONNX export: .*config.json")],
)
def test_broken_model_directory_is_an_embedding_error(
    tmp_path: Path, backend: EmbeddingBackend, message: str
) -> None:
    (tmp_path / "config.json").write_text("{ not json")
    with pytest.raises(EmbeddingError, match=message):
        load_embedder(IndexerSettings(model_path=tmp_path, embedding_backend=backend,
                                      model_cache_dir=tmp_path / "cache"))
