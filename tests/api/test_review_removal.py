"""Reviews are published without prior moderation; afterwards an exaggerated, insulting or
unlawful review can be removed on request (domain.md, Reviews) — over HTTP."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import Keys, auth
from tests.api.helpers import assert_problem


def _review(http: TestClient, keys: Keys, text: str, key: str | None = None) -> dict[str, Any]:
    r = http.post(f"/freelancers/{keys.freelancer_id}/reviews", json={"rating": 1, "text": text},
                  headers=auth(key or keys.client))
    assert r.status_code == 201, r.text
    return dict(r.json())


def _listed(http: TestClient, keys: Keys, key: str) -> list[str]:
    page = http.get(f"/freelancers/{keys.freelancer_id}/reviews", headers=auth(key)).json()
    return [r["id"] for r in page["items"]]


def test_a_review_is_removed_on_request(http: TestClient, keys: Keys) -> None:
    bad = _review(http, keys, "A fraud who steals from clients, avoid!")
    fair = _review(http, keys, "Missed two deadlines.", keys.other_client)
    url = f"/freelancers/{keys.freelancer_id}/reviews/{bad['id']}/removal-request"
    r = http.post(url, json={"reason": "unfounded accusation of a crime"},
                  headers=auth(keys.freelancer))
    assert r.status_code == 201, r.text
    req = r.json()
    assert req["status"] == "open" and req["review_id"] == bad["id"]
    assert "requested_by" not in req
    # The review stays until staff decide; a second request for it waits for the first.
    assert set(_listed(http, keys, keys.client)) == {bad["id"], fair["id"]}
    body = assert_problem(http.post(url, json={"reason": "again"}, headers=auth(keys.client)),
                          409, "state-conflict")
    assert body["request_id"] == req["id"]
    queue = http.get("/moderation/reviews", params={"status": "open"},
                     headers=auth(keys.sourcing)).json()
    assert queue["total"] == 1
    item = queue["items"][0]
    assert item["requested_by"] == f"freelancer:{keys.freelancer_id}"
    assert item["review"]["text"] == bad["text"] and item["review"]["author_id"] == keys.client_id
    r = http.post(f"/moderation/reviews/{req['id']}/decision",
                  json={"decision": "remove", "outcome": "unlawful allegation"},
                  headers=auth(keys.sourcing))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "removed" and r.json()["review"]["id"] == bad["id"]
    # Gone for everybody; the other review stays.
    for key in (keys.client, keys.freelancer, keys.admin):
        assert _listed(http, keys, key) == [fair["id"]]
    assert_problem(http.post(url, json={"reason": "x"}, headers=auth(keys.freelancer)), 409)
    assert_problem(http.post(f"/moderation/reviews/{req['id']}/decision",
                             json={"decision": "keep", "outcome": "x"},
                             headers=auth(keys.admin)), 409)
    audit = http.get("/audit", params={"entity": "review", "entity_id": bad["id"]},
                     headers=auth(keys.admin)).json()["items"]
    assert audit[0]["action"] == "review.remove" and audit[0]["before"]["removed_at"] is None
    assert audit[0]["after"]["removal_id"] == req["id"]
    actions = [e["action"] for e in http.get(
        "/audit", params={"entity": "review_removal", "entity_id": req["id"]},
        headers=auth(keys.admin)).json()["items"]]
    assert actions == ["review_removal.removed", "review_removal.request"]


def test_a_review_can_be_kept_and_bad_requests_are_refused(http: TestClient,
                                                           keys: Keys) -> None:
    review = _review(http, keys, "Slow but fine.")
    url = f"/freelancers/{keys.freelancer_id}/reviews/{review['id']}/removal-request"
    body = assert_problem(http.post(url, json={"reason": " "}, headers=auth(keys.freelancer)),
                          422)
    assert body["errors"][0]["field"] == "body.reason"
    assert_problem(http.post(f"/freelancers/someone-else/reviews/{review['id']}/removal-request",
                             json={"reason": "x"}, headers=auth(keys.freelancer)), 404)
    assert_problem(http.post(
        f"/freelancers/{keys.freelancer_id}/reviews/rev_0000000000000000/removal-request",
        json={"reason": "x"}, headers=auth(keys.freelancer)), 404)
    req = http.post(url, json={"reason": "exaggerated"}, headers=auth(keys.freelancer)).json()
    body = assert_problem(http.post(f"/moderation/reviews/{req['id']}/decision",
                                    json={"decision": "delete", "outcome": "x"},
                                    headers=auth(keys.sourcing)), 422)
    assert body["errors"][0]["field"] == "body.decision"
    r = http.post(f"/moderation/reviews/{req['id']}/decision",
                  json={"decision": "keep", "outcome": "a fair account of the mission"},
                  headers=auth(keys.sourcing))
    assert r.status_code == 200 and r.json()["status"] == "kept", r.text
    assert _listed(http, keys, keys.client) == [review["id"]]
    # Once decided, a new request may be made (e.g. with new facts).
    r = http.post(url, json={"reason": "new facts"}, headers=auth(keys.client))
    assert r.status_code == 201, r.text


def test_reviews_go_when_the_freelancer_leaves(http: TestClient, keys: Keys) -> None:
    """Reviews are kept as long as the freelancer uses the marketplace."""
    review = _review(http, keys, "Good work.")
    http.post(f"/freelancers/{keys.freelancer_id}/reviews/{review['id']}/removal-request",
              json={"reason": "rating too low"}, headers=auth(keys.freelancer))
    assert _listed(http, keys, keys.client) == [review["id"]]
    assert http.delete(f"/freelancers/{keys.freelancer_id}",
                       headers=auth(keys.admin)).status_code == 200
    assert _listed(http, keys, keys.admin) == []
    assert http.get("/moderation/reviews", headers=auth(keys.admin)).json()["total"] == 0
    entry = http.get("/audit", params={"entity": "freelancer", "entity_id": keys.freelancer_id},
                     headers=auth(keys.admin)).json()["items"][0]
    assert entry["after"]["reviews_deleted"] == 1
