"""Contacts (proposals) between a client's project and a freelancer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.contacts


def get(conn: Connection, contact_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == contact_id))


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def count_open(conn: Connection, project_id: str, *, channel: str,
               statuses: tuple[str, ...]) -> int:
    stmt = select(func.count()).select_from(t).where(
        t.c.project_id == project_id, t.c.channel == channel, t.c.status.in_(statuses))
    return int(conn.scalar(stmt) or 0)


def find_open(conn: Connection, project_id: str, profile_id: str,
              statuses: tuple[str, ...]) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(
        t.c.project_id == project_id, t.c.profile_id == profile_id, t.c.status.in_(statuses)))


def for_project(conn: Connection, project_id: str) -> list[dict[str, Any]]:
    stmt = select(t).where(t.c.project_id == project_id).order_by(t.c.created_at, t.c.id)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def update_versioned(conn: Connection, contact_id: str, version: int, **values: Any) -> bool:
    res = conn.execute(update(t).where(t.c.id == contact_id, t.c.version == version)
                       .values(version=version + 1, **values))
    return bool(res.rowcount)


def page(conn: Connection, *, project_id: str | None = None, profile_id: str | None = None,
         status: str | None = None, limit: int, offset: int) -> PageSlice:
    stmt = select(t)
    if project_id:
        stmt = stmt.where(t.c.project_id == project_id)
    if profile_id:
        stmt = stmt.where(t.c.profile_id == profile_id)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)


def close_all_for_profile(conn: Connection, profile_id: str, statuses: tuple[str, ...],
                          **values: Any) -> list[dict[str, Any]]:
    rows = [dict(r) for r in conn.execute(select(t).where(
        t.c.profile_id == profile_id, t.c.status.in_(statuses))).mappings()]
    for r in rows:
        conn.execute(update(t).where(t.c.id == r["id"]).values(version=r["version"] + 1,
                                                                 **values))
    return rows
