"""Bulk writes in batches, with retries and exponential backoff.

A batch is retried as a whole on connection errors, timeouts, HTTP 429 and 5xx; within a
successful response, items rejected with 429 (queue full) are retried alone, other rejected
items are collected and reported together as :class:`BulkWriteError`. Documents are written
under their profile id, so a retried or re-run write replaces instead of duplicating.

Backoff before retry ``n`` (0-based): ``min(max_delay, base_delay * 2**n)`` seconds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy import exceptions as osx

from indexer.backends.opensearch.client import error_reason, translate_errors, unavailable
from indexer.errors import BackendError, BulkWriteError

#: One bulk operation: (action, id, source or None for deletes).
Operation = tuple[str, str, dict[str, Any] | None]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry a failing bulk request."""

    max_retries: int = 5
    base_delay_s: float = 0.5
    max_delay_s: float = 8.0

    def delay(self, attempt: int) -> float:
        return min(self.max_delay_s, self.base_delay_s * (2**attempt))


def _retryable_status(status: object) -> bool:
    return isinstance(status, int) and (status == 429 or status >= 500)


@dataclass
class BulkOutcome:
    """What a bulk run did: results per id (``created``/``updated``/``deleted``/``not_found``)."""

    results: dict[str, str]


class BulkWriter:
    """Sends operations in batches of ``batch_size`` to ``index``."""

    def __init__(
        self,
        client: OpenSearch,
        url: str,
        index: str,
        *,
        batch_size: int = 500,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._url = url
        self._index = index
        self._batch_size = batch_size
        self._retry = retry or RetryPolicy()
        self._sleep = sleep

    def run(self, ops: Iterable[Operation]) -> BulkOutcome:
        """Apply every operation; raise :class:`BulkWriteError` naming every rejected id after
        all batches ran, or :class:`BackendUnavailableError` when the cluster stays away.

        Batches are sent by one background thread, in order, while the caller's iterator
        prepares the next batch (document building and OpenSearch indexing overlap); at most
        one batch is in flight.
        """
        results: dict[str, str] = {}
        failures: dict[str, str] = {}
        batch: list[Operation] = []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tm-bulk") as sender:
            in_flight: Future[None] | None = None
            for op in ops:
                batch.append(op)
                if len(batch) >= self._batch_size:
                    if in_flight is not None:
                        in_flight.result()
                    in_flight = sender.submit(self._send, batch, results, failures)
                    batch = []
            if in_flight is not None:
                in_flight.result()
            if batch:
                self._send(batch, results, failures)
        if failures:
            raise BulkWriteError(failures)
        return BulkOutcome(results)

    def _body(self, batch: Sequence[Operation]) -> str:
        lines: list[str] = []
        for action, doc_id, source in batch:
            lines.append(json.dumps({action: {"_index": self._index, "_id": doc_id}}))
            if source is not None:
                lines.append(json.dumps(source, separators=(",", ":")))
        return "\n".join(lines) + "\n"

    def _send(self, batch: list[Operation], results: dict[str, str], failures: dict[str, str]) -> None:
        done = len(results)
        pending = batch
        attempt = 0
        while pending:
            try:
                with translate_errors(self._url, f"bulk-write to index '{self._index}'"):
                    response = self._post(pending)
            except _Retry as r:
                if attempt >= self._retry.max_retries:
                    raise r.final(self._url, done, attempt) from r.cause
                self._sleep(self._retry.delay(attempt))
                attempt += 1
                continue
            retry_ops: list[Operation] = []
            for op, item in zip(pending, response["items"], strict=True):
                (_, outcome), = item.items()
                status = outcome.get("status", 0)
                if 200 <= status < 300 or (op[0] == "delete" and status == 404):
                    results[op[1]] = str(outcome.get("result", "ok"))
                elif status == 429 and attempt < self._retry.max_retries:
                    retry_ops.append(op)
                else:
                    err = outcome.get("error") or {}
                    reason = err.get("reason", "") if isinstance(err, dict) else str(err)
                    kind = err.get("type", "") if isinstance(err, dict) else ""
                    failures[op[1]] = f"{kind}: {reason}" if kind else (reason or f"HTTP {status}")
            if retry_ops:
                self._sleep(self._retry.delay(attempt))
                attempt += 1
            pending = retry_ops

    def _post(self, batch: Sequence[Operation]) -> dict[str, Any]:
        try:
            return self._client.bulk(body=self._body(batch))
        except (osx.ConnectionError, osx.ConnectionTimeout) as exc:
            raise _Retry(exc, f"{type(exc).__name__}") from exc
        except osx.TransportError as exc:
            if _retryable_status(exc.status_code):
                raise _Retry(exc, f"HTTP {exc.status_code}: {error_reason(exc)}") from exc
            raise


def call_with_retries(
    fn: Callable[[], Any], url: str, what: str, retry: RetryPolicy, sleep: Callable[[float], None] = time.sleep
) -> Any:
    """Run one idempotent request (e.g. a refresh after a bulk write) with the same retries
    and backoff as bulk requests: connection errors, timeouts, HTTP 429 and 5xx."""
    attempt = 0
    while True:
        try:
            with translate_errors(url, what):
                try:
                    return fn()
                except (osx.ConnectionError, osx.ConnectionTimeout) as exc:
                    raise _Retry(exc, type(exc).__name__) from exc
                except osx.TransportError as exc:
                    if _retryable_status(exc.status_code):
                        raise _Retry(exc, f"HTTP {exc.status_code}: {error_reason(exc)}") from exc
                    raise
        except _Retry as r:
            if attempt >= retry.max_retries:
                if isinstance(r.cause, osx.ConnectionError | osx.ConnectionTimeout):
                    raise unavailable(url, f"{what} failed after {attempt} retries ({r.detail})") from r.cause
                raise BackendError(f"OpenSearch failed to {what} after {attempt} retries ({r.detail})") from r.cause
            sleep(retry.delay(attempt))
            attempt += 1


class _Retry(Exception):
    """A transient failure of a whole bulk request (raised out of ``translate_errors``)."""

    def __init__(self, cause: Exception, detail: str) -> None:
        super().__init__(detail)
        self.cause = cause
        self.detail = detail

    def final(self, url: str, done: int, attempts: int) -> BackendError:
        what = f"{done} document(s) of this call were written before; re-run to resume"
        if isinstance(self.cause, osx.ConnectionError | osx.ConnectionTimeout):
            return unavailable(url, f"bulk write failed after {attempts} retries ({self.detail}); {what}")
        return BackendError(f"OpenSearch bulk write failed after {attempts} retries ({self.detail}); {what}")
