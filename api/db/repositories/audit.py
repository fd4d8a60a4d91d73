"""The audit log: who changed what, when, with the state before and after.

Every service function that changes state calls :func:`record` inside its own write
transaction, so the change and its audit entry are committed (or rolled back) together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from api.auth.principal import Principal
from api.db import schema
from api.db.repositories.common import PageSlice, jsonable, paginate


def record(
    conn: Connection,
    actor: Principal,
    action: str,
    entity: str,
    entity_id: str,
    *,
    at: datetime,
    before: Any = None,
    after: Any = None,
) -> None:
    conn.execute(
        insert(schema.audit_log).values(
            at=at,
            actor_id=actor.actor_id,
            actor_role=actor.role.value,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=jsonable(before) if before is not None else None,
            after=jsonable(after) if after is not None else None,
        )
    )


def page(
    conn: Connection,
    *,
    entity: str | None,
    entity_id: str | None,
    actor_id: str | None,
    limit: int,
    offset: int,
) -> PageSlice:
    t = schema.audit_log
    stmt = select(t)
    if entity:
        stmt = stmt.where(t.c.entity == entity)
    if entity_id:
        stmt = stmt.where(t.c.entity_id == entity_id)
    if actor_id:
        stmt = stmt.where(t.c.actor_id == actor_id)
    return paginate(conn, stmt.order_by(t.c.id.desc()), limit=limit, offset=offset)
