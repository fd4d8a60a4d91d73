"""The embedding model run by onnxruntime from an ONNX export (fp32 or int8).

Same weights as :class:`~indexer.embedding.sentence_transformer.SentenceTransformerEmbedder`,
same tokenizer (the model's ``tokenizer.json``, truncated at its ``max_seq_length``), same
pooling; vectors are L2-normalised float32. Texts are encoded in batches of similar length
(sorted by character count), so short texts are not padded to the longest of a random batch.

The int8 graph is ~2x faster per CPU-second than torch bf16 on this machine (AVX-512 VNNI) and
agrees with fp32 to a minimum cosine of ~0.993 on generated profiles (the gate:
``tests/indexer/test_embedding_onnx.py``). The model id names backend and precision
(``all-MiniLM-L6-v2:<fingerprint>@onnx-int8``), so switching re-embeds instead of mixing
vectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.embedding.onnx_export import (
    INT8_MIN_COSINE,
    OnnxExport,
    ensure_onnx_export,
    normalise,
)
from indexer.errors import ConfigurationError, EmbeddingError
from indexer.settings import Precision


class OnnxSession:
    """A tokenizer and an onnxruntime session over one exported graph."""

    def __init__(self, model_dir: Path, export: OnnxExport, precision: str) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingError(f"the onnx embedding backend needs onnxruntime: {exc}") from exc
        tokenizer_file = model_dir / "tokenizer.json"
        if not tokenizer_file.is_file():
            raise EmbeddingError(
                f"{model_dir}: no tokenizer.json (a fast tokenizer is needed for the onnx backend)"
            )
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=export.max_seq_length)
        self.tokenizer.no_padding()  # one text per run: nothing to pad
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # the machine is shared: threads that spin while waiting burn other people's CPU
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        try:
            self.session = ort.InferenceSession(
                str(export.graph(precision)), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:
            raise EmbeddingError(f"cannot load {export.graph(precision)}: {exc}") from exc
        self.inputs = {i.name for i in self.session.get_inputs()}
        dim = self.session.get_outputs()[0].shape[-1]
        if not isinstance(dim, int):
            raise EmbeddingError(f"{export.graph(precision)}: the output has no fixed dimension")
        self.dimension = dim

    def run(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Un-normalised sentence vectors, one text per inference run.

        Why not batches: dynamic int8 quantisation scales activations per tensor, so the other
        rows of a batch (and their padding) would change a text's vector (cosine down to 0.97
        for a short text among long ones). One text per run makes a vector a function of its
        text alone, as the content-hash cache assumes; measured here it was also as fast per
        CPU-second as batches of 32 (no padding work).
        """
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for i, encoding in enumerate(self.tokenizer.encode_batch(list(texts))):
            feed: dict[str, Any] = {
                "input_ids": np.array([encoding.ids], dtype=np.int64),
                "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
            }
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.array([encoding.type_ids], dtype=np.int64)
            out[i] = self.session.run(None, feed)[0][0]
        return out

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """L2-normalised vectors of ``texts``."""
        return normalise(self.run(texts))


def resolve_onnx_precision(wanted: Precision, export: OnnxExport) -> Precision:
    """``auto`` → int8 when the export's measured agreement passes the gate, else fp32."""
    if wanted is Precision.BF16:
        raise ConfigurationError(
            "embedding precision bf16 is a torch precision; the onnx backend runs fp32 or int8"
        )
    if wanted is Precision.AUTO:
        return Precision.INT8 if export.int8_min_cosine >= INT8_MIN_COSINE else Precision.FP32
    return wanted


class OnnxEmbedder:
    """An :class:`~indexer.embedding.protocol.Embedder` run by onnxruntime."""

    def __init__(
        self,
        model_dir: Path,
        *,
        cache_dir: Path,
        model_name: str,
        fingerprint: str,
        precision: Precision = Precision.AUTO,
        batch_size: int = 32,
    ) -> None:
        export = ensure_onnx_export(model_dir, cache_dir, f"{model_name}-{fingerprint}")
        self._precision = resolve_onnx_precision(precision, export)
        self._session = OnnxSession(model_dir, export, self._precision.value)
        self._batch_size = batch_size
        self.export = export
        self._dim = self._session.dimension
        self._model_id = f"{model_name}:{fingerprint}@onnx-{self._precision.value}"

    @property
    def model_id(self) -> str:
        """Model name, weights fingerprint, backend and precision."""
        return self._model_id

    @property
    def dimension(self) -> int:
        return self._dim

    @property
    def precision(self) -> Precision:
        """The precision actually used (``auto`` resolved)."""
        return self._precision

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        """L2-normalised float32 vectors, ``(len(texts), dimension)``, in input order."""
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        if not texts:
            return out
        starts = range(0, len(texts), self._batch_size)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="embedding", unit="chunk")
        try:
            for start in starts:
                out[start : start + self._batch_size] = self._session.run(
                    texts[start : start + self._batch_size]
                )
        except EmbeddingError:
            raise
        except Exception as exc:
            raise EmbeddingError(f"the ONNX embedding model failed to encode: {exc}") from exc
        return normalise(out)
