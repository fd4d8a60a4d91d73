"""401 / 403 on every route for every role, table-driven over the app's own routes.

``EXPECTED`` says who may call each route. The first test fails when the app has a route
the table does not list (or the other way round), so a new route cannot slip through
without its access rule being decided and tested.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.api.conftest import Keys, auth, create_client_with_key, create_key

PUBLIC = "public"
C, S, A, F = "client", "sourcing", "admin", "freelancer"
ANY = {C, S, A, F}
STAFF = {S, A}

EXPECTED: dict[tuple[str, str], set[str] | str] = {
    ("GET", "/health"): PUBLIC,
    ("GET", "/policy"): STAFF,
    ("GET", "/audit"): {A},
    ("POST", "/policy/reload"): {A},
    ("POST", "/keys"): {A},
    ("GET", "/keys"): {A},
    ("DELETE", "/keys/{key_id}"): {A},
    ("POST", "/clients"): {A},
    ("GET", "/clients"): STAFF,
    ("GET", "/clients/{client_id}"): {C, S, A},
    ("DELETE", "/clients/{client_id}"): {A},
    ("POST", "/search"): {C, S, A},
    ("POST", "/projects"): {C},
    ("GET", "/projects"): {C, S, A},
    ("GET", "/projects/{project_id}"): {C, S, A},
    ("POST", "/projects/{project_id}/close"): {C},
    ("GET", "/projects/{project_id}/contacts"): {C, S, A},
    ("POST", "/projects/{project_id}/contacts"): {C},
    ("POST", "/projects/{project_id}/contacts/{contact_id}/close"): {C},
    ("GET", "/projects/{project_id}/shortlist"): {C, S, A},
    ("GET", "/moderation/queue"): STAFF,
    ("GET", "/moderation/projects/{project_id}"): STAFF,
    ("POST", "/moderation/projects/{project_id}/decision"): STAFF,
    ("GET", "/moderation/messages"): STAFF,
    ("GET", "/moderation/reviews"): STAFF,
    ("POST", "/moderation/reviews/{request_id}/decision"): STAFF,
    ("POST", "/freelancers/{profile_id}/reviews/{review_id}/removal-request"): ANY,
    ("POST", "/moderation/messages/{message_id}/decision"): STAFF,
    ("POST", "/projects/{project_id}/sourcing-requests"): STAFF,
    ("GET", "/sourcing-requests"): STAFF,
    ("GET", "/sourcing-requests/{request_id}"): STAFF,
    ("PATCH", "/sourcing-requests/{request_id}/candidates/{profile_id}"): STAFF,
    ("POST", "/sourcing-requests/{request_id}/candidates"): STAFF,
    ("PUT", "/sourcing-requests/{request_id}/order"): STAFF,
    ("POST", "/sourcing-requests/{request_id}/send"): STAFF,
    ("GET", "/me/proposals"): {F},
    ("POST", "/me/proposals/{contact_id}/accept"): {F},
    ("POST", "/me/proposals/{contact_id}/decline"): {F},
    ("PUT", "/me/contact-details"): {F},
    ("POST", "/me/why-not-listed"): {F},
    ("DELETE", "/me"): {C, F},
    ("GET", "/freelancers/{profile_id}/reviews"): ANY,
    ("POST", "/freelancers/{profile_id}/reviews"): {C},
    ("DELETE", "/freelancers/{profile_id}"): {A},
    ("POST", "/sanctions"): {A},
    ("GET", "/sanctions"): STAFF,
    ("POST", "/sanctions/{sanction_id}/lift"): {A},
    ("POST", "/reports"): ANY,
    ("GET", "/reports"): ANY,
    ("GET", "/reports/{report_id}"): STAFF,
    ("POST", "/reports/{report_id}/resolve"): STAFF,
    ("POST", "/referrals"): {F},
    ("GET", "/referrals"): STAFF,
    ("GET", "/referrals/{referral_id}"): STAFF,
    ("POST", "/referrals/{referral_id}/resolve"): STAFF,
    ("GET", "/me/referrals"): {F},
}

DUMMY = {
    "key_id": "key_0000000000000000", "client_id": "cli_0000000000000000",
    "project_id": "prj_0000000000000000", "contact_id": "con_0000000000000000",
    "request_id": "src_0000000000000000", "profile_id": "nobody-here",
    "sanction_id": "san_0000000000000000", "report_id": "rep_0000000000000000",
    "referral_id": "ref_0000000000000000", "message_id": "msg_0000000000000000",
    "review_id": "rev_0000000000000000",
}


def _app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every operation the app serves, from its OpenAPI document (the routers' union)."""
    return {(method.upper(), path)
            for path, ops in app.openapi()["paths"].items() for method in ops}


def _url(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: DUMMY[m.group(1)], path)


def _call(http: TestClient, method: str, path: str, headers: dict[str, str]) -> Any:
    """The response (starlette's test client answers with httpx2's type where installed)."""
    body: dict[str, object] | None = {} if method in ("POST", "PUT", "PATCH") else None
    return http.request(method, _url(path), headers=headers, json=body)


def _other_profile(http: TestClient, keys: Keys) -> str:
    r = http.post("/search", json={"brief": {"title": "developer"}, "limit": 5},
                  headers=auth(keys.admin))
    return next(h["profile"]["id"] for h in r.json()["results"]
                if h["profile"]["id"] != keys.freelancer_id)


def test_the_table_covers_every_route(app: FastAPI, http: TestClient) -> None:
    routes = _app_routes(app)
    assert routes == set(EXPECTED), (
        f"routes without an access rule: {sorted(routes - set(EXPECTED))}; "
        f"rules without a route: {sorted(set(EXPECTED) - routes)}")


def test_every_route_answers_401_403_as_the_table_says(http: TestClient, keys: Keys) -> None:
    role_keys = {A: keys.admin, S: keys.sourcing, C: keys.client, F: keys.freelancer}
    checked = 0
    for (method, path), allowed in sorted(EXPECTED.items()):
        if allowed == PUBLIC:
            assert _call(http, method, path, {}).status_code == 200
            continue
        for headers in ({}, auth("tm_nope_not-a-key"), {"X-API-Key": "wrong"},
                        {"Authorization": "Basic dXNlcjpwYXNz"}):
            r = _call(http, method, path, headers)
            assert r.status_code == 401, (method, path, headers, r.text)
            assert r.headers["content-type"].startswith("application/problem+json")
        for role, key in role_keys.items():
            if method == "DELETE" and path == "/me" and role in allowed:
                # A throwaway account: deleting it must not revoke the keys used here.
                key = (create_client_with_key(http, "Throwaway")[1] if role == C
                       else create_key(http, F, _other_profile(http, keys)))
            r = _call(http, method, path, auth(key))
            if role in allowed:
                assert r.status_code not in (401, 403), (method, path, role, r.text)
            else:
                assert r.status_code == 403, (method, path, role, r.text)
                assert "may not" in r.json()["detail"]
            checked += 1
    assert checked == 4 * sum(1 for v in EXPECTED.values() if v != PUBLIC)


@pytest.mark.parametrize("header", ["X-API-Key", "Authorization"])
def test_both_key_headers_work_and_revoked_keys_stop(http: TestClient, keys: Keys,
                                                     header: str) -> None:
    key = create_key(http, S)
    h = {header: key if header == "X-API-Key" else f"Bearer {key}"}
    assert http.get("/sourcing-requests", headers=h).status_code == 200
    kid = next(k["id"] for k in http.get("/keys", params={"role": "sourcing", "limit": 200},
                                          headers=auth(keys.admin)).json()["items"]
               if key.startswith(k["prefix"]))
    assert http.delete(f"/keys/{kid}", headers=auth(keys.admin)).status_code == 200
    assert http.get("/sourcing-requests", headers=h).status_code == 401


def test_keys_are_stored_hashed(app: FastAPI, keys: Keys) -> None:
    with app.state.ctx.db.read() as conn:
        rows = [dict(r) for r in conn.execute(text("SELECT * FROM api_keys")).mappings()]
        audit = [dict(r) for r in conn.execute(text("SELECT * FROM audit_log")).mappings()]
    stored = repr(rows) + repr(audit)
    assert len(rows) == 4
    for k in (keys.client, keys.sourcing, keys.freelancer):
        assert k not in stored
        assert hashlib.sha256(k.encode()).hexdigest() in {r["key_hash"] for r in rows}
