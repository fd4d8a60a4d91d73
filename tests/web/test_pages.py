"""The web pages over HTTP: sign-in, roles, CSRF, and each page on the real embedded index."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Keys, auth
from tests.web.conftest import Browser

pytestmark = pytest.mark.integration

STAFF_PAGES = ["/app/sourcing", "/app/moderation", "/app/sanctions"]
CLIENT_PAGES = ["/app/search", "/app/projects", "/app/shortlists"]


def test_pages_need_sign_in(http: TestClient) -> None:
    for page in [*STAFF_PAGES, *CLIENT_PAGES, "/app/me", "/app/"]:
        r = http.get(page, follow_redirects=False)
        assert r.status_code == 303, page
        assert r.headers["location"].startswith("/app/signin?next="), page


def test_sign_in_sends_each_role_to_its_start_page(http: TestClient, keys: Keys) -> None:
    for key, home in [(keys.client, "/app/search"), (keys.sourcing, "/app/sourcing"),
                      (keys.admin, "/app/sourcing"), (keys.freelancer, "/app/me")]:
        c = TestClient(http.app, raise_server_exceptions=False)
        r = c.post("/app/signin", data={"key": key}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == home
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/app" in cookie
        page = c.get(home)
        assert page.status_code == 200, page.text[:300]
        assert "default-src 'self'" in page.headers["content-security-policy"]


def test_a_wrong_key_is_refused_on_the_sign_in_page(http: TestClient) -> None:
    r = http.post("/app/signin", data={"key": "not-a-key"}, follow_redirects=False)
    assert r.status_code == 401
    assert "unknown or revoked" in r.text
    assert "set-cookie" not in r.headers


def test_a_revoked_key_is_signed_out(http: TestClient, keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    b: Browser = sign_in(keys.sourcing)
    assert b.client.get("/app/sourcing").status_code == 200
    key_id = next(k["id"] for k in http.get("/keys", headers=auth(keys.admin)).json()["items"]
                  if k["role"] == "sourcing")
    assert http.delete(f"/keys/{key_id}", headers=auth(keys.admin)).status_code == 200
    r = b.client.get("/app/sourcing", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/app/signin")


def test_a_client_cannot_open_staff_pages(keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    b: Browser = sign_in(keys.client)
    for page in STAFF_PAGES:
        r = b.client.get(page)
        assert r.status_code == 403, page
        assert "may not open this page" in r.text
        assert "Score breakdown" not in r.text and "Sourcing queue" not in r.text
    r = b.client.post("/app/sanctions", data={"csrf": b.csrf("/app/search"),
                                              "target_kind": "freelancer", "target_id": "x",
                                              "kind": "warning", "reason": "x"})
    assert r.status_code == 403


def test_a_freelancer_cannot_open_client_pages(keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    b: Browser = sign_in(keys.freelancer)
    for page in [*CLIENT_PAGES, *STAFF_PAGES]:
        assert b.client.get(page).status_code == 403, page


def test_a_form_without_the_session_token_changes_nothing(http: TestClient, keys: Keys,
                                                          sign_in) -> None:  # type: ignore[no-untyped-def]
    b: Browser = sign_in(keys.client)
    before = http.get("/projects", headers=auth(keys.client)).json()["total"]
    for token in (None, "0" * 40, "deadbeef"):
        data = {"title": "Data engineer", "project_title": "Forged", "service": "self_service"}
        if token is not None:
            data["csrf"] = token
        r = b.client.post("/app/projects", data=data, follow_redirects=False)
        assert r.status_code == 403, token
        assert "did not come from this site" in r.text
    assert http.get("/projects", headers=auth(keys.client)).json()["total"] == before


def test_client_search_shows_public_explanations_only(http: TestClient, keys: Keys,
                                                      sign_in) -> None:  # type: ignore[no-untyped-def]
    b: Browser = sign_in(keys.client)
    q = {"title": "Python developer", "must_have": "Python", "languages": "en",
         "language_level": "professional"}
    r = b.client.get("/app/search", params=q)
    assert r.status_code == 200
    api = http.post("/search", json={"brief": {
        "title": "Python developer", "must_have_skills": ["Python"],
        "languages": [{"code": "en", "min_level": "professional"}]}, "limit": 20},
        headers=auth(keys.client)).json()
    ids = [h["profile"]["id"] for h in api["results"]]
    assert ids, "the sample has Python developers"
    page_ids = re.findall(r'<li class="card result" id="r-([^"]+)"', r.text)
    assert page_ids == ids
    assert api["results"][0]["explanation"]["summary"].split(".")[0] in r.text.replace(
        "&#39;", "'").replace("&amp;", "&")
    for staff_only in ("Score breakdown", "<meter", "Admitted by the policy", "last_login",
                       "sanction", "Completeness gaps"):
        assert staff_only not in r.text, staff_only


def test_the_brief_form_names_the_bad_field(keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    b: Browser = sign_in(keys.client)
    r = b.client.get("/app/search", params={"title": "Designer", "country": "Germany",
                                            "max_daily_rate": "-5"})
    assert r.status_code == 422
    assert 'id="e-country"' in r.text and 'id="e-max_daily_rate"' in r.text
    assert 'aria-invalid="true"' in r.text
    assert 'class="card result"' not in r.text


def test_the_contact_cap_is_shown_before_it_bites(http: TestClient, keys: Keys,
                                                  sign_in) -> None:  # type: ignore[no-untyped-def]
    b: Browser = sign_in(keys.client)
    brief = {"title": "Developer", "project_title": "Web shop", "service": "self_service"}
    r = b.post("/app/projects", brief, page="/app/search")
    assert r.status_code == 303
    pid = r.headers["location"].rsplit("/", 1)[-1]
    page = b.client.get("/app/search", params={"title": "Developer"})
    ids = re.findall(r'<li class="card result" id="r-([^"]+)"', page.text)
    assert len(ids) >= 7
    assert "0 of 6 open contacts" in page.text
    for pid_ in ids[:6]:
        r = b.post(f"/app/projects/{pid}/contacts", {"profile_id": pid_, "message": "Hello"},
                   page="/app/search?title=Developer")
        assert r.status_code == 303 and "error" not in r.headers.get("set-cookie", "")
    page = b.client.get("/app/search", params={"title": "Developer"})
    assert "6 of 6 open contacts" in page.text
    assert "full: close a contact to free a slot" in page.text
    assert f'action="/app/projects/{pid}/contacts"' not in page.text
    # The 7th contact (a forged form) is refused with the reason, shown on the page it came from.
    r = b.post(f"/app/projects/{pid}/contacts", {"profile_id": ids[6]},
               page="/app/search?title=Developer", follow=True)
    assert "already has 6 open contacts" in r.text
    contacts = http.get(f"/projects/{pid}/contacts", headers=auth(keys.client)).json()
    assert contacts["total"] == 6
    # Closing one frees a slot.
    cid = contacts["items"][0]["id"]
    r = b.post(f"/app/projects/{pid}/contacts/{cid}/close", {}, page=f"/app/projects/{pid}",
               follow=True)
    assert "5 of 6 open contacts" in r.text
