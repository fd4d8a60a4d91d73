"""Rankings in worker processes (api/ranking_workers.py), over HTTP and against the pool.

The workers are real forked processes over the real embedded index: the responses must be
the bytes one process gives, writes (sanctions, deletions, a new policy) must show in the
very next search, a lost or stuck worker must cost nothing but time, and no process may
outlive the app. The workflow tests that depend on writes reaching searches at once run
here again with workers (imported below, with this module's ``app``).
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.clock import ManualClock
from api.context import SearchStack
from api.ranking_workers import (
    MAX_NICE,
    WORKER_GC_THRESHOLD,
    RankingWorkers,
    WorkerError,
    overlap_in_workers,
    usable_cpus,
    worker_cpus,
)
from api.settings import ApiSettings
from indexer.errors import ConfigurationError, InvalidInputError, Problem, WorkerUnavailableError
from indexer.settings import BackendKind, IndexerSettings
from ranking import Brief, RankingResult
from ranking.records import RankingForm
from tests.api.conftest import START, Keys, auth, hashing_factory, make_app, make_settings
from tests.api.helpers import PYTHON_BRIEF, result_ids, search

# The workflow tests whose searches must see the API's writes at once, with workers.
from tests.api.test_workflow import (  # noqa: F401 - collected here, with this module's app
    test_account_deletions as test_account_deletions_with_workers,
)
from tests.api.test_workflow import (  # noqa: F401
    test_sanctions_act_at_once_and_expire as test_sanctions_act_at_once_with_workers,
)

WORKERS = 2
BRIEFS = [
    PYTHON_BRIEF,
    {"title": "Data engineer", "must_have_skills": ["SQL"], "nice_to_have_skills": ["Spark"]},
    {"title": "React frontend developer", "nice_to_have_skills": ["TypeScript", "CSS"]},
    {"title": "developer"},
    {"title": "UX designer", "must_have_skills": ["Figma"], "location": {"country": "DE"}},
]


@pytest.fixture
def app(data_dir: Path, clock: ManualClock) -> FastAPI:
    return make_app(data_dir, clock, search_workers=WORKERS)


def _stack(app: FastAPI) -> SearchStack:
    return app.state.ctx.search


def _alive(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return done == 0


def test_workers_give_the_bytes_one_process_gives(http: TestClient, keys: Keys, app: FastAPI,
                                                  data_dir: Path, tmp_path: Path,
                                                  clock: ManualClock) -> None:
    stack = _stack(app)
    assert stack.workers is not None and len(stack.workers.pids) == WORKERS
    alone_dir = tmp_path / "alone"
    shutil.copytree(data_dir, alone_dir, ignore=shutil.ignore_patterns("workflow.sqlite3*",
                                                                       "LOCK"))
    alone = make_app(alone_dir, ManualClock(START), search_workers=0)
    with TestClient(alone, raise_server_exceptions=False) as other:
        assert _stack(alone).workers is None
        cid = other.post("/clients", json={"name": "Acme GmbH"},
                         headers=auth(keys.admin)).json()["id"]
        key = other.post("/keys", json={"name": "k", "role": "client", "subject_id": cid},
                         headers=auth(keys.admin)).json()["key"]
        for brief in BRIEFS:
            for limit in (5, 50):
                body = {"brief": brief, "limit": limit}
                mine = http.post("/search", json=body, headers=auth(keys.client))
                theirs = other.post("/search", json=body, headers=auth(key))
                assert mine.status_code == theirs.status_code == 200, mine.text
                assert mine.content == theirs.content
                assert mine.json()["results"], brief
    # ranked by the workers: this process embedded no brief (the query cache is its ranker's)
    assert stack.ranker.query_cache.misses == 0


def test_a_write_shows_in_the_next_search(http: TestClient, keys: Keys, app: FastAPI) -> None:
    stack = _stack(app)
    assert stack.workers is not None
    before_pids = stack.workers.pids
    listed = result_ids(search(http, keys.client, {"title": "developer"}, limit=500))
    target = listed[0]
    r = http.post("/sanctions", json={"target_kind": "freelancer", "target_id": target,
                                      "kind": "permanent_suspension", "reason": "fraud"},
                  headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    after = result_ids(search(http, keys.client, {"title": "developer"}, limit=500))
    assert target not in after and set(after) == set(listed) - {target}
    assert stack.workers.pids != before_pids and len(stack.workers.pids) == WORKERS
    assert not any(_alive(pid) for pid in before_pids)  # the old ones exited and were reaped


def test_lost_workers_are_replaced(http: TestClient, keys: Keys, app: FastAPI) -> None:
    stack = _stack(app)
    assert stack.workers is not None
    expected = search(http, keys.client, BRIEFS[1])
    dead = stack.workers.pids
    for pid in dead:
        os.kill(pid, signal.SIGKILL)
    # searches go on meanwhile (ranked here or by the new set, whichever is there first)
    assert search(http, keys.client, BRIEFS[2])["results"]
    deadline = time.monotonic() + 30  # a full set is forked again in the background
    while time.monotonic() < deadline:
        pids = stack.workers.pids
        if len(pids) == WORKERS and not set(pids) & set(dead):
            break
        search(http, keys.client, BRIEFS[3])
        time.sleep(0.05)
    else:
        pytest.fail(f"the workers were not replaced: {stack.workers.pids}")
    assert not any(_alive(pid) for pid in dead)
    stack.ranker.result_cache.clear()
    misses = stack.ranker.query_cache.misses
    assert search(http, keys.client, BRIEFS[1]) == expected
    assert stack.ranker.query_cache.misses == misses  # ranked by a new worker


def test_with_no_worker_left_the_api_process_ranks(pool_stack: SearchStack) -> None:
    pool_stack.start_workers(1)
    pool = pool_stack.workers
    assert pool is not None
    pool._on_loss = None  # no new set: see what happens meanwhile
    brief = Brief(title="developer")
    build = _Build(os.getpid())
    expected = pool_stack.ranker.rank_derived(brief, "ids", build, k=5, as_of=START)
    assert pool_stack.ranker.query_cache.misses == 0  # the worker ranked it
    (pid,) = pool.pids
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while pool.pids and time.monotonic() < deadline:  # its reading thread sees it go
        time.sleep(0.01)
    assert pool.pids == [] and not _alive(pid)
    with pytest.raises(WorkerUnavailableError, match="no ranking worker"):
        pool.derive(brief, 5, START, RankingForm.EXPLAINED, build)
    pool_stack.ranker.result_cache.clear()
    assert pool_stack.ranker.rank_derived(brief, "ids", build, k=5, as_of=START) == expected
    assert pool_stack.ranker.query_cache.misses == 1  # ranked here


def test_no_worker_outlives_the_app(data_dir: Path, clock: ManualClock) -> None:
    app = make_app(data_dir, clock, search_workers=3)
    with TestClient(app) as http:
        pids = _stack(app).workers.pids  # type: ignore[union-attr]
        assert len(pids) == 3 and all(_alive(p) for p in pids)
        assert http.get("/health").status_code == 200
    assert _stack(app).workers is None
    assert not any(_alive(p) for p in pids)


def test_the_default_is_one_worker_per_core_only_when_serving(tmp_path: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    s = ApiSettings(indexer=IndexerSettings(data_dir=tmp_path))
    assert s.resolved_search_workers(serving=True) == cores
    assert s.resolved_search_workers(serving=False) == 0
    os_settings = ApiSettings(indexer=IndexerSettings(data_dir=tmp_path,
                                                      backend=BackendKind.OPENSEARCH))
    assert os_settings.resolved_search_workers(serving=True) == cores
    assert ApiSettings(indexer=IndexerSettings(data_dir=tmp_path),
                       search_workers=0).resolved_search_workers(serving=True) == 0
    with pytest.raises(ValueError, match="search_workers"):
        ApiSettings(indexer=IndexerSettings(data_dir=tmp_path), search_workers=-1)


def test_workers_need_a_backend_that_can_be_forked(data_dir: Path) -> None:
    stack = hashing_factory(make_settings(data_dir))
    try:
        stack.backend = _NoFork(stack.backend)  # type: ignore[assignment]
        with pytest.raises(ConfigurationError, match="_NoFork has no after_fork"):
            stack.start_workers(1)
        assert stack.workers is None
    finally:
        stack.backend = stack.backend.inner  # type: ignore[attr-defined]
        stack.close()


class _NoFork:
    """A backend without ``after_fork``."""

    def __init__(self, inner: object) -> None:
        self.inner = inner


# -- the pool alone ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Build:
    """A picklable build: the ids, or what it is told to do in a worker process."""

    parent: int
    action: str = "ids"

    def __call__(self, result: RankingResult) -> bytes:
        if os.getpid() != self.parent:
            if self.action == "invalid":
                raise InvalidInputError([Problem("brief.title", "too odd")], source="test")
            if self.action == "odd":
                raise _Odd("a", "b")
            if self.action == "sleep":
                time.sleep(30)
            if self.action == "gc":
                return str(gc.get_threshold()[0]).encode()
        return ",".join(r.profile.id for r in result.results).encode()


class _Odd(Exception):
    def __init__(self, a: str, b: str) -> None:  # pickles as Exception(a, b): cannot rebuild
        super().__init__(f"{a}+{b}")


@pytest.fixture
def pool_stack(data_dir: Path) -> Iterator[SearchStack]:
    stack = hashing_factory(make_settings(data_dir))
    try:
        yield stack
    finally:
        stack.close()


def test_errors_of_a_ranking_come_back_as_raised(pool_stack: SearchStack) -> None:
    pool_stack.start_workers(1)
    pool = pool_stack.workers
    assert pool is not None
    brief = Brief(title="developer")
    value, at = pool.derive(brief, 5, START, RankingForm.EXPLAINED, _Build(os.getpid()))
    assert at == START
    assert value == _Build(os.getpid())(pool_stack.ranker.rank(brief, k=5, as_of=START))
    with pytest.raises(InvalidInputError) as err:
        pool.derive(brief, 5, START, RankingForm.EXPLAINED, _Build(os.getpid(), "invalid"))
    assert err.value.problems == (Problem("brief.title", "too odd"),)
    assert err.value.source == "test"
    gc_threshold, _ = pool.derive(brief, 5, START, RankingForm.EXPLAINED,
                                  _Build(os.getpid(), "gc"))
    assert int(gc_threshold) == WORKER_GC_THRESHOLD != gc.get_threshold()[0]
    with pytest.raises(WorkerError, match=r"_Odd: a\+b"):
        pool.derive(brief, 5, START, RankingForm.EXPLAINED, _Build(os.getpid(), "odd"))
    assert len(pool.pids) == 1  # errors of a ranking do not cost the worker


def test_what_cannot_travel_is_ranked_here(pool_stack: SearchStack) -> None:
    pool_stack.start_workers(1)
    assert pool_stack.workers is not None
    brief = Brief(title="developer")
    with pytest.raises(WorkerUnavailableError, match="cannot be sent"):
        pool_stack.workers.derive(brief, 5, START, RankingForm.EXPLAINED, lambda r: b"x")
    # through the ranker: it ranks here instead
    assert pool_stack.ranker.rank_derived(brief, "closure", lambda r: b"here", k=5,
                                          as_of=START) == b"here"


def test_a_stuck_worker_is_killed(pool_stack: SearchStack) -> None:
    pool_stack.start_workers(1, timeout_s=0.5)
    pool = pool_stack.workers
    assert pool is not None
    (pid,) = pool.pids
    started = time.monotonic()
    with pytest.raises(WorkerUnavailableError, match="no answer"):
        pool.derive(Brief(title="developer"), 5, START, RankingForm.EXPLAINED,
                    _Build(os.getpid(), "sleep"))
    assert time.monotonic() - started < 10
    assert not _alive(pid)


def test_a_failed_fork_leaves_fewer_workers_and_the_write_done(
        pool_stack: SearchStack, monkeypatch: pytest.MonkeyPatch) -> None:
    pool_stack.start_workers(2)
    assert pool_stack.workers is not None
    real_fork = os.fork
    calls: list[int] = []

    def fork_once() -> int:  # the second fork of a respawn fails
        calls.append(1)
        if len(calls) == 2:
            raise OSError(12, "Cannot allocate memory")
        return real_fork()

    monkeypatch.setattr(os, "fork", fork_once)
    with pool_stack.writing():
        assert pool_stack.indexer.delete(["fl0000001"]) == 1
    monkeypatch.setattr(os, "fork", real_fork)
    assert len(pool_stack.workers.pids) == 1
    assert pool_stack.backend.get(["fl0000001"]) == {}
    value, _ = pool_stack.workers.derive(Brief(title="developer"), 5, START,
                                         RankingForm.EXPLAINED, _Build(os.getpid()))
    assert b"fl0000001" not in value.split(b",")


def test_invalid_input_errors_pickle_as_themselves() -> None:
    err = InvalidInputError([Problem("a", "b", row=3)], source="f.jsonl")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is InvalidInputError and back.problems == err.problems
    assert str(back) == str(err) and back.source == "f.jsonl"


def test_pool_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="count"):
        RankingWorkers(0)
    with pytest.raises(ValueError, match="timeout"):
        RankingWorkers(1, timeout_s=0)


def test_workers_overlap_their_retrievals_only_with_a_core_to_spare(pool_stack: SearchStack) -> None:
    assert [overlap_in_workers(n, 2) for n in (1, 2, 3)] == [True, False, False]
    assert overlap_in_workers(2, 4) and not overlap_in_workers(3, 4)
    assert not overlap_in_workers(1, None)  # unknown core count: one thread
    assert pool_stack.ranker.overlap_embedding  # as the API process ranks
    pool_stack.after_fork(overlap=False)  # what a worker without a spare core does
    assert not pool_stack.ranker.overlap_embedding
    brief = Brief(title="developer")
    assert pool_stack.ranker.rank(brief, k=5, as_of=START).results  # ranks on one thread


def test_worker_cpus_share_the_cpus_out() -> None:
    assert [worker_cpus(i, 2, (0, 1, 2, 3)) for i in range(2)] == [{0, 2}, {1, 3}]
    assert [worker_cpus(i, 2, (0, 1)) for i in range(2)] == [{0}, {1}]
    assert worker_cpus(0, 1, (0, 1)) == {0, 1}  # one worker: every CPU
    assert [worker_cpus(i, 3, (4, 7)) for i in range(3)] == [{4}, {7}, {4}]  # more than CPUs
    with pytest.raises(ValueError, match="no CPU"):
        worker_cpus(0, 1, ())


def test_pinned_workers_run_on_their_share_and_stay_there_after_a_write(
        pool_stack: SearchStack) -> None:
    cpus = tuple(sorted(os.sched_getaffinity(0)))
    pool_stack.start_workers(WORKERS, pin=True)
    pool = pool_stack.workers
    assert pool is not None and pool.cpus == cpus
    expected = [worker_cpus(i, WORKERS, cpus) for i in range(WORKERS)]
    assert [os.sched_getaffinity(pid) for pid in pool.pids] == expected
    if len(cpus) >= WORKERS:  # each on CPUs of its own
        assert not set.intersection(*(set(e) for e in expected))
    with pool_stack.writing():  # a write forks a new set: pinned the same way
        pass
    assert [os.sched_getaffinity(pid) for pid in pool.pids] == expected
    assert os.sched_getaffinity(0) == set(cpus)  # the API process itself is not pinned
    build = _Build(os.getpid())
    assert pool_stack.ranker.rank_derived(Brief(title="developer"), "ids", build, k=5, as_of=START)
    assert pool_stack.ranker.query_cache.misses == 0  # a pinned worker ranked it


def test_unpinned_workers_run_where_the_api_process_runs(pool_stack: SearchStack) -> None:
    pool_stack.start_workers(WORKERS)
    pool = pool_stack.workers
    assert pool is not None and pool.cpus is None
    assert all(os.sched_getaffinity(pid) == os.sched_getaffinity(0) for pid in pool.pids)


def test_the_app_pins_its_workers_unless_told_not_to(data_dir: Path, clock: ManualClock) -> None:
    assert ApiSettings(indexer=IndexerSettings(data_dir=data_dir)).pin_search_workers
    for pin in (True, False):
        app = make_app(data_dir, clock, search_workers=WORKERS, pin_search_workers=pin)
        with TestClient(app):
            pool = _stack(app).workers
            assert pool is not None and (pool.cpus is not None) is pin


def _priority(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def test_workers_lower_their_priority_and_keep_it_after_a_write(pool_stack: SearchStack) -> None:
    own = _priority(0)
    pool_stack.start_workers(WORKERS, nice=7)
    pool = pool_stack.workers
    assert pool is not None and pool.nice == 7
    expected = min(own + 7, MAX_NICE)
    assert [_priority(pid) for pid in pool.pids] == [expected] * WORKERS
    first = pool.pids
    with pool_stack.writing():  # a write forks a new set: as nice
        pass
    assert pool.pids != first
    assert [_priority(pid) for pid in pool.pids] == [expected] * WORKERS
    assert _priority(0) == own  # the API process keeps its priority
    build = _Build(os.getpid())
    assert pool_stack.ranker.rank_derived(Brief(title="developer"), "ids", build, k=5, as_of=START)
    assert pool_stack.ranker.query_cache.misses == 0  # a worker ranked it


def test_workers_keep_the_api_process_priority_with_nice_0(pool_stack: SearchStack) -> None:
    pool_stack.start_workers(WORKERS, nice=0)
    pool = pool_stack.workers
    assert pool is not None
    assert [_priority(pid) for pid in pool.pids] == [_priority(0)] * WORKERS


def test_a_niceness_out_of_range_is_refused() -> None:
    for bad in (-1, MAX_NICE + 1):
        with pytest.raises(ValueError, match="nice must be in 0-19"):
            RankingWorkers(1, nice=bad)
        with pytest.raises(ValidationError, match="search_worker_nice"):
            ApiSettings(search_worker_nice=bad)


def test_the_app_lowers_its_workers_priority_by_the_setting(data_dir: Path,
                                                            clock: ManualClock) -> None:
    assert ApiSettings(indexer=IndexerSettings(data_dir=data_dir)).search_worker_nice == 10
    app = make_app(data_dir, clock, search_workers=WORKERS, search_worker_nice=3)
    with TestClient(app):
        pool = _stack(app).workers
        assert pool is not None and pool.nice == 3
        assert [_priority(pid) for pid in pool.pids] == [min(_priority(0) + 3, MAX_NICE)] * WORKERS


def test_workers_overlap_exactly_when_every_share_has_a_second_cpu() -> None:
    assert usable_cpus() == tuple(sorted(os.sched_getaffinity(0)))
    for n_cpus in range(1, 9):
        cpus = tuple(range(n_cpus))
        for count in range(1, 7):
            shares = [worker_cpus(i, count, cpus) for i in range(count)]
            assert all(len(s) >= 2 for s in shares) is overlap_in_workers(count, n_cpus), (
                n_cpus, count)
            assert set().union(*shares) == set(cpus)  # every CPU is someone's
