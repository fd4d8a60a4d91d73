"""Projects and moderation decisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.projects
md = schema.moderation_decisions


def get(conn: Connection, project_id: str, *, for_update: bool = False) -> dict[str, Any] | None:
    stmt = select(t).where(t.c.id == project_id)
    return one_or_none(conn, stmt.with_for_update() if for_update else stmt)


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def update_versioned(conn: Connection, project_id: str, version: int, **values: Any) -> bool:
    res = conn.execute(update(t).where(t.c.id == project_id, t.c.version == version)
                       .values(version=version + 1, **values))
    return bool(res.rowcount)


def count_for_client(conn: Connection, client_id: str, *, service: str,
                     statuses: tuple[str, ...]) -> int:
    stmt = select(func.count()).select_from(t).where(
        t.c.client_id == client_id, t.c.service == service, t.c.status.in_(statuses))
    return int(conn.scalar(stmt) or 0)


def page(conn: Connection, *, client_id: str | None, status: str | None, limit: int,
         offset: int) -> PageSlice:
    stmt = select(t)
    if client_id:
        stmt = stmt.where(t.c.client_id == client_id)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)


def ids_for_client(conn: Connection, client_id: str) -> list[str]:
    return list(conn.scalars(select(t.c.id).where(t.c.client_id == client_id)))


def add_decision(conn: Connection, **values: Any) -> None:
    conn.execute(insert(md).values(**values))


def decisions(conn: Connection, project_id: str) -> list[dict[str, Any]]:
    stmt = select(md).where(md.c.project_id == project_id).order_by(md.c.decided_at, md.c.id)
    return [dict(r) for r in conn.execute(stmt).mappings()]
