"""The indexing pipeline on the embedded backend: incremental runs, the embedding cache,
deletion, and bad input leaving the index exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from indexer.backends import SearchBackend, open_backend
from indexer.completeness import completeness
from indexer.embedding import HashingEmbedder
from indexer.errors import ConfigurationError, InputFileError, InvalidInputError
from indexer.pipeline import Indexer, validate_source
from indexer.settings import IndexerSettings
from indexer.text import embedding_text
from tests.factories import NOW, make_profile, profile_dict
from tests.indexer.counting import CountingEmbedder

pytestmark = pytest.mark.unit

DIM = 32


@pytest.fixture
def settings(tmp_path: Path) -> IndexerSettings:
    return IndexerSettings(data_dir=tmp_path / "data", index_batch_size=4)


@pytest.fixture
def backend(settings: IndexerSettings) -> Iterator[SearchBackend]:
    b = open_backend(settings, DIM)
    yield b
    b.close()


@pytest.fixture
def counting() -> CountingEmbedder:
    return CountingEmbedder(HashingEmbedder(DIM))


def profiles(n: int = 10, **overrides: object) -> list:
    return [
        make_profile(f"p{i:02d}", headline=f"Python developer {i}", **overrides) for i in range(n)
    ]


def test_first_run_adds_and_second_run_embeds_nothing(
    backend: SearchBackend, counting: CountingEmbedder, settings: IndexerSettings
) -> None:
    with Indexer(backend, counting, settings) as ix:
        first = ix.index_profiles(profiles(), as_of=NOW, progress=False)
        calls = counting.calls
        second = ix.index_profiles(profiles(), as_of=NOW, progress=False)
    assert (first.added, first.updated, first.unchanged, first.embedded) == (10, 0, 0, 10)
    assert calls == 3  # batches of 4: 4 + 4 + 2
    assert (second.added, second.updated, second.unchanged, second.embedded) == (0, 0, 10, 0)
    assert counting.calls == calls
    assert backend.count() == 10


def test_stored_documents_carry_vector_completeness_and_hash(
    backend: SearchBackend, counting: CountingEmbedder, settings: IndexerSettings
) -> None:
    p = make_profile("solo", headline="Data engineer", sectors=["banking"])
    with Indexer(backend, counting, settings) as ix:
        ix.index_profiles([p], as_of=NOW, progress=False)
    doc = backend.get(["solo"])["solo"]
    assert doc.profile == p
    assert np.allclose(doc.vector, HashingEmbedder(DIM).encode([embedding_text(p)])[0])
    assert doc.completeness == completeness(p, NOW)
    assert len(doc.content_hash) == 64


def test_change_outside_the_text_updates_without_embedding(
    backend: SearchBackend, counting: CountingEmbedder, settings: IndexerSettings
) -> None:
    with Indexer(backend, counting, settings) as ix:
        ix.index_profiles(profiles(3), as_of=NOW, progress=False)
        counting.texts.clear()
        moved = [
            make_profile("p00", headline="Python developer 0", last_login_at=NOW.isoformat()),
            make_profile("p01", headline="Go developer"),
            make_profile("p02", headline="Python developer 2"),
        ]
        summary = ix.index_profiles(moved, as_of=NOW, progress=False)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 2, 1)
    assert counting.texts == [embedding_text(moved[1])]  # the login change cost no embedding
    assert backend.get(["p00"])["p00"].profile.last_login_at == NOW


def test_embedding_cache_persists_across_indexers(
    tmp_path: Path, settings: IndexerSettings
) -> None:
    """A fresh index in the same data dir (e.g. after `rm -r data/index`) re-embeds nothing."""
    b1 = open_backend(settings, DIM)
    with Indexer(b1, CountingEmbedder(HashingEmbedder(DIM)), settings) as ix:
        ix.index_profiles(profiles(5), as_of=NOW, progress=False)
    b1.delete([f"p{i:02d}" for i in range(5)])
    b1.close()
    again = CountingEmbedder(HashingEmbedder(DIM))
    b2 = open_backend(settings, DIM)
    with Indexer(b2, again, settings) as ix:
        summary = ix.index_profiles(profiles(5), as_of=NOW, progress=False)
    b2.close()
    assert summary.added == 5 and summary.embedded == 0 and again.calls == 0


def test_another_model_reindexes_everything(
    backend: SearchBackend, settings: IndexerSettings
) -> None:
    class Renamed(HashingEmbedder):
        @property
        def model_id(self) -> str:
            return "other-model"

    with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
        ix.index_profiles(profiles(4), as_of=NOW, progress=False)
    with Indexer(backend, Renamed(DIM), settings) as ix:
        summary = ix.index_profiles(profiles(4), as_of=NOW, progress=False)
    assert (summary.updated, summary.unchanged, summary.embedded) == (4, 0, 4)


def test_completeness_moving_with_time_rewrites_the_document(
    backend: SearchBackend, counting: CountingEmbedder, settings: IndexerSettings
) -> None:
    p = make_profile("p1", availability={"confirmed_at": (NOW - timedelta(days=1)).isoformat()})
    with Indexer(backend, counting, settings) as ix:
        ix.index_profiles([p], as_of=NOW, progress=False)
        later = ix.index_profiles([p], as_of=NOW + timedelta(days=10), progress=False)
    assert later.updated == 1 and later.embedded == 0
    assert "availability" in backend.get(["p1"])["p1"].completeness.missing


def test_delete_and_delete_missing(
    backend: SearchBackend, counting: CountingEmbedder, settings: IndexerSettings
) -> None:
    with Indexer(backend, counting, settings) as ix:
        ix.index_profiles(profiles(6), as_of=NOW, progress=False)
        assert ix.delete(["p00", "nope"]) == 1
        summary = ix.index_profiles(
            profiles(6)[1:4], as_of=NOW, progress=False, delete_missing=True
        )
    assert (summary.unchanged, summary.deleted) == (3, 2)
    assert sorted(backend.content_hashes()) == ["p01", "p02", "p03"]


def test_empty_input_never_empties_the_index(
    tmp_path: Path, backend: SearchBackend, settings: IndexerSettings
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
        ix.index_profiles(profiles(3), as_of=NOW, progress=False)
        with pytest.raises(InvalidInputError, match="refusing to delete"):
            ix.index_file(empty, delete_missing=True, progress=False)
        assert ix.index_file(empty, progress=False).seen == 0
    assert backend.count() == 3


def test_deleted_accounts_stay_indexed_for_the_ranker_to_filter(
    backend: SearchBackend, counting: CountingEmbedder, settings: IndexerSettings
) -> None:
    with Indexer(backend, counting, settings) as ix:
        ix.index_profiles(
            [make_profile("gone", account_status="deleted", published=False)],
            as_of=NOW,
            progress=False,
        )
    assert backend.get(["gone"])["gone"].profile.account_status.value == "deleted"


def test_duplicate_ids_are_rejected_before_writing(
    backend: SearchBackend, counting: CountingEmbedder, settings: IndexerSettings
) -> None:
    with (
        Indexer(backend, counting, settings) as ix,
        pytest.raises(InvalidInputError, match="duplicate id 'p01'"),
    ):
        ix.index_profiles([*profiles(5), make_profile("p01")], as_of=NOW, progress=False)
    assert backend.count() == 0 and counting.calls == 0


def test_dimension_mismatch_is_a_configuration_error(
    backend: SearchBackend, settings: IndexerSettings
) -> None:
    with pytest.raises(ConfigurationError, match="32-dimensional"):
        Indexer(backend, HashingEmbedder(DIM * 2), settings)


# ----------------------------------------------------------------- files and an untouched index


def snapshot(
    settings: IndexerSettings, backend: SearchBackend
) -> tuple[dict[str, bytes], dict[str, str], dict[str, object]]:
    index_dir = settings.data_dir / "index"
    files = {
        str(p.relative_to(index_dir)): p.read_bytes()
        for p in sorted(index_dir.rglob("*"))
        if p.is_file()
    }
    hashes = backend.content_hashes()
    docs = {
        k: (v.profile, v.vector.tobytes(), v.completeness)
        for k, v in backend.get(list(hashes)).items()
    }
    return files, hashes, docs


def write_bad(kind: str, path: Path) -> Path:
    good = profile_dict("p00", headline="Changed headline")  # would change p00 if it got through
    new = profile_dict("zz-new")
    bad = profile_dict("p01", daily_rate="expensive")
    if kind == "jsonl":
        path = path.with_suffix(".jsonl")
        path.write_text("\n".join(json.dumps(r) for r in (good, new, bad)) + "\n")
    elif kind == "csv":
        path = path.with_suffix(".csv")
        path.write_text(
            "id,name,headline,created_at,last_login_at,daily_rate\n"
            + "".join(
                f"{r['id']},{r['name']},{r['headline']},{r['created_at']},{r['last_login_at']},{r['daily_rate']}\n"
                for r in (good, new, bad)
            )
        )
    else:
        path = path.with_suffix(".parquet")
        pl.DataFrame(
            [{**r, "daily_rate": str(r["daily_rate"])} for r in (good, new, bad)]
        ).write_parquet(path)
    return path


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_bad_file_leaves_the_index_byte_for_byte_unchanged(
    kind: str,
    tmp_path: Path,
    backend: SearchBackend,
    counting: CountingEmbedder,
    settings: IndexerSettings,
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps(profile_dict(f"p{i:02d}")) for i in range(5)) + "\n")
    with Indexer(backend, counting, settings) as ix:
        assert ix.index_file(good, as_of=NOW, progress=False).added == 5
        before = snapshot(settings, backend)
        calls = counting.calls
        bad = write_bad(kind, tmp_path / "bad")
        with pytest.raises(InvalidInputError) as info:
            ix.index_file(bad, delete_missing=True, as_of=NOW, progress=False)
    assert [(p.row, p.field) for p in info.value.problems] == [(3, "daily_rate")]
    assert counting.calls == calls
    assert snapshot(settings, backend) == before


def test_unreadable_file_changes_nothing(
    tmp_path: Path, backend: SearchBackend, settings: IndexerSettings
) -> None:
    with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
        ix.index_profiles(profiles(2), as_of=NOW, progress=False)
        before = snapshot(settings, backend)
        with pytest.raises(InputFileError):
            ix.index_file(tmp_path / "profiles.xml", progress=False)
    assert snapshot(settings, backend) == before


def test_large_files_are_streamed_in_a_second_pass(
    tmp_path: Path, backend: SearchBackend, settings: IndexerSettings
) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(json.dumps(profile_dict(f"p{i:02d}")) for i in range(9)) + "\n")
    source = validate_source(path, stream_above=0)
    assert source.profiles is None and source.count == 9
    with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
        assert ix.index_validated(source, as_of=NOW, progress=False).added == 9
        path.write_text(path.read_text() + json.dumps(profile_dict("p99")) + "\n")
        with pytest.raises(InputFileError, match="changed after it was validated"):
            ix.index_validated(source, as_of=NOW, progress=False)
    assert backend.count() == 9


def test_injection_looking_text_is_stored_and_searched_as_data(
    tmp_path: Path, backend: SearchBackend, settings: IndexerSettings
) -> None:
    nasty = '\'; DROP TABLE profiles; -- <script>alert(1)</script> {"query": {"match_all": {}}} kubernetes'
    p = make_profile("x1", description=nasty)
    with Indexer(backend, HashingEmbedder(DIM), settings) as ix:
        ix.index_profiles([p, make_profile("x2")], as_of=NOW, progress=False)
    assert backend.get(["x1"])["x1"].profile.description == nasty
    assert [h.id for h in backend.lexical_search("kubernetes", 5)] == ["x1"]
    assert backend.count() == 2
