"""The load generators of :mod:`benchmarks.bench_api`: ``wrk`` (C, a separate process) or
httpx (asyncio, in the benchmark's process), a closed loop of ``clients`` keep-alive
connections or a fixed arrival rate, run in stretches (a warm-up, then measured windows) that
continue one shared sequence of briefs: the n-th request of the whole run sends brief n
(mod the workload), so no brief repeats before every one was sent."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
import numpy as np

WRK_SCRIPT = Path(__file__).parent / "wrk" / "search.lua"
#: Error messages kept per window.
ERROR_SAMPLES = 5


@dataclass(frozen=True)
class LoadResult:
    """What one measured window saw, whichever client made the load (latencies in ms)."""

    ok: int
    errors: int
    p50: float
    p90: float
    p99: float
    max: float
    error_samples: tuple[str, ...] = ()


class LoadGenerator(Protocol):
    """Sends ``POST /search`` for ``seconds``; the stretches of one generator continue the
    brief sequence."""

    #: How the load is made, for the report.
    name: str
    #: Position in the brief sequence: requests sent so far (every stretch, warm-up
    #: included; for wrk, an upper bound).
    sent: int

    def run(self, seconds: float) -> LoadResult: ...


# ---------------------------------------------------------------------------- wrk


class WrkLoad:
    """Closed loop by ``wrk`` (C, one thread, ``clients`` keep-alive connections): far lighter
    than Python, so more of the 2 cores serve requests."""

    name = "wrk (C, separate process, 1 thread)"

    def __init__(self, base: str, key: str, *, clients: int, briefs: list[dict[str, Any]],
                 workdir: Path) -> None:
        self.base, self.key, self.clients = base, key, clients
        self.bodies = workdir / "bench-api-bodies.jsonl"
        self.bodies.write_text("".join(json.dumps({"brief": b, "limit": 20}) + "\n"
                                       for b in briefs))
        self.sent = 0

    def run(self, seconds: float) -> LoadResult:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{self.clients}", f"-d{max(1, round(seconds))}s",
             "--timeout", "30s", "-s", str(WRK_SCRIPT), self.base, "--", str(self.bodies),
             str(self.sent), self.key],
            capture_output=True, text=True, check=True).stdout
        r = json.loads(next(x for x in reversed(out.splitlines()) if x.startswith("{")))
        # wrk counts answered requests; up to one a connection was still in flight at the
        # end: the next stretch starts after those briefs, so none is sent twice
        self.sent += r["requests"] + self.clients
        counts = {k: r[k] for k in ("connect", "read", "write", "status", "timeout")}
        errors = sum(counts.values())
        return LoadResult(r["requests"] - r["status"], errors, r["p50_us"] / 1000,
                          r["p90_us"] / 1000, r["p99_us"] / 1000, r["max_us"] / 1000,
                          (f"wrk errors: {json.dumps(counts)}",) if errors else ())


# ---------------------------------------------------------------------------- httpx


@dataclass
class _Tally:
    latencies_ms: list[float] = field(default_factory=list)
    sent: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def record(self, ok: bool, latency_ms: float, detail: str) -> None:
        if ok:
            self.latencies_ms.append(latency_ms)
            return
        self.errors += 1
        if len(self.error_samples) < ERROR_SAMPLES:
            self.error_samples.append(detail)

    def result(self) -> LoadResult:
        lat = np.array(self.latencies_ms) if self.latencies_ms else np.array([float("nan")])
        p50, p90, p99 = np.percentile(lat, [50, 90, 99])
        return LoadResult(len(self.latencies_ms), self.errors, float(p50), float(p90),
                          float(p99), float(lat.max()), tuple(self.error_samples))


class HttpxLoad:
    """asyncio + httpx in this process: a closed loop of ``clients`` connections, or, with
    ``rate``, requests at a fixed arrival rate with at most ``clients`` in flight (latency
    counted from the *scheduled* send time: a server that falls behind is charged for the
    wait, no coordinated omission). Heavier than wrk: it takes more of the cores."""

    def __init__(self, base: str, key: str, *, clients: int, briefs: list[dict[str, Any]],
                 rate: float | None = None) -> None:
        self.base, self.key, self.clients, self.briefs, self.rate = base, key, clients, briefs, rate
        self.name = "httpx (asyncio, in the benchmark process)"
        self.sent = 0

    def run(self, seconds: float) -> LoadResult:
        tally = asyncio.run(self._run(seconds))
        self.sent += tally.sent
        return tally.result()

    async def _run(self, seconds: float) -> _Tally:
        tally = _Tally()
        limits = httpx.Limits(max_connections=self.clients,
                              max_keepalive_connections=self.clients)
        async with httpx.AsyncClient(base_url=self.base, limits=limits, timeout=30,
                                     headers={"Authorization": f"Bearer {self.key}"}) as client:
            stop_at = time.perf_counter() + seconds
            if self.rate is not None:
                await self._open_loop(client, stop_at, tally, self.rate)
            else:
                await asyncio.gather(*(self._closed_loop(client, stop_at, tally)
                                       for _ in range(self.clients)))
        return tally

    async def _post(self, client: httpx.AsyncClient, i: int) -> tuple[bool, str]:
        body = {"brief": self.briefs[i % len(self.briefs)], "limit": 20}
        try:
            r = await client.post("/search", json=body)
        except httpx.HTTPError as exc:
            return False, repr(exc)
        return r.status_code == 200, f"{r.status_code} {r.text[:200]}"

    async def _closed_loop(self, client: httpx.AsyncClient, stop_at: float,
                           tally: _Tally) -> None:
        while time.perf_counter() < stop_at:
            i = self.sent + tally.sent
            tally.sent += 1
            t0 = time.perf_counter()
            ok, detail = await self._post(client, i)
            tally.record(ok, (time.perf_counter() - t0) * 1000, detail)

    async def _open_loop(self, client: httpx.AsyncClient, stop_at: float, tally: _Tally,
                         rate: float) -> None:
        sem = asyncio.Semaphore(self.clients)
        tasks: list[asyncio.Task[None]] = []

        async def one(i: int, scheduled: float) -> None:
            async with sem:
                tally.sent += 1
                ok, detail = await self._post(client, i)
            tally.record(ok, (time.perf_counter() - scheduled) * 1000, detail)

        start = time.perf_counter()
        n = 0
        while (scheduled := start + n / rate) < stop_at:
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(self.sent + n, scheduled)))
            n += 1
        await asyncio.gather(*tasks)
