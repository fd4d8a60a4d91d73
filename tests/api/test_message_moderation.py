"""The first messages a new user sends are moderated before delivery (domain.md), over HTTP:
held messages do not reach the recipient until staff approve them, rejected ones never do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.clock import ManualClock
from tests.api.conftest import (
    ADMIN_KEY,
    Keys,
    auth,
    create_client_with_key,
    create_key,
    make_app,
)
from tests.api.helpers import assert_problem, result_ids, search, submit_project

OFF_PLATFORM = "Hi! Write to me at jane.doe@example.com so we can talk outside."


@pytest.fixture
def app(data_dir: Path, clock: ManualClock):  # type: ignore[no-untyped-def]
    """These tests are about the screened mode ('flagged'); the default, 'all', holds every
    first message (test_review_mode_all_holds_every_first_message)."""
    return make_app(data_dir, clock, new_user_message_review="flagged")


def _listed(http: TestClient, n: int, exclude: str = "") -> list[str]:
    """Freelancers listed now (so they may receive offers)."""
    body = search(http, ADMIN_KEY, {"title": "developer"}, limit=n + 1)
    return [i for i in result_ids(body) if i != exclude][:n]


def _contact(http: TestClient, key: str, pid: str, fid: str, message: str) -> dict[str, Any]:
    r = http.post(f"/projects/{pid}/contacts", json={"profile_id": fid, "message": message},
                  headers=auth(key))
    assert r.status_code == 201, r.text
    return dict(r.json())


def _proposal(http: TestClient, fkey: str, contact_id: str) -> dict[str, Any]:
    items = http.get("/me/proposals", headers=auth(fkey)).json()["items"]
    return dict(next(p for p in items if p["id"] == contact_id))


def _queue(http: TestClient, key: str) -> list[dict[str, Any]]:
    return list(http.get("/moderation/messages", params={"status": "held"},
                         headers=auth(key)).json()["items"])


def test_a_new_clients_flagged_message_waits_for_a_moderator(http: TestClient,
                                                              keys: Keys) -> None:
    pid = submit_project(http, keys.client).json()["id"]
    con = _contact(http, keys.client, pid, keys.freelancer_id, OFF_PLATFORM)
    assert con["message"] is None and con["message_held"] is True
    # The freelancer has the proposal, but not the message yet.
    prop = _proposal(http, keys.freelancer, con["id"])
    assert prop["message"] is None and prop["message_held"] is True
    queue = _queue(http, keys.sourcing)
    assert len(queue) == 1
    held = queue[0]
    assert held["contact_id"] == con["id"] and held["field"] == "message"
    assert held["text"] == OFF_PLATFORM and held["flags"] == ["contains an e-mail address"]
    assert held["sender_id"] == f"client:{keys.client_id}" and held["status"] == "held"
    # Staff approve: delivered now.
    r = http.post(f"/moderation/messages/{held['id']}/decision", json={"decision": "approve"},
                  headers=auth(keys.sourcing))
    assert r.status_code == 200 and r.json()["status"] == "released", r.text
    prop = _proposal(http, keys.freelancer, con["id"])
    assert prop["message"] == OFF_PLATFORM and prop["message_held"] is False
    listed = http.get(f"/projects/{pid}/contacts", headers=auth(keys.client)).json()["items"]
    assert listed[0]["message"] == OFF_PLATFORM and listed[0]["message_held"] is False
    assert _queue(http, keys.sourcing) == []
    body = assert_problem(http.post(f"/moderation/messages/{held['id']}/decision",
                                    json={"decision": "reject", "reason": "late"},
                                    headers=auth(keys.admin)), 409, "state-conflict")
    assert body["current_status"] == "released"
    actions = [e["action"] for e in http.get("/audit", params={"entity": "message"},
                                             headers=auth(keys.admin)).json()["items"]]
    assert actions == ["message.release", "message.hold"]
    delivered = http.get("/audit", params={"entity": "contact", "entity_id": con["id"]},
                         headers=auth(keys.admin)).json()["items"][0]
    assert delivered["action"] == "contact.message_delivered"
    assert delivered["before"]["message"] is None
    assert delivered["after"]["message"] == OFF_PLATFORM


def test_a_rejected_message_is_never_delivered(http: TestClient, keys: Keys) -> None:
    pid = submit_project(http, keys.client).json()["id"]
    con = _contact(http, keys.client, pid, keys.freelancer_id, "Call me: +49 30 1234 5678")
    held = _queue(http, keys.admin)[0]
    assert held["flags"] == ["contains a phone number"]
    body = assert_problem(http.post(f"/moderation/messages/{held['id']}/decision",
                                    json={"decision": "reject"}, headers=auth(keys.admin)), 422)
    assert body["errors"][0]["field"] == "body.reason"
    r = http.post(f"/moderation/messages/{held['id']}/decision",
                  json={"decision": "reject", "reason": "contact details before an order"},
                  headers=auth(keys.admin))
    assert r.status_code == 200 and r.json()["status"] == "withheld", r.text
    prop = _proposal(http, keys.freelancer, con["id"])
    assert prop["message"] is None and prop["message_held"] is False
    assert_problem(http.post("/moderation/messages/msg_0000000000000000/decision",
                             json={"decision": "approve"}, headers=auth(keys.admin)), 404)


def test_clean_messages_go_at_once_and_only_new_users_are_held(
        http: TestClient, keys: Keys) -> None:
    pid = submit_project(http, keys.client).json()["id"]
    fids = _listed(http, 5, exclude=keys.freelancer_id)
    # A clean first message is screened and delivered at once.
    first = _contact(http, keys.client, pid, fids[0], "Are you free in May?")
    assert first["message"] == "Are you free in May?" and first["message_held"] is False
    # Flagged ones among the first three are held, and count towards the three.
    second = _contact(http, keys.client, pid, fids[1], "see www.acme-shop.example")
    assert second["message_held"] is True
    third = _contact(http, keys.client, pid, fids[2], "Budget 800 EUR from 2026-03-01")
    assert third["message_held"] is False
    # From the fourth message on the client is no longer new: delivered as written.
    fourth = _contact(http, keys.client, pid, fids[3], OFF_PLATFORM)
    assert fourth["message"] == OFF_PLATFORM and fourth["message_held"] is False
    # Another client company is new, whatever the first one did.
    _, other = create_client_with_key(http, "New Co")
    opid = submit_project(http, other).json()["id"]
    assert _contact(http, other, opid, fids[4], OFF_PLATFORM)["message_held"] is True
    assert len(_queue(http, keys.sourcing)) == 2


def test_a_new_freelancers_decline_reason_is_moderated(http: TestClient, keys: Keys) -> None:
    pid = submit_project(http, keys.client).json()["id"]
    con = _contact(http, keys.client, pid, keys.freelancer_id, "Hello")
    # Abusive text is refused outright, and the proposal stays open.
    body = assert_problem(http.post(f"/me/proposals/{con['id']}/decline",
                                    json={"reason": "only idiots pay this rate"},
                                    headers=auth(keys.freelancer)), 422, "content-rejected")
    assert body["field"] == "reason"
    assert _proposal(http, keys.freelancer, con["id"])["status"] == "pending"
    # A new freelancer's reason carrying a messenger handle waits for a moderator.
    r = http.post(f"/me/proposals/{con['id']}/decline",
                  json={"reason": "Busy, but ping me on Telegram"},
                  headers=auth(keys.freelancer))
    assert r.status_code == 200 and r.json()["status"] == "declined", r.text
    seen = http.get(f"/projects/{pid}/contacts", headers=auth(keys.client)).json()["items"][0]
    assert seen["status"] == "declined" and seen["decline_reason"] is None
    assert seen["decline_reason_held"] is True and seen["message_held"] is False
    held = _queue(http, keys.sourcing)[0]
    assert held["field"] == "decline_reason"
    assert held["sender_id"] == f"freelancer:{keys.freelancer_id}"
    assert held["flags"] == ["mentions an off-platform messenger"]
    http.post(f"/moderation/messages/{held['id']}/decision", json={"decision": "approve"},
              headers=auth(keys.sourcing))
    seen = http.get(f"/projects/{pid}/contacts", headers=auth(keys.client)).json()["items"][0]
    assert seen["decline_reason"] == "Busy, but ping me on Telegram"
    assert seen["decline_reason_held"] is False


@pytest.fixture
def strict_http(data_dir: Path, clock: ManualClock) -> Iterator[TestClient]:
    app = make_app(data_dir, clock, new_user_message_review="all", new_user_moderated_messages=1)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_review_mode_all_holds_every_first_message(strict_http: TestClient) -> None:
    http = strict_http
    _, key = create_client_with_key(http, "Strict GmbH")
    pid = submit_project(http, key).json()["id"]
    fids = _listed(http, 2)
    first = _contact(http, key, pid, fids[0], "Are you free in May?")
    assert first["message"] is None and first["message_held"] is True
    held = _queue(http, create_key(http, "sourcing"))
    assert held[0]["flags"] == ["new user: message 1 of the first 1"]
    second = _contact(http, key, pid, fids[1], "Are you free in June?")
    assert second["message"] == "Are you free in June?" and second["message_held"] is False
