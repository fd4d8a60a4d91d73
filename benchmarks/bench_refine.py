"""Dense refine factors side by side: search time, recall against exact search, ranked top 20.

    python -m benchmarks.bench_refine                       # factors 4 3 2 at 100k, 200 briefs
    python -m benchmarks.bench_refine --factors 4 3 --size 1000000 --queries 100

The embedded backend's HNSW walk returns ``max(k * refine_factor, refine_min)`` candidates,
re-scored exactly with the float32 vectors (:class:`~indexer.backends.embedded.dense.DenseParams`);
a larger factor finds more of the true nearest neighbours and walks longer. Data and briefs are
:mod:`benchmarks.bench_ranking`'s (realistic MiniLM vectors from the default onnx model, the
index under ``bench-output/ranking-<size>-...``, built if missing), so the graph is searched
with the geometry of real embeddings.

One backend and one ranker: for every brief, the ranking (``Ranker.rank_new``, no result
cache; the query embedding is cached, so every variant searches with the same vector) runs
once with exact dense search (the reference) and once per factor, the order of the variants
rotating from brief to brief so that slow spells of the machine hit them alike. Every dense
search the ranker makes is recorded. Printed per variant:

* ``dense ms``: p50 and mean wall time of its dense searches;
* ``recall@k``: share of the reference's dense hits (top ``candidates`` of the ranking
  configuration, 200 by default) that the variant's dense search returned;
* ``top 20 identical`` / ``top 20 overlap``: share of briefs whose ranked top 20 is the
  reference's, in the same order, and the mean share of profiles in common.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import time
from collections.abc import Sequence

from benchmarks.bench_ranking import AS_OF, TimedBackend, briefs, build
from indexer.backends.embedded import EmbeddedBackend
from indexer.backends.embedded.dense import DenseParams
from indexer.backends.filters import Filter
from indexer.backends.protocol import Hit, Vector
from indexer.embedding import load_embedder
from indexer.settings import EmbeddingBackend, IndexerSettings
from ranking import Brief, Ranker
from ranking.records import RankingForm
from ranking.results import RankingResult

EXACT = "exact"


class _Recorded(TimedBackend):
    """The backend with every dense search's wall time and hit ids kept, in order."""

    def __init__(self, inner: EmbeddedBackend) -> None:
        super().__init__(inner)
        self.searches: list[tuple[float, list[str]]] = []

    def dense_search(self, vector: Vector, k: int, filt: Filter | None = None) -> list[Hit]:
        t = time.perf_counter()
        hits = self.inner.dense_search(vector, k, filt)
        self.searches.append((time.perf_counter() - t, [h.id for h in hits]))
        return hits


def _variants(backend: EmbeddedBackend, factors: Sequence[int]) -> dict[str, DenseParams]:
    base = backend.dense_params
    out: dict[str, DenseParams] = {EXACT: dataclasses.replace(base, exact_selectivity=1.01)}
    for f in factors:
        out[f"refine {f}"] = dataclasses.replace(base, refine_factor=f)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000, help="Indexed profiles (100000).")
    ap.add_argument("--factors", type=int, nargs="+", default=[4, 3, 2],
                    help="Refine factors compared (4 3 2).")
    ap.add_argument("--queries", type=int, default=200, help="Briefs (200).")
    args = ap.parse_args(argv)
    if not args.factors or min(args.factors) < 1:
        ap.error("--factors must be positive integers")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embedder = load_embedder(IndexerSettings(embedding_backend=EmbeddingBackend.ONNX))
    backend, _ = build(args.size, embedder, False)
    backend.optimize()
    recorded = _Recorded(backend)
    ranker = Ranker(recorded, embedder, overlap_embedding=False)
    variants = _variants(backend, args.factors)
    names = list(variants)

    def run(name: str, brief: Brief) -> tuple[list[tuple[float, list[str]]], list[str]]:
        backend.dense_params = variants[name]
        recorded.searches = []
        result = ranker.rank_new(RankingForm.EXPLAINED, brief, k=20, as_of=AS_OF)
        if not isinstance(result, RankingResult):
            raise TypeError(f"expected a RankingResult, got {type(result).__name__}")
        return recorded.searches, [r.profile_id for r in result.results]

    for b in briefs(5)[::-1]:  # warm-up: kernels compiled, graph loaded, other briefs
        for name in names:
            run(name, b.model_copy(update={"title": b.title + " (warm-up)"}))
    times: dict[str, list[float]] = {n: [] for n in names}
    found = dict.fromkeys(names, 0)
    wanted = 0
    identical = dict.fromkeys(names, 0)
    overlap: dict[str, list[float]] = {n: [] for n in names}
    qs = briefs(args.queries)
    for i, b in enumerate(qs):
        order = names[i % len(names):] + names[: i % len(names)]
        got = {name: run(name, b) for name in order}
        ref_searches, ref_top = got[EXACT]
        wanted += sum(len(ids) for _, ids in ref_searches)
        for name, (searches, top) in got.items():
            times[name] += [t for t, _ in searches]
            found[name] += sum(len(set(ids) & set(ref)) for (_, ids), (_, ref)
                               in zip(searches, ref_searches, strict=True))
            identical[name] += top == ref_top
            overlap[name].append(len(set(top) & set(ref_top)) / max(1, len(ref_top)))
    backend.close()
    print(f"\nDense refine factors at {args.size:,} profiles, {len(qs)} briefs "
          f"(reference: exact dense search)")
    print(f"  {'variant':<10} {'dense p50 ms':>12} {'mean ms':>8} {'recall@k':>9} "
          f"{'top 20 identical':>17} {'top 20 overlap':>15}")
    for name in names:
        print(f"  {name:<10} {statistics.median(times[name]) * 1e3:>12.2f} "
              f"{statistics.fmean(times[name]) * 1e3:>8.2f} {found[name] / max(1, wanted):>9.4f} "
              f"{identical[name] / len(qs):>17.3f} {statistics.fmean(overlap[name]):>15.4f}")


if __name__ == "__main__":
    main()
