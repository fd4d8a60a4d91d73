"""The FIFO gate: never more than ``limit`` holders, and waiters pass in arrival order."""

from __future__ import annotations

import threading
import time

import pytest

from ranking.gate import FifoGate

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("limit", [1, 2])
def test_waiters_pass_in_arrival_order_and_limit_holds(limit: int) -> None:
    gate = FifoGate(limit)
    order: list[int] = []
    lock = threading.Lock()
    running = peak = 0
    release = threading.Event()

    def holder() -> None:
        with gate:
            release.wait()

    def waiter(i: int) -> None:
        nonlocal running, peak
        with gate:
            with lock:
                running += 1
                peak = max(peak, running)
                order.append(i)
            time.sleep(0.002)
            with lock:
                running -= 1

    holders = [threading.Thread(target=holder) for _ in range(limit)]
    for t in holders:
        t.start()
    time.sleep(0.05)
    waiters = []
    for i in range(12):  # arrive one after the other while the gate is full
        t = threading.Thread(target=waiter, args=(i,))
        t.start()
        waiters.append(t)
        time.sleep(0.01)
    release.set()
    for t in holders + waiters:
        t.join(10)
    assert peak <= limit
    if limit == 1:
        assert order == list(range(12))
    else:  # two slots: each waiter starts no later than the one after next
        assert sorted(order) == list(range(12))
        assert all(order.index(i) <= i + 1 for i in range(12))


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        FifoGate(0)
