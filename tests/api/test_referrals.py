"""Business referrals over HTTP: a freelancer refers a project to the platform, staff handle
it, every step is audited, abusive content is refused and nothing is stored."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.api.conftest import Keys, auth, create_key
from tests.api.helpers import assert_problem

REFERRAL = {"company_name": "Bäckerei Schmidt KG", "contact_name": "Anna Schmidt",
            "contact_email": "anna@schmidt.example", "description":
            "Needs a Python developer for their online shop, about 40 days from March."}


def _refer(http: TestClient, key: str, **changes: object) -> object:
    return http.post("/referrals", json={**REFERRAL, **changes}, headers=auth(key))


def test_a_freelancer_refers_a_project_and_staff_accept_it(http: TestClient, keys: Keys) -> None:
    r = _refer(http, keys.freelancer)
    assert r.status_code == 201, r.text  # type: ignore[attr-defined]
    ref = r.json()  # type: ignore[attr-defined]
    assert ref["status"] == "new" and ref["company_name"] == "Bäckerei Schmidt KG"
    assert "referrer_id" not in ref and "handled_by" not in ref
    # It is in the staff queue, with who referred it.
    queue = http.get("/referrals", params={"status": "new"}, headers=auth(keys.sourcing)).json()
    assert queue["total"] == 1 and queue["items"][0]["referrer_id"] == keys.freelancer_id
    # The freelancer sees its own referrals (with any of its keys), nobody else's.
    assert http.get("/me/referrals", headers=auth(keys.freelancer)).json()["total"] == 1
    second = create_key(http, "freelancer", keys.freelancer_id)
    assert http.get("/me/referrals", headers=auth(second)).json()["items"][0]["id"] == ref["id"]
    other = http.post("/search", json={"brief": {"title": "developer"}, "limit": 5},
                      headers=auth(keys.admin)).json()["results"]
    other_id = next(h["profile"]["id"] for h in other if h["profile"]["id"] != keys.freelancer_id)
    assert http.get("/me/referrals",
                    headers=auth(create_key(http, "freelancer", other_id))).json()["total"] == 0
    # Staff create the client company and accept the referral, linking it.
    cid = http.post("/clients", json={"name": "Bäckerei Schmidt KG"},
                    headers=auth(keys.admin)).json()["id"]
    r = http.post(f"/referrals/{ref['id']}/resolve",
                  json={"status": "accepted", "outcome": "client onboarded", "client_id": cid},
                  headers=auth(keys.sourcing))
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "accepted" and done["client_id"] == cid and done["handled_by"]
    assert done["version"] == 2
    mine = http.get("/me/referrals", headers=auth(keys.freelancer)).json()["items"][0]
    assert mine["status"] == "accepted" and mine["outcome"] == "client onboarded"
    assert http.get("/referrals", params={"status": "new"},
                    headers=auth(keys.sourcing)).json()["total"] == 0
    # Handled once only.
    body = assert_problem(http.post(f"/referrals/{ref['id']}/resolve",
                                    json={"status": "declined", "outcome": "changed my mind"},
                                    headers=auth(keys.admin)), 409, "state-conflict")
    assert body["current_status"] == "accepted"
    # Audited: creation and decision, before / after.
    audit = http.get("/audit", params={"entity": "referral", "entity_id": ref["id"]},
                     headers=auth(keys.admin)).json()["items"]
    assert [e["action"] for e in audit] == ["referral.resolve", "referral.create"]
    assert audit[0]["before"]["status"] == "new" and audit[0]["after"]["status"] == "accepted"


def test_declining_a_referral_and_bad_decisions(http: TestClient, keys: Keys) -> None:
    ref = _refer(http, keys.freelancer, contact_email=None).json()  # type: ignore[attr-defined]
    assert ref["contact_email"] is None
    body = assert_problem(http.post(f"/referrals/{ref['id']}/resolve",
                                    json={"status": "declined", "outcome": "no",
                                          "client_id": "cli_0000000000000000"},
                                    headers=auth(keys.sourcing)), 422)
    assert body["errors"][0]["field"] == "body.client_id"
    assert_problem(http.post(f"/referrals/{ref['id']}/resolve",
                             json={"status": "accepted", "outcome": "x",
                                   "client_id": "cli_0000000000000000"},
                             headers=auth(keys.sourcing)), 404)
    body = assert_problem(http.post(f"/referrals/{ref['id']}/resolve",
                                    json={"status": "new", "outcome": "x"},
                                    headers=auth(keys.sourcing)), 422)
    assert body["errors"][0]["field"].startswith("body.status")
    r = http.post(f"/referrals/{ref['id']}/resolve",
                  json={"status": "declined", "outcome": "outside our markets"},
                  headers=auth(keys.sourcing))
    assert r.status_code == 200 and r.json()["status"] == "declined", r.text
    assert http.get(f"/referrals/{ref['id']}", headers=auth(keys.admin)).json()["outcome"] == (
        "outside our markets")
    assert_problem(http.get("/referrals/ref_0000000000000000", headers=auth(keys.admin)), 404)


def test_bad_referrals_are_refused_and_nothing_is_stored(http: TestClient, keys: Keys,
                                                         app: FastAPI) -> None:
    body = assert_problem(_refer(http, keys.freelancer, contact_email="not-an-email",
                                 surprise=1), 422)
    assert {e["field"] for e in body["errors"]} == {"body.contact_email", "body.surprise"}
    body = assert_problem(_refer(http, keys.freelancer, description="  "), 422)
    assert body["errors"][0]["field"] == "body.description"
    body = assert_problem(_refer(http, keys.freelancer,
                                 description="These idiots need a shop, you moron"),
                          422, "content-rejected")
    assert body["field"] == "description"
    with app.state.ctx.db.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM referrals")).scalar() == 0
        assert conn.execute(text(
            "SELECT count(*) FROM audit_log WHERE entity = 'referral'")).scalar() == 0


def test_a_deleted_freelancer_cannot_refer(http: TestClient, keys: Keys) -> None:
    second = create_key(http, "freelancer", keys.freelancer_id)
    assert http.delete("/me", headers=auth(keys.freelancer)).status_code == 200
    assert_problem(_refer(http, second), 401)
