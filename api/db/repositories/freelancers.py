"""Freelancer accounts (contact details and account state; the profile is in the index)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from api.db import schema
from api.db.repositories.common import one_or_none

t = schema.freelancer_accounts


def get(conn: Connection, profile_id: str) -> dict[str, Any] | None:
    return one_or_none(conn, select(t).where(t.c.profile_id == profile_id))


def many(conn: Connection, profile_ids: list[str]) -> dict[str, dict[str, Any]]:
    if not profile_ids:
        return {}
    rows = conn.execute(select(t).where(t.c.profile_id.in_(profile_ids))).mappings()
    return {r["profile_id"]: dict(r) for r in rows}


def upsert(conn: Connection, profile_id: str, **values: Any) -> None:
    current = get(conn, profile_id)
    if current is None:
        conn.execute(insert(t).values(profile_id=profile_id, version=1, **values))
    else:
        conn.execute(update(t).where(t.c.profile_id == profile_id)
                     .values(version=current["version"] + 1, **values))
