"""Sanction records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate
from api.enums import SanctionTarget

t = schema.sanctions


def _in_force_clause(at: datetime) -> Any:
    return and_(t.c.lifted_at.is_(None), t.c.start <= at, or_(t.c.end.is_(None), t.c.end > at))


def in_force(conn: Connection, target: SanctionTarget, target_id: str,
             at: datetime) -> list[dict[str, Any]]:
    stmt = select(t).where(t.c.target_kind == target.value, t.c.target_id == target_id,
                           _in_force_clause(at)).order_by(t.c.start, t.c.id)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def not_lifted(conn: Connection, target: SanctionTarget, target_id: str) -> list[dict[str, Any]]:
    stmt = select(t).where(t.c.target_kind == target.value, t.c.target_id == target_id,
                           t.c.lifted_at.is_(None)).order_by(t.c.start, t.c.id)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def get(conn: Connection, sanction_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == sanction_id))


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def lift(conn: Connection, sanction_id: str, *, version: int, at: datetime, reason: str) -> bool:
    res = conn.execute(update(t).where(t.c.id == sanction_id, t.c.version == version)
                       .values(lifted_at=at, lift_reason=reason, version=version + 1))
    return bool(res.rowcount)


def page(conn: Connection, *, target_kind: str | None, target_id: str | None,
         in_force_at: datetime | None, limit: int, offset: int) -> PageSlice:
    stmt = select(t)
    if target_kind:
        stmt = stmt.where(t.c.target_kind == target_kind)
    if target_id:
        stmt = stmt.where(t.c.target_id == target_id)
    if in_force_at is not None:
        stmt = stmt.where(_in_force_clause(in_force_at))
    return paginate(conn, stmt.order_by(t.c.created_at.desc(), t.c.id), limit=limit,
                    offset=offset)
