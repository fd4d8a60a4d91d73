"""Requests to remove a review, and what staff decided."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.review_removals


def get(conn: Connection, request_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == request_id))


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def open_for_review(conn: Connection, review_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.review_id == review_id, t.c.status == "open"))


def update_versioned(conn: Connection, request_id: str, version: int, **values: Any) -> bool:
    res = conn.execute(update(t).where(t.c.id == request_id, t.c.version == version)
                       .values(version=version + 1, **values))
    return bool(res.rowcount)


def page(conn: Connection, *, status: str | None, limit: int, offset: int) -> PageSlice:
    """Oldest first: the order staff handle them."""
    stmt = select(t)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)
