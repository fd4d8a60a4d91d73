"""Load test of the curation API's self-service search on loopback.

    python -m benchmarks.bench_api                       # 100k profiles, 32 clients, 60 s
    python -m benchmarks.bench_api --profiles 20000 --duration 20 --clients 16
    python -m benchmarks.bench_api --rate 40     # second scenario: 40 req/s fixed arrivals
    python -m benchmarks.bench_api --windows 5 --duration 40    # five windows side by side

1. Data: ``--profiles`` generated profiles (seed 0) indexed into the embedded backend with
   the hashing embedder at 384 dimensions (the real model's size, so dense search costs the
   same; the query embedding is what the hashing embedder makes cheap — see the report).
   The data directory is kept (default ``/tmp/talentmatch-bench-api-<n>``) and reused.
2. Server: ``talentmatch serve``'s app (same ``create_app``, uvicorn, one API process and,
   as under ``serve``, one ranking worker per core unless ``--search-workers`` says otherwise;
   their CPU is counted with the server's; pinned each to its CPUs as under ``serve``, unless
   ``TALENTMATCH_PIN_SEARCH_WORKERS=false``: the server reads the ``TALENTMATCH_`` settings of
   the environment) in a subprocess on 127.0.0.1, with a fresh SQLite
   workflow store. Its search stack is the
   production one (``open_search_stack``): scoring views are cached (:mod:`ranking.profilecache`)
   as under ``talentmatch serve``.
3. Load: ``--clients`` concurrent HTTP/1.1 keep-alive connections post ``/search``, made by
   ``wrk`` (C, one thread, a separate process: the default when installed) or by asyncio +
   httpx in this process (``--client httpx``; heavier, it takes more of the 2 cores from the
   server; the fixed-rate scenario always uses it), with one
   of ``--briefs`` seeded, varied, distinct briefs in one shared sequence (request n sends
   brief n mod the workload). The default, 50,000, is more than a 60-s run sends (~21,000 at
   330 requests a second): every request is a new brief, the *cold* figure (caches gain from
   overlapping candidates only). A longer run (``--windows``) wraps around: a brief comes
   back after 50,000 others, minutes after the result cache (30 s) dropped it, and long
   after the workers' query-embedding caches (1,024 texts) did.
   ``--briefs 200`` is the *repeated* scenario (a brief comes back every 200 requests; the
   result cache answers repeats for 22.5-30 s after their ranking). The report states the distinct
   briefs sent and the hit rates of the result and query-embedding caches. Requests go as
   fast as answers come (closed loop), for
   ``--warmup`` then ``--duration`` seconds (bounded: the loop stops at the deadline), or
   ``--windows`` measured windows of ``--duration`` back to back on the same server, the
   brief sequence continuing (load generators: :mod:`benchmarks._api_load`).
   Latency is measured client-side per request; any non-200 counts as an error.

Prints throughput, p50 / p90 / p99 / max latency, the error count and the server's CPU per
request (the API process and the ranking workers apart, over the measured window only), and
whether p99 meets the target (150 ms); with several windows, one line each and the medians.
The exit status is 0 when every window met the target without an error.

**Reading the figures on a shared machine.** With 32 clients in a closed loop, the latency is
about 32 / throughput plus a tail, and the throughput is the cores' speed over the CPU a
request costs. The windows do the same kind of work, so the ranking workers' CPU per request
measures how fast the host ran: on this project's 2-core machine it moved between ~5 and
~7.5 ms from minute to minute (2026-11-24), and the p99 with it (api/README.md). Compare variants in one run
or alternating runs, never against a figure from another hour.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from benchmarks._api_load import HttpxLoad, LoadGenerator, LoadResult, WrkLoad

DIM = 384
TARGET_P99_MS = 150.0
ADMIN_KEY_ENV = "TALENTMATCH_BOOTSTRAP_ADMIN_KEY"
STATS_FILE = "bench-api-stats.json"

#: (title, must-have skills, nice-to-have skills) that briefs are drawn from.
ROLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Python backend developer", ("Python",), ("Django", "PostgreSQL")),
    ("Data engineer", ("Python", "SQL"), ("Airflow", "Spark")),
    ("React frontend developer", ("React",), ("TypeScript", "CSS")),
    ("DevOps engineer", ("Kubernetes",), ("Terraform", "AWS")),
    ("Java developer", ("Java",), ("Spring", "Kafka")),
    ("UX designer", ("Figma",), ("User research",)),
    ("Data scientist", ("Python",), ("Machine learning", "pandas")),
    ("SEO consultant", ("SEO",), ("Google Analytics",)),
    ("Financial controller", ("Controlling",), ("SAP", "Excel")),
    ("Mobile developer", ("Swift",), ("iOS", "Kotlin")),
    ("Product manager", (), ("Agile", "Scrum")),
    ("Graphic designer", ("Adobe Photoshop",), ("Illustrator",)),
)
COUNTRIES = ("DE", "FR", "ES", "GB", "NL", None)


EXTRA_SKILLS = ("Docker", "Git", "REST", "GraphQL", "Azure", "GCP", "Linux", "Jira", "Tableau",
                "Power BI", "Node.js", "Vue.js", "Angular", "Go", "Rust", "C#", ".NET", "PHP",
                "Marketing", "Copywriting")
LEVELS = ("Junior", "Senior", "Lead", "Freelance", "Experienced", "")
PROJECTS = ("migration", "new platform", "audit", "MVP", "redesign", "scale-up", "integration",
            "maintenance", "launch", "rebuild")


def make_briefs(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` varied, seeded briefs: a role with a level prefix, some of the role's
    nice-to-have skills, up to two extra skills, sector, project kind and length, optional
    country, budget, language."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        role, must, nice = ROLES[i % len(ROLES)]
        title = f"{rng.choice(LEVELS)} {role}".strip()
        sector = rng.choice(["fintech", "retail", "media", "health", "logistics", "energy",
                             "public sector", "education"])
        project = rng.choice(PROJECTS)
        extra = rng.sample(EXTRA_SKILLS, rng.randint(0, 2))
        nice_skills = [s for s in nice if rng.random() < 0.7] + extra
        brief: dict[str, Any] = {"title": title,
                                 "description": f"{title} for a {sector} {project}, "
                                                f"{rng.randint(2, 12)} months",
                                 "must_have_skills": list(must),
                                 "nice_to_have_skills": nice_skills}
        country = rng.choice(COUNTRIES)
        if country:
            brief["location"] = {"country": country, "remote": rng.choice(["remote", "hybrid"])}
        if rng.random() < 0.5:
            brief["max_daily_rate"] = rng.choice([400, 600, 800])
        if rng.random() < 0.3:
            brief["languages"] = [{"code": "en", "min_level": "professional"}]
        out.append(brief)
    return out


# ---------------------------------------------------------------------------- data


def prepare_index(data_dir: Path, n: int) -> None:
    """Generate and index ``n`` profiles into ``data_dir`` unless it already holds them."""
    from indexer.backends import open_backend
    from indexer.embedding.hashing import HashingEmbedder
    from indexer.errors import TalentmatchError
    from indexer.generate import DEFAULT_AS_OF, generate_profiles
    from indexer.pipeline import Indexer
    from indexer.settings import IndexerSettings

    marker = data_dir / f".bench-api-{n}-hashing{DIM}"
    if marker.exists():
        try:
            backend = open_backend(IndexerSettings(data_dir=data_dir), DIM)
            try:
                reusable = backend.count() == n
            finally:
                backend.close()
        except TalentmatchError as exc:  # e.g. written by an older index format
            print(f"cannot reuse {data_dir}: {exc}", file=sys.stderr)
            reusable = False
        if reusable:
            print(f"reusing the index in {data_dir}", file=sys.stderr)
            return
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    settings = IndexerSettings(data_dir=data_dir)
    backend = open_backend(settings, DIM)
    t0 = time.perf_counter()
    try:
        with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
            summary = ix.index_profiles(generate_profiles(n, seed=0), as_of=DEFAULT_AS_OF,
                                        progress=True)
        if backend.count() != n:
            raise RuntimeError(f"indexed {backend.count()} profiles, expected {n}")
    finally:
        backend.close()
    print(f"indexed {summary.added} profiles in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    marker.touch()


# ---------------------------------------------------------------------------- server


def serve(data_dir: Path, port: int, fixed_clock: bool, search_workers: int | None) -> None:
    """Run the API (hashing embedder) until terminated. The clock is the system clock, so
    every search has its own ``as_of`` as in production; ``fixed_clock`` pins it to the
    data's as_of instead (identical filters repeat, so backend filter caches hit)."""
    import uvicorn

    from api.app import create_app
    from api.clock import ManualClock, SystemClock
    from api.search_stack import stack_factory
    from api.settings import ApiSettings
    from indexer.embedding.hashing import HashingEmbedder
    from indexer.generate import DEFAULT_AS_OF
    from indexer.settings import IndexerSettings

    settings = ApiSettings(indexer=IndexerSettings(data_dir=data_dir), search_workers=search_workers)
    app = create_app(settings, search_factory=stack_factory(HashingEmbedder(DIM)),
                     clock=ManualClock(DEFAULT_AS_OF) if fixed_clock else SystemClock(),
                     serving=True)  # as talentmatch serve
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    ctx = getattr(app.state, "ctx", None)
    if ctx is not None:  # the caches' counters, for the report (read by the parent)
        rc = ctx.search.ranker.result_cache
        (data_dir / STATS_FILE).write_text(json.dumps({
            "search_workers": settings.resolved_search_workers(serving=True),
            "pinned": settings.pin_search_workers,
            "nice": settings.search_worker_nice,
            "result_cache_hits": rc.hits, "result_cache_misses": rc.misses,
            "query_cache_hits": ctx.search.ranker.query_cache.hits,
            "query_cache_misses": ctx.search.ranker.query_cache.misses}))


def _workers_line(stats: dict[str, Any] | None) -> str:
    """The report's count of ranking workers, and whether they were pinned."""
    if not stats:
        return "n/a"
    n = stats["search_workers"]
    if not n:
        return "0"
    return (f"{n}, " + ("each pinned to its CPUs" if stats.get("pinned") else "not pinned")
            + f", nice +{stats.get('nice', 0)}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path, admin_key: str, fixed_clock: bool,
                 search_workers: int | None) -> tuple[subprocess.Popen[bytes], str]:
    for name in ("workflow.sqlite3", "workflow.sqlite3-wal", "workflow.sqlite3-shm"):
        (data_dir / name).unlink(missing_ok=True)
    port = _free_port()
    env = {**os.environ, ADMIN_KEY_ENV: admin_key, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_api", "--serve", str(port),
         "--data-dir", str(data_dir), *(["--fixed-clock"] if fixed_clock else []),
         *([] if search_workers is None else ["--search-workers", str(search_workers)])],
        env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the API process exited while starting")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the API did not start within 300 s")


def client_key(base: str, admin_key: str) -> str:
    h = {"Authorization": f"Bearer {admin_key}"}
    cid = httpx.post(f"{base}/clients", json={"name": "Bench Corp"}, headers=h).json()["id"]
    r = httpx.post(f"{base}/keys", json={"name": "bench", "role": "client", "subject_id": cid},
                   headers=h)
    r.raise_for_status()
    return str(r.json()["key"])


# ---------------------------------------------------------------------------- measure


@dataclass(frozen=True)
class ServerCpu:
    """CPU seconds (user + system) of the API process and of its children, the ranking
    workers (Linux ``/proc``)."""

    api_s: float
    ranking_s: float

    @classmethod
    def of(cls, pid: int) -> ServerCpu:
        children: list[int] = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                children += [int(c) for c in (task / "children").read_text().split()]
        return cls(_cpu_s(pid), sum(_cpu_s(c) for c in children))

    def __sub__(self, other: ServerCpu) -> ServerCpu:
        return ServerCpu(self.api_s - other.api_s, self.ranking_s - other.ranking_s)


def _cpu_s(pid: int) -> float:
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


@dataclass(frozen=True)
class Window:
    """One measured window of a run: when it started, its load result, and the server's CPU
    over it (workers that were replaced during the window are not counted)."""

    started: float  # time.time()
    seconds: float
    load: LoadResult
    cpu: ServerCpu

    @property
    def throughput(self) -> float:
        return self.load.ok / self.seconds

    @property
    def met(self) -> bool:
        return self.load.errors == 0 and self.load.p99 <= TARGET_P99_MS

    def cpu_ms(self) -> tuple[float, float]:
        """(API process, ranking workers) CPU milliseconds per answered request."""
        n = max(self.load.ok, 1)
        return self.cpu.api_s / n * 1000, self.cpu.ranking_s / n * 1000


def measure(gen: LoadGenerator, server_pid: int, *, warmup: float, duration: float,
            windows: int) -> list[Window]:
    """A warm-up, then ``windows`` measured windows back to back, the server's CPU sampled
    around each."""
    if warmup > 0:
        gen.run(warmup)
    out = []
    for _ in range(windows):
        cpu0, t0 = ServerCpu.of(server_pid), time.time()
        res = gen.run(duration)
        out.append(Window(t0, duration, res, ServerCpu.of(server_pid) - cpu0))
    return out


# ---------------------------------------------------------------------------- report


def report(windows: list[Window], gen: LoadGenerator, args: argparse.Namespace,
           workload: int, stats: dict[str, Any] | None = None) -> bool:
    """Print the run's setting and figures (``workload``: distinct briefs cycled through);
    True if every window met the target without an error."""
    rows = [
        ("profiles indexed", f"{args.profiles:,}"),
        ("embedder", f"hashing, {DIM} dimensions"),
        ("backend", "embedded"),
        ("clock", "fixed at the data's as_of" if args.fixed_clock else "system (as_of = now)"),
        ("load", f"closed loop, {args.clients} concurrent clients" if args.rate is None
         else f"open loop, {args.rate:g} req/s arrivals, at most {args.clients} in flight"),
        ("load generator", gen.name),
        ("measured", f"{len(windows)} x {args.duration:.0f} s (after {args.warmup:.0f} s "
                     "warm-up)" if len(windows) > 1 else
                     f"{args.duration:.0f} s (after {args.warmup:.0f} s warm-up)"),
        ("briefs", f"{workload:,} in the workload; {min(gen.sent, workload):,} "
                   f"distinct among {gen.sent:,} requests sent (warm-up included)"),
        ("ranking worker processes", _workers_line(stats)),
        ("result cache hit rate", _rate(stats, "result_cache") if stats else "n/a"),
        ("query-embedding cache hit rate",
         "n/a (in the workers)" if stats and stats["search_workers"] else
         _rate(stats, "query_cache") if stats else "n/a"),
    ]
    if len(windows) == 1:
        w = windows[0]
        api_ms, ranking_ms = w.cpu_ms()
        rows += [
            ("requests ok", f"{w.load.ok:,}"),
            ("errors", str(w.load.errors)),
            ("throughput", f"{w.throughput:,.1f} req/s"),
            ("latency p50", f"{w.load.p50:.1f} ms"),
            ("latency p90", f"{w.load.p90:.1f} ms"),
            ("latency p99", f"{w.load.p99:.1f} ms"),
            ("latency max", f"{w.load.max:.1f} ms"),
            ("server CPU per request", f"{api_ms + ranking_ms:.1f} ms (API process "
                                       f"{api_ms:.2f}, ranking workers {ranking_ms:.2f})"),
        ]
    rows.append(("machine load average", " / ".join(f"{x:.1f}" for x in os.getloadavg())))
    met = sum(w.met for w in windows)
    if len(windows) == 1:
        rows.append(("target p99 <= 150 ms", "met" if met else "NOT met"))
    width = max(len(k) for k, _ in rows)
    print("\nPOST /search load test (loopback)")
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")
    if len(windows) > 1:
        _window_table(windows)
        print(f"  {'target p99 <= 150 ms':<{width}}  met in {met} of {len(windows)} windows")
    for w in windows:
        for s in w.load.error_samples:
            print(f"  error sample: {s}")
    return met == len(windows)


def _window_table(windows: list[Window]) -> None:
    """The windows side by side, then the median of each column. CPU per request is that of
    the same kind of work in every window: where it is higher, the host ran slower."""
    print("\n  window  start (UTC)  req/s    p50 ms   p90 ms   p99 ms   max ms  errors  "
          "CPU ms/request: API + ranking  target")
    cols: list[list[float]] = []
    for i, w in enumerate(windows, 1):
        api_ms, ranking_ms = w.cpu_ms()
        vals = [w.throughput, w.load.p50, w.load.p90, w.load.p99, w.load.max, w.load.errors,
                api_ms, ranking_ms]
        cols.append(vals)
        start = time.strftime("%H:%M:%S", time.gmtime(w.started))
        print(f"  {i:>6}  {start:>11}  {_row(vals)}  {'met' if w.met else 'NOT met'}")
    med = [float(np.median(c)) for c in zip(*cols, strict=True)]
    print(f"  {'median':>6}  {'':>11}  {_row(med)}\n")


def _row(v: list[float]) -> str:
    return (f"{v[0]:5.1f}  {v[1]:7.1f}  {v[2]:7.1f}  {v[3]:7.1f}  {v[4]:7.1f}  {v[5]:6.0f}  "
            f"{v[6]:13.2f} + {v[7]:.2f}    ")


def _distinct(briefs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``briefs`` without content duplicates (first occurrence kept, order kept)."""
    return list({json.dumps(b, sort_keys=True): b for b in briefs}.values())


def _rate(stats: dict[str, int], name: str) -> str:
    hits, misses = stats.get(f"{name}_hits", 0), stats.get(f"{name}_misses", 0)
    return f"{hits / max(1, hits + misses):.1%} ({hits:,} of {hits + misses:,} lookups)"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--profiles", type=int, default=100_000)
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--duration", type=float, default=60.0,
                   help="Seconds of each measured window (default 60).")
    p.add_argument("--warmup", type=float, default=5.0)
    p.add_argument("--windows", type=int, default=1,
                   help="Measured windows back to back on one server, reported side by side "
                        "with their median (the host's speed drifts: compare in one run).")
    p.add_argument("--briefs", type=int, default=50_000,
                   help="Distinct briefs cycled through (default: more than a 60-s run sends).")
    p.add_argument("--rate", type=float, default=None,
                   help="Second scenario: fixed arrival rate (req/s) instead of the closed loop "
                        "(the headline); latency from the scheduled send time.")
    p.add_argument("--client", choices=("wrk", "httpx"), default=None,
                   help="Load generator of the closed loop: wrk (default when installed; C, "
                        "light) or httpx (asyncio in this process). --rate always uses httpx.")
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--fixed-clock", action="store_true",
                   help="Pin 'now' to the data's as_of (repeated filters; optimistic).")
    p.add_argument("--search-workers", type=int, default=None,
                   help="Ranking worker processes of the server (TALENTMATCH_SEARCH_WORKERS; "
                        "default: as under talentmatch serve, one per core).")
    p.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"talentmatch-bench-api-{args.profiles}"
    if args.serve is not None:
        serve(data_dir, args.serve, args.fixed_clock, args.search_workers)
        return 0
    if not (1 <= args.clients <= 256 and 1 <= args.duration <= 600 and args.profiles >= 1):
        p.error("clients 1-256, duration 1-600 s, profiles >= 1")
    if not 1 <= args.windows <= 100:
        p.error("--windows must be in 1-100")
    if args.warmup < 0:
        p.error("--warmup must not be negative")
    if args.search_workers is not None and not 0 <= args.search_workers <= 64:
        p.error("--search-workers must be in 0-64 (TALENTMATCH_SEARCH_WORKERS' range)")
    if args.rate is not None and not 0 < args.rate <= 10_000:
        p.error("rate must be in (0, 10000] requests per second")
    use_wrk = args.rate is None and (args.client == "wrk" or (
        args.client is None and shutil.which("wrk") is not None))
    if args.client == "wrk" and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk; scripts/bench.sh api "
                         "installs it)")
    prepare_index(data_dir, args.profiles)
    admin_key = "bench-admin-" + os.urandom(16).hex()
    (data_dir / STATS_FILE).unlink(missing_ok=True)
    proc, base = start_server(data_dir, admin_key, args.fixed_clock, args.search_workers)
    try:
        key = client_key(base, admin_key)
        workload = _distinct(make_briefs(args.briefs))
        gen: LoadGenerator = (
            WrkLoad(base, key, clients=args.clients, briefs=workload, workdir=data_dir)
            if use_wrk else
            HttpxLoad(base, key, clients=args.clients, briefs=workload, rate=args.rate))
        windows = measure(gen, proc.pid, warmup=args.warmup, duration=args.duration,
                          windows=args.windows)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    stats_path = data_dir / STATS_FILE
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else None
    return 0 if report(windows, gen, args, len(workload), stats) else 1


if __name__ == "__main__":
    sys.exit(main())
