"""Messages of new users held for a moderator before delivery."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.held_messages


def get(conn: Connection, message_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == message_id))


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def update_versioned(conn: Connection, message_id: str, version: int, **values: Any) -> bool:
    res = conn.execute(update(t).where(t.c.id == message_id, t.c.version == version)
                       .values(version=version + 1, **values))
    return bool(res.rowcount)


def count_by_sender(conn: Connection, sender_id: str) -> int:
    """Messages of this sender that went through the hold (whatever became of them)."""
    return int(conn.scalar(select(func.count()).select_from(t).where(
        t.c.sender_id == sender_id)) or 0)


def pending_for_contacts(conn: Connection, contact_ids: list[str]) -> dict[str, set[str]]:
    """contact id -> the fields of it whose text is still held."""
    if not contact_ids:
        return {}
    out: dict[str, set[str]] = {}
    rows = conn.execute(select(t.c.contact_id, t.c.field).where(
        t.c.contact_id.in_(contact_ids), t.c.status == "held"))
    for contact_id, field in rows:
        out.setdefault(contact_id, set()).add(field)
    return out


def page(conn: Connection, *, status: str | None, limit: int, offset: int) -> PageSlice:
    """Oldest first: the moderation order."""
    stmt = select(t)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)
