"""What each sanction kind does beyond the listing (domain.md, Sanctions), over HTTP:
"removal of reviews and recommendations" hides the reviews, "loss of the super status" hides
the status, both at once and both ending by themselves; a client company is informed and
invited to talk before a permanent suspension."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from api.clock import ManualClock
from api.db.engine import Database
from api.db.migrations import migrate
from api.schemas.profiles import ProfilePublic
from indexer.profile import Profile, Sanction, SanctionKind
from tests.api.conftest import START, Keys, auth
from tests.api.helpers import assert_problem, search
from tests.factories import make_profile

BROAD = {"title": "developer"}


def _hits(http: TestClient, key: str) -> dict[str, dict[str, Any]]:
    return {h["profile"]["id"]: h["profile"] for h in search(http, key, BROAD, limit=500)["results"]}


def _pick(http: TestClient, keys: Keys, *, super_status: bool) -> str:
    """A listed freelancer with reviews (and, if asked, the super status)."""
    return next(pid for pid, p in sorted(_hits(http, keys.client).items())
                if p["review_count"] > 0 and (p["super_status"] or not super_status))


def _sanction(http: TestClient, keys: Keys, target: str, kind: str,
              **extra: Any) -> dict[str, Any]:
    r = http.post("/sanctions", json={"target_kind": "freelancer", "target_id": target,
                                      "kind": kind, "reason": "found out", **extra},
                  headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_removal_of_reviews_hides_them_until_it_ends(http: TestClient, keys: Keys,
                                                     clock: ManualClock) -> None:
    target = _pick(http, keys, super_status=False)
    before = _hits(http, keys.client)[target]
    r = http.post(f"/freelancers/{target}/reviews", json={"rating": 5, "text": "Superb!"},
                  headers=auth(keys.client))
    assert r.status_code == 201, r.text
    end = START + timedelta(days=30)
    _sanction(http, keys, target, "reviews_removal", end=end.isoformat())
    # Still listed (scope none), but without reviews, at once.
    now = _hits(http, keys.client)[target]
    assert now["review_count"] == 0 and now["mean_rating"] is None
    assert now["completed_missions"] == before["completed_missions"]
    for key in (keys.client, keys.freelancer):
        page = http.get(f"/freelancers/{target}/reviews", headers=auth(key)).json()
        assert page == {"items": [], "total": 0, "limit": 50, "offset": 0}
    # Staff still see what was removed.
    assert http.get(f"/freelancers/{target}/reviews",
                    headers=auth(keys.sourcing)).json()["total"] == 1
    # The sanction ends by itself: the reviews are back.
    clock.set(end + timedelta(seconds=1))
    assert http.get(f"/freelancers/{target}/reviews",
                    headers=auth(keys.client)).json()["total"] == 1
    back = _hits(http, keys.client)[target]
    assert back["review_count"] == before["review_count"]
    assert back["mean_rating"] == before["mean_rating"]


def test_loss_of_super_status_shows_at_once_and_lifting_restores_it(http: TestClient,
                                                                    keys: Keys) -> None:
    target = _pick(http, keys, super_status=True)
    san = _sanction(http, keys, target, "super_status_loss")
    hit = _hits(http, keys.client)[target]
    assert hit["super_status"] is False and hit["review_count"] > 0
    r = http.post(f"/sanctions/{san['id']}/lift", json={"reason": "appeal upheld"},
                  headers=auth(keys.admin))
    assert r.status_code == 200, r.text
    assert _hits(http, keys.client)[target]["super_status"] is True


def test_public_view_applies_the_sanctions_in_force() -> None:
    base = make_profile(id="p-1").model_dump()
    base["super_status"] = True
    base["reviews"] = {"count": 4, "mean_rating": 4.5}
    p = Profile.model_validate(base)
    later = [Sanction(kind=SanctionKind.SUPER_STATUS_LOSS, start=START + timedelta(days=1)),
             Sanction(kind=SanctionKind.REVIEWS_REMOVAL, start=START - timedelta(days=9),
                      end=START - timedelta(days=1))]
    view = ProfilePublic.of(p, as_of=START, sanctions=later)
    assert view.super_status is True and view.review_count == 4  # not in force at START
    view = ProfilePublic.of(p, as_of=START + timedelta(days=2), sanctions=later)
    assert view.super_status is False and view.review_count == 4
    view = ProfilePublic.of(p, as_of=START - timedelta(days=2), sanctions=later)
    assert view.super_status is True and view.review_count == 0 and view.mean_rating is None
    assert ProfilePublic.of(p).super_status is True  # no as_of: the profile as stored


def test_a_client_is_informed_before_a_permanent_suspension(http: TestClient,
                                                             keys: Keys) -> None:
    body = {"target_kind": "client", "target_id": keys.client_id,
            "kind": "permanent_suspension", "reason": "repeated abuse"}
    err = assert_problem(http.post("/sanctions", json=body, headers=auth(keys.admin)), 422)
    assert err["errors"][0]["field"] == "body.informed_at"
    future = (START + timedelta(days=1)).isoformat()
    err = assert_problem(http.post("/sanctions", json={**body, "informed_at": future},
                                   headers=auth(keys.admin)), 422)
    assert err["errors"][0]["field"] == "body.informed_at"
    err = assert_problem(http.post("/sanctions", json={
        "target_kind": "freelancer", "target_id": keys.freelancer_id, "kind": "warning",
        "reason": "x", "informed_at": START.isoformat()}, headers=auth(keys.admin)), 422)
    assert "client" in err["detail"] + str(err["errors"])
    # Nothing was stored by the refused requests; the client still works.
    assert http.get("/sanctions", headers=auth(keys.admin)).json()["total"] == 0
    assert http.get("/projects", headers=auth(keys.client)).status_code == 200
    informed = (START - timedelta(days=3)).isoformat()
    r = http.post("/sanctions", json={**body, "informed_at": informed}, headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    assert r.json()["informed_at"].startswith(informed[:19]) and r.json()["end"] is None
    assert_problem(http.get("/projects", headers=auth(keys.client)), 403)
    # A temporary suspension needs no prior talk.
    r = http.post("/sanctions", json={**body, "target_id": keys.other_client_id,
                                      "kind": "temporary_suspension",
                                      "end": (START + timedelta(days=7)).isoformat()},
                  headers=auth(keys.admin))
    assert r.status_code == 201, r.text


def test_migration_3_adds_informed_at_to_an_older_store(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        migrate(db)
        with db.write() as conn:  # make it look like a store from before migration 3
            conn.execute(text("ALTER TABLE sanctions DROP COLUMN informed_at"))
            conn.execute(text("DELETE FROM schema_migrations WHERE version = 3"))
        assert migrate(db) == [3]
        with db.read() as conn:
            assert "informed_at" in {c["name"] for c in inspect(conn).get_columns("sanctions")}
        assert migrate(db) == []
    finally:
        db.dispose()


def test_a_repeated_search_is_served_from_the_cache_until_a_sanction(
        http: TestClient, keys: Keys) -> None:
    cache = http.app.state.ctx.search.ranker.result_cache  # type: ignore[attr-defined]
    body = {"brief": BROAD, "limit": 50}
    first = http.post("/search", json=body, headers=auth(keys.client))
    hits = cache.hits
    again = http.post("/search", json=body, headers=auth(keys.client))
    assert again.status_code == 200 and again.content == first.content
    assert cache.hits == hits + 1  # answered from the cache, the same bytes
    target = first.json()["results"][0]["profile"]["id"]
    _sanction(http, keys, target, "temporary_suspension",
              end=(START + timedelta(days=30)).isoformat())
    after = http.post("/search", json=body, headers=auth(keys.client))
    assert after.status_code == 200 and cache.hits == hits + 1  # the write: a new ranking
    assert target not in {h["profile"]["id"] for h in after.json()["results"]}


def test_a_brief_that_keeps_coming_back_is_refreshed_before_it_expires(
        http: TestClient, keys: Keys, clock: ManualClock) -> None:
    cache = http.app.state.ctx.search.ranker.result_cache  # type: ignore[attr-defined]
    body = {"brief": {"title": "data engineer"}, "limit": 10}
    first = http.post("/search", json=body, headers=auth(keys.client)).json()
    clock.advance(timedelta(seconds=5))  # young: served as is, no refresh
    young = http.post("/search", json=body, headers=auth(keys.client)).json()
    assert young["as_of"] == first["as_of"]
    clock.advance(timedelta(seconds=11))  # 16 s: past half of any lifetime (22.5-30 s)
    served = http.post("/search", json=body, headers=auth(keys.client)).json()
    assert served["as_of"] == first["as_of"]  # answered from the cache at once ...
    hits = cache.hits
    again = http.post("/search", json=body, headers=auth(keys.client)).json()
    assert cache.hits == hits + 1  # ... and ranked again behind it: a hit, and newer
    assert again["as_of"] == clock.now().isoformat().replace("+00:00", "Z")
    clock.advance(timedelta(seconds=20))  # 36 s after the first ranking: still a hit
    assert http.post("/search", json=body, headers=auth(keys.client)).json()["as_of"] \
        == again["as_of"]
