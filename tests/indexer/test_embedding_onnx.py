"""The onnx embedding backend: the int8 quality gate against torch fp32 on real profile texts,
model ids that name backend and precision, the cached export, and its errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.embedding import SentenceTransformerEmbedder, default_model_path, load_base_embedder
from indexer.embedding.onnx_export import EXPORT_VERSION, INT8_MIN_COSINE, ensure_onnx_export
from indexer.embedding.onnx_runtime import OnnxEmbedder
from indexer.embedding.sentence_transformer import weights_fingerprint
from indexer.errors import ConfigurationError, EmbeddingError
from indexer.generate import generate_profiles
from indexer.settings import EmbeddingBackend, IndexerSettings, Precision
from indexer.text import embedding_text
from tests.indexer.realistic import profile_texts

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


def _onnx(cache_dir: Path, precision: Precision) -> OnnxEmbedder:
    embedder = load_base_embedder(
        IndexerSettings(
            embedding_backend=EmbeddingBackend.ONNX,
            embedding_precision=precision,
            model_cache_dir=cache_dir,
        )
    )
    assert isinstance(embedder, OnnxEmbedder)
    return embedder


def _top10(vectors: np.ndarray) -> np.ndarray:
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -2)
    return np.argsort(-sims, axis=1, kind="stable")[:, :10]


def test_int8_and_fp32_graphs_agree_with_torch_fp32_on_250_profiles(cache_dir: Path) -> None:
    """Full embedding texts of 200 generated profiles (en/de/fr/es) and 50 short ones."""
    texts = [embedding_text(p) for p in generate_profiles(200, seed=11)] + profile_texts(
        50, seed=11
    )
    reference = SentenceTransformerEmbedder(precision=Precision.FP32).encode(texts)
    fp32 = _onnx(cache_dir, Precision.FP32).encode(texts)
    int8 = _onnx(cache_dir, Precision.INT8).encode(texts)
    assert int8.dtype == np.float32 and int8.shape == reference.shape
    assert float(np.sum(reference * fp32, axis=1).min()) >= 0.9999
    cosines = np.sum(reference * int8, axis=1)
    assert float(cosines.min()) >= INT8_MIN_COSINE, float(cosines.min())
    # the neighbourhoods that dense search returns barely move: top-10 overlap per text
    ref_top, int8_top = _top10(reference), _top10(int8)
    overlap = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ref_top, int8_top, strict=True)])
    assert overlap >= 0.9, overlap


def test_model_id_names_backend_and_precision(cache_dir: Path) -> None:
    auto = _onnx(cache_dir, Precision.AUTO)
    assert auto.export.int8_min_cosine >= INT8_MIN_COSINE  # so auto is int8
    assert auto.precision is Precision.INT8
    assert auto.model_id.startswith("all-MiniLM-L6-v2:") and auto.model_id.endswith("@onnx-int8")
    # vectors of another export version (another quantisation) never share a cache key
    assert f"-x{EXPORT_VERSION}@" in auto.model_id
    fp32 = _onnx(cache_dir, Precision.FP32)
    assert fp32.model_id.endswith("@onnx-fp32")
    torch_fp32 = SentenceTransformerEmbedder(precision=Precision.FP32)
    assert len({auto.model_id, fp32.model_id, torch_fp32.model_id}) == 3
    assert auto.dimension == 384


def test_vectors_do_not_depend_on_the_other_texts_of_a_call(cache_dir: Path) -> None:
    embedder = _onnx(cache_dir, Precision.INT8)
    texts = [*profile_texts(12, seed=3), "Python", "", "Datenanalyst mit SQL und Python"]
    together = embedder.encode(texts)
    one_by_one = np.vstack([embedder.encode([t]) for t in texts])
    # one text per inference run: a vector depends on its text alone
    assert np.array_equal(together, one_by_one)
    # ... and not on how many runs go at once
    for workers in (1, 3):
        other = OnnxEmbedder(
            default_model_path(),
            cache_dir=cache_dir,
            model_name="all-MiniLM-L6-v2",
            fingerprint=weights_fingerprint(default_model_path()),
            precision=Precision.INT8,
            batch_size=4,
            workers=workers,
        )
        assert other.workers == workers
        assert np.array_equal(other.encode(texts), together)
        # ... nor on which worker's own session ran it
        session = other._session
        assert len({id(s) for s in session.sessions}) == workers
        with session.pool() as pool:
            used = set(pool.map(lambda _, s=session: id(s._own_session()), range(64)))
        assert used <= {id(s) for s in session.sessions}
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, 384)


def test_export_is_reused_and_an_incomplete_one_is_replaced(tmp_path: Path) -> None:
    model = default_model_path()
    key = "all-MiniLM-L6-v2-test"
    half = tmp_path / f"{key}-v{EXPORT_VERSION}"
    half.mkdir()
    (half / "fp32.onnx").write_bytes(b"crashed mid-export")  # no meta.json: incomplete
    export = ensure_onnx_export(model, tmp_path, key)
    assert (export.directory / "meta.json").is_file()
    assert export.graph("fp32").stat().st_size > 1_000_000
    stamp = (export.directory / "meta.json").stat().st_mtime_ns
    again = ensure_onnx_export(model, tmp_path, key)
    assert again == export
    assert (again.directory / "meta.json").stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == [half.name]


def test_unwritable_cache_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    with pytest.raises(EmbeddingError, match="TALENTMATCH_MODEL_CACHE_DIR"):
        _onnx(blocker / "models", Precision.INT8)


def test_precisions_of_the_other_backend_are_rejected(cache_dir: Path) -> None:
    with pytest.raises(ConfigurationError, match="onnx"):
        SentenceTransformerEmbedder(precision=Precision.INT8)
    with pytest.raises(ConfigurationError, match="bf16"):
        _onnx(cache_dir, Precision.BF16)
