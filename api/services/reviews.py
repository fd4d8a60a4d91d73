"""Reviews of freelancers written by clients.

Reviews are published without prior moderation; afterwards a review that is exaggerated,
insulting or unlawful can be removed on request (domain.md, Reviews): anyone may ask (one
open request per review), staff decide, the request and its outcome are recorded, and a
removed review is no longer listed. Every change is audited.
"""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, clients, review_removals, reviews
from api.db.repositories.common import new_id
from api.enums import ReviewRemovalDecision, ReviewRemovalStatus
from api.errors import StaleVersion, StateConflict
from api.schemas.profiles import kinds_in_force
from api.schemas.reviews import ReviewCreate, ReviewRemovalCreate, ReviewRemovalDecisionCreate
from api.services.reports import reporter_identity
from indexer.errors import NotFoundError
from indexer.profile import SanctionKind


def removed_by_sanction(ctx: AppContext, profile_id: str) -> bool:
    """Whether a "removal of reviews and recommendations" sanction is in force now for the
    freelancer (the indexed profile carries the source data's and the API's sanctions)."""
    doc = ctx.search.get([profile_id]).get(profile_id)
    return doc is not None and SanctionKind.REVIEWS_REMOVAL in kinds_in_force(
        doc.profile.sanctions, ctx.clock.now())


def create(ctx: AppContext, actor: Principal, profile_id: str, data: ReviewCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    if profile_id not in ctx.search.get([profile_id]):
        raise NotFoundError(f"freelancer '{profile_id}' is not in the index")
    with ctx.db.write() as conn:
        client = clients.get(conn, actor.subject_id or "")
        if client is None:
            raise NotFoundError(f"client '{actor.subject_id}' does not exist")
        rid = new_id("rev")
        reviews.create(conn, id=rid, profile_id=profile_id, author_id=client["id"],
                       author_name=client["name"], anonymised=False, rating=data.rating,
                       text=data.text, created_at=now)
        audit.record(conn, actor, "review.create", "review", rid, at=now,
                     after={"id": rid, "profile_id": profile_id, "rating": data.rating})
        return reviews.get(conn, rid) or {}


def request_removal(ctx: AppContext, actor: Principal, profile_id: str, review_id: str,
                    data: ReviewRemovalCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        review = reviews.get(conn, review_id)
        if review is None or review["profile_id"] != profile_id:
            raise NotFoundError(f"review '{review_id}' of '{profile_id}' does not exist")
        if review["removed_at"] is not None:
            raise StateConflict(f"review '{review_id}' was removed already")
        pending = review_removals.open_for_review(conn, review_id)
        if pending is not None:
            raise StateConflict(f"a removal request for review '{review_id}' is already "
                                f"waiting for staff", request_id=pending["id"])
        rid = new_id("rmv")
        review_removals.create(conn, id=rid, review_id=review_id,
                               requested_by=reporter_identity(actor),
                               requester_role=actor.role.value, reason=data.reason,
                               status=ReviewRemovalStatus.OPEN.value, created_at=now, version=1)
        row = review_removals.get(conn, rid) or {}
        audit.record(conn, actor, "review_removal.request", "review_removal", rid, at=now,
                     after=row)
    return row


def with_review(conn: Any, row: dict[str, Any]) -> dict[str, Any]:
    """A removal request with the review it is about (for staff)."""
    return {**row, "review": reviews.get(conn, row["review_id"])}


def decide_removal(ctx: AppContext, actor: Principal, request_id: str,
                   data: ReviewRemovalDecisionCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    remove = data.decision is ReviewRemovalDecision.REMOVE
    with ctx.db.write() as conn:
        before = review_removals.get(conn, request_id)
        if before is None:
            raise NotFoundError(f"removal request '{request_id}' does not exist")
        if before["status"] != ReviewRemovalStatus.OPEN:
            raise StateConflict(f"removal request '{request_id}' was already decided "
                                f"({before['status']})", current_status=before["status"])
        status = ReviewRemovalStatus.REMOVED if remove else ReviewRemovalStatus.KEPT
        if not review_removals.update_versioned(conn, request_id, before["version"],
                                                status=status.value, outcome=data.outcome,
                                                handled_by=actor.actor_id, handled_at=now):
            raise StaleVersion(f"removal request '{request_id}' changed meanwhile")
        if remove:
            review_before = reviews.get(conn, before["review_id"])
            reviews.mark_removed(conn, before["review_id"], at=now, removal_id=request_id)
            audit.record(conn, actor, "review.remove", "review", before["review_id"], at=now,
                         before=review_before, after=reviews.get(conn, before["review_id"]))
        after = review_removals.get(conn, request_id) or {}
        audit.record(conn, actor, f"review_removal.{status.value}", "review_removal",
                     request_id, at=now, before=before, after=after)
        return with_review(conn, after)
