"""Rankings in worker processes: the API's searches on every core.

A ranking is about 10 ms of Python, and Python runs one thread at a time in a process, so
one API process answers at most ~100 new searches a second however many cores it has.
:class:`RankingWorkers` forks ``count`` copies of the API process once its search stack is
open and warmed up. A copy shares the loaded index with the API process (copy-on-write: it
is not read again) and does one thing: rank the briefs sent to it over a pipe and send back
the bytes the caller's ``build`` makes of the ranking (for ``POST /search``, the response).
The API process keeps everything else: HTTP, authentication, the workflow store, the result
cache and every write. It plugs the pool in as the ranker's :attr:`~ranking.Ranker.offload`,
so a search that misses the result cache is ranked by a worker: the one with the fewest
rankings queued, at most :data:`QUEUED_PER_WORKER` (the next one waits in its pipe, so a
worker never idles waiting for this process); with every queue full it waits, first come
first served. A thread of the API process per worker reads its answers, in order.

**Cores.** With ``pin`` (the default of ``talentmatch serve``) each worker runs on its own share
of the CPUs the API process may use (:func:`worker_cpus`: with a worker per core, one core
each); the API process itself is not pinned. The scheduler otherwise moves busy workers
between cores now and then, or runs two on one core for a moment while the other runs the
API process, and a search queued behind such a moment waits: measured with ``bench_api``
(100k profiles, 32 clients, new briefs; nine alternating 40- and 60-s runs each), p99
113-134 ms (median 123.5) pinned against 118-139 ms (median 127.3) not, and 303-325 against
298-320 requests a second (medians 313 and 309).

**Priority.** With ``nice`` (10 under ``talentmatch serve``:
``TALENTMATCH_SEARCH_WORKER_NICE``) the API process lowers each worker's CPU priority by that
much right after the fork. The workers keep the cores busy, and the API process wakes up
several times a request (a request read, a ranking handed over, an answer read back, a
response written); at the same priority it waits each time for a worker's time slice to end.
Measured under ``bench_api`` (100k profiles, 32 clients, new briefs, 30-s runs): the time a
search spends in the API process (timestamps added for the measurement), p99 7.4-8.4 ms at
0, 4.8-5.6 at 5, 4.3-4.5 at 10, 3.1-3.3 at 19 (four, four, two and two runs). With the
production code (six alternating pairs of runs of two 30-s windows, 15:02-15:17 UTC on
2026-11-24, a ``GET /health`` sent alongside at 40 a second): its p99 5.8-7.1 ms at 10 against
10.6-14.4 ms at 0; the searches' p99 120-141 ms (median 128.7) at 10 against 117-157 ms
(median 130.8, two windows over 150 ms) at 0, throughput medians 305 and 313 requests a
second: the same or a little slower while the host ran fast, steadier while it ran slow.
Other programs' work at normal priority comes before the rankings too: on a machine shared
with such work, a smaller value keeps the searches' share.

**Consistency.** A worker is a snapshot of the index at its fork. Every write of the API
(:meth:`~api.context.SearchStack.writing`: sanctions, account deletions; a new ranking policy:
:meth:`~api.context.SearchStack.replace_ranker`) holds the stack's write lock, which waits for
the searches under way (each holds the read lock while a worker ranks it), and forks a new set
of workers before releasing it (:meth:`RankingWorkers.respawn`); the previous ones exit. A
search that starts after a write returned is therefore ranked on an index that has it: a
sanction acts at once, as with one process. Merges in the background change the index's
files, not what it holds: no new fork.

**Forking safely.** A fork copies one thread, the caller's, and every lock in the state it
was in. Forks happen under the stack's write lock, so no ranking runs in the API process and
no lock of the ranker or the backend is held. In the child, :meth:`SearchStack.after_fork`
drops what did not come along (the ranker's thread pool; faiss runs one thread; the ranker
overlaps its two retrievals only if there is a core to spare: :func:`overlap_in_workers`), the child
closes the parent's ends of every worker's pipe (so that each one sees the API process go:
end of file, then it exits), ignores Ctrl-C (the API process's shutdown ends it) and leaves
with :func:`os._exit`, never running the parent's clean-up (database, index lock).

**Failures.** An error of the ranking itself (bad input, backend error) is raised in the
API process as it was raised in the worker. A worker that dies or does not answer within
``timeout_s`` is killed and dropped; that search, and any while no worker is left, is ranked
in the API process instead (:class:`~indexer.errors.WorkerUnavailableError`), and the pool is
forked anew by a background thread (``on_loss``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection, Pipe
from typing import TYPE_CHECKING, Any

from indexer.errors import TalentmatchError, WorkerUnavailableError
from ranking.gate import FifoGate
from ranking.records import RankingForm

if TYPE_CHECKING:
    from api.context import SearchStack
    from ranking import Brief

log = logging.getLogger(__name__)

#: Seconds a worker may take for one ranking before it counts as stuck.
DEFAULT_TIMEOUT_S = 60.0
#: Seconds a retired worker has to exit before it is killed.
EXIT_GRACE_S = 5.0
#: Rankings sent to a worker at once: the one it runs and the next, already in its pipe,
#: so that it starts it without waiting for this process (measured, bench_api --duration 20
#: --search-workers 2, alternating: one at a time 218.8/221.8 req/s, p99 197/179 ms; two
#: 245.3/246.6 req/s, p99 165/159 ms).
QUEUED_PER_WORKER = 2
#: The largest niceness a worker may add (Unix niceness tops out at 19).
MAX_NICE = 19
#: Allocations between two young-generation collections in a worker (Python's default:
#: 700). A ranking allocates tens of thousands of short-lived objects, nearly all freed by
#: reference counting; with the default a worker ran ~1.8 collections a ranking and, through
#: them, a full one every ~80 rankings: 350-380 us of a ~7 ms ranking; with 10,000, one
#: young collection every ~90 rankings, 24-27 us a ranking (gc.callbacks in the workers,
#: bench_api at 100k profiles; cycles are rare, so garbage waits little longer).
WORKER_GC_THRESHOLD = 10_000


@dataclass(frozen=True)
class _Call:
    brief: Brief
    k: int
    as_of: datetime
    form: RankingForm
    build: Callable[[Any], bytes]


@dataclass
class _Worker:
    pid: int
    requests: Connection  # the API process writes calls here
    replies: Connection  # and reads the answers, in the same order, here
    pending: deque[Future[bytes]] = field(default_factory=deque)
    reader: threading.Thread | None = None


class WorkerError(TalentmatchError):
    """An error raised by a ranking in a worker that could not be sent back as itself."""


class RankingWorkers:
    """``count`` forked ranking processes (see the module docstring). Fork them with
    :meth:`respawn` while holding the stack's write lock; :meth:`derive` is the ranker's
    ``offload``."""

    def __init__(self, count: int, *, timeout_s: float = DEFAULT_TIMEOUT_S,
                 on_loss: Callable[[], None] | None = None, pin: bool = False,
                 nice: int = 0) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        if not 0 <= nice <= MAX_NICE:
            raise ValueError(f"nice must be in 0-{MAX_NICE}")
        self.count = count
        #: Niceness each worker adds to the one it inherits (0: the API process's priority).
        self.nice = nice
        #: The CPUs this process may use, when workers are pinned (``None``: not pinned, or
        #: a platform without CPU affinity).
        self.cpus: tuple[int, ...] | None = (
            usable_cpus() if pin and hasattr(os, "sched_setaffinity") else None)
        self.timeout_s = timeout_s
        self._on_loss = on_loss
        self._gate = FifoGate(count * QUEUED_PER_WORKER)
        self._lock = threading.Lock()  # the list of workers, their queues and pipes' writes
        self._all: list[_Worker] = []
        self._closed = False

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            return [w.pid for w in self._all]

    # -- life cycle ---------------------------------------------------------------------
    def respawn(self, stack: SearchStack) -> None:
        """Retire the current workers and fork ``count`` new ones from this process as it is
        now. The caller holds ``stack``'s write lock (no ranking under way anywhere)."""
        if self._closed:
            raise RuntimeError("the ranking workers are closed")
        self._retire()
        for index in range(self.count):
            try:
                self._fork(stack, index)
            except OSError as exc:  # out of memory or processes: serve with fewer workers
                log.error("could not fork a ranking worker (%s); %d running", exc,
                          len(self._all))

    def close(self) -> None:
        """Retire the workers (they finish nothing: call when no search is under way)."""
        self._closed = True
        self._retire()

    def _fork(self, stack: SearchStack, index: int) -> None:
        call_in, call_out = Pipe(duplex=False)  # (reading end, writing end)
        reply_in, reply_out = Pipe(duplex=False)
        with self._lock:
            inherited = [c for w in self._all for c in (w.requests, w.replies)]
        cpus = None if self.cpus is None else worker_cpus(index, self.count, self.cpus)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(call_in, reply_out, [*inherited, call_out, reply_in], stack,
                   overlap=overlap_in_workers(self.count, len(usable_cpus())))
        call_in.close()
        reply_out.close()
        if cpus is not None:  # here, not in the child: pinned before it gets a call
            try:
                os.sched_setaffinity(pid, cpus)
            except OSError as exc:  # e.g. a CPU taken away since: it runs where this one does
                log.warning("ranking worker %d not pinned to CPUs %s: %s", pid, sorted(cpus), exc)
        if self.nice:  # likewise: lower before its first call (same user: no right needed)
            try:
                os.setpriority(os.PRIO_PROCESS, pid, min(
                    os.getpriority(os.PRIO_PROCESS, 0) + self.nice, MAX_NICE))
            except OSError as exc:  # a sandbox that forbids it: it ranks at this priority
                log.warning("ranking worker %d keeps the API process's priority: %s", pid, exc)
        worker = _Worker(pid, call_out, reply_in)
        worker.reader = threading.Thread(target=self._read_replies, args=(worker,),
                                         name=f"ranking-worker-{pid}", daemon=True)
        worker.reader.start()
        with self._lock:
            self._all.append(worker)

    def _retire(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.requests.close()  # the worker reads end of file and exits
        deadline = time.monotonic() + EXIT_GRACE_S
        for w in workers:
            _reap(w.pid, deadline)
            if w.reader is not None:
                w.reader.join(max(0.0, deadline - time.monotonic()))
            w.replies.close()

    # -- ranking ------------------------------------------------------------------------
    def derive(self, brief: Brief, k: int, as_of: datetime, form: RankingForm,
               build: Callable[[Any], bytes]) -> tuple[bytes, datetime]:
        """``(build(ranking), ranking.as_of)`` of ``brief`` ranked in ``form`` by a worker
        (queued behind at most one other ranking; waiting, first come first served, when
        every worker has its queue full). Raises what the ranking raised, or
        :class:`~indexer.errors.WorkerUnavailableError` if no worker could do it."""
        call = _Call(brief, k, as_of, form, build)
        try:
            payload = pickle.dumps(call, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # e.g. a build function that is a closure
            raise WorkerUnavailableError(f"the ranking cannot be sent to a worker: {exc}") from exc
        with self._gate:
            answer: Future[bytes] = Future()
            with self._lock:  # queue order == order of the calls in the pipe
                if not self._all:
                    raise WorkerUnavailableError("no ranking worker is running")
                worker = min(self._all, key=lambda w: len(w.pending))
                worker.pending.append(answer)
                try:
                    worker.requests.send_bytes(payload)
                except OSError as exc:
                    worker.pending.pop()
                    error: BaseException | None = exc
                else:
                    error = None
            if error is not None:
                self._lose(worker, error)
                raise WorkerUnavailableError(f"ranking worker {worker.pid} failed: {error}")
            try:
                reply = answer.result(self.timeout_s)
            except FutureTimeout as exc:
                self._lose(worker, f"no answer within {self.timeout_s:g} s")
                raise WorkerUnavailableError(
                    f"ranking worker {worker.pid} gave no answer within {self.timeout_s:g} s"
                ) from exc
        ok, value, at = pickle.loads(reply)
        if not ok:
            raise value
        return value, at

    def _read_replies(self, worker: _Worker) -> None:
        """The API process's thread per worker: hand each answer to its caller; once the
        worker is gone, fail the calls it still had."""
        while True:
            try:
                reply = worker.replies.recv_bytes()
            except (EOFError, OSError):
                break
            with self._lock:
                answer = worker.pending.popleft()
            answer.set_result(reply)
        with self._lock:
            lost, worker.pending = list(worker.pending), deque()
            alive = worker in self._all
        for answer in lost:
            answer.set_exception(WorkerUnavailableError(f"ranking worker {worker.pid} exited"))
        if alive:  # it died by itself
            self._lose(worker, "it exited")

    def _lose(self, worker: _Worker, why: object) -> None:
        with self._lock:
            if worker not in self._all:
                return  # retired, or lost already
            self._all.remove(worker)
        log.error("ranking worker %d lost (%s); ranking in the API process until it is "
                  "replaced", worker.pid, why)
        worker.requests.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        _reap(worker.pid, time.monotonic() + EXIT_GRACE_S)
        if self._on_loss is not None and not self._closed:
            self._on_loss()


def _reap(pid: int, deadline: float) -> None:
    """Wait for child ``pid`` to exit until ``deadline``, then kill it."""
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        if time.monotonic() >= deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            return
        time.sleep(0.001)


def overlap_in_workers(count: int, cores: int | None) -> bool:
    """Whether a worker ranks with the ranker's overlap (the brief embedded and the dense
    search run on a second thread while BM25 runs: :attr:`Ranker.overlap_embedding`): only
    if every worker has a spare core for that thread. With a worker per core the cores are
    busy anyway, and the hand-offs between the two threads cost CPU: at 100k profiles, 32
    clients, two workers on two cores, ~255 requests/s with it, ~280 without (p99 157-159
    -> 137-143 ms; bench_api, two alternating runs each)."""
    return 2 * count <= (cores or 1)


def usable_cpus() -> tuple[int, ...]:
    """The CPUs this process may run on (its affinity where the platform has one, else all):
    what the workers' overlap (:func:`overlap_in_workers`) and their shares
    (:func:`worker_cpus`) divide up."""
    if hasattr(os, "sched_getaffinity"):
        return tuple(sorted(os.sched_getaffinity(0)))
    return tuple(range(os.cpu_count() or 1))


def worker_cpus(index: int, count: int, cpus: Sequence[int]) -> frozenset[int]:
    """The CPUs worker ``index`` of ``count`` runs on, out of ``cpus`` (those the API process
    may use): every ``count``-th one from the ``index``-th, so the workers share the CPUs out
    evenly and none shares one with another while there are enough (2 workers, CPUs 0-3:
    {0, 2} and {1, 3}); with more workers than CPUs, one CPU each, in turn."""
    if not cpus:
        raise ValueError("no CPU to run on")
    if count <= len(cpus):
        return frozenset(cpus[index::count])
    return frozenset({cpus[index % len(cpus)]})


def _child(calls: Connection, replies: Connection, inherited: list[Connection],
           stack: SearchStack, *, overlap: bool) -> None:
    """A worker's life: serve calls until the API process closes its end. Never returns."""
    code = 1
    try:
        for c in inherited:
            c.close()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(-1)  # the parent's event loop's
        stack.after_fork(overlap=overlap)
        gc.freeze()  # what the parent made since its own freeze: not walked by collections
        gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
        _serve(calls, replies, stack)
        code = 0
    except BaseException:
        log.exception("ranking worker %d failed", os.getpid())
    finally:
        os._exit(code)


def _serve(calls: Connection, replies: Connection, stack: SearchStack) -> None:
    ranker = stack.ranker
    while True:
        try:
            call: _Call = pickle.loads(calls.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            result = ranker.rank_new(call.form, call.brief, k=call.k, as_of=call.as_of)
            reply = pickle.dumps((True, call.build(result), result.as_of),
                                 protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            reply = pickle.dumps((False, _portable(exc), None), protocol=pickle.HIGHEST_PROTOCOL)
        replies.send_bytes(reply)


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling as itself (same type and message), else a
    :class:`WorkerError` that names it."""
    try:
        back = pickle.loads(pickle.dumps(exc))
        if type(back) is type(exc) and str(back) == str(exc):
            return exc
    except Exception:
        pass
    return WorkerError(f"{type(exc).__name__}: {exc}")
