"""The embedding model run by onnxruntime from an ONNX export (fp32 or int8).

Same weights as :class:`~indexer.embedding.sentence_transformer.SentenceTransformerEmbedder`,
same tokenizer (the model's ``tokenizer.json``, truncated at its ``max_seq_length``), same
pooling; vectors are L2-normalised float32.

One text per inference run, each run on one thread, and as many runs at once as the process
may use CPUs (:func:`available_cpus`). So a vector is a function of its text alone — not of
the other texts of a call, nor of how many workers ran it — and no thread waits on another
inside a run (two intra-op threads per run, not allowed to spin, gave 78 texts/s where
spinning gave 126 — and spinning burns the CPU of a shared machine). Each worker thread has
its own inference session over the same graph: two threads sharing one session ran 220
~60-word texts/s on 2 cores, with a session each 253/s (the same vectors, bit for bit).

The int8 graph (export v2) runs ~140 ~60-word profile texts per CPU-second on this machine
(AVX-512 VNNI; export v1: ~76) and agrees with torch fp32 to a minimum cosine
of ~0.995 on generated profiles (the gate: ``tests/indexer/test_embedding_onnx.py``). The model
id names the export version, backend and precision
(``all-MiniLM-L6-v2:<fingerprint>-x2@onnx-int8``), so switching re-embeds instead of mixing
vectors.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.embedding.onnx_export import (
    DISABLED_OPTIMIZERS,
    EXPORT_VERSION,
    INT8_MIN_COSINE,
    OnnxExport,
    ensure_onnx_export,
    normalise,
)
from indexer.errors import ConfigurationError, EmbeddingError
from indexer.settings import Precision


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask; ``os.cpu_count()`` elsewhere)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class OnnxSession:
    """A tokenizer and a single-threaded onnxruntime session over one exported graph, run by
    ``workers`` threads at once (one text each; default :func:`available_cpus`)."""

    def __init__(
        self, model_dir: Path, export: OnnxExport, precision: str, *, workers: int | None = None
    ) -> None:
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
        self.workers = workers if workers is not None else available_cpus()
        if self.workers < 1:
            raise ConfigurationError(f"onnx embedding workers must be >= 1, not {self.workers}")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # one thread per run; parallelism comes from running texts at once (see the module)
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        try:
            # one session per worker: threads sharing a session contend inside it (module)
            self.sessions = [
                ort.InferenceSession(
                    str(export.graph(precision)),
                    options,
                    providers=["CPUExecutionProvider"],
                    disabled_optimizers=list(DISABLED_OPTIMIZERS),
                )
                for _ in range(self.workers)
            ]
        except Exception as exc:
            raise EmbeddingError(f"cannot load {export.graph(precision)}: {exc}") from exc
        self.session = self.sessions[0]
        self._local = threading.local()
        self._next = itertools.count()
        self.inputs = {i.name for i in self.session.get_inputs()}
        dim = self.session.get_outputs()[0].shape[-1]
        if not isinstance(dim, int):
            raise EmbeddingError(f"{export.graph(precision)}: the output has no fixed dimension")
        self.dimension = dim

    def run(
        self, texts: Sequence[str], pool: ThreadPoolExecutor | None = None
    ) -> npt.NDArray[np.float32]:
        """Un-normalised sentence vectors, one text per inference run, ``workers`` runs at once
        (in ``pool`` when given: callers that run many chunks keep one pool).

        Why not batches: dynamic int8 quantisation scales the activations of the attention
        layers per tensor, so the other rows of a batch change a text's vector — even without
        padding: batching texts of exactly equal token length (export v1) gave a minimum cosine
        of 0.9934 against the same texts run alone, and with padding down to 0.97. One text per run makes a
        vector a function of its text alone, as the content-hash cache assumes; per
        CPU-second it was as fast as those batches (74 vs 67 texts/s, ~117 tokens each).
        """
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        if self.workers == 1 or len(encodings) == 1:
            for i, encoding in enumerate(encodings):
                out[i] = self._run_one(encoding)
            return out
        if pool is None:
            with self.pool() as own:
                return self.run(texts, own)
        for i, vector in enumerate(pool.map(self._run_one, encodings)):
            out[i] = vector
        return out

    def pool(self) -> ThreadPoolExecutor:
        """A pool of :attr:`workers` threads for :meth:`run` (close it after use)."""
        return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="onnx-embed")

    def _run_one(self, encoding: Any) -> npt.NDArray[np.float32]:
        feed: dict[str, Any] = {
            "input_ids": np.array([encoding.ids], dtype=np.int64),
            "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
        }
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.array([encoding.type_ids], dtype=np.int64)
        vector: npt.NDArray[np.float32] = self._own_session().run(None, feed)[0][0]
        return vector

    def _own_session(self) -> Any:
        """The calling thread's session: threads are dealt the sessions in turn at their
        first run (a pool of :attr:`workers` threads gets one each)."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self.sessions[next(self._next) % len(self.sessions)]
            self._local.session = session
        return session

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
        workers: int | None = None,
    ) -> None:
        export = ensure_onnx_export(model_dir, cache_dir, f"{model_name}-{fingerprint}")
        self._precision = resolve_onnx_precision(precision, export)
        self._session = OnnxSession(model_dir, export, self._precision.value, workers=workers)
        self._batch_size = batch_size
        self.export = export
        self._dim = self._session.dimension
        self._model_id = (
            f"{model_name}:{fingerprint}-x{EXPORT_VERSION}@onnx-{self._precision.value}"
        )

    @property
    def model_id(self) -> str:
        """Model name, weights fingerprint, export version, backend and precision."""
        return self._model_id

    @property
    def dimension(self) -> int:
        return self._dim

    @property
    def precision(self) -> Precision:
        """The precision actually used (``auto`` resolved)."""
        return self._precision

    @property
    def workers(self) -> int:
        """How many texts are embedded at once (one thread each)."""
        return self._session.workers

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        """L2-normalised float32 vectors, ``(len(texts), dimension)``, in input order."""
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        if not texts:
            return out
        # chunks only pace the progress bar; the same pool serves them all
        chunk = self._batch_size * self._session.workers
        starts = range(0, len(texts), chunk)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="embedding", unit="chunk")
        try:
            with self._session.pool() as pool:
                for start in starts:
                    out[start : start + chunk] = self._session.run(
                        texts[start : start + chunk], pool
                    )
        except EmbeddingError:
            raise
        except Exception as exc:
            raise EmbeddingError(f"the ONNX embedding model failed to encode: {exc}") from exc
        return normalise(out)
