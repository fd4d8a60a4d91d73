"""The lexical columns of a batch, optionally computed in a helper process.

Analysing the profile texts (tokenizing, counting terms) is the largest single cost of an
upsert, and it needs nothing but the texts and their languages: cheap to send to another
process, unlike the profiles themselves (unpickling or re-validating a profile costs more
than encoding it). So a large batch's texts go to one helper process, which returns the
finished ``lex.*`` arrays while this process encodes the filter columns and the JSON.

The helper runs the same code (:func:`lexical_arrays` with its own
:class:`~indexer.backends.embedded.analyzer.CachedAnalyzer`, whose output depends on the text
alone), so the arrays are identical whichever process computes them: deterministic. It is a
plain ``python -m indexer.backends.embedded.lexical_helper`` child talking pickles over its
pipes (not ``multiprocessing``, whose children re-run the parent's main script), started in
the background by the first large batch, which is encoded here meanwhile. Any failure of the
helper (it died, it could not start, it reported an error) falls back to encoding here and
stops using it. Nothing is written before encoding has finished, so the helper has no part
in the write's atomicity.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from itertools import chain
from pathlib import Path

import numpy as np

import indexer
from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.segment import Arrays, concat, dict_encode
from indexer.profile.enums import TextLanguage

#: Codes of the text languages in the ``lex.lang`` column.
LANGUAGES: tuple[TextLanguage, ...] = tuple(TextLanguage)
LANG_CODE = {lang: i for i, lang in enumerate(LANGUAGES)}

#: Give up on the helper (and encode here) when it has not started answering after this long.
REPLY_TIMEOUT_S = 300.0

#: Batches smaller than this are analysed in this process (sending them costs more than it saves).
MIN_PARALLEL_ROWS = 500


def lexical_arrays(
    sources: Sequence[str], languages: Sequence[TextLanguage], analyzer: CachedAnalyzer
) -> Arrays:
    """Per row: the text language code, the analysed length and the (term, frequency) pairs
    in order of first occurrence (CSR group ``lex``, terms dictionary-encoded as
    :func:`~indexer.backends.embedded.segment.csr_encode` does) of ``sources`` (see
    :func:`indexer.text.lexical_source`)."""
    n = len(sources)
    lengths, counts, table = analyzer.term_id_counts(sources, languages)
    off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, counts), np.int64, n), out=off[1:])
    n_pairs = int(off[-1])
    ids = np.fromiter(chain.from_iterable(counts), np.int64, n_pairs)
    a: Arrays = {
        "lex.lang": np.array([LANG_CODE[lang] for lang in languages], dtype=np.int8).reshape(n),
        "lex.dl": np.array(lengths, dtype=np.int32).reshape(n),
        "lex.off": off,
    }
    a["lex.terms"], a["lex.terms.dict"] = _dict_encode_ids(ids, table)
    a["lex.tf"] = np.fromiter(chain.from_iterable(c.values() for c in counts), np.int32, n_pairs)
    return a


def _dict_encode_ids(ids: np.ndarray, table: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~indexer.backends.embedded.segment.dict_encode` of ``[table[i] for i in ids]``
    (the table's strings are distinct), computed on the ids: the batch's distinct terms
    from a presence table, sorted by string, and each id's rank among them gathered with
    numpy. Measured on the 20,000 benchmark profile texts in batches of 2,000 (84 terms a
    profile, process time, best of 3): ``dict_encode`` of the strings 4.2 µs a profile."""
    used = np.zeros(len(table), dtype=bool)
    used[ids] = True
    distinct = np.flatnonzero(used)
    names = [table[i] for i in distinct.tolist()]
    if not names:
        return np.zeros(0, np.int32), np.zeros(0, dtype="<U1")
    if any(name.endswith("\0") for name in names):  # numpy drops trailing NULs: its way
        return dict_encode([table[i] for i in ids.tolist()])
    order = sorted(range(len(names)), key=names.__getitem__)
    code = np.zeros(len(table), dtype=np.int32)
    code[distinct[order]] = np.arange(len(order), dtype=np.int32)
    return code[ids], np.array([names[i] for i in order], dtype=str)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class _Helper:
    """The helper process and its pipes (see :mod:`~indexer.backends.embedded.lexical_helper`)."""

    def __init__(self) -> None:
        root = str(Path(indexer.__file__).resolve().parents[1])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "indexer.backends.embedded.lexical_helper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.owner = os.getpid()  # a forked child must not talk over its parent's pipes
        self.ready = False
        self.outstanding = False  # a request whose reply was not read

    def poll_ready(self) -> bool:
        """Whether the helper has started (reads its greeting once it is there, never blocks)."""
        if not self.ready:
            stdout = self.proc.stdout
            if stdout is None or not select.select([stdout], [], [], 0)[0]:
                return False
            if pickle.load(stdout) != "ready":
                raise RuntimeError("the lexical helper sent an unexpected greeting")
            self.ready = True
        return True

    def send(self, sources: list[str], languages: list[TextLanguage]) -> None:
        if self.outstanding:  # the caller failed before reading the last reply
            self.receive()
        stdin = self.proc.stdin
        if stdin is None:  # pragma: no cover - always a pipe
            raise RuntimeError("no pipe to the lexical helper")
        pickle.dump(
            (sources, [LANG_CODE[lang] for lang in languages]),
            stdin,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        stdin.flush()
        self.outstanding = True

    def reply_ready(self) -> bool:
        """Whether the reply to the last request can be read without waiting."""
        stdout = self.proc.stdout
        return stdout is not None and bool(select.select([stdout], [], [], 0)[0])

    def receive(self) -> tuple[Arrays, float]:
        """The arrays of the last request, and the seconds the helper spent making them."""
        stdout = self.proc.stdout
        if stdout is None:  # pragma: no cover - always a pipe
            raise RuntimeError("no pipe from the lexical helper")
        if not select.select([stdout], [], [], REPLY_TIMEOUT_S)[0]:
            raise RuntimeError(f"the lexical helper did not answer within {REPLY_TIMEOUT_S} s")
        status, payload = pickle.load(stdout)
        self.outstanding = False
        if status != "ok":
            raise RuntimeError(f"the lexical helper failed: {payload}")
        arrays, seconds = payload
        return arrays, float(seconds)

    def stop(self) -> None:
        """Close its input (it exits) and wait for it; kill it if it does not, or at once if a
        reply is pending (it may be blocked writing it)."""
        if self.outstanding:
            self.proc.kill()
        with contextlib.suppress(OSError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def balanced_rows(n: int, other_s: float, here_per_row_s: float, helper_per_row_s: float) -> int:
    """How many of a batch's ``n`` rows to analyse here so that this process and the helper
    finish together, as estimated from the last batch.

    This process first does its other work (``other_s``: the filter columns, the JSON ...),
    then analyses ``x`` rows (``here_per_row_s`` each); the helper analyses the other ``n - x``
    (``helper_per_row_s`` each) from the start. Equal when
    ``other_s + x * here = (n - x) * helper``::

        x = (n * helper - other_s) / (here + helper)

    clamped to ``[0, n / 2]`` (the helper is there to take most of the work).
    """
    if n <= 0 or here_per_row_s <= 0 or helper_per_row_s <= 0:
        return 0
    x = (n * helper_per_row_s - other_s) / (here_per_row_s + helper_per_row_s)
    return int(min(max(x, 0.0), n / 2))


class LexicalEncoder:
    """Computes :func:`lexical_arrays` for batches, in one helper process when there are
    at least two CPUs and the batch has at least :data:`MIN_PARALLEL_ROWS` rows.

    When this process would otherwise wait for the helper, it analyses the first rows of
    the batch itself while the helper does the rest (:func:`balanced_rows`, from the times
    of the previous batch; the two parts are joined with
    :func:`~indexer.backends.embedded.segment.concat`, which gives the arrays of the whole
    batch analysed at once). The split changes when the work is done, never its result.
    ``local_rows`` fixes the number of rows analysed here instead (for tests)."""

    def __init__(
        self, analyzer: CachedAnalyzer, *, parallel: bool | None = None, local_rows: int | None = None
    ) -> None:
        self._analyzer = analyzer
        self._parallel = _cpus() >= 2 if parallel is None else parallel
        self._helper: _Helper | None = None
        self._fixed_local = local_rows
        self._local_share = 0.0  # of a batch analysed here (smoothed over the batches)
        self._here_per_row = 0.0  # seconds, measured here (0: not yet)

    @property
    def helper_ready(self) -> bool:
        """Whether the next large batch goes to the helper process."""
        try:
            return self._helper is not None and self._helper.poll_ready()
        except (OSError, EOFError, pickle.UnpicklingError, RuntimeError):
            self._give_up()
            return False

    def submit(self, sources: list[str], languages: list[TextLanguage]) -> Callable[[], Arrays]:
        """Start computing the arrays; the returned function waits for them."""

        def here() -> Arrays:
            return lexical_arrays(sources, languages, self._analyzer)

        if not self._parallel or len(sources) < MIN_PARALLEL_ROWS:
            return here
        if self._helper is not None and self._helper.owner != os.getpid():
            self._helper = None  # inherited through fork: the parent's; start our own
        if self._helper is None:
            self._start()
            return here  # this batch is encoded here while the helper starts
        if not self.helper_ready:
            return here
        helper = self._helper
        n = len(sources)
        k = self._fixed_local if self._fixed_local is not None else round(self._local_share * n)
        k = min(max(k, 0), n - 1)
        try:
            helper.send(sources[k:], languages[k:])
        except (OSError, EOFError, pickle.PickleError, RuntimeError):
            self._give_up()
            return here
        sent = time.perf_counter()

        def wait() -> Arrays:
            started = time.perf_counter()
            local = lexical_arrays(sources[:k], languages[:k], self._analyzer) if k else None
            done_here = time.perf_counter()
            try:
                early = helper.reply_ready()
                remote, helper_s = helper.receive()
            except (OSError, EOFError, pickle.PickleError, RuntimeError, ValueError, TypeError):
                self._give_up()  # the helper died or failed: encode here, stop using it
                return here()
            # waited for the reply: the helper's whole turn is known; else its own count
            helper_turn = helper_s if early else time.perf_counter() - sent
            self._rebalance(n, k, started - sent, done_here - started, helper_turn)
            return remote if local is None else concat([local, remote])

        return wait

    def _rebalance(self, n: int, k: int, other_s: float, here_s: float, helper_s: float) -> None:
        """Update the share of the next batches analysed here (see :func:`balanced_rows`):
        ``other_s`` this process's other work, ``here_s`` its ``k`` rows, ``helper_s`` the
        helper's turn on the other ``n - k``."""
        if k:
            self._here_per_row = here_s / k
        helper_per_row = helper_s / (n - k)
        here_per_row = self._here_per_row or helper_per_row  # the same code: a fair first guess
        target = balanced_rows(n, other_s, here_per_row, helper_per_row) / n
        self._local_share = 0.5 * self._local_share + 0.5 * target

    def _start(self) -> None:
        try:
            self._helper = _Helper()
        except OSError:
            self._give_up()

    def _give_up(self) -> None:
        """Stop using the helper (it failed): every later batch is encoded in this process."""
        self._parallel = False
        self.close()

    def close(self) -> None:
        """Stop the helper process, if any."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.stop()
