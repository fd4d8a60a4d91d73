"""The database engine and the two kinds of transaction the API uses.

* ``Database.write()`` — a transaction that takes the write lock up front (``BEGIN IMMEDIATE``
  on SQLite; row locks with ``SELECT ... FOR UPDATE`` on PostgreSQL), so check-then-write
  sequences such as the contact cap cannot interleave.
* ``Database.read()`` — a plain transaction with a consistent view.

SQLite runs in WAL mode (readers never block the writer), with foreign keys on and a busy
timeout, so concurrent requests wait for the lock instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from indexer.errors import ConfigurationError

_WRITE = "talentmatch_write"


class Database:
    """Owns the engine; hands out read and write transactions."""

    def __init__(self, url: str, *, sqlite_busy_timeout_ms: int = 30_000) -> None:
        try:
            parsed = make_url(url)
        except Exception as exc:  # sqlalchemy raises ArgumentError with its own wording
            raise ConfigurationError(f"database_url is not a valid database URL: {exc}") from exc
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(
                parsed,
                pool_size=8,
                max_overflow=32,
                connect_args={"check_same_thread": False, "timeout": sqlite_busy_timeout_ms / 1000},
            )
            _configure_sqlite(self.engine, sqlite_busy_timeout_ms)
        elif self.dialect == "postgresql":
            self.engine = create_engine(parsed, pool_size=10, max_overflow=20, pool_pre_ping=True)
        else:
            raise ConfigurationError(
                f"database_url: unsupported database '{self.dialect}' (use sqlite or postgresql)"
            )

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction holding the write lock; committed on success, rolled back on error."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction (rolled back at the end)."""
        with self.engine.connect() as conn, conn.begin() as tx:
            yield conn
            tx.rollback()

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions would defer it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
