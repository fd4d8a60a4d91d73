"""The whole workflow over HTTP against the real embedded backend and a real SQLite store."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

import ranking
from api.clock import ManualClock
from indexer.generate import generate_profiles
from tests.api.conftest import (
    ADMIN_KEY,
    N_PROFILES,
    Keys,
    auth,
    create_client_with_key,
    create_key,
    make_app,
)
from tests.api.helpers import (
    PYTHON_BRIEF,
    assert_problem,
    result_ids,
    search,
    submit_project,
)

pytestmark = pytest.mark.slow

INTERNAL_WORDS = ("score", "signals", "admitted_by", "last_login", "sanction", "completeness",
                  "responsiveness", "hints")


def test_self_service_search_shows_only_the_public_part(http: TestClient, keys: Keys) -> None:
    body = search(http, keys.client, limit=10)
    assert len(body["results"]) == 10
    assert body["total_eligible"] >= 10
    assert [h["rank"] for h in body["results"]] == list(range(1, 11))
    raw = json.dumps(body)
    for word in INTERNAL_WORDS:
        assert f'"{word}' not in raw, word
    for hit in body["results"]:
        summary = hit["explanation"]["summary"]
        assert "required skills" in summary
        assert not any(ch.isdigit() and "score" in summary for ch in summary)
        assert "Rank" not in summary and "Strongest" not in summary
        assert set(hit["profile"]) >= {"id", "name", "skills", "daily_rate", "remote"}
        assert "coordinates" not in hit["profile"] and "account_status" not in hit["profile"]


def test_contact_cap_frees_slots_on_decline_and_close(http: TestClient, keys: Keys) -> None:
    project = submit_project(http, keys.client).json()
    assert project["status"] == "active"
    pid = project["id"]
    ids = result_ids(search(http, keys.client, limit=10))
    made = []
    for fid in ids[:6]:
        r = http.post(f"/projects/{pid}/contacts", json={"profile_id": fid, "message": "Hi"},
                      headers=auth(keys.client))
        assert r.status_code == 201, r.text
        made.append(r.json())
    r = http.post(f"/projects/{pid}/contacts", json={"profile_id": ids[6]},
                  headers=auth(keys.client))
    body = assert_problem(r, 409, "contact-cap-reached")
    assert body["limit"] == 6 and body["open_contacts"] == 6
    assert "6" in body["detail"] and "free a slot" in body["detail"]
    # The same freelancer twice is refused as well (not a 7th slot).
    r = http.post(f"/projects/{pid}/contacts", json={"profile_id": ids[0]},
                  headers=auth(keys.client))
    assert_problem(r, 409)

    # The freelancer behind contact 0 declines: the slot is free again.
    fkey = _freelancer_key(http, ids[0])
    r = http.post(f"/me/proposals/{made[0]['id']}/decline", json={"reason": "busy"},
                  headers=auth(fkey))
    assert r.status_code == 200 and r.json()["status"] == "declined", r.text
    r = http.post(f"/projects/{pid}/contacts", json={"profile_id": ids[6]},
                  headers=auth(keys.client))
    assert r.status_code == 201, r.text
    assert_problem(http.post(f"/projects/{pid}/contacts", json={"profile_id": ids[7]},
                             headers=auth(keys.client)), 409, "contact-cap-reached")
    # The client closes one: free again.
    r = http.post(f"/projects/{pid}/contacts/{made[1]['id']}/close", headers=auth(keys.client))
    assert r.status_code == 200 and r.json()["status"] == "closed"
    r = http.post(f"/projects/{pid}/contacts", json={"profile_id": ids[7]},
                  headers=auth(keys.client))
    assert r.status_code == 201, r.text
    listing = http.get(f"/projects/{pid}/contacts", params={"limit": 3},
                       headers=auth(keys.client)).json()
    assert listing["total"] == 8 and len(listing["items"]) == 3 and listing["limit"] == 3
    # Another client cannot see or use this project.
    assert_problem(http.get(f"/projects/{pid}", headers=auth(keys.other_client)), 404)
    assert_problem(http.post(f"/projects/{pid}/contacts", json={"profile_id": ids[8]},
                             headers=auth(keys.other_client)), 404)


def _freelancer_key(http: TestClient, profile_id: str) -> str:
    return create_key(http, "freelancer", profile_id)


def test_contact_details_only_after_acceptance(http: TestClient, keys: Keys) -> None:
    r = http.put("/me/contact-details", json={"email": "ana@example.org", "phone": "+49 30 1234"},
                 headers=auth(keys.freelancer))
    assert r.status_code == 200, r.text
    pid = submit_project(http, keys.client).json()["id"]
    r = http.post(f"/projects/{pid}/contacts", json={"profile_id": keys.freelancer_id},
                  headers=auth(keys.client))
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    before = http.get(f"/projects/{pid}/contacts", headers=auth(keys.client)).json()["items"][0]
    assert before["status"] == "pending" and before["contact_details"] is None
    proposals = http.get("/me/proposals", headers=auth(keys.freelancer)).json()
    assert [p["id"] for p in proposals["items"]] == [cid]
    assert proposals["items"][0]["project"]["title"] == "Payments API"
    r = http.post(f"/me/proposals/{cid}/accept", headers=auth(keys.freelancer))
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    after = http.get(f"/projects/{pid}/contacts", headers=auth(keys.client)).json()["items"][0]
    assert after["contact_details"] == {"email": "ana@example.org", "phone": "+49 30 1234"}
    # Accepting twice is a conflict, not a silent success.
    assert_problem(http.post(f"/me/proposals/{cid}/accept", headers=auth(keys.freelancer)), 409)
    # Another freelancer cannot answer this proposal.
    other = _freelancer_key(http, result_ids(search(http, keys.client))[0])
    assert_problem(http.post(f"/me/proposals/{cid}/decline", headers=auth(other)), 404)


@pytest.mark.parametrize("text_", [
    "Looking for a dev, not an idiot like the last one",
    "Wir suchen keinen Vollidioten, sondern einen Entwickler",
    "Pas de connard cette fois",
    "Nada de gilipollas esta vez",
])
def test_abusive_projects_are_rejected_and_never_forwarded(http: TestClient, keys: Keys,
                                                           text_: str) -> None:
    brief = {**PYTHON_BRIEF, "description": text_}
    r = submit_project(http, keys.client, brief=brief)
    body = assert_problem(r, 422, "content-rejected")
    assert body["field"] == "brief.description" and "abusive" in body["detail"]
    pid = body["project_id"]
    project = http.get(f"/projects/{pid}", headers=auth(keys.client)).json()
    assert project["status"] == "rejected"
    history = http.get(f"/moderation/projects/{pid}", headers=auth(keys.sourcing)).json()
    assert [d["decision"] for d in history["moderation"]] == ["auto_rejected"]
    # Never forwarded: no contact can be opened, nothing reaches the freelancer.
    assert_problem(http.post(f"/projects/{pid}/contacts", json={"profile_id": keys.freelancer_id},
                             headers=auth(keys.client)), 409)
    assert http.get("/me/proposals", headers=auth(keys.freelancer)).json()["total"] == 0


def test_clean_multilingual_project_passes(http: TestClient, keys: Keys) -> None:
    brief = {**PYTHON_BRIEF, "description": "Wir suchen eine erfahrene Entwicklerin für MongoDB "
                                            "und Python; travail à distance possible."}
    assert submit_project(http, keys.client, brief=brief).status_code == 201


def test_curated_sourcing_review_and_shortlist(http: TestClient, keys: Keys) -> None:
    staff = auth(keys.sourcing)
    r = submit_project(http, keys.client, service="curated", title="Data platform")
    assert r.status_code == 201 and r.json()["status"] == "pending_review", r.text
    pid = r.json()["id"]
    queue = http.get("/moderation/queue", headers=staff).json()
    assert [p["id"] for p in queue["items"]] == [pid]
    # Not approved yet: no sourcing, nothing for freelancers.
    assert_problem(http.post(f"/projects/{pid}/sourcing-requests", headers=staff), 409)
    assert_problem(http.post(f"/moderation/projects/{pid}/decision",
                             json={"decision": "reject"}, headers=staff), 422)
    r = http.post(f"/moderation/projects/{pid}/decision", json={"decision": "approve"},
                  headers=staff)
    assert r.status_code == 200 and r.json()["decision"] == "approved", r.text
    assert_problem(http.post(f"/moderation/projects/{pid}/decision",
                             json={"decision": "approve"}, headers=staff), 409)
    # The client's second curated project needs no review.
    r2 = submit_project(http, keys.client, service="curated", title="Second one")
    assert r2.json()["status"] == "active"

    r = http.post(f"/projects/{pid}/sourcing-requests", json={"limit": 8}, headers=staff)
    assert r.status_code == 201, r.text
    req = r.json()
    rid = req["id"]
    assert r.headers["etag"] == '"v1"' and req["version"] == 1
    assert req["policy_version"] and req["config_version"] and req["as_of"]
    cands = req["candidates"]
    assert len(cands) == 8 and [c["position"] for c in cands] == list(range(1, 9))
    for c in cands:
        assert c["explanation"]["signals"] and c["explanation"]["admitted_by"]
        assert c["score"] == pytest.approx(c["explanation"]["score"])
    ids = [c["profile_id"] for c in cands]
    # The client sees neither the request nor a shortlist yet.
    assert_problem(http.get(f"/sourcing-requests/{rid}", headers=auth(keys.client)), 403)
    assert_problem(http.get(f"/projects/{pid}/shortlist", headers=auth(keys.client)), 404)

    def patch(profile_id: str, body: dict, version: int):  # type: ignore[no-untyped-def]
        return http.patch(f"/sourcing-requests/{rid}/candidates/{profile_id}", json=body,
                          headers={**staff, "If-Match": f'"v{version}"'})

    assert_problem(http.patch(f"/sourcing-requests/{rid}/candidates/{ids[0]}",
                              json={"decision": "keep"}, headers=staff), 428)
    assert_problem(patch(ids[0], {"decision": "reject"}, 1), 422)  # a rejection needs a reason
    assert patch(ids[0], {"decision": "keep", "note": "strong AWS"}, 1).status_code == 200
    assert patch(ids[1], {"decision": "reject", "reason": "rate too high"}, 2).status_code == 200
    r = patch(ids[2], {"decision": "keep"}, 3)
    assert r.status_code == 200 and r.headers["etag"] == '"v4"'
    stale = patch(ids[3], {"decision": "keep"}, 3)
    body = assert_problem(stale, 409, "stale-version")
    assert body["current_version"] == 4
    # Reorder: ids[2] first.
    order = [ids[2], ids[0], *ids[1:2], *ids[3:]]
    assert_problem(http.put(f"/sourcing-requests/{rid}/order", json={"profile_ids": order[:-1]},
                            headers={**staff, "If-Match": '"v4"'}), 422)
    r = http.put(f"/sourcing-requests/{rid}/order", json={"profile_ids": order},
                 headers={**staff, "If-Match": '"v4"'})
    assert r.status_code == 200, r.text
    assert [c["profile_id"] for c in r.json()["candidates"]] == order
    # Add a freelancer by id: an ineligible one needs an override reason.
    inactive = _ineligible_profile_id(http, keys)
    r = http.post(f"/sourcing-requests/{rid}/candidates", json={"profile_id": inactive},
                  headers={**staff, "If-Match": '"v5"'})
    body = assert_problem(r, 422)
    assert body["errors"][0]["field"] == "body.override_reason"
    r = http.post(f"/sourcing-requests/{rid}/candidates",
                  json={"profile_id": inactive, "override_reason": "client asked for them"},
                  headers={**staff, "If-Match": '"v5"'})
    assert r.status_code == 200, r.text
    added = r.json()["candidates"][-1]
    assert added["profile_id"] == inactive and added["origin"] == "manual"
    assert added["eligible"] is False and added["override_reason"] == "client asked for them"
    assert added["ineligibility_reasons"]
    # Send: immutable afterwards.
    r = http.post(f"/sourcing-requests/{rid}/send", headers={**staff, "If-Match": '"v6"'})
    assert r.status_code == 200 and r.json()["status"] == "sent", r.text
    assert_problem(patch(ids[4], {"decision": "keep"}, 7), 409, "state-conflict")

    shortlist = http.get(f"/projects/{pid}/shortlist", headers=auth(keys.client)).json()
    assert [e["profile"]["id"] for e in shortlist["entries"]] == [ids[2], ids[0], inactive]
    raw = json.dumps(shortlist)
    assert "strong AWS" not in raw and "override" not in raw and '"signals"' not in raw
    assert all(e["contact_details"] is None and e["proposal_status"] == "pending"
               for e in shortlist["entries"])
    assert_problem(http.get(f"/projects/{pid}/shortlist", headers=auth(keys.other_client)), 404)
    # The freelancer accepts the proposal: only then are their details revealed.
    fkey = _freelancer_key(http, ids[0])
    assert http.put("/me/contact-details", json={"email": "x@example.org"},
                    headers=auth(fkey)).status_code == 200
    prop = next(p for p in http.get("/me/proposals", headers=auth(fkey)).json()["items"]
                if p["project"]["id"] == pid)
    assert http.post(f"/me/proposals/{prop['id']}/accept", headers=auth(fkey)).status_code == 200
    entries = http.get(f"/projects/{pid}/shortlist", headers=auth(keys.client)).json()["entries"]
    assert entries[1]["contact_details"] == {"email": "x@example.org", "phone": None}
    assert entries[0]["contact_details"] is None
    # The audit log holds every step, with before/after.
    audit = http.get("/audit", params={"entity": "sourcing_request", "entity_id": rid,
                                       "limit": 100}, headers=auth(keys.admin)).json()
    actions = [e["action"] for e in reversed(audit["items"])]
    assert actions == ["sourcing.create", "sourcing.candidate_update",
                       "sourcing.candidate_update", "sourcing.candidate_update",
                       "sourcing.reorder", "sourcing.candidate_add", "sourcing.send"]
    assert audit["items"][0]["before"]["status"] == "draft"
    assert audit["items"][0]["after"]["status"] == "sent"


def _ineligible_profile_id(http: TestClient, keys: Keys) -> str:
    """A profile in the index that the curated policy does not list (deleted account)."""
    for p in generate_profiles(N_PROFILES, seed=11):
        if p.account_status == "deleted":
            return p.id
    raise LookupError("no deleted profile in the sample")


def test_sanctions_act_at_once_and_expire(http: TestClient, keys: Keys,
                                          clock: ManualClock) -> None:
    before = result_ids(search(http, keys.client))
    target = before[0]
    r = http.post("/sanctions", json={
        "target_kind": "freelancer", "target_id": target, "kind": "temporary_suspension",
        "reason": "fraudulent invoices", "end": (clock.now() + timedelta(days=2)).isoformat()},
        headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    assert r.json()["in_force"] is True and r.json()["scope"] == "all"
    during = result_ids(search(http, keys.client))
    assert target not in during and during[0] == before[1]
    # The freelancer can ask why.
    fkey = _freelancer_key(http, target)
    why = http.post("/me/why-not-listed", json={"brief": PYTHON_BRIEF}, headers=auth(fkey)).json()
    assert why["listed"] is False and any("suspension" in x for x in why["reasons"]), why
    # It ends by itself.
    clock.advance(timedelta(days=3))
    assert target in result_ids(search(http, keys.client, limit=500))
    listed = http.get("/sanctions", params={"in_force": True}, headers=auth(keys.sourcing))
    assert listed.json()["total"] == 0

    # Curated exclusion: gone from curated sourcing, still in self-service; lifting restores.
    r = http.post("/sanctions", json={"target_kind": "freelancer", "target_id": target,
                                      "kind": "curated_exclusion", "reason": "no-shows"},
                  headers=auth(keys.admin))
    sid = r.json()["id"]
    assert target in result_ids(search(http, keys.client))
    why = http.post("/me/why-not-listed",
                    json={"brief": {**PYTHON_BRIEF, "mode": "curated"}}, headers=auth(fkey))
    assert why.json()["listed"] is False
    r = http.post(f"/sanctions/{sid}/lift", json={"reason": "appeal granted"},
                  headers=auth(keys.admin))
    assert r.status_code == 200 and r.json()["in_force"] is False
    why = http.post("/me/why-not-listed",
                    json={"brief": {**PYTHON_BRIEF, "mode": "curated"}}, headers=auth(fkey))
    assert why.json()["listed"] is True, why.json()
    assert_problem(http.post(f"/sanctions/{sid}/lift", json={"reason": "again"},
                             headers=auth(keys.admin)), 409)


def test_client_suspension_blocks_the_client(http: TestClient, keys: Keys,
                                             clock: ManualClock) -> None:
    r = http.post("/sanctions", json={
        "target_kind": "client", "target_id": keys.client_id, "kind": "temporary_suspension",
        "reason": "abusive messages", "end": (clock.now() + timedelta(days=1)).isoformat()},
        headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    body = assert_problem(http.post("/search", json={"brief": PYTHON_BRIEF},
                                    headers=auth(keys.client)), 403)
    assert "suspended" in body["detail"]
    assert http.post("/search", json={"brief": PYTHON_BRIEF},
                     headers=auth(keys.other_client)).status_code == 200
    clock.advance(timedelta(days=2))
    assert http.post("/search", json={"brief": PYTHON_BRIEF},
                     headers=auth(keys.client)).status_code == 200


def test_reports_record_their_outcome(http: TestClient, keys: Keys) -> None:
    pid = submit_project(http, keys.client).json()["id"]
    r = http.post("/reports", json={"target_kind": "project", "target_id": pid,
                                    "reason": "asks for payment outside the platform"},
                  headers=auth(keys.freelancer))
    assert r.status_code == 201, r.text
    rep = r.json()
    assert rep["status"] == "open"
    assert_problem(http.post("/reports", json={"target_kind": "client", "target_id": "cli_0000000000000000",
                                               "reason": "x"}, headers=auth(keys.freelancer)), 404)
    assert_problem(http.post(f"/reports/{rep['id']}/resolve",
                             json={"status": "upheld", "outcome": "x"},
                             headers=auth(keys.freelancer)), 403)
    r = http.post(f"/reports/{rep['id']}/resolve",
                  json={"status": "upheld", "outcome": "project closed, client warned"},
                  headers=auth(keys.sourcing))
    assert r.status_code == 200 and r.json()["handled_by"], r.text
    mine = http.get("/reports", headers=auth(keys.freelancer)).json()
    assert mine["total"] == 1 and mine["items"][0]["outcome"] == "project closed, client warned"
    # The freelancer sees their reports whichever of their keys they use.
    second_key = create_key(http, "freelancer", keys.freelancer_id)
    assert http.get("/reports", headers=auth(second_key)).json()["total"] == 1
    assert http.get("/reports", headers=auth(keys.client)).json()["total"] == 0
    assert_problem(http.post(f"/reports/{rep['id']}/resolve",
                             json={"status": "dismissed", "outcome": "y"},
                             headers=auth(keys.sourcing)), 409)


def test_account_deletions(http: TestClient, keys: Keys, app: FastAPI) -> None:
    r = http.post(f"/freelancers/{keys.freelancer_id}/reviews",
                  json={"rating": 5, "text": "Great work"}, headers=auth(keys.client))
    assert r.status_code == 201 and r.json()["author_name"] == "Acme GmbH", r.text
    # The reviewer deletes their account: the review stays, anonymised.
    r = http.delete("/me", headers=auth(keys.client))
    assert r.status_code == 200, r.text
    assert_problem(http.post("/search", json={"brief": PYTHON_BRIEF}, headers=auth(keys.client)),
                   401)
    revs = http.get(f"/freelancers/{keys.freelancer_id}/reviews",
                    headers=auth(keys.freelancer)).json()
    assert revs["total"] == 1
    assert revs["items"][0]["author_name"] == "Former member"
    assert revs["items"][0]["anonymised"] is True and revs["items"][0]["text"] == "Great work"
    with app.state.ctx.db.read() as conn:
        assert conn.execute(text("SELECT author_id, anonymised FROM reviews")).one() == (None,
                                                                                           True)
    # A freelancer deletes their account: the profile leaves the index.
    n_before = http.get("/health").json()["indexed_profiles"]
    r = http.delete("/me", headers=auth(keys.freelancer))
    assert r.status_code == 200, r.text
    assert http.get("/health").json()["indexed_profiles"] == n_before - 1
    assert keys.freelancer_id not in result_ids(search(http, keys.other_client, limit=200))
    assert_problem(http.get("/me/proposals", headers=auth(keys.freelancer)), 401)
    assert_problem(http.delete(f"/freelancers/{keys.freelancer_id}", headers=auth(keys.admin)),
                   404)
    # Admin deletes another freelancer.
    other = result_ids(search(http, keys.other_client))[0]
    assert http.delete(f"/freelancers/{other}", headers=auth(keys.admin)).status_code == 200
    assert other not in result_ids(search(http, keys.other_client, limit=200))


def test_policy_versions_are_visible_to_staff(http: TestClient, keys: Keys) -> None:
    info = http.get("/policy", headers=auth(keys.sourcing)).json()
    assert info["contact_cap"] == 6 and info["policy_version"] and info["config_version"]
    req_versions = set()
    pid = submit_project(http, keys.client, service="curated").json()["id"]
    http.post(f"/moderation/projects/{pid}/decision", json={"decision": "approve"},
              headers=auth(keys.sourcing))
    req = http.post(f"/projects/{pid}/sourcing-requests", json={"limit": 3},
                    headers=auth(keys.sourcing)).json()
    req_versions.add((req["policy_version"], req["config_version"]))
    assert req_versions == {(info["policy_version"], info["config_version"])}


def test_every_state_change_is_audited(http: TestClient, keys: Keys) -> None:
    pid = submit_project(http, keys.client).json()["id"]
    entries = http.get("/audit", params={"entity": "project", "entity_id": pid},
                       headers=auth(keys.admin)).json()["items"]
    assert len(entries) == 1
    e = entries[0]
    assert e["action"] == "project.submit" and e["actor_role"] == "client"
    assert e["before"] is None and e["after"]["status"] == "active"
    http.post(f"/projects/{pid}/close", headers=auth(keys.client))
    entries = http.get("/audit", params={"entity": "project", "entity_id": pid},
                       headers=auth(keys.admin)).json()["items"]
    assert [x["action"] for x in entries] == ["project.close", "project.submit"]
    assert entries[0]["before"]["status"] == "active" and entries[0]["after"]["status"] == "closed"
    keys_audit = http.get("/audit", params={"entity": "api_key"}, headers=auth(keys.admin)).json()
    assert keys_audit["total"] == 4  # the fixture's keys: two clients, sourcing, freelancer
    assert all("key_hash" not in json.dumps(x) for x in keys_audit["items"])


def test_admins_reload_the_policy(data_dir: Path, clock: ManualClock, tmp_path: Path) -> None:
    default = (Path(ranking.__file__).parent / "defaults" / "policy.toml").read_text("utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text(default, encoding="utf-8")
    with TestClient(make_app(data_dir, clock, policy_path=policy),
                    raise_server_exceptions=False) as http:
        _, ckey = create_client_with_key(http, "Acme")
        wide = search(http, ckey, limit=5)["total_eligible"]
        old = http.get("/policy", headers=auth(ADMIN_KEY)).json()
        policy.write_text(default.replace(f'version = "{old["policy_version"]}"',
                                          'version = "policy-test-2"')
                          .replace("self_service = 3", "self_service = 1", 1), encoding="utf-8")
        assert_problem(http.post("/policy/reload", headers=auth(ckey)), 403)
        r = http.post("/policy/reload", headers=auth(ADMIN_KEY))
        assert r.status_code == 200 and r.json()["policy_version"] == "policy-test-2", r.text
        assert search(http, ckey, limit=5)["total_eligible"] < wide
        policy.write_text("version = 3\n[nonsense", encoding="utf-8")
        body = assert_problem(http.post("/policy/reload", headers=auth(ADMIN_KEY)), 422)
        assert body["errors"][0]["field"] == "policy"
        assert http.get("/policy", headers=auth(ADMIN_KEY)).json()["policy_version"] == \
            "policy-test-2"
        entries = http.get("/audit", params={"entity": "policy"}, headers=auth(ADMIN_KEY)).json()
        assert [(e["before"]["policy_version"], e["after"]["policy_version"])
                for e in entries["items"]] == [(old["policy_version"], "policy-test-2")]
