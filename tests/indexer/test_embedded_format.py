"""Index format 3 (segment columns in ``.arrays`` files) still opens indexes of format 2 (``.npz``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from indexer.backends.embedded import EmbeddedBackend
from indexer.backends.embedded.arrayfile import read_arrays
from indexer.backends.embedded.manifest import FORMAT_VERSION, ColumnsFormat, read_manifest
from indexer.backends.protocol import IndexedProfile
from indexer.errors import MappingConflictError
from tests.factories import indexed, make_profile, unit_vector

DIM = 8


def _state(b: EmbeddedBackend, ids: list[str]) -> dict[str, Any]:
    got = b.get(ids)
    return {
        "docs": {k: (v.profile.model_dump_json(), v.content_hash) for k, v in sorted(got.items())},
        "vectors": {k: v.vector.tolist() for k, v in sorted(got.items())},
        "count": b.count(),
        "lexical": [(h.id, round(h.score, 6)) for h in b.lexical_search("kotlin developer", 50)],
        "dense": [h.id for h in b.dense_search(unit_vector("p3", DIM), 10)],
    }


def _as_format_2(path: Path) -> None:
    """Rewrite the index at ``path`` as the previous version stored it: every segment's
    columns in ``<name>.npz`` (``np.savez`` of the same arrays), a manifest of format 2
    without the ``columns`` entries."""
    raw = json.loads((path / "MANIFEST.json").read_bytes())
    for s in raw["segments"]:
        arrays = read_arrays(path / f"{s['name']}.arrays")
        with open(path / f"{s['name']}.npz", "wb") as f:
            np.savez(f, **arrays)
        (path / f"{s['name']}.arrays").unlink()
        del s["columns"]
    raw["format"] = 2
    (path / "MANIFEST.json").write_text(json.dumps(raw))


def _profiles(prefix: str, n: int) -> list[IndexedProfile]:
    return [
        indexed(make_profile(f"{prefix}{i}", headline="Kotlin developer" if i % 3 else "Data analyst"), dim=DIM)
        for i in range(n)
    ]


def test_a_format_2_index_opens_merges_and_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "i"
    b = EmbeddedBackend.open(path, DIM)
    for s in range(5):
        b.upsert(_profiles(f"s{s}-", 4))
    b.delete(["s1-2", "s3-0"])
    ids = [f"s{s}-{i}" for s in range(5) for i in range(4)]
    want = _state(b, ids)
    b.close()
    _as_format_2(path)
    m = read_manifest(path)
    assert m is not None and m.format == 2 and {s.columns for s in m.segments} == {ColumnsFormat.NPZ}

    b = EmbeddedBackend.open(path, DIM)
    assert _state(b, ids) == want
    for s in range(5, 12):  # enough segments for a merge of old and new ones
        b.upsert(_profiles(f"s{s}-", 4))
        ids += [f"s{s}-{i}" for i in range(4)]
    b.upsert(_profiles("s0-", 2))  # replaces rows of an old segment
    b.wait_for_merges()
    m = read_manifest(path)
    assert m is not None and m.format == FORMAT_VERSION
    assert all(s.columns is ColumnsFormat.ARRAYS for s in m.segments if s.name.endswith("-m"))
    assert any(s.name.endswith("-m") for s in m.segments)
    after = _state(b, ids)
    b.close()

    b = EmbeddedBackend.open(path, DIM)
    assert _state(b, ids) == after
    b.close()
    fresh = EmbeddedBackend.open(tmp_path / "fresh", DIM)  # the same contents, written anew
    b = EmbeddedBackend.open(path, DIM)
    live = b.get(ids)
    b.close()
    fresh.upsert([live[k] for k in sorted(live)])
    again = _state(fresh, ids)
    # vectors are stored L2-normalised: normalising one again may move its last bit
    vectors, want_vectors = again.pop("vectors"), after.pop("vectors")
    assert again == after
    assert np.allclose([vectors[k] for k in sorted(vectors)], [want_vectors[k] for k in sorted(want_vectors)], atol=1e-6)
    fresh.close()


@pytest.mark.parametrize("fmt", [1, 4, "3"])
def test_other_formats_are_refused_with_advice(tmp_path: Path, fmt: object) -> None:
    EmbeddedBackend.open(tmp_path / "i", DIM).close()
    raw = json.loads((tmp_path / "i" / "MANIFEST.json").read_bytes())
    raw["format"] = fmt
    (tmp_path / "i" / "MANIFEST.json").write_text(json.dumps(raw))
    with pytest.raises(MappingConflictError, match="rebuild the index"):
        EmbeddedBackend.open(tmp_path / "i", DIM)
