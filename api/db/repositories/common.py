"""Helpers shared by the repositories: ids, pagination, JSON-safe row snapshots."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.engine import RowMapping


def new_id(prefix: str) -> str:
    """A random, URL-safe identifier such as ``prj_3f9a0c1b2d4e5f60`` (64 random bits)."""
    return f"{prefix}_{secrets.token_hex(8)}"


@dataclass(frozen=True, slots=True)
class PageSlice:
    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def paginate(conn: Connection, stmt: Select[Any], *, limit: int, offset: int) -> PageSlice:
    """Run ``stmt`` (which must carry a deterministic ORDER BY) for one page, plus the total."""
    total = int(conn.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
    rows = [dict(r) for r in conn.execute(stmt.limit(limit).offset(offset)).mappings()]
    return PageSlice(rows, total, limit, offset)


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of a row or value (datetimes as ISO strings, enums as values)."""
    if isinstance(value, RowMapping | dict):
        return {str(k): jsonable(v) for k, v in dict(value).items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def one_or_none(conn: Connection, stmt: Select[Any]) -> dict[str, Any] | None:
    row = conn.execute(stmt).mappings().first()
    return dict(row) if row is not None else None
