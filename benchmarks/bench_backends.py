"""Search backends side by side: writes, filtered dense latency and recall, lexical latency, RAM.

Run (from the repository root)::

    python -m benchmarks.bench_backends --sizes 100000,1000000 --backends embedded,exact
    python -m benchmarks.bench_backends --sizes 100000,1000000 \
        --backends embedded,exact,opensearch --max-size opensearch=100000

Query latencies are single-threaded (BLAS threads are set to 1 before numpy loads, as a
search server answering concurrent requests would run).

Per size N the data set is N rows tiled over generated profiles (see
:mod:`benchmarks._workload`), with vectors around real all-MiniLM-L6-v2 embeddings of those
profiles (``--vectors real``, embedded once and cached in ``bench-output/``) or random unit
vectors (``--vectors random``). Figures, per backend column:

* ``write profiles/s``: upserts of ready ``IndexedProfile`` batches (no embedding), at the
  smallest size <= 100k only; ``ann build s``: building the ANN graph afterwards (deferred);
* ``dense p50/p99 ms`` and ``recall@10`` per filter (recall against the exact column);
* ``lexical p50/p99 ms``: BM25 top-100 for brief-like texts, with and without the filter;
* ``hybrid p50/p99 ms``: BM25 top-100 + dense top-100 under the eligibility filter, RRF-fused;
* ``RAM B/profile (vectors+ANN)``: what the backend reports holding for vectors and graph.

Columns: ``embedded`` (the default backend), ``exact`` (numpy brute force; dense only).
Hook for other backends: a module ``benchmarks/_column_<name>.py`` defining
``build(data: Dataset, workdir: Path, measure_writes: bool) -> tuple[SearchBackend, dict[str, float]]``
makes ``--backends ...,<name>`` work (e.g. ``opensearch``); the harness only uses the
``SearchBackend`` protocol plus the optional ``memory_report()`` and ``optimize()`` methods.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import importlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import _vectors
from benchmarks._exact import ExactSearch
from benchmarks._workload import Dataset, filters, unique_profiles
from indexer.backends.protocol import SearchBackend

OUT = Path("bench-output")
WRITE_BATCH = 2_000


def _percentiles(samples: list[float]) -> tuple[float, float]:
    a = np.asarray(samples) * 1000.0
    return float(np.percentile(a, 50)), float(np.percentile(a, 99))


def build_embedded(data: Dataset, workdir: Path, measure_writes: bool) -> tuple[SearchBackend, dict[str, float]]:
    from benchmarks._embedded_bulk import bulk_build
    from indexer.backends.embedded import EmbeddedBackend

    path = workdir / "embedded"
    figures: dict[str, float] = {}
    d = data.vectors.shape[1]
    if measure_writes:
        backend = EmbeddedBackend.open(path, d)
        docs = list(data.docs())
        t = time.perf_counter()
        for i in range(0, len(docs), WRITE_BATCH):
            backend.upsert(docs[i : i + WRITE_BATCH])
        backend.wait_for_merges()  # the merges these writes set off count in full
        figures["write profiles/s"] = len(docs) / (time.perf_counter() - t)
        del docs
    else:
        t = time.perf_counter()
        bulk_build(path, data)
        figures["bulk write s"] = time.perf_counter() - t
        t = time.perf_counter()
        backend = EmbeddedBackend.open(path, d)
        figures["open s"] = time.perf_counter() - t
    t = time.perf_counter()
    backend.optimize()  # type: ignore[attr-defined]
    figures["ann build s"] = time.perf_counter() - t
    return backend, figures


def _column_builder(name: str) -> Callable[[Dataset, Path, bool], tuple[Any, dict[str, float]]]:
    if name == "embedded":
        return build_embedded
    module = importlib.import_module(f"benchmarks._column_{name}")
    return module.build  # type: ignore[no-any-return]


def run_size(n: int, columns: list[str], args: argparse.Namespace, uniq: list, real: np.ndarray | None,
             qvecs: np.ndarray, qtexts: list[str]) -> dict[str, dict[str, float]]:
    d = 384
    if real is not None:
        vecs = _vectors.realistic_vectors(real, n, seed=n)
        kind = "MiniLM+noise"
    else:
        vecs = _vectors.random_vectors(n, d, seed=n)
        kind = "random"
    data = Dataset(uniq, vecs, kind)
    flt = filters(uniq)
    results: dict[str, dict[str, float]] = {}
    exact = ExactSearch(data, flt)
    for name, f in flt.items():
        results.setdefault("_info", {})[f"selectivity {name} %"] = 100.0 * float(data.mask(name, f).mean())
    truth = {name: [exact.dense_search(q, 10, f) for q in qvecs] for name, f in flt.items()}
    # exact column
    col: dict[str, float] = {}
    for name, f in flt.items():
        lat = []
        for q in qvecs:
            t = time.perf_counter()
            exact.dense_search(q, 10, f)
            lat.append(time.perf_counter() - t)
        col[f"dense {name} p50 ms"], col[f"dense {name} p99 ms"] = _percentiles(lat)
        col[f"dense {name} recall@10"] = 1.0
    col["RAM B/profile (vectors+ANN)"] = vecs.nbytes / n
    results["exact"] = col
    for column in columns:
        if column == "exact" or n > args.limits.get(column, n):
            continue
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-{column}-", dir=args.workdir))
        try:
            backend, figs = _column_builder(column)(data, workdir, n <= 100_000)
            col = dict(figs)
            for name, f in flt.items():
                for q in qvecs[:5]:  # warm-up: compiles and caches the filter
                    backend.dense_search(q, 10, f)
                lat, rec = [], []
                for q, want in zip(qvecs, truth[name], strict=True):
                    t = time.perf_counter()
                    hits = backend.dense_search(q, 10, f)
                    lat.append(time.perf_counter() - t)
                    rec.append(len({h.id for h in hits} & {h.id for h in want}) / max(1, len(want)))
                col[f"dense {name} p50 ms"], col[f"dense {name} p99 ms"] = _percentiles(lat)
                col[f"dense {name} recall@10"] = float(np.mean(rec))
            for label, f in (("none", None), ("eligible", flt["eligible"])):
                for text in qtexts[:5]:
                    backend.lexical_search(text, 100, f)
                lat = []
                for text in qtexts:
                    t = time.perf_counter()
                    backend.lexical_search(text, 100, f)
                    lat.append(time.perf_counter() - t)
                col[f"lexical top100 filter={label} p50 ms"], col[f"lexical top100 filter={label} p99 ms"] = (
                    _percentiles(lat)
                )
            # hybrid: BM25 top-100 and dense top-100 under the eligibility filter, fused (RRF),
            # i.e. the two retrieval calls the ranker makes per brief (added with the opensearch column)
            from ranking.config import FusionConfig
            from ranking.fusion import fuse

            lat = []
            for text, q in zip(qtexts, qvecs, strict=True):
                t = time.perf_counter()
                fuse(backend.lexical_search(text, 100, flt["eligible"]),
                     backend.dense_search(q, 100, flt["eligible"]), FusionConfig(), 100)
                lat.append(time.perf_counter() - t)
            col["hybrid top100 filter=eligible p50 ms"], col["hybrid top100 filter=eligible p99 ms"] = (
                _percentiles(lat)
            )
            report = getattr(backend, "memory_report", None)
            if report is not None:
                mem = report()
                col["RAM B/profile (vectors+ANN)"] = mem["vectors+ann"] / n
                col["RAM B/profile (lexical)"] = mem["lexical"] / n
                col["RAM B/profile (filter columns)"] = mem["columns"] / n
            backend.close()
            results[column] = col
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def render(all_results: dict[int, dict[str, dict[str, float]]]) -> str:
    """One table: a row per figure, a column per (backend, size)."""
    headers = [(n, c) for n, res in all_results.items() for c in res if c != "_info"]
    rows: list[str] = []
    for res in all_results.values():
        for c, figs in res.items():
            rows += [m for m in figs if m not in rows and c != "_info"]
    width = max(len(r) for r in rows) + 2
    out = []
    for n, res in all_results.items():
        info = ", ".join(f"{k.removeprefix('selectivity ')} {v:.1f}" for k, v in res.get("_info", {}).items())
        out.append(f"filter selectivity at {_short(n)} (% of rows passing): {info}")
    out.append("")
    out.append(" " * width + "".join(f"{c + '@' + _short(n):>20}" for n, c in headers))
    for r in rows:
        cells = []
        for n, c in headers:
            v = all_results[n][c].get(r)
            cells.append(f"{'-' if v is None else (f'{v:,.3f}' if v < 100 else f'{v:,.0f}'):>20}")
        out.append(f"{r:<{width}}" + "".join(cells))
    return "\n".join(out)


def _short(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated index sizes")
    ap.add_argument("--backends", default="embedded,exact", help="columns: embedded, exact, or a hooked one")
    ap.add_argument("--unique", type=int, default=20_000, help="distinct generated profiles, tiled")
    ap.add_argument("--real", type=int, default=3_000, help="profiles embedded with the real model (cached)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--vectors", choices=["real", "random"], default="real")
    ap.add_argument("--workdir", type=Path, default=None, help="where indexes are built (temporary)")
    ap.add_argument(
        "--max-size", action="append", default=[], metavar="COLUMN=N",
        help="skip a column above this size (e.g. opensearch=100000: no bulk path there)",
    )
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    columns = [c.strip() for c in args.backends.split(",") if c.strip()]
    args.limits = {c: int(v) for c, _, v in (m.partition("=") for m in args.max_size)}
    t0 = time.perf_counter()
    uniq = unique_profiles(args.unique)
    if args.vectors == "real":
        real = _vectors.real_embeddings(args.real)
        qvecs = _vectors.query_embeddings(args.queries)
    else:
        real = None
        qvecs = _vectors.random_vectors(args.queries, 384, seed=12345)
    qtexts = _vectors.query_texts(args.queries)
    all_results: dict[int, dict[str, dict[str, float]]] = {}
    for n in sizes:
        print(f"[{time.perf_counter() - t0:7.0f}s] size {n:,} ...", flush=True)
        all_results[n] = run_size(n, columns, args, uniq, real, qvecs, qtexts)
    print(f"\nvectors: {'all-MiniLM-L6-v2 embeddings of the profiles + noise' if real is not None else 'random'}; "
          f"{args.queries} queries; k=10 dense, k=100 lexical; total {time.perf_counter() - t0:.0f}s\n")
    print(render(all_results))
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_backends.json").write_text(json.dumps({str(k): v for k, v in all_results.items()}, indent=1))


if __name__ == "__main__":
    main()
