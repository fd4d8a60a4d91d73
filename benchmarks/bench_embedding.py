"""Embedding throughput, torch fp32 vs bf16 vs onnx fp32 vs onnx int8 vs the default (onnx int8
with concept expansion) side by side, and their agreement with torch fp32 (for the default:
with torch fp32 expanded the same way).

Run (from the repo root, ~2-3 minutes on 2 cores)::

    python -m benchmarks.bench_embedding            # 1000 texts of ~60 words
    python -m benchmarks.bench_embedding --n 2000 --words 60

Texts: the embedding text (:func:`indexer.text.embedding_text`) of seeded generated profiles
(:func:`indexer.generate.generate_profiles`), cut to ``--words`` words, plus a row with the full
embedding text (up to 160 words, the indexer's budget). Also measures a second pass through
the content-hash cache (what re-indexing unchanged profiles costs). Target: >= 250 profiles/s.
The onnx backend runs one text per single-threaded run, one worker per CPU
(:mod:`indexer.embedding.onnx_runtime`). The onnx models are exported on first use into
``--model-cache`` (default ``~/.cache/talentmatch/models``, as ``TALENTMATCH_MODEL_CACHE_DIR``).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from rich.console import Console
from rich.table import Table

from indexer.embedding import (
    CachedEmbedder,
    ConceptExpandedEmbedder,
    Embedder,
    EmbeddingCache,
    SentenceTransformerEmbedder,
    cpu_supports_bf16,
    load_base_embedder,
    load_embedder,
)
from indexer.embedding.concepts import expand
from indexer.embedding.onnx_export import EXPORT_VERSION
from indexer.embedding.onnx_runtime import OnnxEmbedder
from indexer.generate import generate_profiles
from indexer.settings import EmbeddingBackend, IndexerSettings, Precision
from indexer.text import embedding_text

TARGET = 250.0


def texts(n: int, words: int | None, seed: int) -> list[str]:
    out = []
    for p in itertools.islice(generate_profiles(n, seed=seed), n):
        t = embedding_text(p).split()
        out.append(" ".join(t[:words] if words else t))
    return out


def throughput(embedder: Embedder, batch: list[str]) -> tuple[float, float, np.ndarray]:
    """Profiles per wall-clock second and per CPU-second of this process, and the vectors.

    The CPU-second figure does not depend on how busy the machine is (it is shared): times the
    number of cores it estimates the throughput of an otherwise idle machine.
    """
    embedder.encode(batch[:64])  # warm-up (allocations, kernels)
    start, cpu = time.perf_counter(), time.process_time()
    vectors = embedder.encode(batch)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    return len(batch) / wall, len(batch) / used, vectors


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="texts per measurement")
    parser.add_argument("--words", type=int, default=60, help="words per text")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--threads", type=int, default=None, help="torch threads (default: torch's)"
    )
    parser.add_argument(
        "--model-cache",
        type=Path,
        default=IndexerSettings().model_cache_dir,
        help="where the onnx export is kept",
    )
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    if args.threads:
        torch.set_num_threads(args.threads)
    load_before = os.getloadavg()[0]

    short = texts(args.n, args.words, args.seed)
    full = texts(args.n // 2, None, args.seed + 1)
    fp32 = SentenceTransformerEmbedder(precision=Precision.FP32)
    bf16 = SentenceTransformerEmbedder(precision=Precision.BF16)
    onnx32, int8 = (
        load_base_embedder(
            IndexerSettings(
                embedding_backend=EmbeddingBackend.ONNX,
                embedding_precision=precision,
                model_cache_dir=args.model_cache,
            )
        )
        for precision in (Precision.FP32, Precision.INT8)
    )
    if not isinstance(int8, OnnxEmbedder):
        raise TypeError(f"expected the onnx embedder, got {type(int8).__name__}")
    # the product's default: int8 plus concept expansion (indexer.embedding.concepts)
    default = load_embedder(IndexerSettings(model_cache_dir=args.model_cache))

    configurations: list[tuple[str, Embedder]] = [
        ("torch fp32", fp32),
        ("torch bf16", bf16),
        ("onnx fp32", onnx32),
        (f"onnx int8 ({int8.workers} workers)", int8),
        ("onnx int8 + concept expansion (default)", default),
    ]
    rows = []
    for label, batch in (
        (f"~{args.words} words", short),
        (f"full text (mean {statistics.mean(len(t.split()) for t in full):.0f} words)", full),
    ):
        reference: np.ndarray | None = None
        for name, embedder in configurations:
            rate, per_cpu, vectors = throughput(embedder, batch)
            if reference is None:
                reference = vectors
            ref = reference
            if isinstance(embedder, ConceptExpandedEmbedder):  # vs torch fp32, expanded alike
                ref = expand(reference, embedder.space, embedder.params)
            cos = float(np.sum(ref * vectors, axis=1).min())
            rows.append((label, name, len(batch), rate, per_cpu, cos))

    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(Path(tmp) / "cache.sqlite")
        cached = CachedEmbedder(int8, cache)
        cached.encode(short)
        start = time.perf_counter()
        cached.encode(short)
        cached_rate = len(short) / (time.perf_counter() - start)
        cache.close()

    cores = os.cpu_count() or 1
    table = Table(
        title=f"embedding throughput, all-MiniLM-L6-v2, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads), onnxruntime {onnxruntime.__version__} "
        f"(export v{EXPORT_VERSION}), CPU bf16 native: {cpu_supports_bf16()}"
    )
    columns = (
        "texts",
        "configuration",
        "n",
        "profiles/s",
        "/CPU-s",
        f"idle est. x{cores}",
        "min cos vs torch fp32",
        f">= {TARGET:g}/s",
    )
    for col in columns:
        table.add_column(col, justify="right")
    for label, name, n, rate, per_cpu, cos in rows:
        table.add_row(
            label,
            name,
            str(n),
            f"{rate:.0f}",
            f"{per_cpu:.0f}",
            f"{per_cpu * cores:.0f}",
            f"{cos:.5f}",
            "yes" if rate >= TARGET else "no",
        )
    console = Console(width=160)
    console.print(table)
    console.print(
        f"load average (1 min) before / after: {load_before:.1f} / {os.getloadavg()[0]:.1f} on {cores} cores "
        "(the machine is shared); per CPU-second figures depend little on the load, and "
        "'idle est.' (per CPU-second x cores) estimates an otherwise idle machine"
    )
    console.print(
        f"re-encoding the ~{args.words}-word texts through the content-hash cache: {cached_rate:,.0f} profiles/s "
        f"(auto precision here: torch {SentenceTransformerEmbedder(precision=Precision.AUTO).precision.value})"
    )


if __name__ == "__main__":
    main()
