"""A readers-writer lock: many readers at once, or one writer alone.

Two users: the embedded backend (searches and fetches read its in-memory index, writes
replace parts of it; readers sharing the lock let the lexical search of one brief, a numba
kernel that releases the GIL, and its dense search, faiss, run on two cores at once) and the
API's search stack (searches read; the API's own index writes, sanctions and account
deletions, take it alone so a search never sees half of one).

- Writers are preferred: once a writer waits, new readers queue behind it, so a steady
  stream of searches cannot starve a write.
- Re-entrant per thread: a thread holding the write lock may take it again or read; a thread
  reading may read again (a nested read does not queue behind a waiting writer, which would
  wait for that very thread: a deadlock). A reader asking to write is a bug in the caller and
  raises ``RuntimeError`` (two such readers would wait for each other forever).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ReadWriteLock:
    """See the module docstring. Use :meth:`read` and :meth:`write` as context managers."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0  # threads reading (each counted once, however nested)
        self._writer: int | None = None  # ident of the writing thread
        self._write_depth = 0
        self._writers_waiting = 0
        self._local = threading.local()  # .depth: this thread's nested reads

    def _read_depth(self) -> int:
        return getattr(self._local, "depth", 0)

    @contextmanager
    def read(self) -> Iterator[None]:
        """Hold the lock shared (or nothing more, inside this thread's own write or read)."""
        me = threading.get_ident()
        depth = self._read_depth()
        if self._writer == me or depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth = depth
            return
        with self._cond:
            while self._writer is not None or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            with self._cond:
                self._readers -= 1
                if self._readers == 0:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        """Hold the lock alone (re-entrant for the writing thread)."""
        me = threading.get_ident()
        if self._writer == me:
            self._write_depth += 1
            try:
                yield
            finally:
                self._write_depth -= 1
            return
        if self._read_depth():
            raise RuntimeError("a thread reading the index cannot start writing to it")
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writer is not None or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writer = me
            self._write_depth = 1
        try:
            yield
        finally:
            with self._cond:
                self._write_depth = 0
                self._writer = None
                self._cond.notify_all()
