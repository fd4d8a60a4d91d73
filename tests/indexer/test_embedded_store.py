"""Embedded-backend specifics: locking, garbage collection, merges, dimension checks."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from indexer.backends import open_backend
from indexer.backends.embedded import EmbeddedBackend
from indexer.backends.embedded.manifest import read_manifest
from indexer.backends.embedded.merge_policy import MAX_SEGMENTS
from indexer.backends.embedded.segment import copy_ranges, doc_ranges
from indexer.backends.filters import KeywordField, Terms
from indexer.errors import BackendUnavailableError, InvalidInputError, MappingConflictError
from indexer.settings import IndexerSettings
from tests.factories import indexed, make_profile, unit_vector

DIM = 8


def test_second_open_is_refused_while_locked(tmp_path: Path) -> None:
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    with pytest.raises(BackendUnavailableError, match="another process"):
        EmbeddedBackend.open(tmp_path / "i", DIM)
    b.close()
    EmbeddedBackend.open(tmp_path / "i", DIM).close()


def test_dimension_mismatch_is_a_mapping_conflict(tmp_path: Path) -> None:
    EmbeddedBackend.open(tmp_path / "i", DIM).close()
    with pytest.raises(MappingConflictError, match="dimension 8"):
        EmbeddedBackend.open(tmp_path / "i", 16)
    # and the lock was released by the failed open
    EmbeddedBackend.open(tmp_path / "i", DIM).close()


def test_invalid_dimension(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError):
        EmbeddedBackend.open(tmp_path / "i", 0)


def test_open_backend_uses_data_dir(tmp_path: Path) -> None:
    settings = IndexerSettings(data_dir=tmp_path)
    b = open_backend(settings, DIM)
    b.upsert([indexed(make_profile("x"), dim=DIM)])
    b.close()
    assert (tmp_path / "index" / "MANIFEST.json").exists()
    b = open_backend(settings, DIM)
    assert b.count() == 1
    b.close()


def test_single_upserts_merge_into_few_segments_and_leave_no_garbage(tmp_path: Path) -> None:
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    for i in range(200):
        b.upsert([indexed(make_profile(f"p{i % 150}", headline=f"Python developer v{i}"), dim=DIM)])
    for i in range(0, 150, 3):
        b.delete([f"p{i}"])
    m = read_manifest(tmp_path / "i")
    assert m is not None and len(m.segments) <= MAX_SEGMENTS + 1  # merges in the background
    b.wait_for_merges()
    m = read_manifest(tmp_path / "i")
    assert m is not None
    assert len(m.segments) <= 10  # logarithmic merging
    assert set(os.listdir(tmp_path / "i")) == m.files() | {"LOCK"}
    assert b.count() == 100
    assert b.get(["p10"])["p10"].profile.headline == "Python developer v160"
    b.close()
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    assert b.count() == 100
    assert b.count(Terms(KeywordField.ID, ["p0", "p1", "p3"])) == 1
    assert b.get(["p10"])["p10"].profile.headline == "Python developer v160"
    assert b.dense_search(unit_vector("p10", DIM), 1)[0].id == "p10"
    b.close()


def test_deleting_everything_drops_segments(tmp_path: Path) -> None:
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    b.upsert([indexed(make_profile(f"p{i}"), dim=DIM) for i in range(10)])
    assert b.delete([f"p{i}" for i in range(10)]) == 10
    assert b.count() == 0
    b.wait_for_merges()  # the segment is rewritten (here: dropped) in the background
    m = read_manifest(tmp_path / "i")
    assert m is not None and m.segments == ()
    b.close()


def test_unreferenced_files_are_collected_on_open(tmp_path: Path) -> None:
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    b.upsert([indexed(make_profile("x"), dim=DIM)])
    b.close()
    (tmp_path / "i" / "seg-99999999.arrays").write_bytes(b"partial")
    (tmp_path / "i" / "MANIFEST.json.tmp").write_bytes(b"{")
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    assert b.count() == 1
    assert not (tmp_path / "i" / "seg-99999999.arrays").exists()
    assert not (tmp_path / "i" / "MANIFEST.json.tmp").exists()
    b.close()


def test_concurrent_readers_and_a_writer(tmp_path: Path) -> None:
    """An API server calls the backend from several threads: results stay exact."""
    import threading

    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    b.upsert([indexed(make_profile(f"p{i:03d}", headline=f"Python developer {i}"), dim=DIM) for i in range(300)])
    # (the writer's documents change BM25 statistics, not which documents rank first)
    want_lex = [h.id for h in b.lexical_search("python", 20)]
    want_dense = b.dense_search(unit_vector("q", DIM), 20)
    errors: list[str] = []

    def reader() -> None:
        for _ in range(30):
            if [h.id for h in b.lexical_search("python", 20)] != want_lex:
                errors.append("lexical")
            if b.dense_search(unit_vector("q", DIM), 20) != want_dense:
                errors.append("dense")

    def writer() -> None:
        for i in range(30):
            # pointing away from the query, so they can never enter its dense top 20 either
            far = -unit_vector("q", DIM)
            b.upsert([indexed(make_profile(f"w{i}", headline="Graphic designer", description="Logos"), far, dim=DIM)])

    threads = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert b.count() == 330
    b.close()


def test_missing_segment_file_is_a_clear_error(tmp_path: Path) -> None:
    from indexer.errors import BackendError

    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    b.upsert([indexed(make_profile("x"), dim=DIM)])
    b.close()
    m = read_manifest(tmp_path / "i")
    assert m is not None
    (tmp_path / "i" / m.segments[0].columns_file).unlink()
    with pytest.raises(BackendError, match="unreadable"):
        EmbeddedBackend.open(tmp_path / "i", DIM)


def test_failure_after_the_rename_keeps_the_new_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.backends.embedded import fsutil

    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    b.upsert([indexed(make_profile("x"), dim=DIM)])

    def failing_fsync(path: Path) -> None:
        raise OSError("disk hiccup")

    monkeypatch.setattr(fsutil, "fsync_dir", failing_fsync)
    b.upsert([indexed(make_profile("y"), dim=DIM)])
    monkeypatch.undo()
    assert b.count() == 2
    b.close()
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    assert b.count() == 2
    b.close()


def test_failure_before_the_rename_keeps_the_old_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.backends.embedded import fsutil
    from indexer.errors import BackendError

    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    b.upsert([indexed(make_profile("x"), dim=DIM)])

    def failing_replace(a: object, b: object) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(fsutil.os, "replace", failing_replace)
    with pytest.raises(BackendError, match="no space left"):
        b.upsert([indexed(make_profile("y"), dim=DIM)])
    monkeypatch.undo()
    assert b.count() == 1 and b.get(["y"]) == {}
    b.upsert([indexed(make_profile("z"), dim=DIM)])
    b.close()
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    assert sorted(b.content_hashes()) == ["x", "z"]
    b.close()


@pytest.mark.parametrize("in_kernel", [True, False])
def test_document_ranges_copy_exactly_the_documents_of_the_kept_rows(
    tmp_path: Path, in_kernel: bool
) -> None:
    """What a merge writes as its documents file: the kept rows' documents in order, whether
    the kernel copies them or they pass through memory, every row or some, none, runs."""
    rng = np.random.default_rng(5)
    sources = []
    want = b""
    for i, n in enumerate((0, 1, 7, 300, 300, 300)):
        docs = [bytes(rng.integers(0, 256, int(rng.integers(0, 40)), dtype=np.uint8)) for _ in range(n)]
        off = np.zeros(n + 1, dtype=np.int64)
        np.cumsum([len(d) for d in docs], out=off[1:])
        path = tmp_path / f"s{i}.docs"
        path.write_bytes(b"".join(docs))
        share = {1: 0.6, 2: 0.97, 4: 0.1, 5: 0.0}.get(i)  # rows kept; None: all, unselected
        keep = None if share is None else np.flatnonzero(rng.random(n) < share)
        rows = range(n) if keep is None else keep.tolist()
        want += b"".join(docs[r] for r in rows)
        sources.append((path, doc_ranges(off, keep)))
    with open(tmp_path / "out.docs", "wb") as f:
        f.write(b"head")
        copy_ranges(f, sources, in_kernel=in_kernel)
    assert (tmp_path / "out.docs").read_bytes() == b"head" + want


def _docs_mapping_kib(directory: Path) -> tuple[int, int]:
    """(size, resident) in KiB of this process's mappings of ``directory``'s ``.docs`` files."""
    size = rss = 0
    current = False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5:  # a mapping's header line
            current = (len(fields) == 6 and fields[5].startswith(str(directory))
                       and fields[5].endswith(".docs"))
        elif current and fields[0] == "Size:":
            size += int(fields[1])
        elif current and fields[0] == "Rss:":
            rss += int(fields[1])
    return size, rss


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="reads Linux's /proc")
def test_preloaded_documents_are_resident_at_open_and_read_the_same(tmp_path: Path) -> None:
    import gc

    path = tmp_path / "i"
    b = EmbeddedBackend.open(path, DIM)
    b.upsert([indexed(make_profile(f"p{i}", headline=f"Data engineer {i}"), dim=DIM)
              for i in range(400)])
    b.close()
    ids = [f"p{i}" for i in range(0, 400, 7)]

    lazy = EmbeddedBackend.open(path, DIM, preload_documents=False)
    size, rss = _docs_mapping_kib(path)
    assert size >= 64 and rss < size / 2  # mapped, not read: pages come in as read
    lazy_docs = lazy.get(ids)
    lazy_raw = lazy.raw_documents(ids)["p7"][0]
    lazy.close()
    del lazy
    gc.collect()
    assert _docs_mapping_kib(path) == (0, 0)  # closing unmaps

    eager = EmbeddedBackend.open(path, DIM)  # the default
    size, rss = _docs_mapping_kib(path)
    assert size >= 64 and rss == size  # every page read at open
    eager_docs = eager.get(ids)
    assert eager_docs.keys() == lazy_docs.keys()
    for pid, doc in eager_docs.items():
        assert doc.profile == lazy_docs[pid].profile
        assert doc.completeness == lazy_docs[pid].completeness
        assert np.array_equal(doc.vector, lazy_docs[pid].vector)
    assert eager.raw_documents(ids)["p7"][0] == lazy_raw
    eager.close()


def test_preload_setting_reaches_the_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real_open = EmbeddedBackend.open

    def spy(path, dimension, **kw):  # type: ignore[no-untyped-def]
        seen.append(kw["preload_documents"])
        return real_open(path, dimension, **kw)

    monkeypatch.setattr(EmbeddedBackend, "open", spy)
    open_backend(IndexerSettings(data_dir=tmp_path), DIM).close()
    monkeypatch.setenv("TALENTMATCH_PRELOAD_DOCUMENTS", "false")
    open_backend(IndexerSettings(data_dir=tmp_path), DIM).close()
    assert seen == [True, False]


def test_garbage_collection_deletes_only_the_index_own_files(tmp_path: Path) -> None:
    path = tmp_path / "i"
    b = EmbeddedBackend.open(path, DIM)
    b.upsert([indexed(make_profile("x"), dim=DIM)])
    b.close()
    # left by a crash: files of ours that no manifest names
    for orphan in ("seg-00000099.arrays", "seg-00000099.npz", "seg-00000099.docs", "seg-00000098-m.arrays", "seg-00000098-m.docs", "seg-00000001.del-00000099.npy",
                   "ann-00000099.faiss", "MANIFEST.json.tmp"):
        (path / orphan).write_bytes(b"partial")
    # not ours: kept as they are
    (path / "notes.txt").write_text("mine")
    (path / "seg-backup").mkdir()
    (path / "seg-backup" / "seg-00000001.npz").write_bytes(b"copy")
    b = EmbeddedBackend.open(path, DIM)
    assert b.count() == 1
    b.close()
    names = set(os.listdir(path))
    assert not names & {"seg-00000099.arrays", "seg-00000099.npz", "seg-00000099.docs", "seg-00000098-m.arrays", "seg-00000098-m.docs", "seg-00000001.del-00000099.npy",
                        "ann-00000099.faiss", "MANIFEST.json.tmp"}
    assert (path / "notes.txt").read_text() == "mine"
    assert (path / "seg-backup" / "seg-00000001.npz").read_bytes() == b"copy"
