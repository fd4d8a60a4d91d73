"""Fixtures of the API tests: a real embedded index of generated profiles, a real SQLite
workflow store, the app over HTTP (TestClient), and a key per role.

The index is built once per session with the hashing embedder (the workflow does not depend
on meaning) and copied into each test's data directory, so every test starts from the same
state and may change it freely.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.clock import ManualClock
from api.context import SearchStack
from api.search_stack import open_search_stack
from api.settings import ApiSettings
from indexer.backends import open_backend
from indexer.embedding.hashing import HashingEmbedder
from indexer.generate import DEFAULT_AS_OF, generate_profiles
from indexer.pipeline import Indexer
from indexer.profile import Profile
from indexer.settings import IndexerSettings

ADMIN_KEY = "test-bootstrap-admin-key-0123456789abcdef"
N_PROFILES = 300
DIM = 64
#: The API's "now" in tests: a day after the generated data's as_of.
START = DEFAULT_AS_OF + timedelta(days=1)


def hashing_factory(settings: ApiSettings) -> SearchStack:
    return open_search_stack(settings, HashingEmbedder(DIM))


@pytest.fixture(scope="session")
def profiles() -> list[Profile]:
    return list(generate_profiles(N_PROFILES, seed=11))


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory, profiles: list[Profile]) -> Path:
    """A data directory holding the indexed profiles (built once)."""
    d = tmp_path_factory.mktemp("template")
    settings = IndexerSettings(data_dir=d)
    backend = open_backend(settings, DIM)
    try:
        with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
            ix.index_profiles(profiles, as_of=DEFAULT_AS_OF, progress=False)
    finally:
        backend.close()
    return d


@pytest.fixture
def data_dir(tmp_path: Path, template_dir: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(template_dir, d)
    return d


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


#: Run the API tests on PostgreSQL instead of SQLite: a server URL whose user may create
#: databases (``postgresql+psycopg://user@host:port/postgres``). Each data directory gets
#: its own database, so a restarted app finds its data again.
POSTGRES_ENV = "TM_API_TEST_POSTGRES_URL"


def database_url(data_dir: Path) -> str | None:
    """``None`` (SQLite under the data directory) unless ``TM_API_TEST_POSTGRES_URL`` is set."""
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "tm_" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": name}).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def make_settings(data_dir: Path, **overrides: Any) -> ApiSettings:
    """Test settings; searches may return up to 500 results (so tests can look at everything
    listed) unless ``search_max_results`` is given."""
    overrides.setdefault("search_max_results", 500)
    return ApiSettings(indexer=IndexerSettings(data_dir=data_dir),
                       database_url=database_url(data_dir),
                       bootstrap_admin_key=SecretStr(ADMIN_KEY), **overrides)


def make_app(data_dir: Path, clock: ManualClock, **overrides: Any) -> FastAPI:
    return create_app(make_settings(data_dir, **overrides), search_factory=hashing_factory,
                      clock=clock)


@dataclass
class Keys:
    admin: str
    sourcing: str
    client: str
    client_id: str
    other_client: str
    other_client_id: str
    freelancer: str
    freelancer_id: str


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def create_client_with_key(http: TestClient, name: str) -> tuple[str, str]:
    r = http.post("/clients", json={"name": name}, headers=auth(ADMIN_KEY))
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    r = http.post("/keys", json={"name": f"{name} key", "role": "client", "subject_id": cid},
                  headers=auth(ADMIN_KEY))
    assert r.status_code == 201, r.text
    return cid, r.json()["key"]


def create_key(http: TestClient, role: str, subject_id: str | None = None) -> str:
    body: dict[str, Any] = {"name": f"{role} key", "role": role}
    if subject_id:
        body["subject_id"] = subject_id
    r = http.post("/keys", json=body, headers=auth(ADMIN_KEY))
    assert r.status_code == 201, r.text
    return str(r.json()["key"])


def listed_profile(profiles: list[Profile]) -> Profile:
    """A profile the self-service policy lists at START (active, published, recent login,
    no sanction, not away, works weekends)."""
    for p in profiles:
        if (p.account_status == "active" and p.published and not p.sanctions
                and not p.schedule.away and not p.schedule.no_weekends
                and (START - p.last_login_at).days < 60 and p.created_at < START - timedelta(days=60)):
            return p
    raise LookupError("no listed profile in the sample")


@pytest.fixture
def app(data_dir: Path, clock: ManualClock) -> FastAPI:
    return make_app(data_dir, clock)


@pytest.fixture
def http(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def keys(http: TestClient, profiles: list[Profile]) -> Keys:
    cid, ckey = create_client_with_key(http, "Acme GmbH")
    oid, okey = create_client_with_key(http, "Other SA")
    fl = listed_profile(profiles)
    return Keys(admin=ADMIN_KEY, sourcing=create_key(http, "sourcing"), client=ckey,
                client_id=cid, other_client=okey, other_client_id=oid,
                freelancer=create_key(http, "freelancer", fl.id), freelancer_id=fl.id)
