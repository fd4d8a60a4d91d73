"""The readers-writer lock (:mod:`indexer.rwlock`) and what it buys the embedded backend: a
lexical and a dense search of the real backend run at the same time, while a write still has
the index to itself."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from indexer.backends.embedded import EmbeddedBackend
from indexer.rwlock import ReadWriteLock
from tests.factories import indexed, make_profile, unit_vector

pytestmark = pytest.mark.unit

DIM = 16
WAIT = 10.0  # seconds: generous, a thread that should get through does so at once


def _start(target) -> threading.Thread:  # type: ignore[no-untyped-def]
    t = threading.Thread(target=target, daemon=True)
    t.start()
    return t


def test_readers_share_the_lock() -> None:
    lock = ReadWriteLock()
    inside = threading.Barrier(3, timeout=WAIT)

    def reader() -> None:
        with lock.read():
            inside.wait()  # all three inside at once, or the barrier times out

    threads = [_start(reader) for _ in range(2)]
    with lock.read():
        inside.wait()
    for t in threads:
        t.join(WAIT)
        assert not t.is_alive()


def test_a_writer_waits_for_readers_and_excludes_them() -> None:
    lock = ReadWriteLock()
    events: list[str] = []
    writer_waiting = threading.Event()

    def writer() -> None:
        writer_waiting.set()
        with lock.write():
            events.append("write")

    with lock.read():
        t = _start(writer)
        writer_waiting.wait(WAIT)
        time.sleep(0.05)
        events.append("read still held")
    t.join(WAIT)
    assert events == ["read still held", "write"]

    got_read = threading.Event()
    with lock.write():
        r = _start(lambda: (lock.read().__enter__(), got_read.set()))
        assert not got_read.wait(0.1)  # no reader while the writer holds the lock
    assert got_read.wait(WAIT)
    r.join(WAIT)


def test_waiting_writer_goes_before_new_readers() -> None:
    lock = ReadWriteLock()
    order: list[str] = []
    first_in = threading.Event()
    release_first = threading.Event()

    def first_reader() -> None:
        with lock.read():
            first_in.set()
            release_first.wait(WAIT)

    def writer() -> None:
        with lock.write():
            order.append("writer")

    def late_reader() -> None:
        with lock.read():
            order.append("late reader")

    r1 = _start(first_reader)
    assert first_in.wait(WAIT)
    w = _start(writer)
    deadline = time.monotonic() + WAIT
    while not lock._writers_waiting and time.monotonic() < deadline:
        time.sleep(0.001)
    r2 = _start(late_reader)
    time.sleep(0.05)
    assert order == []  # the late reader queues behind the waiting writer
    release_first.set()
    for t in (r1, w, r2):
        t.join(WAIT)
    assert order == ["writer", "late reader"]


def test_reentrancy_and_the_forbidden_upgrade() -> None:
    lock = ReadWriteLock()
    with lock.write(), lock.write(), lock.read():
        pass  # a writer may write again and read
    with lock.read():
        # a nested read does not queue behind a waiting writer (it would wait for itself)
        w = _start(lambda: lock.write().__enter__())
        deadline = time.monotonic() + WAIT
        while not lock._writers_waiting and time.monotonic() < deadline:
            time.sleep(0.001)
        with lock.read():
            pass
        with pytest.raises(RuntimeError, match="cannot start writing"), lock.write():
            pass
    w.join(WAIT)
    assert not w.is_alive()  # the writer got the lock once the reads ended


def test_dense_search_runs_while_a_lexical_search_is_under_way(tmp_path: Path) -> None:
    """While a lexical search holds the lexical index (its lock taken here, as a long BM25
    scan would), a dense search in another thread completes; an upsert waits for both."""
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    try:
        b.upsert([indexed(make_profile(f"p{i:02d}", headline=f"Python developer {i}"), dim=DIM)
                  for i in range(40)])
        want = b.dense_search(unit_vector("q", DIM), 5)
        got: list[object] = []
        wrote = threading.Event()
        with b._rw.read(), b._lex_lock:
            t = _start(lambda: got.append(b.dense_search(unit_vector("q", DIM), 5)))
            t.join(WAIT)
            assert got == [want]
            w = _start(lambda: (b.upsert([indexed(make_profile("late"), dim=DIM)]), wrote.set()))
            assert not wrote.wait(0.1)  # the write waits for the reads under way
        assert wrote.wait(WAIT)
        w.join(WAIT)
        assert b.count() == 41
        assert [h.id for h in b.lexical_search("python", 3)]
    finally:
        b.close()
