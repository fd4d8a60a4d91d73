"""Crash safety of the embedded backend, for real: a child process writes and dies mid-write
(``os._exit`` at an injected point, or SIGKILL at a random moment); the index reopened
afterwards must be exactly the previous version (or the new one, once the commit point was
passed), readable, searchable and writable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from indexer.backends.embedded import EmbeddedBackend
from tests.factories import indexed, make_profile, unit_vector

DIM = 8
ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import numpy as np
    from indexer.backends.embedded import EmbeddedBackend, backend as backend_mod, fsutil, segment
    from tests.factories import indexed, make_profile

    path, point, op = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

    def die(*a, **k):
        os._exit(17)

    if point == "before_manifest":      # new segment and tombstones written, manifest not yet
        backend_mod.write_manifest = die
    elif point == "before_rename":      # new manifest written to a temp file, not renamed
        fsutil.os.replace = die
    elif point == "after_rename":       # renamed (the commit point), directory not yet synced
        fsutil.fsync_dir = die
    elif point == "mid_segment":        # half of the segment's columns file written
        real = segment.write_arrays
        def half(f, arrays):
            real(f, arrays)
            f.flush()
            f.truncate(f.tell() // 2)
            os._exit(17)
        segment.write_arrays = half
    b = EmbeddedBackend.open(path, 8)
    if op == "upsert":
        b.upsert([indexed(make_profile(f"new{i}", headline="Kotlin developer"), dim=8) for i in range(5)]
                 + [indexed(make_profile("a03", headline="Replaced headline"), dim=8)])
    elif op == "delete":
        b.delete(["a01", "a02"])
    elif op == "loop":
        i = 0
        while True:
            b.upsert([indexed(make_profile(f"L{i}-{j}"), dim=8) for j in range(7)])
            print(i, flush=True)
            i += 1
    os._exit(0)
    """
)


def _prepare(path: Path) -> None:
    b = EmbeddedBackend.open(path, DIM)
    b.upsert([indexed(make_profile(f"a{i:02d}"), dim=DIM) for i in range(10)])
    b.upsert([indexed(make_profile(f"b{i:02d}"), dim=DIM) for i in range(10)])
    b.close()


def _run_child(path: Path, point: str, op: str) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), point, op], cwd=ROOT, capture_output=True,
        text=True, timeout=120,
    )
    assert proc.returncode in (0, 17), proc.stderr
    return proc.returncode


def _assert_previous_state(path: Path) -> None:
    b = EmbeddedBackend.open(path, DIM)
    try:
        assert b.count() == 20
        assert b.get(["new0"]) == {}
        assert b.get(["a03"])["a03"].profile.headline == "Python developer"
        assert set(b.get(["a01", "a02"])) == {"a01", "a02"}
        assert b.lexical_search("kotlin", 5) == []
        assert b.dense_search(unit_vector("a05", DIM), 1)[0].id == "a05"
        # files of the unfinished write are gone, and the index accepts writes again
        assert not any(n.endswith(".tmp") for n in os.listdir(path))
        b.upsert([indexed(make_profile("after"), dim=DIM)])
        assert b.count() == 21
    finally:
        b.close()


@pytest.mark.parametrize("point", ["before_manifest", "before_rename", "mid_segment"])
@pytest.mark.parametrize("op", ["upsert", "delete"])
def test_crash_before_commit_keeps_previous_version(tmp_path: Path, point: str, op: str) -> None:
    path = tmp_path / "index"
    _prepare(path)
    files_before = set(os.listdir(path))
    code = _run_child(path, point, op)
    if op == "delete" and point == "mid_segment":
        assert code == 0  # a delete writes no segment: it completed
        b = EmbeddedBackend.open(path, DIM)
        assert b.count() == 18
        b.close()
        return
    assert code == 17
    assert set(os.listdir(path)) >= files_before - {"MANIFEST.json.tmp"}
    _assert_previous_state(path)


@pytest.mark.parametrize("op", ["upsert", "delete"])
def test_crash_after_commit_point_keeps_new_version(tmp_path: Path, op: str) -> None:
    path = tmp_path / "index"
    _prepare(path)
    assert _run_child(path, "after_rename", op) == 17
    b = EmbeddedBackend.open(path, DIM)
    try:
        if op == "upsert":
            assert b.count() == 25
            assert b.get(["a03"])["a03"].profile.headline == "Replaced headline"
            assert [h.id for h in b.lexical_search("kotlin", 10)] == [f"new{i}" for i in range(5)]
        else:
            assert b.count() == 18
            assert b.get(["a01", "a02"]) == {}
    finally:
        b.close()


def test_sigkill_during_a_stream_of_writes(tmp_path: Path) -> None:
    """Kill -9 a process upserting batches of 7 in a loop: the reopened index holds a whole
    number of batches, every stored document is readable and searchable."""
    path = tmp_path / "index"
    _prepare(path)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), "none", "loop"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    done = 0
    deadline = time.monotonic() + 60
    while done < 12 and time.monotonic() < deadline:  # let it commit a dozen batches (and merges)
        if proc.stdout.readline():
            done += 1
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert done >= 12
    b = EmbeddedBackend.open(path, DIM)
    try:
        n = b.count()
        assert (n - 20) % 7 == 0 and (n - 20) // 7 >= done
        hashes = b.content_hashes()
        assert len(hashes) == n
        got = b.get(list(hashes))
        assert len(got) == n
        batches = {pid.split("-")[0] for pid in hashes if pid.startswith("L")}
        assert batches == {f"L{i}" for i in range((n - 20) // 7)}
        assert len(b.lexical_search("python", n)) == n
        assert len(b.dense_search(unit_vector("q", DIM), n)) == n
    finally:
        b.close()
