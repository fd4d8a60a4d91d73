"""Where the time of embedded-backend upserts goes: CPU and wall time per stage, per profile.

Run (from the repository root)::

    python -m benchmarks.profile_embedded_writes --rows 100000

Upserts ``--rows`` generated profiles (the benchmark's tiled data set, random unit vectors)
in batches of 2,000 into a fresh index, as ``bench_backends`` measures writes, with timers
around the stages of :meth:`EmbeddedBackend.upsert` (nested stages are included in their
parents: ``encode`` contains ``filter_values`` ...). A stage's CPU time is that of the
thread running it; ``upsert (all)`` counts every thread of this process (the lexical helper
process runs alongside; ``lexical helper wait`` is the time spent waiting for it). Merges
are built in a worker thread while the writes go on (``merge builds``); the total includes
waiting for the last of them. Figures are per profile, in microseconds.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import _vectors
from benchmarks._workload import Dataset, unique_profiles

WRITE_BATCH = 2_000

#: (module, attribute, label): the stages timed. ``Class.method`` attributes are methods.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("backend", "validate", "validate"),
    ("backend", "encode", "encode"),
    ("encode", "filter_values_batch", "  filter_values"),
    ("encode", "_keyword_columns", "  keyword columns"),
    ("encode", "_range_columns", "  range columns"),
    ("encode", "_documents", "  JSON documents"),
    ("encode", "lexical_source", "  lexical texts"),
    ("lexical_encode", "lexical_arrays", "  lexical analysis here"),
    ("lexical_encode", "_Helper.receive", "  lexical helper wait"),
    ("backend", "write_segment", "write segment (+fsync)"),
    ("backend", "write_manifest", "write manifest (+fsync)"),
    ("backend", "EmbeddedBackend._add_segment", "in-memory add"),
    ("lexical", "LexicalIndex.append", "  LexicalIndex.append"),
    ("columns", "FilterColumns.append", "  FilterColumns.append"),
    ("backend", "EmbeddedBackend._reap_merge", "merge commits (+waits)"),
    ("merging", "build_merged", "merge builds (background)"),
)


def _timed(
    owner: Any, name: str, label: str, cpu: dict[str, float], wall: dict[str, float]
) -> None:
    """Wrap ``owner.name`` so its CPU and wall time add up under ``label``."""
    original: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        c, w = time.thread_time(), time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            cpu[label] = cpu.get(label, 0.0) + time.thread_time() - c
            wall[label] = wall.get(label, 0.0) + time.perf_counter() - w

    setattr(owner, name, wrapper)


def _instrument(cpu: dict[str, float], wall: dict[str, float]) -> None:
    import importlib

    for module, attr, label in STAGES:
        owner: Any = importlib.import_module(f"indexer.backends.embedded.{module}")
        if "." in attr:
            cls, attr = attr.split(".")
            owner = getattr(owner, cls)
        _timed(owner, attr, label, cpu, wall)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--unique", type=int, default=20_000, help="distinct generated profiles, tiled")
    args = ap.parse_args(argv)
    from indexer.backends.embedded import EmbeddedBackend

    cpu: dict[str, float] = {}
    wall: dict[str, float] = {}
    _instrument(cpu, wall)
    data = Dataset(
        unique_profiles(min(args.rows, args.unique)),
        _vectors.random_vectors(args.rows, 384, seed=1),
        "random",
    )
    docs = list(data.docs())
    workdir = Path(tempfile.mkdtemp(prefix="profile-writes-"))
    try:
        backend = EmbeddedBackend.open(workdir / "index", 384)
        c, w = time.process_time(), time.perf_counter()
        for i in range(0, len(docs), WRITE_BATCH):
            backend.upsert(docs[i : i + WRITE_BATCH])
        backend.wait_for_merges()  # the merges these writes set off count in full
        cpu_total, wall_total = time.process_time() - c, time.perf_counter() - w
        backend.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    n = len(docs)
    print(
        f"{n:,} profiles: {n / wall_total:,.0f} profiles/s wall, {n / cpu_total:,.0f} per CPU-second of this process"
    )
    print(f"{'stage':<28}{'CPU us/profile':>16}{'wall us/profile':>17}")
    print(f"{'upsert (all)':<28}{1e6 * cpu_total / n:>16.1f}{1e6 * wall_total / n:>17.1f}")
    for _, _, label in STAGES:
        print(
            f"{label:<28}{1e6 * cpu.get(label, 0.0) / n:>16.1f}{1e6 * wall.get(label, 0.0) / n:>17.1f}"
        )


if __name__ == "__main__":
    main()
