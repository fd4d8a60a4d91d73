"""Sanctions: recorded in the workflow store, enforced through the search index.

A freelancer's sanctions act on search results at once: after a sanction is created or
lifted, the profile is re-upserted through the indexer with its ``sanctions`` rewritten (the
embedding cache means the text is not re-embedded). The eligibility policy evaluates each
sanction against the search's ``as_of``, so a sanction ends by itself when its period ends.

Sanctions made through the API are tagged in the profile by a ``[ref <id>]`` suffix of their
reason, so rewriting keeps sanctions that came with the source data and replaces only the
API's own. A lifted sanction stays in the profile as history with its end set to the moment
it was lifted (or disappears if it had not started yet). :func:`reconcile` re-applies every
recorded sanction at start-up, so re-indexing the source files cannot silently drop them.

Client companies are suspended in the workflow store: their keys are refused while it lasts.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select

from api.auth.principal import Principal
from api.context import AppContext
from api.db import schema
from api.db.repositories import audit, clients, sanctions
from api.db.repositories.common import new_id
from api.enums import AccountStatus, Role, SanctionTarget
from api.errors import StaleVersion, StateConflict
from api.schemas.sanctions import SanctionCreate, SanctionLift
from indexer.errors import InvalidInputError, NotFoundError, Problem
from indexer.profile import Profile, Sanction, SanctionKind, SanctionScope
from indexer.profile.enums import DEFAULT_SANCTION_SCOPE

_REF = re.compile(r"\[ref (san_[0-9a-f]{16})\]$")


def in_force(row: dict[str, Any], at: datetime) -> bool:
    return (row["lifted_at"] is None and row["start"] <= at
            and (row["end"] is None or at < row["end"]))


def _as_profile_sanction(row: dict[str, Any]) -> Sanction | None:
    end = row["end"]
    if row["lifted_at"] is not None:
        if row["lifted_at"] <= row["start"]:
            return None
        end = row["lifted_at"] if end is None else min(end, row["lifted_at"])
    reason = f"{row['reason'][:1900]} [ref {row['id']}]"
    return Sanction(kind=SanctionKind(row["kind"]), scope=SanctionScope(row["scope"]),
                    start=row["start"], end=end, reason=reason)


def sync_profile(ctx: AppContext, profile_id: str) -> bool:
    """Rewrite the indexed profile's API sanctions from the store; ``False`` if not indexed."""
    # The store is read under the index write lock, so two syncs of one profile cannot
    # write an older sanction list over a newer one.
    with ctx.search.writing():
        with ctx.db.read() as conn:
            rows = [dict(r) for r in conn.execute(
                select(schema.sanctions).where(
                    schema.sanctions.c.target_kind == SanctionTarget.FREELANCER.value,
                    schema.sanctions.c.target_id == profile_id,
                ).order_by(schema.sanctions.c.start, schema.sanctions.c.id)).mappings()]
        doc = ctx.search.backend.get([profile_id]).get(profile_id)
        if doc is None:
            return False
        kept = [s for s in doc.profile.sanctions if not _REF.search(s.reason)]
        ours = [s for s in (_as_profile_sanction(r) for r in rows) if s is not None]
        new_sanctions = tuple(kept + ours)
        if new_sanctions == doc.profile.sanctions:
            return True
        updated = Profile.model_validate(
            {**doc.profile.model_dump(), "sanctions": [s.model_dump() for s in new_sanctions]})
        ctx.search.upsert_unlocked([updated], as_of=ctx.clock.now())
    return True


def create(ctx: AppContext, actor: Principal, data: SanctionCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    if data.target_kind is SanctionTarget.FREELANCER and data.target_id not in (
        ctx.search.get([data.target_id])
    ):
        raise NotFoundError(f"freelancer '{data.target_id}' is not in the index")
    if data.target_kind is SanctionTarget.CLIENT and data.kind is (
        SanctionKind.PERMANENT_SUSPENSION
    ):
        if data.informed_at is None:
            raise InvalidInputError([Problem(
                "body.informed_at", "before a permanent suspension the company is informed of "
                "the facts and invited to talk: give when that happened (or suspend "
                "temporarily meanwhile)")])
        if data.informed_at > now:
            raise InvalidInputError([Problem("body.informed_at",
                                             "the company must have been informed already")])
    sid = new_id("san")
    scope = data.scope or DEFAULT_SANCTION_SCOPE[data.kind]
    with ctx.db.write() as conn:
        if data.target_kind is SanctionTarget.CLIENT:
            client = clients.get(conn, data.target_id)
            if client is None or client["status"] != AccountStatus.ACTIVE:
                raise NotFoundError(f"client '{data.target_id}' does not exist")
        sanctions.create(conn, id=sid, target_kind=data.target_kind.value,
                         target_id=data.target_id, kind=data.kind.value, scope=scope.value,
                         reason=data.reason, start=data.start or now, end=data.end,
                         informed_at=data.informed_at, created_by=actor.actor_id,
                         created_at=now, version=1)
        row = sanctions.get(conn, sid) or {}
        audit.record(conn, actor, "sanction.create", "sanction", sid, at=now, after=row)
    if data.target_kind is SanctionTarget.FREELANCER:
        sync_profile(ctx, data.target_id)
    else:  # the company's keys are refused from now on (cached lookups included)
        ctx.key_cache.invalidate_subject(Role.CLIENT, data.target_id)
    return row


def lift(ctx: AppContext, actor: Principal, sanction_id: str, data: SanctionLift) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        before = sanctions.get(conn, sanction_id)
        if before is None:
            raise NotFoundError(f"sanction '{sanction_id}' does not exist")
        if before["lifted_at"] is not None:
            raise StateConflict(f"sanction '{sanction_id}' was already lifted")
        if before["end"] is not None and before["end"] <= now:
            raise StateConflict(f"sanction '{sanction_id}' already ended")
        if not sanctions.lift(conn, sanction_id, version=before["version"], at=now,
                              reason=data.reason):
            raise StaleVersion(f"sanction '{sanction_id}' changed meanwhile")
        after = sanctions.get(conn, sanction_id) or {}
        audit.record(conn, actor, "sanction.lift", "sanction", sanction_id, at=now,
                     before=before, after=after)
    if before["target_kind"] == SanctionTarget.FREELANCER:
        sync_profile(ctx, before["target_id"])
    else:
        ctx.key_cache.invalidate_subject(Role.CLIENT, before["target_id"])
    return after


def reconcile(ctx: AppContext) -> int:
    """Re-apply the store's sanctions to every sanctioned profile in the index (start-up)."""
    with ctx.db.read() as conn:
        ids = list(conn.scalars(select(schema.sanctions.c.target_id).distinct().where(
            schema.sanctions.c.target_kind == SanctionTarget.FREELANCER.value)))
    return sum(1 for pid in ids if sync_profile(ctx, pid))
