"""Business referrals made by freelancers, and how staff handled them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.referrals


def get(conn: Connection, referral_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == referral_id))


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def update_versioned(conn: Connection, referral_id: str, version: int, **values: Any) -> bool:
    res = conn.execute(update(t).where(t.c.id == referral_id, t.c.version == version)
                       .values(version=version + 1, **values))
    return bool(res.rowcount)


def page(conn: Connection, *, referrer_id: str | None, status: str | None, limit: int,
         offset: int) -> PageSlice:
    """Oldest first (the order staff work through new referrals)."""
    stmt = select(t)
    if referrer_id is not None:
        stmt = stmt.where(t.c.referrer_id == referrer_id)
    if status:
        stmt = stmt.where(t.c.status == status)
    return paginate(conn, stmt.order_by(t.c.created_at, t.c.id), limit=limit, offset=offset)
