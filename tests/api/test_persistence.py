"""State survives a restart: a new app on the same data directory sees everything."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.clock import ManualClock
from api.db.engine import Database
from api.db.migrations import MIGRATIONS, current_version, migrate
from tests.api.conftest import (
    ADMIN_KEY,
    auth,
    create_client_with_key,
    create_key,
    listed_profile,
    make_app,
)
from tests.api.helpers import result_ids, search, submit_project

pytestmark = pytest.mark.slow


def test_data_survives_an_app_restart(data_dir: Path, clock: ManualClock, profiles) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(data_dir, clock), raise_server_exceptions=False) as http:
        _, ckey = create_client_with_key(http, "Acme")
        skey = create_key(http, "sourcing")
        pid = submit_project(http, ckey, service="curated").json()["id"]
        http.post(f"/moderation/projects/{pid}/decision", json={"decision": "approve"},
                  headers=auth(skey))
        req = http.post(f"/projects/{pid}/sourcing-requests", json={"limit": 5},
                        headers=auth(skey)).json()
        http.patch(f"/sourcing-requests/{req['id']}/candidates/{req['candidates'][0]['profile_id']}",
                   json={"decision": "keep", "note": "keep me"},
                   headers={**auth(skey), "If-Match": '"v1"'})
        target = result_ids(search(http, ckey))[0]
        r = http.post("/sanctions", json={
            "target_kind": "freelancer", "target_id": target, "kind": "temporary_suspension",
            "reason": "checks", "end": (clock.now() + timedelta(days=5)).isoformat()},
            headers=auth(ADMIN_KEY))
        assert r.status_code == 201, r.text
        audit_total = http.get("/audit", headers=auth(ADMIN_KEY)
                               ).json()["total"]
    # A new application on the same directory.
    with TestClient(make_app(data_dir, clock), raise_server_exceptions=False) as http:
        assert http.get(f"/projects/{pid}", headers=auth(ckey)).json()["status"] == "active"
        again = http.get(f"/sourcing-requests/{req['id']}", headers=auth(skey))
        assert again.status_code == 200 and again.headers["etag"] == '"v2"'
        assert again.json()["candidates"][0]["note"] == "keep me"
        # The snapshot is exactly as stored, apart from the one edit.
        assert again.json()["candidates"] == [
            {**c, "decision": "keep", "note": "keep me"} if i == 0 else c
            for i, c in enumerate(req["candidates"])]
        assert target not in result_ids(search(http, ckey))
        assert http.get("/audit", headers=auth(ADMIN_KEY)
                        ).json()["total"] == audit_total
        clock.advance(timedelta(days=8))  # a Tuesday: weekend-off profiles are listed too
        assert target in result_ids(search(http, ckey, limit=500))
    assert listed_profile(profiles)


def test_migrations_are_versioned_and_idempotent(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'wf.sqlite3'}")
    try:
        assert migrate(db) == [m.version for m in MIGRATIONS]
        assert migrate(db) == []
        assert current_version(db) == max(m.version for m in MIGRATIONS)
        with db.read() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "wal"
    finally:
        db.dispose()


def test_sanctions_survive_a_reindex_of_the_source(data_dir: Path, clock: ManualClock,
                                                   profiles) -> None:  # type: ignore[no-untyped-def]
    """Re-indexing the original profiles drops the API's sanction from the index; the next
    start-up re-applies it from the store."""
    from indexer.backends import open_backend
    from indexer.embedding.hashing import HashingEmbedder
    from indexer.pipeline import Indexer
    from indexer.settings import IndexerSettings
    from tests.api.conftest import DIM

    with TestClient(make_app(data_dir, clock), raise_server_exceptions=False) as http:
        _, ckey = create_client_with_key(http, "Acme")
        target = result_ids(search(http, ckey))[0]
        r = http.post("/sanctions", json={"target_kind": "freelancer", "target_id": target,
                                          "kind": "permanent_suspension", "reason": "fraud"},
                      headers=auth(ADMIN_KEY))
        assert r.status_code == 201
    settings = IndexerSettings(data_dir=data_dir)
    backend = open_backend(settings, DIM)
    try:
        with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
            summary = ix.index_profiles(profiles, as_of=clock.now(), progress=False)
        assert summary.updated >= 1
    finally:
        backend.close()
    with TestClient(make_app(data_dir, clock), raise_server_exceptions=False) as http:
        assert target not in result_ids(search(http, ckey, limit=50))


