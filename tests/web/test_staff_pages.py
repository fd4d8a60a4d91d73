"""The sourcing console, moderation and sanctions pages, and the freelancer's page, over HTTP
on the real embedded index and workflow store."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Keys, auth
from tests.web.conftest import Browser

pytestmark = pytest.mark.integration

BRIEF = {"title": "Data engineer", "must_have": "Python", "languages": "en"}


def _curated_project(b: Browser, title: str = "Data platform") -> str:
    r = b.post("/app/projects", {**BRIEF, "project_title": title, "service": "curated"},
               page="/app/search")
    assert r.status_code == 303
    return r.headers["location"].rsplit("/", 1)[-1]


def test_full_curated_flow_from_project_to_sent_shortlist(http: TestClient, keys: Keys, sign_in,
                                                          profiles) -> None:  # type: ignore[no-untyped-def]
    client: Browser = sign_in(keys.client)
    staff: Browser = sign_in(keys.sourcing)
    pid = _curated_project(client)
    page = client.client.get(f"/app/projects/{pid}")
    assert "waits for a review" in page.text and "waiting for review" in page.text

    queue = staff.client.get("/app/moderation")
    assert f'id="p-{pid}"' in queue.text
    r = staff.post(f"/app/moderation/projects/{pid}", {"decision": "approve"},
                   page="/app/moderation", follow=True)
    assert "Project approved." in r.text and f'id="p-{pid}"' not in r.text

    sourcing = staff.client.get("/app/sourcing")
    assert f'name="project_id" value="{pid}"' in sourcing.text
    r = staff.post("/app/sourcing", {"project_id": pid}, page="/app/sourcing")
    assert r.status_code == 303
    rid_url = r.headers["location"]
    page = staff.client.get(rid_url)
    assert "Score breakdown" in page.text and "<meter" in page.text
    cands = re.findall(r'<li class="card candidate decision-pending" id="c-([^"]+)"', page.text)
    assert len(cands) >= 4
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version

    def act(url: str, data: dict[str, str]) -> str:
        r = staff.post(f"{rid_url}{url}", data, page=rid_url, follow=True)
        assert r.status_code == 200
        return r.text

    def ver() -> str:
        m = re.search(r'name="version" value="(\d+)"', staff.client.get(rid_url).text)
        assert m
        return m.group(1)

    act(f"/candidates/{cands[0]}", {"version": ver(), "decision": "keep", "note": "internal-note-7731"})
    act(f"/candidates/{cands[1]}", {"version": ver(), "decision": "keep"})
    text = act(f"/candidates/{cands[2]}", {"version": ver(), "decision": "reject", "reason": ""})
    assert "a rejection needs a reason" in text
    act(f"/candidates/{cands[2]}", {"version": ver(), "decision": "reject",
                                    "reason": "rate too high"})
    text = act("/move", {"version": ver(), "profile_id": cands[1], "direction": "up"})
    order = re.findall(r'<li class="card candidate decision-\w+" id="c-([^"]+)"', text)
    assert order[:2] == [cands[1], cands[0]]

    # Add by id: an unknown id is refused with the reason; a listed freelancer is added.
    text = act("/add", {"version": ver(), "profile_id": "nobody-here"})
    assert "nobody-here" in text.split('class="flash error"', 1)[1].split("</div>", 1)[0]
    extra = next(p.id for p in profiles if p.id not in cands and p.id != keys.freelancer_id
                 and p.account_status == "active" and p.published and not p.sanctions)
    text = act("/add", {"version": ver(), "profile_id": extra, "override_reason": "client asked"})
    assert f'id="c-{extra}"' in text and ("Added " + extra) in text

    # A stale form (version read before another edit) changes nothing and says why.
    stale = ver()
    act(f"/candidates/{cands[3]}", {"version": stale, "note": "first edit"})
    text = act(f"/candidates/{cands[3]}", {"version": stale, "decision": "keep"})
    assert "your edit was based on version" in text
    assert f'class="card candidate decision-pending" id="c-{cands[3]}"' in text

    text = act("/send", {"version": ver()})
    assert "Shortlist sent to the client." in text and "read-only" in text
    assert f'action="{rid_url}/send"' not in text and "/candidates/" not in text

    shortlists = client.client.get("/app/shortlists")
    names = re.findall(r'<li class="result">\s*<h3>([^<]+)<small>', shortlists.text)
    assert len(names) == 3  # two kept, one added by hand (kept on adding)
    assert "Score breakdown" not in shortlists.text and "internal-note-7731" not in shortlists.text
    api = http.get(f"/projects/{pid}/shortlist", headers=auth(keys.client)).json()
    assert [e["profile"]["id"] for e in api["entries"]] == [cands[1], cands[0], extra]


def test_moderation_rejects_with_a_reason_and_handles_reports(http: TestClient, keys: Keys,
                                                              sign_in) -> None:  # type: ignore[no-untyped-def]
    client: Browser = sign_in(keys.client)
    staff: Browser = sign_in(keys.sourcing)
    pid = _curated_project(client, "Shady project")
    r = staff.post(f"/app/moderation/projects/{pid}", {"decision": "reject"},
                   page="/app/moderation", follow=True)
    assert "a rejection needs a reason" in r.text
    r = staff.post(f"/app/moderation/projects/{pid}",
                   {"decision": "reject", "reason": "asks for unpaid test work"},
                   page="/app/moderation", follow=True)
    assert "Project rejected." in r.text and "asks for unpaid test work" in r.text
    assert http.get(f"/projects/{pid}", headers=auth(keys.client)).json()["status"] == "rejected"

    rep = http.post("/reports", json={"target_kind": "project", "target_id": pid,
                                      "reason": "spam"}, headers=auth(keys.freelancer))
    assert rep.status_code == 201
    rid = rep.json()["id"]
    page = staff.client.get("/app/moderation")
    assert f'action="/app/moderation/reports/{rid}"' in page.text
    r = staff.post(f"/app/moderation/reports/{rid}", {"status": "upheld",
                                                      "outcome": "client warned"},
                   page="/app/moderation", follow=True)
    assert "Report handled." in r.text and "client warned" in r.text
    assert http.get(f"/reports/{rid}", headers=auth(keys.admin)).json()["status"] == "upheld"


def test_a_sanction_removes_a_freelancer_from_results(http: TestClient, keys: Keys,
                                                      sign_in) -> None:  # type: ignore[no-untyped-def]
    admin: Browser = sign_in(keys.admin)
    client: Browser = sign_in(keys.client)
    fid = keys.freelancer_id
    page = admin.client.get("/app/sanctions", params={"q": fid})
    assert re.search(rf'id="listing-{fid}-self_service">[^<]*<strong class="ok">', page.text)
    r = admin.post("/app/sanctions", {"target_kind": "freelancer", "target_id": fid,
                                      "kind": "temporary_suspension", "end": "2099-01-01",
                                      "reason": "fake reviews"},
                   page=f"/app/sanctions?q={fid}", follow=True)
    assert "Sanction applied" in r.text
    assert re.search(rf'id="listing-{fid}-self_service">[^<]*<strong class="bad">', r.text)
    assert re.search(rf'id="listing-{fid}-curated">[^<]*<strong class="bad">', r.text)
    res = client.client.get("/app/search", params={"title": "freelancer"})
    assert f'id="r-{fid}"' not in res.text
    api = http.post("/search", json={"brief": {"title": "x"}, "limit": 500},
                    headers=auth(keys.client)).json()
    assert fid not in {h["profile"]["id"] for h in api["results"]}
    sid = re.search(r'action="/app/sanctions/(san_[0-9a-f]{16})/lift"', r.text)
    assert sid
    r = admin.post(f"/app/sanctions/{sid.group(1)}/lift", {"reason": "appeal granted"},
                   page=f"/app/sanctions?q={fid}", follow=True)
    assert re.search(rf'id="listing-{fid}-self_service">[^<]*<strong class="ok">', r.text)


def test_sourcing_staff_see_sanctions_but_may_not_apply_them(keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    staff: Browser = sign_in(keys.sourcing)
    page = staff.client.get("/app/sanctions", params={"q": keys.freelancer_id})
    assert page.status_code == 200 and 'action="/app/sanctions"' not in page.text.replace(
        'action="/app/sanctions" class="card inline-form" role="search"', "")
    r = staff.post("/app/sanctions", {"target_kind": "freelancer",
                                      "target_id": keys.freelancer_id, "kind": "warning",
                                      "reason": "x"}, page="/app/sanctions")
    assert r.status_code == 403


def test_freelancer_sees_why_listed_and_answers_proposals(http: TestClient, keys: Keys,
                                                          sign_in) -> None:  # type: ignore[no-untyped-def]
    me: Browser = sign_in(keys.freelancer)
    page = me.client.get("/app/me", params={"title": "developer"})
    assert page.status_code == 200
    assert "You are listed for this brief" in page.text
    r = http.post("/sanctions", json={"target_kind": "freelancer", "target_id": keys.freelancer_id,
                                      "kind": "temporary_suspension", "reason": "late delivery",
                                      "end": "2099-01-01T00:00:00Z"}, headers=auth(keys.admin))
    assert r.status_code == 201
    page = me.client.get("/app/me", params={"title": "developer"})
    assert "You are not listed for this brief." in page.text
    assert "suspension" in page.text.split("Reasons", 1)[1]
    http.post(f"/sanctions/{r.json()['id']}/lift", json={"reason": "done"},
              headers=auth(keys.admin))

    client: Browser = sign_in(keys.client)
    r = client.post("/app/projects", {"title": "Developer", "project_title": "Shop",
                                      "service": "self_service"}, page="/app/search")
    pid = r.headers["location"].rsplit("/", 1)[-1]
    client.post(f"/app/projects/{pid}/contacts", {"profile_id": keys.freelancer_id,
                                                  "message": "Are you free in May?"},
                page="/app/search")
    # A new client's first message waits for a moderator (domain: moderated before delivery).
    page = me.client.get("/app/me")
    assert "Are you free in May?" not in page.text
    staff: Browser = sign_in(keys.sourcing)
    queue = staff.client.get("/app/moderation")
    mid = re.search(r'action="/app/moderation/messages/(msg_[0-9a-f]{16})"', queue.text)
    assert mid and "Are you free in May?" in queue.text
    r = staff.post(f"/app/moderation/messages/{mid.group(1)}", {"decision": "approve"},
                   page="/app/moderation", follow=True)
    assert "Message delivered." in r.text
    page = me.client.get("/app/me")
    assert "Are you free in May?" in page.text
    cid = re.search(r'action="/app/me/proposals/(con_[0-9a-f]{16})/accept"', page.text)
    assert cid
    r = me.post(f"/app/me/proposals/{cid.group(1)}/accept", {}, page="/app/me", follow=True)
    assert "Proposal accepted" in r.text
    contacts = http.get(f"/projects/{pid}/contacts", headers=auth(keys.client)).json()
    assert contacts["items"][0]["status"] == "accepted"


def test_referrals_and_held_first_messages(http: TestClient, keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    me: Browser = sign_in(keys.freelancer)
    r = me.post("/app/me/referrals", {"company_name": "Stark Industries",
                                      "contact_name": "Pepper", "description":
                                      "Needs three data engineers for a year"},
                page="/app/me", follow=True)
    assert "your referral was sent" in r.text and "Stark Industries" in r.text
    staff: Browser = sign_in(keys.sourcing)
    page = staff.client.get("/app/moderation")
    ref = re.search(r'action="/app/moderation/referrals/(ref_[0-9a-f]{16})"', page.text)
    assert ref and "Needs three data engineers" in page.text
    r = staff.post(f"/app/moderation/referrals/{ref.group(1)}",
                   {"status": "accepted", "outcome": "called them"},
                   page="/app/moderation", follow=True)
    assert "Referral handled." in r.text
    assert "called them" in me.client.get("/app/me").text

    # A new client's first message with off-platform contact details waits for a moderator.
    client: Browser = sign_in(keys.client)
    r = client.post("/app/projects", {"title": "Developer", "project_title": "Shop",
                                      "service": "self_service"}, page="/app/search")
    pid = r.headers["location"].rsplit("/", 1)[-1]
    held = http.get("/moderation/messages", params={"status": "held"},
                    headers=auth(keys.sourcing)).json()["total"]
    r = client.post(f"/app/projects/{pid}/contacts",
                    {"profile_id": keys.freelancer_id,
                     "message": "Reach me on whatsapp +49 170 1234567 and pay outside"},
                    page="/app/search", follow=True)
    after = http.get("/moderation/messages", params={"status": "held"},
                     headers=auth(keys.sourcing)).json()
    assert after["total"] == held + 1  # a messenger and a phone number: held
    assert "delivered once our team has read it" in r.text
    page = staff.client.get("/app/moderation")
    mid = after["items"][-1]["id"]
    assert f'action="/app/moderation/messages/{mid}"' in page.text
    r = staff.post(f"/app/moderation/messages/{mid}", {"decision": "reject",
                                                       "reason": "off-platform payment"},
                   page="/app/moderation", follow=True)
    assert "Message withheld." in r.text


def test_staff_decide_a_review_removal_request(http: TestClient, keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    fid = keys.freelancer_id
    r = http.post(f"/freelancers/{fid}/reviews", json={"rating": 1, "text": "Late and rude."},
                  headers=auth(keys.client))
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    r = http.post(f"/freelancers/{fid}/reviews/{rid}/removal-request",
                  json={"reason": "the project never took place"}, headers=auth(keys.freelancer))
    assert r.status_code == 201, r.text
    staff: Browser = sign_in(keys.sourcing)
    page = staff.client.get("/app/moderation")
    req = re.search(r'action="/app/moderation/reviews/(rmv_[0-9a-f]{16})"', page.text)
    assert req and "Late and rude." in page.text and "the project never took place" in page.text
    r = staff.post(f"/app/moderation/reviews/{req.group(1)}",
                   {"decision": "remove", "outcome": "no order between them"},
                   page="/app/moderation", follow=True)
    assert "Review request handled." in r.text and req.group(1) not in r.text
    listed = http.get(f"/freelancers/{fid}/reviews", headers=auth(keys.client)).json()
    assert rid not in {x["id"] for x in listed["items"]}
