"""Load test of the curation API's self-service search on loopback.

    python -m benchmarks.bench_api                       # 100k profiles, 32 clients, 60 s
    python -m benchmarks.bench_api --profiles 20000 --duration 20 --clients 16
    python -m benchmarks.bench_api --rate 40     # second scenario: 40 req/s fixed arrivals

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
   brief n mod the workload). The default, 20,000, is more than a run sends: every request
   is a new brief, the *cold* figure (caches gain from overlapping candidates only).
   ``--briefs 200`` is the *repeated* scenario (a brief comes back every 200 requests; the
   result cache answers repeats for 22.5-30 s after their ranking). The report states the distinct
   briefs sent and the hit rates of the result and query-embedding caches. Requests go as
   fast as answers come (closed loop), for
   ``--warmup`` then ``--duration`` seconds (bounded: the loop stops at the deadline).
   Latency is measured client-side per request; any non-200 counts as an error.

Prints throughput, p50 / p90 / p99 / max latency and the error count side by side, and
whether p99 meets the target (150 ms).
"""

from __future__ import annotations

import argparse
import asyncio
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np

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
    return f"{n}, " + ("each pinned to its CPUs" if stats.get("pinned") else "not pinned")


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


# ---------------------------------------------------------------------------- load


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    sent: int = 0  # warm-up included
    distinct: set[int] = field(default_factory=set)  # brief indexes sent
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)


async def _worker(client: httpx.AsyncClient, briefs: list[dict[str, Any]],
                  stop_at: float, measure_from: float, tally: Tally) -> None:
    while True:
        now = time.perf_counter()
        if now >= stop_at:
            return
        # one shared sequence: the n-th request overall sends brief n (mod the workload), so
        # no brief repeats before all were sent
        i = tally.sent
        body = {"brief": briefs[i % len(briefs)], "limit": 20}
        tally.sent += 1
        tally.distinct.add(i % len(briefs))
        t0 = time.perf_counter()
        try:
            r = await client.post("/search", json=body)
            ok = r.status_code == 200
            detail = f"{r.status_code} {r.text[:200]}"
        except httpx.HTTPError as exc:
            ok, detail = False, repr(exc)
        t1 = time.perf_counter()
        if t0 < measure_from:
            continue
        if ok:
            tally.latencies_ms.append((t1 - t0) * 1000)
        else:
            tally.errors += 1
            if len(tally.error_samples) < 5:
                tally.error_samples.append(detail)


async def _open_loop(client: httpx.AsyncClient, briefs: list[dict[str, Any]], rate: float,
                     clients: int, stop_at: float, measure_from: float, tally: Tally) -> None:
    """Requests at a fixed arrival rate (one every ``1/rate`` s), at most ``clients`` in
    flight. Latency counts from the *scheduled* send time, so a server that falls behind is
    charged for the wait (no coordinated omission)."""
    sem = asyncio.Semaphore(clients)
    tasks: list[asyncio.Task[None]] = []

    async def one(i: int, scheduled: float) -> None:
        async with sem:
            body = {"brief": briefs[i % len(briefs)], "limit": 20}
            tally.sent += 1
            tally.distinct.add(i % len(briefs))
            try:
                r = await client.post("/search", json=body)
                ok, detail = r.status_code == 200, f"{r.status_code} {r.text[:200]}"
            except httpx.HTTPError as exc:
                ok, detail = False, repr(exc)
        t1 = time.perf_counter()
        if scheduled < measure_from:
            return
        if ok:
            tally.latencies_ms.append((t1 - scheduled) * 1000)
        else:
            tally.errors += 1
            if len(tally.error_samples) < 5:
                tally.error_samples.append(detail)

    start = time.perf_counter()
    i = 0
    while True:
        scheduled = start + i / rate
        if scheduled >= stop_at:
            break
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, scheduled)))
        i += 1
    await asyncio.gather(*tasks)


async def load(base: str, key: str, *, clients: int, duration: float, warmup: float,
               briefs: list[dict[str, Any]], rate: float | None = None) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {key}"},
                                 limits=limits, timeout=30) as client:
        t_start = time.perf_counter()
        measure_from = t_start + warmup
        stop_at = measure_from + duration
        if rate is not None:
            await _open_loop(client, briefs, rate, clients, stop_at, measure_from, tally)
        else:
            await asyncio.gather(*(
                _worker(client, briefs, stop_at, measure_from, tally)
                for _ in range(clients)))
    return tally, duration


@dataclass
class LoadResult:
    """What a load run measured, whichever client made the load."""

    client: str
    ok: int
    errors: int
    p50: float
    p90: float
    p99: float
    max: float
    sent: int
    distinct: int
    error_samples: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, tally: Tally) -> LoadResult:
        lat = np.array(tally.latencies_ms) if tally.latencies_ms else np.array([float("nan")])
        p50, p90, p99 = np.percentile(lat, [50, 90, 99])
        return cls("httpx (asyncio, in the benchmark process)", len(tally.latencies_ms),
                   tally.errors, float(p50), float(p90), float(p99), float(lat.max()),
                   tally.sent, len(tally.distinct), tally.error_samples)


WRK_SCRIPT = Path(__file__).parent / "wrk" / "search.lua"


def run_wrk(base: str, key: str, *, clients: int, duration: float, warmup: float,
            briefs: list[dict[str, Any]], workdir: Path) -> LoadResult:
    """Closed-loop load by ``wrk`` (C, one thread, ``clients`` keep-alive connections): a
    load generator far lighter than Python's, so more of the 2 cores serve requests. The
    warm-up run's requests are not measured; the measured run continues the brief sequence."""
    bodies = workdir / "bench-api-bodies.jsonl"
    bodies.write_text("".join(json.dumps({"brief": b, "limit": 20}) + "\n" for b in briefs))

    def one(seconds: float, offset: int) -> dict[str, int]:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
             "-s", str(WRK_SCRIPT), base, "--", str(bodies), str(offset), key],
            capture_output=True, text=True, check=True).stdout
        line = next(x for x in reversed(out.splitlines()) if x.startswith("{"))
        return dict(json.loads(line))

    warm = one(warmup, 0) if warmup > 0 else {"requests": 0}
    r = one(duration, warm["requests"])
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    sent = warm["requests"] + r["requests"]
    return LoadResult("wrk (C, separate process, 1 thread)", r["requests"] - r["status"],
                      errors, r["p50_us"] / 1000, r["p90_us"] / 1000, r["p99_us"] / 1000,
                      r["max_us"] / 1000, sent, min(sent, len(briefs)),
                      [f"wrk errors: {json.dumps({k: r[k] for k in ('connect', 'read', 'write', 'status', 'timeout')})}"]
                      if errors else [])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its live children (the API's ranking
    workers) (Linux ``/proc``)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            children += [int(c) for c in (task / "children").read_text().split()]
    total = 0.0
    for p in (pid, *children):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def report(res: LoadResult, elapsed: float, args: argparse.Namespace,
           server_cpu_s: float | None = None, stats: dict[str, int] | None = None) -> bool:
    n = res.ok
    ok = res.errors == 0 and res.p99 <= TARGET_P99_MS
    rows = [
        ("profiles indexed", f"{args.profiles:,}"),
        ("embedder", f"hashing, {DIM} dimensions"),
        ("backend", "embedded"),
        ("clock", "fixed at the data's as_of" if args.fixed_clock else "system (as_of = now)"),
        ("load", f"closed loop, {args.clients} concurrent clients" if args.rate is None
         else f"open loop, {args.rate:g} req/s arrivals, at most {args.clients} in flight"),
        ("load generator", res.client),
        ("measured duration", f"{elapsed:.0f} s (after {args.warmup:.0f} s warm-up)"),
        ("briefs", f"{args.briefs:,} in the workload; {res.distinct:,} distinct among "
                   f"{res.sent:,} requests sent (warm-up included)"),
        ("ranking worker processes", _workers_line(stats)),
        ("result cache hit rate", _rate(stats, "result_cache") if stats else "n/a"),
        ("query-embedding cache hit rate",
         "n/a (in the workers)" if stats and stats["search_workers"] else
         _rate(stats, "query_cache") if stats else "n/a"),
        ("requests ok", f"{n:,}"),
        ("errors", str(res.errors)),
        ("throughput", f"{n / elapsed:,.1f} req/s"),
        ("latency p50", f"{res.p50:.1f} ms"),
        ("latency p90", f"{res.p90:.1f} ms"),
        ("latency p99", f"{res.p99:.1f} ms"),
        ("latency max", f"{res.max:.1f} ms"),
        ("server CPU per request", f"{server_cpu_s / max(n, 1) * 1000:.1f} ms"
         if server_cpu_s is not None else "n/a"),
        ("machine load average", " / ".join(f"{x:.1f}" for x in os.getloadavg())),
        ("target p99 <= 150 ms", "met" if res.p99 <= TARGET_P99_MS else "NOT met"),
    ]
    width = max(len(k) for k, _ in rows)
    print("\nPOST /search load test (loopback)")
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")
    for s in res.error_samples:
        print(f"  error sample: {s}")
    return ok


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
    p.add_argument("--duration", type=float, default=60.0)
    p.add_argument("--warmup", type=float, default=5.0)
    p.add_argument("--briefs", type=int, default=20_000,
                   help="Distinct briefs cycled through (default: more than a run sends).")
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
    if args.search_workers is not None and not 0 <= args.search_workers <= 64:
        p.error("--search-workers must be in 0-64 (TALENTMATCH_SEARCH_WORKERS' range)")
    if args.rate is not None and not 0 < args.rate <= 10_000:
        p.error("rate must be in (0, 10000] requests per second")
    prepare_index(data_dir, args.profiles)
    admin_key = "bench-admin-" + os.urandom(16).hex()
    (data_dir / STATS_FILE).unlink(missing_ok=True)
    proc, base = start_server(data_dir, admin_key, args.fixed_clock, args.search_workers)
    try:
        key = client_key(base, admin_key)
        cpu0 = cpu_seconds(proc.pid)
        workload = _distinct(make_briefs(args.briefs))
        use_wrk = args.rate is None and (args.client == "wrk" or (
            args.client is None and shutil.which("wrk") is not None))
        if args.client == "wrk" and shutil.which("wrk") is None:
            raise SystemExit("wrk is not installed (apt-get install wrk; scripts/bench.sh api "
                             "installs it)")
        if use_wrk:
            elapsed = args.duration
            result = run_wrk(base, key, clients=args.clients, duration=args.duration,
                             warmup=args.warmup, briefs=workload, workdir=data_dir)
        else:
            tally, elapsed = asyncio.run(load(base, key, clients=args.clients,
                                              duration=args.duration, warmup=args.warmup,
                                              briefs=workload, rate=args.rate))
            result = LoadResult.of(tally)
        # Includes the warm-up's requests: an upper bound of the CPU one request costs.
        server_cpu = cpu_seconds(proc.pid) - cpu0
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    stats_path = data_dir / STATS_FILE
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else None
    return 0 if report(result, elapsed, args, server_cpu, stats) else 1


if __name__ == "__main__":
    sys.exit(main())
