"""The search path of the API against the real OpenSearch (``scripts/opensearch.sh start``).

The same profiles are indexed into OpenSearch; ``/search`` over it must return what it
returns over the embedded backend (ids, in order), and sanctions and account deletions must
reach OpenSearch through the indexer at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.clock import ManualClock
from indexer.backends import open_backend
from indexer.embedding.hashing import HashingEmbedder
from indexer.generate import DEFAULT_AS_OF
from indexer.pipeline import Indexer
from indexer.profile import Profile
from indexer.settings import IndexerSettings
from tests.api.conftest import (
    ADMIN_KEY,
    DIM,
    START,
    auth,
    create_client_with_key,
    hashing_factory,
    make_app,
)
from tests.api.helpers import PYTHON_BRIEF, result_ids, search
from tests.contract.opensearch_support import drop_indices, store_settings

pytestmark = [pytest.mark.opensearch, pytest.mark.integration]


@pytest.fixture
def os_settings(tmp_path: Path, profiles: list[Profile]) -> Iterator[IndexerSettings]:
    settings = store_settings("api").model_copy(update={"data_dir": tmp_path / "os-data"})
    backend = open_backend(settings, DIM)
    try:
        with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
            ix.index_profiles(profiles, as_of=DEFAULT_AS_OF, progress=False)
        assert backend.count() == len(profiles)
    finally:
        backend.close()
    yield settings
    drop_indices(settings)


@pytest.mark.parametrize("workers", [0, 2], ids=["one-process", "ranking-workers"])
def test_search_sanctions_and_deletion_on_opensearch(os_settings: IndexerSettings,
                                                     data_dir: Path, workers: int) -> None:
    from api.settings import ApiSettings

    clock = ManualClock(START)
    briefs = [PYTHON_BRIEF, {"title": "UX designer", "must_have_skills": ["Figma"]},
              {"title": "Data engineer", "must_have_skills": ["Python", "SQL"],
               "location": {"country": "DE", "remote": "hybrid"}}]
    # The reference: the same data on the embedded backend.
    with TestClient(make_app(data_dir, clock), raise_server_exceptions=False) as http:
        _, key = create_client_with_key(http, "Ref")
        expected = [result_ids(search(http, key, b)) for b in briefs]
    app = create_app(ApiSettings(indexer=os_settings, bootstrap_admin_key=ADMIN_KEY,
                                 search_max_results=500, search_workers=workers),
                     search_factory=hashing_factory, clock=clock)
    with TestClient(app, raise_server_exceptions=False) as http:
        assert http.get("/health").json()["indexed_profiles"] == 300
        stack = app.state.ctx.search
        assert len(stack.workers.pids if stack.workers else []) == workers
        _, key = create_client_with_key(http, "Acme")
        got = [result_ids(search(http, key, b)) for b in briefs]
        assert all(len(ids) == 20 for ids in got)
        assert got == expected
        target = got[0][0]
        r = http.post("/sanctions", json={
            "target_kind": "freelancer", "target_id": target, "kind": "temporary_suspension",
            "reason": "checks", "end": (clock.now() + timedelta(days=1)).isoformat()},
            headers=auth(ADMIN_KEY))
        assert r.status_code == 201, r.text
        assert target not in result_ids(search(http, key))
        clock.advance(timedelta(days=2))
        assert target in result_ids(search(http, key))
        assert http.delete(f"/freelancers/{target}", headers=auth(ADMIN_KEY)).status_code == 200
        assert http.get("/health").json()["indexed_profiles"] == 299
        assert target not in result_ids(search(http, key, limit=100))
        if workers:  # the workers ranked (this process embedded no brief)
            assert stack.ranker.query_cache.misses == 0


def test_a_forked_worker_talks_to_opensearch_over_a_client_of_its_own(
        os_settings: IndexerSettings) -> None:
    backend = open_backend(os_settings, DIM)
    try:
        inherited = backend._client  # type: ignore[attr-defined]
        backend.after_fork()  # type: ignore[attr-defined]
        assert backend._client is not inherited  # type: ignore[attr-defined]
        assert backend.count() == 300
        assert backend.physical_index() is not None
        inherited.close()
    finally:
        backend.close()
