"""Background merges: writes during a merge, a failed merge, the policy."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer.backends.embedded import EmbeddedBackend, merging
from indexer.backends.embedded.manifest import SegmentInfo, read_manifest
from indexer.backends.embedded.merge_policy import FANOUT, plan_merges
from indexer.backends.protocol import IndexedProfile
from indexer.errors import BackendError
from tests.factories import indexed, make_profile, unit_vector

DIM = 8


def _doc(pid: str, headline: str) -> IndexedProfile:
    return indexed(make_profile(pid, headline=headline), dim=DIM)


def _state(b: EmbeddedBackend, ids: list[str]) -> dict[str, object]:
    """What a reader sees: documents, counts, and both searches."""
    got = b.get(ids)
    return {
        "docs": {k: v.profile.model_dump_json() for k, v in sorted(got.items())},
        "count": b.count(),
        "lexical": [(h.id, round(h.score, 6)) for h in b.lexical_search("kotlin developer", 50)],
        "dense": [h.id for h in b.dense_search(unit_vector("p3", DIM), 10)],
    }


@pytest.fixture
def held_merge(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Merges wait for the returned event before they are built, so that writes can be made
    while one is in flight."""
    release = threading.Event()
    build = merging.build_merged

    def held(*args: Any) -> merging.MergedSegment:
        assert release.wait(30)
        return build(*args)

    monkeypatch.setattr(merging, "build_merged", held)
    yield release
    release.set()


def _first_batches(b: EmbeddedBackend) -> list[str]:
    """FANOUT upserts of 3 profiles: the last one starts a merge of all of them."""
    ids = []
    for s in range(FANOUT):
        batch = [f"p{3 * s + j}" for j in range(3)]
        b.upsert([_doc(pid, "Kotlin developer" if int(pid[1:]) % 2 else "Python developer") for pid in batch])
        ids += batch
    return ids


def test_writes_during_a_merge_are_carried_over(tmp_path: Path, held_merge: threading.Event) -> None:
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    ids = _first_batches(b)
    assert b._merges.busy  # the merge of the FANOUT segments waits
    # meanwhile: profiles of the segments being merged are replaced and deleted
    b.upsert([_doc("p1", "Rust engineer"), _doc("p6", "Kotlin developer, replaced"), _doc("new", "Kotlin developer")])
    assert b.delete(["p7", "p20"]) == 2
    before = _state(b, [*ids, "new"])
    held_merge.set()
    b.wait_for_merges()
    m = read_manifest(tmp_path / "i")
    assert m is not None
    merged = [s for s in m.segments if s.name.endswith("-m")]
    assert len(merged) == 1 and merged[0].n_rows == 3 * FANOUT and merged[0].n_deleted == 4
    assert _state(b, [*ids, "new"]) == before
    b.close()
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    assert _state(b, [*ids, "new"]) == before
    # the same final contents written without any merge in flight answer the same
    fresh = EmbeddedBackend.open(tmp_path / "fresh", DIM)
    final = b.get([*ids, "new"])
    fresh.upsert([final[k] for k in sorted(final)])
    assert _state(fresh, [*ids, "new"]) == before
    fresh.close()
    b.close()


def test_a_failed_merge_leaves_the_index_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(directory: Path, name: str, inputs: object) -> merging.MergedSegment:
        (directory / f"{name}.arrays").write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(merging, "build_merged", failing)
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    ids = _first_batches(b)
    before = _state(b, ids)
    assert b._merges.busy
    while not b._merges.done:  # the failure is found by the first write after it
        time.sleep(0.01)
    files = set(os.listdir(tmp_path / "i"))
    with pytest.raises(BackendError, match="No space left"):
        b.upsert([_doc("late", "Kotlin developer")])
    assert "late" not in b.get(["late"])  # the write that found the failure was not done
    assert _state(b, ids) == before
    assert set(os.listdir(tmp_path / "i")) == files - {f for f in files if f.endswith("-m.arrays")}
    monkeypatch.undo()
    b.upsert([_doc("late", "Kotlin developer")])  # writes go on, and merge again
    b.close()
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    assert b.count() == len(ids) + 1
    m = read_manifest(tmp_path / "i")
    assert m is not None and len(m.segments) < FANOUT
    b.close()


def _seg(name: str, n: int, deleted: int = 0) -> SegmentInfo:
    return SegmentInfo(name=name, n_rows=n, n_deleted=deleted)


def test_policy_groups_a_tier_wherever_its_segments_sit() -> None:
    small = [_seg(f"s{i}", 3) for i in range(FANOUT - 1)]
    # a merged (tier 1) segment landed between small ones: tier 0 still counts FANOUT - 1
    segs = [small[0], _seg("m", 3 * FANOUT), *small[1:]]
    assert plan_merges(segs) is None
    segs.append(_seg("s-last", 3))
    assert plan_merges(segs) == (0, *range(2, FANOUT + 1))
    # higher tiers apart from one another are found too
    big = [_seg(f"b{i}", 100) for i in range(FANOUT)]
    mixed = [x for pair in zip(big, [_seg(f"t{i}", 3) for i in range(FANOUT)], strict=True) for x in pair]
    assert plan_merges(mixed) == tuple(range(1, 2 * FANOUT, 2))  # the lowest tier first
    assert plan_merges([_seg("a", 10), _seg("half", 10, deleted=6)]) == (1,)


def test_a_forked_child_does_not_wait_for_its_parents_merge(tmp_path: Path, held_merge: threading.Event) -> None:
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    _first_batches(b)
    assert b._merges.busy
    pid = os.fork()
    if pid == 0:  # the child: no merge thread came along; nothing to wait for
        os._exit(0 if not b._merges.busy and b._merges.finished(wait=True) is None else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    held_merge.set()
    b.close()
