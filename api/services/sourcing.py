"""Curated sourcing: the ranker's candidate snapshot, the sourcing team's review, the shortlist.

A sourcing request runs the ranker in curated mode for an approved curated project and
stores every candidate with its score, full explanation, the policy and ranking-configuration
versions and ``as_of`` — a snapshot: later index changes do not alter it. Staff then keep or
reject candidates (a rejection needs a reason), write notes, reorder, add a freelancer by id
(eligibility is checked with ``Ranker.explain`` at the snapshot's ``as_of``; adding one the
policy does not list needs an override reason), and send the shortlist.

Every edit names the version it was based on (``If-Match``); the request's version is
compared and bumped in the same write transaction, so of two concurrent edits the second
gets a 409 and nothing is overwritten. A sent shortlist is immutable; sending it creates a
pending proposal to every kept freelancer, and the client sees a freelancer's contact
details only once they accept.
"""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, contacts, projects, sourcing
from api.db.repositories.common import new_id
from api.enums import (
    CandidateDecision,
    CandidateOrigin,
    ContactChannel,
    ContactStatus,
    ProjectService,
    ProjectStatus,
    Role,
    SourcingStatus,
)
from api.errors import StaleVersion, StateConflict
from api.schemas.explanations import ExplanationStaff
from api.schemas.profiles import ProfilePublic
from api.schemas.sourcing import CandidateAdd, CandidateOrder, CandidateUpdate
from api.services.contacts import with_details
from api.services.public_explanation import public_summary
from indexer.errors import InvalidInputError, NotFoundError, Problem
from indexer.profile import Profile
from ranking import Brief, RankedProfile, SearchMode


def _brief(project: dict[str, Any]) -> Brief:
    return Brief.model_validate(project["brief"]).with_mode(SearchMode.CURATED)


def _snapshot(brief: Brief, ranked: RankedProfile | None, profile: Any) -> dict[str, Any]:
    return {
        "profile": profile.model_dump(mode="json"),
        "explanation": ExplanationStaff.of(ranked).model_dump(mode="json") if ranked else None,
        "public_summary": public_summary(brief, ranked) if ranked else "",
    }


def create_request(ctx: AppContext, actor: Principal, project_id: str,
                   limit: int | None) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.read() as conn:
        project = projects.get(conn, project_id)
    if project is None:
        raise NotFoundError(f"project '{project_id}' does not exist")
    if project["service"] != ProjectService.CURATED:
        raise StateConflict(f"project '{project_id}' is a self-service project")
    if project["status"] != ProjectStatus.ACTIVE:
        raise StateConflict(f"project '{project_id}' is {project['status']}; sourcing needs an "
                            f"approved, active project", current_status=project['status'])
    brief = _brief(project)
    result = ctx.search.rank(brief, k=limit or ctx.settings.sourcing_candidates, as_of=now)
    rid = new_id("src")
    rows = [
        {"request_id": rid, "profile_id": r.profile_id, "position": r.rank,
         "origin": CandidateOrigin.RANKER.value, "decision": CandidateDecision.PENDING.value,
         "decision_reason": None, "note": None, "eligible": True, "override_reason": None,
         "score": float(r.score), "snapshot": _snapshot(brief, r, r.profile)}
        for r in result.results
    ]
    with ctx.db.write() as conn:
        sourcing.create(conn, id=rid, project_id=project_id, status=SourcingStatus.DRAFT.value,
                        as_of=result.as_of, policy_version=result.policy_version,
                        config_version=result.config_version,
                        total_eligible=int(result.total_eligible_candidates or len(rows)),
                        created_by=actor.actor_id, created_at=now, version=1)
        sourcing.add_candidates(conn, rows)
        after = sourcing.get(conn, rid) or {}
        audit.record(conn, actor, "sourcing.create", "sourcing_request", rid, at=now,
                     after={**after, "candidates": [r["profile_id"] for r in rows]})
    return view(ctx, rid)


def view(ctx: AppContext, request_id: str) -> dict[str, Any]:
    with ctx.db.read() as conn:
        req = sourcing.get(conn, request_id)
        if req is None:
            raise NotFoundError(f"sourcing request '{request_id}' does not exist")
        cands = sourcing.candidates(conn, request_id)
    out = []
    for c in cands:
        snap = c["snapshot"] or {}
        out.append({**c, "profile": snap.get("profile"), "explanation": snap.get("explanation"),
                    "ineligibility_reasons": snap.get("ineligibility_reasons", [])})
    return {**req, "candidates": out}


def _begin_edit(conn: Any, request_id: str, expected_version: int,
                **values: Any) -> dict[str, Any]:
    """Check the request is editable and at ``expected_version``; move it to the next one."""
    req = sourcing.get(conn, request_id)
    if req is None:
        raise NotFoundError(f"sourcing request '{request_id}' does not exist")
    if req["status"] == SourcingStatus.SENT:
        raise StateConflict(f"the shortlist of '{request_id}' was sent and cannot change")
    if req["version"] != expected_version or not sourcing.bump(conn, request_id,
                                                               expected_version, **values):
        raise StaleVersion(
            f"sourcing request '{request_id}' is at version {req['version']}, your edit was "
            f"based on version {expected_version}; read it again and redo the change",
            current_version=req["version"], etag=f'"v{req["version"]}"')
    return req


def update_candidate(ctx: AppContext, actor: Principal, request_id: str, profile_id: str,
                     expected_version: int, data: CandidateUpdate) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        _begin_edit(conn, request_id, expected_version)
        before = next((c for c in sourcing.candidates(conn, request_id)
                       if c["profile_id"] == profile_id), None)
        if before is None:
            raise NotFoundError(f"'{profile_id}' is not a candidate of '{request_id}'")
        values: dict[str, Any] = {}
        if data.decision is not None:
            values["decision"] = data.decision.value
            values["decision_reason"] = data.reason
        if data.note is not None:
            values["note"] = data.note or None
        sourcing.update_candidate(conn, request_id, profile_id, **values)
        audit.record(conn, actor, "sourcing.candidate_update", "sourcing_request", request_id,
                     at=now, before={k: before[k] for k in ("profile_id", "decision",
                                                            "decision_reason", "note")},
                     after={"profile_id": profile_id, **values,
                            "version": expected_version + 1})
    return view(ctx, request_id)


def add_candidate(ctx: AppContext, actor: Principal, request_id: str, expected_version: int,
                  data: CandidateAdd) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.read() as conn:
        req = sourcing.get(conn, request_id)
        project = projects.get(conn, req["project_id"]) if req else None
    if req is None or project is None:
        raise NotFoundError(f"sourcing request '{request_id}' does not exist")
    brief = _brief(project)
    expl = ctx.search.explain(brief, data.profile_id, as_of=req["as_of"])
    if not expl.eligible and not data.override_reason:
        raise InvalidInputError([Problem(
            "body.override_reason",
            f"'{data.profile_id}' is not listed for this brief ({'; '.join(expl.reasons)}); "
            f"give an override_reason to add them anyway")])
    if expl.ranked is not None:
        profile = expl.ranked.profile
    else:
        doc = ctx.search.get([data.profile_id]).get(data.profile_id)
        if doc is None:  # deleted since the eligibility check
            raise NotFoundError(f"profile '{data.profile_id}' is not in the index")
        profile = doc.profile
    snap = _snapshot(brief, expl.ranked, profile)
    if not expl.eligible:
        snap["ineligibility_reasons"] = list(expl.reasons)
    with ctx.db.write() as conn:
        _begin_edit(conn, request_id, expected_version)
        current = sourcing.candidates(conn, request_id)
        if any(c["profile_id"] == data.profile_id for c in current):
            raise StateConflict(f"'{data.profile_id}' is already a candidate")
        row = {"request_id": request_id, "profile_id": data.profile_id,
               "position": max((c["position"] for c in current), default=0) + 1,
               "origin": CandidateOrigin.MANUAL.value,
               "decision": CandidateDecision.KEEP.value, "decision_reason": None,
               "note": data.note or None, "eligible": expl.eligible,
               "override_reason": None if expl.eligible else data.override_reason,
               "score": float(expl.ranked.score) if expl.ranked else None, "snapshot": snap}
        sourcing.add_candidates(conn, [row])
        audit.record(conn, actor, "sourcing.candidate_add", "sourcing_request", request_id,
                     at=now, after={k: v for k, v in row.items() if k != "snapshot"}
                     | {"version": expected_version + 1})
    return view(ctx, request_id)


def reorder(ctx: AppContext, actor: Principal, request_id: str, expected_version: int,
            data: CandidateOrder) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        _begin_edit(conn, request_id, expected_version)
        current = sourcing.candidates(conn, request_id)
        ids = [c["profile_id"] for c in current]
        if sorted(ids) != sorted(data.profile_ids):
            missing = sorted(set(ids) - set(data.profile_ids))
            unknown = sorted(set(data.profile_ids) - set(ids))
            dupes = len(data.profile_ids) != len(set(data.profile_ids))
            raise InvalidInputError([Problem(
                "body.profile_ids",
                "must list every candidate exactly once"
                + (f"; missing: {', '.join(missing[:10])}" if missing else "")
                + (f"; not candidates: {', '.join(unknown[:10])}" if unknown else "")
                + ("; duplicates present" if dupes else ""))])
        for pos, pid in enumerate(data.profile_ids, start=1):
            sourcing.update_candidate(conn, request_id, pid, position=pos)
        audit.record(conn, actor, "sourcing.reorder", "sourcing_request", request_id, at=now,
                     before={"order": ids}, after={"order": data.profile_ids,
                                                    "version": expected_version + 1})
    return view(ctx, request_id)


def send(ctx: AppContext, actor: Principal, request_id: str,
         expected_version: int) -> dict[str, Any]:
    """Send the kept candidates to the client; the shortlist is immutable from now on."""
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        req = _begin_edit(conn, request_id, expected_version,
                          status=SourcingStatus.SENT.value, sent_at=now)
        kept = [c for c in sourcing.candidates(conn, request_id)
                if c["decision"] == CandidateDecision.KEEP]
        if not kept:
            raise StateConflict("no candidate is marked 'keep'; nothing to send")
        project = projects.get(conn, req["project_id"]) or {}
        if project.get("status") != ProjectStatus.ACTIVE:
            raise StateConflict("the project is no longer active", current_status=project.get("status"))
        for c in kept:
            if contacts.find_open(conn, req["project_id"], c["profile_id"],
                                  (ContactStatus.PENDING.value, ContactStatus.ACCEPTED.value)):
                continue
            contacts.create(conn, id=new_id("con"), project_id=req["project_id"],
                            profile_id=c["profile_id"], channel=ContactChannel.CURATED.value,
                            status=ContactStatus.PENDING.value, message=None, created_at=now,
                            updated_at=now, version=1)
        audit.record(conn, actor, "sourcing.send", "sourcing_request", request_id, at=now,
                     before={"status": req["status"], "version": req["version"]},
                     after={"status": SourcingStatus.SENT.value, "sent_at": now,
                            "kept": [c["profile_id"] for c in kept],
                            "version": expected_version + 1})
    return view(ctx, request_id)


def shortlist(ctx: AppContext, actor: Principal, project_id: str) -> dict[str, Any]:
    """The sent shortlist as the client sees it: public profile, public explanation, and
    contact details only for freelancers who accepted."""
    with ctx.db.read() as conn:
        project = projects.get(conn, project_id)
        if project is None or (actor.role is Role.CLIENT
                               and project["client_id"] != actor.subject_id):
            raise NotFoundError(f"project '{project_id}' does not exist")
        req = sourcing.latest_sent(conn, project_id)
        if req is None:
            raise NotFoundError(f"project '{project_id}' has no shortlist yet")
        kept = [c for c in sourcing.candidates(conn, req["id"])
                if c["decision"] == CandidateDecision.KEEP]
        proposals = {r["profile_id"]: r for r in with_details(conn, [
            r for r in contacts.for_project(conn, project_id)
            if r["channel"] == ContactChannel.CURATED])}
    # The snapshot shows the profile as it was; sanctions act at once, so today's apply.
    live = ctx.search.get([c["profile_id"] for c in kept])
    now = ctx.clock.now()
    entries = []
    for pos, c in enumerate(kept, start=1):
        prop = proposals.get(c["profile_id"])
        profile = Profile.model_validate(c["snapshot"]["profile"])
        current = live.get(c["profile_id"])
        entries.append({
            "position": pos,
            "profile": ProfilePublic.of(
                profile, as_of=now,
                sanctions=current.profile.sanctions if current is not None else None),
            "explanation": {"summary": c["snapshot"].get("public_summary") or ""},
            "proposal_status": prop["status"] if prop else None,
            "contact_details": prop["contact_details"] if prop else None,
        })
    return {"project_id": project_id, "sourcing_request_id": req["id"], "sent_at": req["sent_at"],
            "entries": entries}
