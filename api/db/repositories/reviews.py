"""Reviews of freelancers, with their authors (anonymised when an author leaves)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from api.db import schema
from api.db.repositories.common import PageSlice, one_or_none, paginate

t = schema.reviews


def create(conn: Connection, **values: Any) -> None:
    conn.execute(insert(t).values(**values))


def get(conn: Connection, review_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.id == review_id))


def by_author(conn: Connection, author_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(t).where(t.c.author_id == author_id)).mappings()]


def anonymise_author(conn: Connection, author_id: str, placeholder: str) -> int:
    res = conn.execute(update(t).where(t.c.author_id == author_id)
                       .values(author_id=None, author_name=placeholder, anonymised=True))
    return int(res.rowcount or 0)


def mark_removed(conn: Connection, review_id: str, *, at: datetime, removal_id: str) -> None:
    conn.execute(update(t).where(t.c.id == review_id).values(removed_at=at,
                                                             removal_id=removal_id))


def page(conn: Connection, *, profile_id: str, limit: int, offset: int) -> PageSlice:
    """The reviews shown: removed ones are left out."""
    stmt = select(t).where(t.c.profile_id == profile_id, t.c.removed_at.is_(None))
    return paginate(conn, stmt.order_by(t.c.created_at.desc(), t.c.id), limit=limit,
                    offset=offset)


def delete_about(conn: Connection, profile_id: str) -> int:
    """Delete the reviews of a freelancer (and the removal requests about them)."""
    ids = select(t.c.id).where(t.c.profile_id == profile_id)
    r = schema.review_removals
    conn.execute(delete(r).where(r.c.review_id.in_(ids)))
    res = conn.execute(delete(t).where(t.c.profile_id == profile_id))
    return int(res.rowcount or 0)
