"""Sourcing requests and their candidate snapshots."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.sourcing_requests
c = schema.sourcing_candidates


def get(conn: Connection, request_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == request_id))


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def bump(conn: Connection, request_id: str, expected_version: int, **values: Any) -> bool:
    """Move to the next version if the stored one is ``expected_version`` (compare-and-set)."""
    res = conn.execute(update(t).where(t.c.id == request_id, t.c.version == expected_version)
                       .values(version=expected_version + 1, **values))
    return bool(res.rowcount)


def candidates(conn: Connection, request_id: str) -> list[dict[str, Any]]:
    stmt = select(c).where(c.c.request_id == request_id).order_by(c.c.position, c.c.profile_id)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def add_candidates(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(c), rows)


def update_candidate(conn: Connection, request_id: str, profile_id: str, **values: Any) -> None:
    conn.execute(update(c).where(c.c.request_id == request_id, c.c.profile_id == profile_id)
                 .values(**values))


def page(conn: Connection, *, project_id: str | None, status: str | None, limit: int,
         offset: int) -> PageSlice:
    stmt = select(t)
    if project_id:
        stmt = stmt.where(t.c.project_id == project_id)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at.desc(), t.c.id), limit=limit,
                    offset=offset)


def latest_sent(conn: Connection, project_id: str) -> dict[str, Any] | None:
    stmt = (select(t).where(t.c.project_id == project_id, t.c.status == "sent")
            .order_by(t.c.sent_at.desc(), t.c.id).limit(1))
    return one_or_none(conn, stmt)
