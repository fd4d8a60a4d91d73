"""Versioned schema migrations, applied at start-up, idempotent.

Each migration has a number, a name and a function that receives an open write
transaction. ``migrate`` records what it applied in ``schema_migrations`` and applies only
the missing steps, in order, inside one transaction, under the database's write lock (an
advisory lock on PostgreSQL), so two processes starting together do not both apply a step.

Rule for changes: never edit a released migration; add a new one (``ALTER TABLE``, new
tables, data fixes) and append it to ``MIGRATIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select, text

from api.db import schema
from api.db.engine import Database


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    tables = [
        schema.api_keys,
        schema.clients,
        schema.freelancer_accounts,
        schema.projects,
        schema.moderation_decisions,
        schema.sourcing_requests,
        schema.sourcing_candidates,
        schema.contacts,
        schema.sanctions,
        schema.reports,
        schema.reviews,
        schema.audit_log,
    ]
    schema.metadata.create_all(conn, tables=tables)


def _referrals_and_held_messages(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.referrals, schema.held_messages])


def _sanction_informed_at(conn: Connection) -> None:
    # Migration 1 creates tables from the current metadata, so a fresh store has the column.
    if "informed_at" in {c["name"] for c in inspect(conn).get_columns("sanctions")}:
        return
    column_type = schema.sanctions.c.informed_at.type.compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE sanctions ADD COLUMN informed_at {column_type}"))


def _review_removals(conn: Connection) -> None:
    present = {c["name"] for c in inspect(conn).get_columns("reviews")}
    for name in ("removed_at", "removal_id"):
        if name not in present:  # a store created by migration 1 after this change has them
            column_type = schema.reviews.c[name].type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE reviews ADD COLUMN {name} {column_type}"))
    schema.metadata.create_all(conn, tables=[schema.review_removals])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial workflow schema", _initial),
    Migration(2, "business referrals; first messages of new users held for moderation",
              _referrals_and_held_messages),
    Migration(3, "sanctions.informed_at (a client is informed before a permanent suspension)",
              _sanction_informed_at),
    Migration(4, "reviews removed on request (review_removals, reviews.removed_at)",
              _review_removals),
)


def migrate(db: Database) -> list[int]:
    """Apply the missing migrations; return the versions applied now (empty when up to date)."""
    applied_now: list[int] = []
    with db.write() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(727274)"))
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
        done = set(conn.scalars(select(schema.schema_migrations.c.version)))
        for m in sorted(MIGRATIONS, key=lambda m: m.version):
            if m.version in done:
                continue
            m.apply(conn)
            conn.execute(
                insert(schema.schema_migrations).values(
                    version=m.version, name=m.name, applied_at=datetime.now(UTC)
                )
            )
            applied_now.append(m.version)
    return applied_now


def current_version(db: Database) -> int:
    with db.read() as conn:
        return int(conn.scalar(select(schema.schema_migrations.c.version).order_by(
            schema.schema_migrations.c.version.desc()).limit(1)) or 0)
