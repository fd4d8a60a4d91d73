"""Faults on a real node: OpenSearch dies mid-bulk, the error is reported, a rerun resumes.

These tests start a private throw-away node on its own port (``scripts/opensearch.sh`` with
``OPENSEARCH_PORT``), so killing it never disturbs the shared server other tests use; the
private node is stopped when the module ends.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from opensearchpy import OpenSearch

from indexer.backends.opensearch import OpenSearchBackend
from indexer.backends.opensearch.bulk import RetryPolicy
from indexer.embedding.hashing import HashingEmbedder
from indexer.errors import BackendUnavailableError
from indexer.generate import generate_profiles
from indexer.pipeline import Indexer, IndexSummary
from indexer.pipeline.content_hash import content_hash
from indexer.settings import BackendKind, IndexerSettings
from tests.contract.opensearch_support import drop_indices

pytestmark = [pytest.mark.opensearch, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "opensearch.sh"
PORT = int(os.environ.get("TALENTMATCH_FAULT_TEST_PORT", "9277"))
N = 3000
DIM = 32


class Node:
    """The private node: start / kill / pid through the project's script."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.env = {**os.environ, "OPENSEARCH_PORT": str(port)}

    def _script(self, command: str) -> str:
        done = subprocess.run([str(SCRIPT), command], env=self.env, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"opensearch.sh {command} failed:\n{done.stderr}")
        return done.stdout

    def start(self) -> None:
        self._script("start")

    def stop(self) -> None:
        self._script("stop")

    def kill(self) -> None:
        """SIGKILL, like a crashed or OOM-killed node (acknowledged writes must survive)."""
        pid = int(self._script("pid").strip())
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        raise RuntimeError(f"pid {pid} survived SIGKILL")


@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    n = Node(PORT)
    n.start()
    yield n
    n.stop()


@pytest.fixture
def settings(node: Node, tmp_path: Path) -> Iterator[IndexerSettings]:
    s = IndexerSettings(
        backend=BackendKind.OPENSEARCH,
        opensearch_url=node.url,
        opensearch_index=f"tm-fault-{os.getpid()}-{time.monotonic_ns() % 10**8}",
        data_dir=tmp_path,
        index_batch_size=200,
        opensearch_timeout_s=10,
    )
    yield s
    node.start()  # whatever the test did, leave the node up for the next one
    drop_indices(s)


def _watch_and(node: Node, settings: IndexerSettings, at_least: int, action: str) -> int:
    """Poll the document count until ``at_least`` are visible, then kill (and maybe restart)."""
    client = OpenSearch([settings.opensearch_url], timeout=5)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                seen = int(client.count(index=settings.opensearch_index)["count"])
            except Exception:  # the index may not exist yet
                seen = 0
            if seen >= at_least:
                node.kill()
                if action == "restart":
                    node.start()
                return seen
            time.sleep(0.05)
        raise AssertionError("indexing never reached the kill point")
    finally:
        client.close()


def _expected_hashes(profiles: list, settings: IndexerSettings) -> dict[str, str]:
    from datetime import UTC, datetime

    from indexer.completeness import completeness

    as_of = datetime(2026, 11, 1, tzinfo=UTC)
    model = HashingEmbedder(DIM).model_id
    return {p.id: content_hash(p, model, completeness(p, as_of)) for p in profiles}


AS_OF_KW = {"progress": False}


def _index(settings: IndexerSettings, profiles: list, retry: RetryPolicy) -> IndexSummary:
    from datetime import UTC, datetime

    backend = OpenSearchBackend.open(settings, DIM, bulk_batch_size=100, retry=retry)
    try:
        with Indexer(backend, HashingEmbedder(DIM), settings) as indexer:
            return indexer.index_profiles(profiles, as_of=datetime(2026, 11, 1, tzinfo=UTC), **AS_OF_KW)
    finally:
        backend.close()


def test_killed_mid_bulk_reports_error_and_rerun_resumes(node: Node, settings: IndexerSettings) -> None:
    profiles = list(generate_profiles(N, seed=11))
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["summary"] = _index(settings, profiles, RetryPolicy(max_retries=2, base_delay_s=0.2))
        except BaseException as exc:  # collected, inspected below
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    seen = _watch_and(node, settings, at_least=N // 4, action="kill")
    worker.join(timeout=120)
    assert not worker.is_alive()

    error = outcome.get("error")
    assert isinstance(error, BackendUnavailableError), outcome
    assert node.url in str(error)
    assert "re-run" in str(error)

    node.start()
    summary = _index(settings, profiles, RetryPolicy())
    assert isinstance(summary, IndexSummary)
    # Everything acknowledged before the crash survived and is skipped; nothing is written twice.
    assert summary.unchanged >= seen
    assert summary.added + summary.unchanged == N
    assert summary.updated == 0

    backend = OpenSearchBackend.open(settings, DIM, create=False)
    try:
        assert backend.count() == N
        assert backend.content_hashes() == _expected_hashes(profiles, settings)
        assert len(backend.get([p.id for p in profiles[:: N // 20]])) == 20
    finally:
        backend.close()


def test_short_outage_is_absorbed_by_retries(node: Node, settings: IndexerSettings) -> None:
    profiles = list(generate_profiles(N // 2, seed=12))
    outcome: dict[str, object] = {}
    # ~2 min of patience: the node restarts in ~10 s idle but took > 30 s on a loaded CI machine
    patient = RetryPolicy(max_retries=20, base_delay_s=0.25, max_delay_s=8.0)

    def run() -> None:
        try:
            outcome["summary"] = _index(settings, profiles, patient)
        except BaseException as exc:  # collected, inspected below
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    _watch_and(node, settings, at_least=N // 10, action="restart")
    worker.join(timeout=300)
    assert not worker.is_alive()
    assert "error" not in outcome, outcome.get("error")
    summary = outcome["summary"]
    assert isinstance(summary, IndexSummary)
    assert summary.added == N // 2

    backend = OpenSearchBackend.open(settings, DIM, create=False)
    try:
        assert backend.count() == N // 2
        assert backend.content_hashes() == _expected_hashes(profiles, settings)
    finally:
        backend.close()
