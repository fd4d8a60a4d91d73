"""Client companies."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.clients


def get(conn: Connection, client_id: str, *, for_update: bool = False) -> dict[str, Any] | None:
    stmt = select(t).where(t.c.id == client_id)
    return one_or_none(conn, stmt.with_for_update() if for_update else stmt)


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def set_values(conn: Connection, client_id: str, **values: Any) -> None:
    conn.execute(update(t).where(t.c.id == client_id).values(**values))


def page(conn: Connection, *, status: str | None, limit: int, offset: int) -> PageSlice:
    stmt = select(t)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)
