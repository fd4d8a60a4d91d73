"""Concurrent writers: the second edit of a shortlist gets a 409; the contact cap holds."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Keys, auth
from tests.api.helpers import result_ids, search, submit_project

pytestmark = pytest.mark.slow


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run ``calls`` in threads released together by a barrier; return their results."""
    barrier = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        out[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return out


def _approved_request(http: TestClient, keys: Keys) -> dict[str, Any]:
    staff = auth(keys.sourcing)
    pid = submit_project(http, keys.client, service="curated").json()["id"]
    http.post(f"/moderation/projects/{pid}/decision", json={"decision": "approve"}, headers=staff)
    r = http.post(f"/projects/{pid}/sourcing-requests", json={"limit": 6}, headers=staff)
    assert r.status_code == 201, r.text
    return dict(r.json())


@pytest.mark.parametrize("round_", range(3))
def test_two_staff_editing_one_shortlist(http: TestClient, keys: Keys, round_: int) -> None:
    req = _approved_request(http, keys)
    rid, ids = req["id"], [c["profile_id"] for c in req["candidates"]]
    h = {**auth(keys.sourcing), "If-Match": '"v1"'}
    a, b = _race([
        lambda: http.patch(f"/sourcing-requests/{rid}/candidates/{ids[0]}",
                           json={"decision": "reject", "reason": "writer A"}, headers=h),
        lambda: http.patch(f"/sourcing-requests/{rid}/candidates/{ids[0]}",
                           json={"decision": "keep", "note": "writer B"}, headers=h),
    ])
    assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
    loser = a if a.status_code == 409 else b
    winner = b if loser is a else a
    assert loser.json()["type"].endswith("stale-version")
    final = http.get(f"/sourcing-requests/{rid}", headers=auth(keys.sourcing))
    assert final.headers["etag"] == '"v2"'
    cand = final.json()["candidates"][0]
    # Exactly the winner's change is stored; nothing of the loser's.
    if winner is a:
        assert (cand["decision"], cand["decision_reason"], cand["note"]) == ("reject", "writer A",
                                                                             None)
    else:
        assert (cand["decision"], cand["note"]) == ("keep", "writer B")


def test_concurrent_send_and_edit(http: TestClient, keys: Keys) -> None:
    req = _approved_request(http, keys)
    rid, ids = req["id"], [c["profile_id"] for c in req["candidates"]]
    staff = auth(keys.sourcing)
    http.patch(f"/sourcing-requests/{rid}/candidates/{ids[0]}", json={"decision": "keep"},
               headers={**staff, "If-Match": '"v1"'})
    h = {**staff, "If-Match": '"v2"'}
    send, edit = _race([
        lambda: http.post(f"/sourcing-requests/{rid}/send", headers=h),
        lambda: http.patch(f"/sourcing-requests/{rid}/candidates/{ids[1]}",
                           json={"decision": "keep"}, headers=h),
    ])
    assert sorted([send.status_code, edit.status_code]) == [200, 409]
    final = http.get(f"/sourcing-requests/{rid}", headers=staff).json()
    kept = [c["profile_id"] for c in final["candidates"] if c["decision"] == "keep"]
    if send.status_code == 200:
        assert final["status"] == "sent" and kept == [ids[0]]
    else:
        assert final["status"] == "draft" and kept == [ids[0], ids[1]]


def test_contact_cap_under_concurrent_requests(http: TestClient, keys: Keys) -> None:
    pid = submit_project(http, keys.client).json()["id"]
    ids = result_ids(search(http, keys.client, limit=16))
    assert len(ids) == 16
    responses = _race([
        (lambda fid=fid: http.post(f"/projects/{pid}/contacts", json={"profile_id": fid},
                                   headers=auth(keys.client)))
        for fid in ids
    ])
    codes = Counter(r.status_code for r in responses)
    assert codes == {201: 6, 409: 10}, [r.text for r in responses if r.status_code not in (201, 409)]
    assert all(r.json()["type"].endswith("contact-cap-reached")
               for r in responses if r.status_code == 409)
    listing = http.get(f"/projects/{pid}/contacts", params={"status": "pending"},
                       headers=auth(keys.client)).json()
    assert listing["total"] == 6
    # Concurrent closes and opens: the cap still holds at every moment's end state.
    opened = [r.json() for r in responses if r.status_code == 201]
    rest = [fid for fid in ids if fid not in {c["profile_id"] for c in opened}]
    closes = [(lambda c=c: http.post(f"/projects/{pid}/contacts/{c['id']}/close",
                                     headers=auth(keys.client))) for c in opened[:2]]
    opens = [(lambda fid=fid: http.post(f"/projects/{pid}/contacts", json={"profile_id": fid},
                                        headers=auth(keys.client))) for fid in rest[:6]]
    results = _race(closes + opens)
    assert all(r.status_code == 200 for r in results[:2])
    n_open = http.get(f"/projects/{pid}/contacts", params={"status": "pending"},
                      headers=auth(keys.client)).json()["total"]
    assert n_open <= 6
    assert n_open == 4 + sum(1 for r in results[2:] if r.status_code == 201)
