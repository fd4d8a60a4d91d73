"""problem+json errors, 422 with field paths, the body size limit, pagination bounds, and
bad input leaving the store as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.clock import ManualClock
from tests.api.conftest import ADMIN_KEY, Keys, auth, make_app
from tests.api.helpers import PYTHON_BRIEF, assert_problem, submit_project


def _audit_total(http: TestClient) -> int:
    return int(http.get("/audit", headers=auth(ADMIN_KEY)).json()["total"])


def test_422_names_every_invalid_field(http: TestClient, keys: Keys) -> None:
    before = _audit_total(http)
    r = http.post("/projects", json={
        "title": "",
        "service": "premium",
        "brief": {"title": "x", "languages": [{"code": "english", "min_level": "good"}],
                  "max_daily_rate": -5, "colour": "blue"},
    }, headers=auth(keys.client))
    body = assert_problem(r, 422, "invalid-input")
    fields = {e["field"] for e in body["errors"]}
    assert {"body.title", "body.service", "body.brief.languages.0.code",
            "body.brief.languages.0.min_level", "body.brief.max_daily_rate",
            "body.brief.colour"} <= fields, fields
    assert _audit_total(http) == before
    assert http.get("/projects", headers=auth(keys.client)).json()["total"] == 0


def test_malformed_json_and_wrong_types(http: TestClient, keys: Keys) -> None:
    r = http.post("/search", content=b'{"brief": {"title": "x"', headers={
        **auth(keys.client), "Content-Type": "application/json"})
    assert_problem(r, 422, "invalid-input")
    r = http.post("/search", json={"brief": {"title": "x"}, "limit": "many"},
                  headers=auth(keys.client))
    body = assert_problem(r, 422)
    assert [e["field"] for e in body["errors"]] == ["body.limit"]
    r = http.post("/search", json=["not", "an", "object"], headers=auth(keys.client))
    assert_problem(r, 422)


@pytest.mark.parametrize("payload", [
    {"brief": {"title": "'; DROP TABLE projects; --", "description": "<script>alert(1)</script>"}},
    {"brief": {"title": "x", "must_have_skills": ["\\u0000", "a\" OR 1=1 --"]}},
])
def test_injection_attempts_are_plain_data(http: TestClient, keys: Keys,
                                           payload: dict) -> None:  # type: ignore[type-arg]
    r = http.post("/search", json=payload, headers=auth(keys.client))
    assert r.status_code == 200, r.text
    r = submit_project(http, keys.client, brief=payload["brief"])
    assert r.status_code == 201
    again = http.get(f"/projects/{r.json()['id']}", headers=auth(keys.client)).json()
    assert again["brief"]["title"] == payload["brief"]["title"]
    assert http.get("/projects", headers=auth(keys.client)).json()["total"] == 1


@pytest.fixture
def small_limit_http(data_dir: Path, clock: ManualClock) -> Iterator[TestClient]:
    with TestClient(make_app(data_dir, clock, max_request_bytes=2048),
                    raise_server_exceptions=False) as client:
        yield client


def test_search_result_limit_is_a_setting(data_dir: Path, clock: ManualClock) -> None:
    with TestClient(make_app(data_dir, clock, search_max_results=50),
                    raise_server_exceptions=False) as http:
        r = http.post("/search", json={"brief": PYTHON_BRIEF, "limit": 51},
                      headers=auth(ADMIN_KEY))
        body = assert_problem(r, 422)
        assert body["errors"][0]["field"] == "body.limit" and "50" in body["errors"][0]["message"]
        r = http.post("/search", json={"brief": PYTHON_BRIEF, "limit": 50},
                      headers=auth(ADMIN_KEY))
        assert r.status_code == 200 and len(r.json()["results"]) == 50


def test_body_size_limit(small_limit_http: TestClient) -> None:
    http = small_limit_http
    r = http.post("/clients", json={"name": "A" * 4000}, headers=auth(ADMIN_KEY))
    body = assert_problem(r, 413, "payload-too-large")
    assert "2048" in body["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        yield b'{"name": "'
        for _ in range(10):
            yield b"B" * 500
        yield b'"}'

    r = http.post("/clients", content=chunks(), headers={**auth(ADMIN_KEY),
                                                         "Content-Type": "application/json"})
    assert_problem(r, 413, "payload-too-large")
    assert http.get("/clients", headers=auth(ADMIN_KEY)).json()["total"] == 0
    assert http.post("/clients", json={"name": "Small"}, headers=auth(ADMIN_KEY)).status_code == 201


def test_pagination_bounds_and_totals(http: TestClient, keys: Keys) -> None:
    for i in range(7):
        assert submit_project(http, keys.client, title=f"Project {i}").status_code == 201
    first = http.get("/projects", params={"limit": 3}, headers=auth(keys.client)).json()
    second = http.get("/projects", params={"limit": 3, "offset": 3},
                      headers=auth(keys.client)).json()
    last = http.get("/projects", params={"limit": 3, "offset": 6},
                    headers=auth(keys.client)).json()
    assert first["total"] == second["total"] == last["total"] == 7
    titles = [p["title"] for p in first["items"] + second["items"] + last["items"]]
    # Pages are disjoint and together hold every project (order: created_at, then id).
    assert sorted(titles) == [f"Project {i}" for i in range(7)]
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"limit": "x"}):
        body = assert_problem(http.get("/projects", params=bad, headers=auth(keys.client)), 422)
        assert body["errors"][0]["field"].startswith("query.")
    assert http.get("/projects", params={"offset": 100},
                    headers=auth(keys.client)).json()["items"] == []


def test_unknown_route_and_method_are_problems(http: TestClient, keys: Keys) -> None:
    assert_problem(http.get("/nope", headers=auth(keys.client)), 404)
    assert_problem(http.delete("/search", headers=auth(keys.client)), 405)


def test_search_rejects_curated_mode_silently_upgraded_never(http: TestClient,
                                                             keys: Keys) -> None:
    """A client cannot run a curated search through /search: the mode is forced to
    self-service (the curated window of 12 months would list more profiles)."""
    curated = http.post("/search", json={"brief": {**PYTHON_BRIEF, "mode": "curated"},
                                         "limit": 50}, headers=auth(keys.client)).json()
    plain = http.post("/search", json={"brief": PYTHON_BRIEF, "limit": 50},
                      headers=auth(keys.client)).json()
    assert curated == plain


@pytest.mark.parametrize(("payload", "field"), [
    ({"brief": {"title": "x", "location": {"remote": "remote", "radius_km": True}}},
     "body.brief.location.radius_km"),
    ({"brief": {"title": "x", "max_daily_rate": "500"}}, "body.brief.max_daily_rate"),
    ({"brief": {"title": "x"}, "limit": "5"}, "body.limit"),
    ({"brief": {"title": "x"}, "limit": False}, "body.limit"),
    # lax pydantic reads a number or a numeric string as a Unix timestamp (1970-01-01)
    ({"brief": {"title": "x", "start_date": "0"}}, "body.brief.start_date"),
    ({"brief": {"title": "x", "start_date": 1700000000}}, "body.brief.start_date"),
    ({"brief": {"title": "x", "start_date": "1700000000"}}, "body.brief.start_date"),
])
def test_wrong_json_types_are_not_coerced(http: TestClient, keys: Keys, payload: dict,  # type: ignore[type-arg]
                                          field: str) -> None:
    """The schema promises JSON numbers: ``true`` or ``"500"`` is refused, not coerced; a
    date must be an ISO 8601 string."""
    body = assert_problem(http.post("/search", json=payload, headers=auth(keys.client)), 422)
    assert [e["field"] for e in body["errors"]] == [field]


def test_iso_dates_still_accepted(http: TestClient, keys: Keys) -> None:
    r = http.post("/search", json={"brief": {"title": "Python developer", "start_date": "2026-12-01"}},
                  headers=auth(keys.client))
    assert r.status_code == 200, r.text


def test_nul_characters(http: TestClient, keys: Keys) -> None:
    """NUL in a stored text field is a 422 naming it (PostgreSQL cannot store it); inside the
    brief (kept as JSON) it is plain data."""
    body = assert_problem(submit_project(http, keys.client, title="Shop\u0000"), 422)
    assert [e["field"] for e in body["errors"]] == ["body.title"]
    r = submit_project(http, keys.client, brief={**PYTHON_BRIEF, "description": "a\u0000b"})
    assert r.status_code == 201, r.text
    assert http.get(f"/projects/{r.json()['id']}", headers=auth(keys.client)).json()[
        "brief"]["description"] == "a\u0000b"
    assert_problem(http.get("/audit", params={"entity_id": "x\u0000"}, headers=auth(ADMIN_KEY)),
                   422)
