"""The ``opensearch`` column of :mod:`benchmarks.bench_backends`: the same data in a real
OpenSearch (the node ``scripts/opensearch.sh start`` runs, or ``TALENTMATCH_OPENSEARCH_URL``).

``write profiles/s`` times ``OpenSearchBackend.upsert`` of ready ``IndexedProfile`` batches of
2,000 (document building, bulk requests, HNSW insertion, refresh; no embedding), on the one
shard of the index, at every size (there is no bulk shortcut into OpenSearch). The index is
searched as the load leaves it (``segments``: Lucene's own background merges, no force-merge:
merging HNSW segments rebuilds their graphs, ~90 s per 20k profiles on this machine).
``disk B/profile`` is the index's store size (vectors, HNSW graphs, _source with the profile
JSON, postings) per profile. The index is dropped when the harness closes the backend.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks._workload import Dataset
from indexer.backends.opensearch import OpenSearchBackend
from indexer.settings import BackendKind, IndexerSettings

WRITE_BATCH = 2_000


class _DroppingBackend(OpenSearchBackend):
    """Drops its benchmark index on close."""

    def close(self) -> None:
        if not self._closed:
            self.drop()
        super().close()


def build(data: Dataset, workdir: Path, measure_writes: bool) -> tuple[OpenSearchBackend, dict[str, float]]:
    del workdir, measure_writes  # every size is written through upsert
    settings = IndexerSettings(
        backend=BackendKind.OPENSEARCH,
        opensearch_index=f"tm-bench-{os.getpid()}-{data.n}",
        opensearch_timeout_s=600,
    )
    d = int(data.vectors.shape[1])
    backend = _DroppingBackend.open(settings, d, bulk_batch_size=1_000)
    backend.drop()  # a leftover of an interrupted run
    backend.close()
    backend = _DroppingBackend.open(settings, d, bulk_batch_size=1_000)
    figures: dict[str, float] = {}
    t = time.perf_counter()
    for i in range(0, data.n, WRITE_BATCH):
        backend.upsert(list(data.docs(i, min(data.n, i + WRITE_BATCH))))
    figures["write profiles/s"] = data.n / (time.perf_counter() - t)
    index = backend.physical_index()
    client = backend._client  # benchmark-only: statistics outside the protocol
    stats = client.indices.stats(index=index, metric="store,segments")
    figures["disk B/profile"] = stats["_all"]["primaries"]["store"]["size_in_bytes"] / data.n
    figures["segments"] = float(stats["_all"]["primaries"]["segments"]["count"])
    return backend, figures
