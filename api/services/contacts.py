"""Contacts between a project and a freelancer (proposals), and the contact cap.

Self-service: a client may have at most ``contact_cap`` (6) *open* contacts per project at
the same time; ``pending`` and ``accepted`` are open, ``declined`` and ``closed`` free the slot.
The count and the insert happen in one write transaction that holds the database write lock
(SQLite ``BEGIN IMMEDIATE``; the project row is locked ``FOR UPDATE`` on PostgreSQL), so
concurrent requests cannot overshoot the cap. Curated contacts come from a sent shortlist
and do not count towards the self-service cap.

Contact details of the freelancer are revealed only on an accepted contact.

Offers reach only freelancers who may receive them now: a client contacting a profile by id
gets "not listed" for a deleted, unpublished or suspended (self-service-barring sanction)
profile, and a 409 naming the period while the freelancer is away or, having declared "no
weekends", on a weekend (domain.md: offers are hidden in those periods rather than left
unanswered); the eligibility policy's own clauses decide. The activity window is a listing
rule and does not bar a direct contact.

A new user's first messages (the client's contact message, the freelancer's reason for
declining) may be held for a moderator before delivery (:mod:`api.services.messages`).
"""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, contacts, freelancers, projects
from api.db.repositories.common import new_id
from api.enums import (
    OPEN_CONTACT_STATUSES,
    AccountStatus,
    ContactChannel,
    ContactStatus,
    MessageField,
    ProjectService,
    ProjectStatus,
    Role,
)
from api.errors import ContactCapReached, ContentRejected, StaleVersion, StateConflict
from api.schemas.contacts import ContactCreate
from api.services import messages
from indexer.backends.filters import filter_values
from indexer.backends.reference import matches
from indexer.errors import NotFoundError
from indexer.profile import Profile
from ranking import SearchMode

_OPEN = tuple(s.value for s in OPEN_CONTACT_STATUSES)
#: Clauses of the eligibility policy that bar an offer (reported as "not listed").
_NOT_LISTED = ("account", "sanctions")
#: Clauses that hide offers for a period (reported with the reason).
_HIDDEN_NOW = ("away", "no_weekends")


def _check_may_receive_offers(ctx: AppContext, profile: Profile) -> None:
    now = ctx.clock.now()
    values = filter_values(profile)
    failed = [r for r in ctx.search.ranker.policy.rules(SearchMode.SELF_SERVICE, now)
              if r.name in _NOT_LISTED + _HIDDEN_NOW and not matches(r.filter, values)]
    if any(r.name in _NOT_LISTED for r in failed):
        raise NotFoundError(f"freelancer '{profile.id}' is not listed")
    if failed:
        reasons = [str(r.rejected(profile)) for r in failed]
        raise StateConflict(f"freelancer '{profile.id}' does not receive offers now: "
                            + "; ".join(reasons), reasons=reasons)


def open_contact(ctx: AppContext, actor: Principal, project_id: str,
                 data: ContactCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    verdict = ctx.moderator.check({"message": data.message})
    if verdict is not None:
        raise ContentRejected(f"the message was not sent: {verdict[1].reason}", field="message",
                              category=verdict[1].category)
    doc = ctx.search.get([data.profile_id]).get(data.profile_id)
    if doc is None:
        raise NotFoundError(f"freelancer '{data.profile_id}' is not listed")
    _check_may_receive_offers(ctx, doc.profile)
    cap = ctx.settings.contact_cap
    with ctx.db.write() as conn:
        project = projects.get(conn, project_id, for_update=True)
        if project is None or project["client_id"] != actor.subject_id:
            raise NotFoundError(f"project '{project_id}' does not exist")
        if project["status"] != ProjectStatus.ACTIVE:
            raise StateConflict(f"project '{project_id}' is {project['status']}; only active "
                                f"projects can contact freelancers", current_status=project['status'])
        if project["service"] != ProjectService.SELF_SERVICE:
            raise StateConflict("curated projects contact freelancers through their shortlist")
        account = freelancers.get(conn, data.profile_id)
        if account is not None and account["status"] == AccountStatus.DELETED:
            raise NotFoundError(f"freelancer '{data.profile_id}' is not listed")
        existing = contacts.find_open(conn, project_id, data.profile_id, _OPEN)
        if existing is not None:
            raise StateConflict(f"an open contact with '{data.profile_id}' exists already",
                                contact_id=existing["id"])
        n_open = contacts.count_open(conn, project_id, channel=ContactChannel.SELF_SERVICE.value,
                                     statuses=_OPEN)
        if n_open >= cap:
            raise ContactCapReached(
                f"project '{project_id}' already has {n_open} open contacts, the most allowed "
                f"at the same time is {cap}; close a contact (or wait until a freelancer "
                f"declines) to free a slot",
                limit=cap, open_contacts=n_open)
        cid = new_id("con")
        held = messages.hold_reasons(ctx, conn, actor, MessageField.MESSAGE, data.message)
        contacts.create(conn, id=cid, project_id=project_id, profile_id=data.profile_id,
                        channel=ContactChannel.SELF_SERVICE.value,
                        status=ContactStatus.PENDING.value,
                        message=(data.message or None) if held is None else None,
                        created_at=now, updated_at=now, version=1)
        row = contacts.get(conn, cid) or {}
        audit.record(conn, actor, "contact.open", "contact", cid, at=now, after=row)
        if held is not None:
            messages.hold(conn, actor, contact_id=cid, field=MessageField.MESSAGE,
                          text=data.message, reasons=held, now=now)
    return {**row, "message_held": held is not None}


def close_contact(ctx: AppContext, actor: Principal, project_id: str,
                  contact_id: str) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        project = projects.get(conn, project_id, for_update=True)
        if project is None or project["client_id"] != actor.subject_id:
            raise NotFoundError(f"project '{project_id}' does not exist")
        before = contacts.get(conn, contact_id)
        if before is None or before["project_id"] != project_id:
            raise NotFoundError(f"contact '{contact_id}' does not exist")
        if before["status"] not in _OPEN:
            raise StateConflict(f"contact '{contact_id}' is already {before['status']}",
                                current_status=before["status"])
        contacts.update_versioned(conn, contact_id, before["version"],
                                  status=ContactStatus.CLOSED.value, updated_at=now)
        after = contacts.get(conn, contact_id) or {}
        audit.record(conn, actor, "contact.close", "contact", contact_id, at=now,
                     before=before, after=after)
    return after


def respond(ctx: AppContext, actor: Principal, contact_id: str, *, accept: bool,
            reason: str | None) -> dict[str, Any]:
    """The freelancer accepts or declines a proposal (any proposal, for any reason)."""
    now = ctx.clock.now()
    if reason and not accept:
        verdict = ctx.moderator.check({"reason": reason})
        if verdict is not None:
            raise ContentRejected(f"the reason was not sent: {verdict[1].reason}",
                                  field="reason", category=verdict[1].category)
    with ctx.db.write() as conn:
        before = contacts.get(conn, contact_id)
        if before is None or before["profile_id"] != actor.subject_id:
            raise NotFoundError(f"proposal '{contact_id}' does not exist")
        if before["status"] != ContactStatus.PENDING:
            raise StateConflict(f"proposal '{contact_id}' is already {before['status']}",
                                current_status=before["status"])
        project = projects.get(conn, before["project_id"]) or {}
        if accept and project.get("status") != ProjectStatus.ACTIVE:
            raise StateConflict("the project is no longer active", current_status=project.get("status"))
        held = None if accept else messages.hold_reasons(ctx, conn, actor,
                                                          MessageField.DECLINE_REASON, reason)
        ok = contacts.update_versioned(
            conn, contact_id, before["version"],
            status=(ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED).value,
            decline_reason=None if accept or held is not None else reason, updated_at=now)
        if not ok:
            raise StaleVersion("the proposal changed meanwhile; read it again")
        after = contacts.get(conn, contact_id) or {}
        audit.record(conn, actor, f"contact.{'accept' if accept else 'decline'}", "contact",
                     contact_id, at=now, before=before, after=after)
        if held is not None and reason:
            messages.hold(conn, actor, contact_id=contact_id, field=MessageField.DECLINE_REASON,
                          text=reason, reasons=held, now=now)
    return after


def with_details(conn: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with ``contact_details`` filled in for accepted contacts only."""
    accepted = [r["profile_id"] for r in rows if r["status"] == ContactStatus.ACCEPTED]
    accounts = freelancers.many(conn, accepted)
    held = messages.held_fields(conn, [r["id"] for r in rows])
    out = []
    for r in rows:
        details = None
        acc = accounts.get(r["profile_id"])
        if r["status"] == ContactStatus.ACCEPTED and acc and acc["status"] == AccountStatus.ACTIVE:
            details = {"email": acc["email"], "phone": acc["phone"]}
        waiting = held.get(r["id"], set())
        out.append({**r, "contact_details": details,
                    "message_held": MessageField.MESSAGE.value in waiting,
                    "decline_reason_held": MessageField.DECLINE_REASON.value in waiting})
    return out


def for_project(ctx: AppContext, actor: Principal, project_id: str, *, status: str | None,
                limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    with ctx.db.read() as conn:
        project = projects.get(conn, project_id)
        if project is None or (actor.role is Role.CLIENT
                               and project["client_id"] != actor.subject_id):
            raise NotFoundError(f"project '{project_id}' does not exist")
        page = contacts.page(conn, project_id=project_id, status=status, limit=limit,
                             offset=offset)
        return with_details(conn, page.rows), page.total


def proposal(ctx: AppContext, actor: Principal, contact_id: str) -> dict[str, Any]:
    """One proposal of the calling freelancer, with its project's title and description."""
    with ctx.db.read() as conn:
        r = contacts.get(conn, contact_id)
        if r is None or r["profile_id"] != actor.subject_id:
            raise NotFoundError(f"proposal '{contact_id}' does not exist")
        return _with_project(conn, r)


def _with_project(conn: Any, r: dict[str, Any]) -> dict[str, Any]:
    p = projects.get(conn, r["project_id"]) or {}
    brief = p.get("brief") or {}
    waiting = messages.held_fields(conn, [r["id"]]).get(r["id"], set())
    return {**r, "project": {"id": r["project_id"], "title": p.get("title", ""),
                             "description": brief.get("description", "")},
            "message_held": MessageField.MESSAGE.value in waiting}


def for_freelancer(ctx: AppContext, actor: Principal, *, status: str | None, limit: int,
                   offset: int) -> tuple[list[dict[str, Any]], int]:
    """The freelancer's proposals, each with the project's title and description. Projects
    that were rejected by moderation never appear (they are never forwarded)."""
    with ctx.db.read() as conn:
        page = contacts.page(conn, profile_id=actor.subject_id or "-", status=status,
                             limit=limit, offset=offset)
        return [_with_project(conn, r) for r in page.rows], page.total
