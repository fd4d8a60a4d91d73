"""Ranker variants compared side by side, interleaved brief by brief, in one process.

    python -m benchmarks.compare_ranking --size 1000000 --overlap          # overlap on vs off
    python -m benchmarks.compare_ranking --size 100000 --configs a.toml b.toml
    python -m benchmarks.compare_ranking --configs a.toml b.toml --overlap  # 2 x 2 variants

On a shared machine the latency of the same configuration moves by 20-30 % from one run to
the next (CPU steal, other processes), more than most changes worth measuring. Here every
variant ranks every brief, one right after the other, the variant going first rotating from
brief to brief, so slow and quiet spells hit all variants alike.

Variants: each ranking configuration given (``--configs``; default: the built-in one), with
the embedding and dense search beside BM25 and, with ``--overlap``, also without
(``Ranker(overlap_embedding=False)``). Each variant has its own ranker and its own view
cache over the same index (``bench-output/ranking-<size>[-onnx-int8]``, built by
``benchmarks.bench_ranking`` if missing), so no variant warms another's caches.

Per brief and variant: ``new`` — the brief seen for the first time (its embedding and most
candidate views computed), then ``again`` — the same brief at once (embedding and views
cached). Printed: p50 / p99 / mean of each, per variant, and the p50 difference against the
first variant.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.bench_ranking import AS_OF, briefs, build
from indexer.embedding import load_embedder
from indexer.errors import TalentmatchError
from indexer.settings import EmbeddingBackend, IndexerSettings
from ranking import Ranker, RankingConfig
from ranking.profilecache import CachedProfiles


@dataclass
class Variant:
    name: str
    ranker: Ranker
    new: list[float] = field(default_factory=list)
    again: list[float] = field(default_factory=list)


def _ms(xs: list[float]) -> str:
    a = np.asarray(xs)
    return f"{np.percentile(a, 50):6.1f} {np.percentile(a, 99):6.1f} {statistics.fmean(xs):6.1f}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--configs", type=Path, nargs="+", default=[],
                    help="Ranking configuration TOML files (default: the built-in one).")
    ap.add_argument("--overlap", action="store_true",
                    help="Also run each configuration without the overlap (sequential retrieval).")
    ap.add_argument("--view-cache", type=int, default=20_000)
    ap.add_argument("--embedding-backend", type=EmbeddingBackend, default=EmbeddingBackend.ONNX)
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:  # before the model and the index load: a bad file fails at once, by name
        configs = [(p.stem, RankingConfig.load(p)) for p in args.configs] or [
            ("default", RankingConfig.default())
        ]
    except TalentmatchError as exc:
        ap.error(str(exc))
    if len(configs) < 2 and not args.overlap:
        ap.error("give two or more --configs, or --overlap: there is nothing to compare")
    embedder = load_embedder(IndexerSettings(embedding_backend=args.embedding_backend))
    backend, _ = build(args.size, embedder, rebuild=False)
    backend.optimize()
    gc.collect()
    gc.freeze()  # the loaded index out of the collector's reach, as bench_ranking does
    variants = []
    for label, config in configs:
        for overlap in ((True, False) if args.overlap else (True,)):
            name = label + ("" if not args.overlap else (", overlap" if overlap else ", sequential"))
            views = CachedProfiles(backend, args.view_cache)
            variants.append(Variant(name, Ranker(views, embedder, config=config,
                                                 overlap_embedding=overlap)))
    for v in variants:  # warm-up: compiled kernels, graph, one session per thread
        for b in briefs(5):
            v.ranker.rank(b.model_copy(update={"title": f"{b.title} (warm-up)"}), k=20, as_of=AS_OF)
    gc.collect()
    gc.freeze()  # and what the first searches made, as talentmatch serve does after warm_up
    qs = briefs(args.queries)
    for i, brief in enumerate(qs):
        order = variants[i % len(variants):] + variants[: i % len(variants)]
        for v in order:
            for bucket in (v.new, v.again):
                t = time.perf_counter()
                v.ranker.rank(brief, k=20, as_of=AS_OF)
                bucket.append((time.perf_counter() - t) * 1000)
    base = float(np.percentile(variants[0].new, 50))
    print(f"\n{args.size:,} profiles, {len(qs)} briefs, {embedder.model_id}; "
          f"ms, interleaved (first variant rotates)")
    print(f"{'variant':<28} | {'new p50    p99   mean':>21} | {'again p50  p99   mean':>21} | new p50 vs first")
    print("-" * 100)
    for v in variants:
        diff = float(np.percentile(v.new, 50)) - base
        print(f"{v.name:<28} | {_ms(v.new):>21} | {_ms(v.again):>21} | {diff:+.1f} ms")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    backend.close()


if __name__ == "__main__":
    main()
