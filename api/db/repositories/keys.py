"""API key records (hashes only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.api_keys


def by_hash(conn: Connection, key_hash: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.key_hash == key_hash))


def get(conn: Connection, key_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == key_id))


def create(conn: Connection, **values: Any) -> dict[str, Any]:
    conn.execute(insert(t).values(**values))
    row = get(conn, values["id"])
    if row is None:  # pragma: no cover - the insert above just wrote it
        raise RuntimeError("api key vanished after insert")
    return row


def revoke(conn: Connection, key_id: str, at: datetime) -> None:
    conn.execute(update(t).where(t.c.id == key_id).values(revoked_at=at))


def revoke_for_subject(conn: Connection, role: str, subject_id: str, at: datetime) -> int:
    res = conn.execute(
        update(t)
        .where(t.c.role == role, t.c.subject_id == subject_id, t.c.revoked_at.is_(None))
        .values(revoked_at=at)
    )
    return int(res.rowcount or 0)


def page(conn: Connection, *, role: str | None, limit: int, offset: int) -> PageSlice:
    stmt = select(t)
    if role:
        stmt = stmt.where(t.c.role == role)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)
