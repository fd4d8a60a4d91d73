"""The in-process cache of key lookups: bounded, short-lived, invalidated at once in this
process by revocations, account deletions and client sanctions, and within its TTL in
other processes of the same store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import event

from api.app import create_app
from api.auth.cache import CachedKey, KeyCache
from api.auth.principal import Principal
from api.clock import ManualClock
from api.enums import Role
from api.settings import ApiSettings
from indexer.settings import IndexerSettings
from tests.api.conftest import (
    ADMIN_KEY,
    START,
    Keys,
    auth,
    create_client_with_key,
    database_url,
    hashing_factory,
    make_app,
)
from tests.api.helpers import assert_problem


class FakeMonotonic:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def _entry(key_id: str, role: Role = Role.SOURCING, subject: str | None = None) -> CachedKey:
    return CachedKey(principal=Principal(actor_id=key_id, role=role, subject_id=subject))


def test_entries_expire_after_the_ttl_and_the_size_is_bounded() -> None:
    clock = FakeMonotonic()
    cache = KeyCache(max_entries=3, ttl_s=5.0, monotonic=clock)
    for i in range(4):
        assert cache.put(f"h{i}", _entry(f"k{i}"), cache.generation())
    assert len(cache) == 3 and cache.get("h0") is None  # least recently used went first
    assert cache.get("h1") is not None
    cache.put("h4", _entry("k4"), cache.generation())
    assert cache.get("h1") is not None and cache.get("h2") is None  # h1 was used, h2 not
    clock.t += 4.9
    assert cache.get("h3") is not None
    clock.t += 0.1
    assert cache.get("h3") is None and cache.get("h4") is None
    disabled = KeyCache(ttl_s=0)
    assert not disabled.put("h", _entry("k"), disabled.generation())
    assert disabled.get("h") is None


def test_invalidation_is_precise_and_stale_lookups_are_not_cached() -> None:
    cache = KeyCache(ttl_s=60)
    g = cache.generation()
    cache.put("a", _entry("key-a", Role.CLIENT, "cli_1"), g)
    cache.put("b", _entry("key-b", Role.CLIENT, "cli_1"), g)
    cache.put("c", _entry("key-c", Role.CLIENT, "cli_2"), g)
    cache.put("d", _entry("key-d", Role.FREELANCER, "cli_1"), g)
    assert cache.invalidate_subject(Role.CLIENT, "cli_1") == 2
    assert cache.get("a") is None and cache.get("b") is None
    assert cache.get("c") is not None and cache.get("d") is not None
    assert cache.invalidate_key("key-c") == 1 and cache.get("c") is None
    # A lookup that read the store before an invalidation cannot cache what it read.
    before = cache.generation()
    cache.invalidate_key("key-x")
    assert not cache.put("e", _entry("key-e"), before)
    assert cache.get("e") is None
    assert cache.put("e", _entry("key-e"), cache.generation())


@contextmanager
def auth_queries(app: FastAPI) -> Iterator[list[str]]:
    """The SQL statements that read keys or sanctions while the block runs."""
    seen: list[str] = []
    engine = app.state.ctx.db.engine

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "FROM api_keys" in statement or "FROM sanctions" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_repeated_requests_run_no_authentication_query(http: TestClient, app: FastAPI,
                                                       keys: Keys) -> None:
    with auth_queries(app) as seen:
        for _ in range(5):
            assert http.get("/projects", headers=auth(keys.client)).status_code == 200
    assert len(seen) == 2  # the key and the company's sanctions, once
    with auth_queries(app) as seen:
        for _ in range(5):
            assert http.get("/sourcing-requests", headers=auth(keys.sourcing)).status_code == 200
    assert len(seen) == 1  # staff keys have no sanctions to read
    with auth_queries(app) as seen:
        for _ in range(3):
            assert_problem(http.get("/projects", headers=auth("tm_nope_unknown")), 401)
    assert len(seen) == 3  # unknown keys are never cached


def _key_id(http: TestClient, key: str) -> str:
    items = http.get("/keys", params={"limit": 200}, headers=auth(ADMIN_KEY)).json()["items"]
    return str(next(k["id"] for k in items if key.startswith(k["prefix"])))


def test_changes_in_this_process_act_at_once(http: TestClient, keys: Keys,
                                             clock: ManualClock) -> None:
    h = auth(keys.client)
    assert http.get("/projects", headers=h).status_code == 200  # cached now
    # A suspension of the company refuses its cached key at once; lifting restores it.
    r = http.post("/sanctions", json={"target_kind": "client", "target_id": keys.client_id,
                                      "kind": "temporary_suspension", "reason": "unpaid",
                                      "end": (START + timedelta(days=2)).isoformat()},
                  headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    assert_problem(http.get("/projects", headers=h), 403)
    http.post(f"/sanctions/{r.json()['id']}/lift", json={"reason": "paid"},
              headers=auth(keys.admin))
    assert http.get("/projects", headers=h).status_code == 200
    # A suspension's end is judged at each request, cached or not.
    http.post("/sanctions", json={"target_kind": "client", "target_id": keys.client_id,
                                  "kind": "temporary_suspension", "reason": "late",
                                  "end": (START + timedelta(hours=1)).isoformat()},
              headers=auth(keys.admin))
    assert_problem(http.get("/projects", headers=h), 403)
    assert_problem(http.get("/projects", headers=h), 403)
    clock.advance(timedelta(hours=2))
    assert http.get("/projects", headers=h).status_code == 200
    # Revoking a key and deleting an account act at once.
    fh = auth(keys.freelancer)
    assert http.get("/me/proposals", headers=fh).status_code == 200
    assert http.delete(f"/keys/{_key_id(http, keys.freelancer)}",
                       headers=auth(keys.admin)).status_code == 200
    assert_problem(http.get("/me/proposals", headers=fh), 401)
    oh = auth(keys.other_client)
    assert http.get("/projects", headers=oh).status_code == 200
    assert http.delete(f"/clients/{keys.other_client_id}",
                       headers=auth(keys.admin)).status_code == 200
    assert_problem(http.get("/projects", headers=oh), 401)


def test_other_processes_follow_within_the_ttl(data_dir: Path, template_dir: Path,
                                              tmp_path: Path, clock: ManualClock) -> None:
    """Two apps on one workflow store (each with its own copy of the index, which allows a
    single writer) stand for two server processes."""
    ttl = 0.5
    first = make_app(data_dir, clock, auth_cache_ttl_s=ttl)
    other_dir = tmp_path / "other"
    shutil.copytree(template_dir, other_dir)
    store = database_url(data_dir) or f"sqlite:///{(data_dir / 'workflow.sqlite3').resolve()}"
    second = create_app(ApiSettings(indexer=IndexerSettings(data_dir=other_dir),
                                    database_url=store, bootstrap_admin_key=SecretStr(ADMIN_KEY)),
                        search_factory=hashing_factory, clock=clock)
    with TestClient(first, raise_server_exceptions=False) as a, \
            TestClient(second, raise_server_exceptions=False) as b:
        # a's cache reads a hand-moved monotonic clock, so the test does not race the TTL
        # on a busy machine (the cache's own expiry arithmetic is what is under test)
        now = [1000.0]
        first.state.ctx.key_cache._now = lambda: now[0]
        _, key = create_client_with_key(a, "Acme")
        assert a.get("/projects", headers=auth(key)).status_code == 200  # cached in a
        assert b.delete(f"/keys/{_key_id(b, key)}", headers=auth(ADMIN_KEY)).status_code == 200
        assert_problem(b.get("/projects", headers=auth(key)), 401)
        now[0] += ttl * 0.8  # a still serves its cached lookup within the TTL
        assert a.get("/projects", headers=auth(key)).status_code == 200
        now[0] += ttl * 0.3  # past the TTL: a looks the key up again and sees the revocation
        assert_problem(a.get("/projects", headers=auth(key)), 401)
