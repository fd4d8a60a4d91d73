"""Business referrals (domain.md, Projects offered by clients: "a freelancer may refer a
project to the platform").

Only a freelancer with a listed profile (in the index, account not deleted) may refer. The
referral's texts go through the same moderation as projects: abusive content is refused
with a 422 naming the field and nothing is stored. A stored referral waits in the staff
queue (status ``new``) until staff accept it (optionally linking the client company created
for it) or decline it with the reason; the freelancer reads its own referrals and their
outcome. Every change writes an audit entry.
"""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, clients, freelancers, referrals
from api.db.repositories.common import new_id
from api.enums import AccountStatus, ReferralStatus, Role
from api.errors import ContentRejected, StaleVersion, StateConflict
from api.schemas.referrals import ReferralCreate, ReferralResolve
from indexer.errors import InvalidInputError, NotFoundError, Problem


def create(ctx: AppContext, actor: Principal, data: ReferralCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    verdict = ctx.moderator.check({"company_name": data.company_name,
                                   "contact_name": data.contact_name or "",
                                   "description": data.description})
    if verdict is not None:
        field, v = verdict
        raise ContentRejected(f"the referral was not recorded: field '{field}' {v.reason}",
                              field=field, category=v.category)
    profile_id = actor.subject_id or ""
    if profile_id not in ctx.search.get([profile_id]):
        raise NotFoundError(f"freelancer '{profile_id}' is not listed; only listed freelancers "
                            f"may refer a project")
    rid = new_id("ref")
    with ctx.db.write() as conn:
        account = freelancers.get(conn, profile_id)
        if account is not None and account["status"] == AccountStatus.DELETED:
            raise NotFoundError(f"freelancer '{profile_id}' does not exist")
        referrals.create(conn, id=rid, referrer_id=profile_id, company_name=data.company_name,
                         contact_name=data.contact_name, contact_email=data.contact_email,
                         description=data.description, status=ReferralStatus.NEW.value,
                         created_at=now, version=1)
        row = referrals.get(conn, rid) or {}
        audit.record(conn, actor, "referral.create", "referral", rid, at=now, after=row)
    return row


def get_visible(ctx: AppContext, actor: Principal, referral_id: str) -> dict[str, Any]:
    """Staff see every referral; a freelancer only its own (others are not found)."""
    with ctx.db.read() as conn:
        row = referrals.get(conn, referral_id)
    if row is None or (actor.role is Role.FREELANCER and row["referrer_id"] != actor.subject_id):
        raise NotFoundError(f"referral '{referral_id}' does not exist")
    return row


def resolve(ctx: AppContext, actor: Principal, referral_id: str,
            data: ReferralResolve) -> dict[str, Any]:
    now = ctx.clock.now()
    if data.client_id is not None and data.status is not ReferralStatus.ACCEPTED:
        raise InvalidInputError([Problem("body.client_id",
                                         "only an accepted referral links a client company")])
    with ctx.db.write() as conn:
        before = referrals.get(conn, referral_id)
        if before is None:
            raise NotFoundError(f"referral '{referral_id}' does not exist")
        if before["status"] != ReferralStatus.NEW:
            raise StateConflict(f"referral '{referral_id}' was already handled "
                                f"({before['status']})", current_status=before["status"])
        if data.client_id is not None:
            client = clients.get(conn, data.client_id)
            if client is None or client["status"] != AccountStatus.ACTIVE:
                raise NotFoundError(f"client '{data.client_id}' does not exist")
        if not referrals.update_versioned(conn, referral_id, before["version"],
                                          status=data.status.value, outcome=data.outcome,
                                          client_id=data.client_id, handled_by=actor.actor_id,
                                          handled_at=now):
            raise StaleVersion(f"referral '{referral_id}' changed meanwhile")
        after = referrals.get(conn, referral_id) or {}
        audit.record(conn, actor, "referral.resolve", "referral", referral_id, at=now,
                     before=before, after=after)
    return after
