"""Reviews of freelancers written by clients (published without prior moderation)."""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, clients, reviews
from api.db.repositories.common import new_id
from api.schemas.profiles import kinds_in_force
from api.schemas.reviews import ReviewCreate
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
