"""Reports and their outcomes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.reports


def get(conn: Connection, report_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == report_id))


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def update_versioned(conn: Connection, report_id: str, version: int, **values: Any) -> bool:
    res = conn.execute(update(t).where(t.c.id == report_id, t.c.version == version)
                       .values(version=version + 1, **values))
    return bool(res.rowcount)


def page(conn: Connection, *, reporter_id: str | None, status: str | None, limit: int,
         offset: int) -> PageSlice:
    stmt = select(t)
    if reporter_id:
        stmt = stmt.where(t.c.reporter_id == reporter_id)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)
