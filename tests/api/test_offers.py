"""Offers reach only freelancers who may receive them now, even when a client contacts a
profile by id instead of from search results (domain.md: suspended freelancers are not
listed anywhere; offers are hidden while a freelancer is away or, with "no weekends", on
weekends, rather than left unanswered)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient

from api.clock import ManualClock
from indexer.profile import Profile
from tests.api.conftest import START, Keys, auth
from tests.api.helpers import assert_problem, result_ids, search, submit_project


def _pick(profiles: list[Profile], ok: Callable[[Profile], bool]) -> Profile:
    """A published, active, unsanctioned profile for which ``ok`` holds."""
    return next(p for p in profiles if p.account_status == "active" and p.published
                and not p.sanctions and p.created_at < START and ok(p))


def _contact(http: TestClient, keys: Keys, profile_id: str) -> object:
    pid = submit_project(http, keys.client).json()["id"]
    return http.post(f"/projects/{pid}/contacts", json={"profile_id": profile_id},
                     headers=auth(keys.client))


def _away_now(p: Profile, at: object) -> bool:
    return any(a.start <= at < a.end for a in p.schedule.away)  # type: ignore[operator]


def test_a_suspended_freelancer_gets_no_offer(http: TestClient, keys: Keys) -> None:
    target = result_ids(search(http, keys.client))[0]
    r = http.post("/sanctions", json={"target_kind": "freelancer", "target_id": target,
                                      "kind": "temporary_suspension", "reason": "fraud",
                                      "end": (START + timedelta(days=5)).isoformat()},
                  headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    body = assert_problem(_contact(http, keys, target), 404)
    assert "suspen" not in body["detail"]  # the client is not told about sanctions
    # A curated-only exclusion does not bar a self-service offer.
    other = result_ids(search(http, keys.client))[0]
    http.post("/sanctions", json={"target_kind": "freelancer", "target_id": other,
                                  "kind": "curated_exclusion", "reason": "no-shows"},
              headers=auth(keys.admin))
    assert _contact(http, keys, other).status_code == 201  # type: ignore[attr-defined]


def test_offers_wait_while_a_freelancer_is_away(http: TestClient, keys: Keys,
                                                profiles: list[Profile],
                                                clock: ManualClock) -> None:
    away = _pick(profiles, lambda p: _away_now(p, START) and not p.schedule.no_weekends)
    body = assert_problem(_contact(http, keys, away.id), 409, "state-conflict")
    assert "away until" in body["detail"] and body["reasons"]
    end = max(a.end for a in away.schedule.away if _away_now(away, START))
    clock.set(end + timedelta(hours=1))
    while clock.now().weekday() >= 5 or _away_now(away, clock.now()):
        clock.advance(timedelta(days=1))
    assert _contact(http, keys, away.id).status_code == 201  # type: ignore[attr-defined]


def test_no_offers_on_weekends_to_who_does_not_work_then(http: TestClient, keys: Keys,
                                                          profiles: list[Profile],
                                                          clock: ManualClock) -> None:
    saturday = START + timedelta(days=(5 - START.weekday()) % 7)
    saturday = saturday.replace(hour=12, minute=0)
    weekday = saturday + timedelta(days=2)
    p = _pick(profiles, lambda p: p.schedule.no_weekends and not _away_now(p, saturday)
              and not _away_now(p, weekday))
    clock.set(saturday)
    body = assert_problem(_contact(http, keys, p.id), 409, "state-conflict")
    assert "weekend" in body["detail"]
    clock.set(weekday)
    assert _contact(http, keys, p.id).status_code == 201  # type: ignore[attr-defined]


def test_an_inactive_but_unsanctioned_freelancer_can_still_be_contacted(
        http: TestClient, keys: Keys, profiles: list[Profile]) -> None:
    """The activity window is a listing rule: a direct offer may still reach them."""
    idle = _pick(profiles, lambda p: (START - p.last_login_at).days > 120
                 and not p.schedule.away and not p.schedule.no_weekends)
    assert idle.id not in result_ids(search(http, keys.client, {"title": "developer"},
                                            limit=500))
    assert _contact(http, keys, idle.id).status_code == 201  # type: ignore[attr-defined]
