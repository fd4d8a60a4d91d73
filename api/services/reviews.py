"""Reviews of freelancers written by clients (published without prior moderation)."""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, clients, reviews
from api.db.repositories.common import new_id
from api.schemas.reviews import ReviewCreate
from indexer.errors import NotFoundError


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
