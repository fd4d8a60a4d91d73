"""The segment columns file (``arrayfile``): exact round trips, and damage reported by name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from indexer.backends.embedded.arrayfile import read_arrays, write_arrays
from indexer.errors import BackendError

DTYPES = st.sampled_from(["<i1", "<i4", "<i8", "<f4", "<f8", "|b1", "<U1", "<U7", "|S1", "|S16", "<u8"])


@st.composite
def array_dicts(draw: st.DrawFn) -> dict[str, np.ndarray]:
    names = draw(st.lists(st.text(min_size=1, max_size=12), max_size=8, unique=True))
    out = {}
    for name in names:
        dtype = np.dtype(draw(DTYPES))
        shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=9))
        out[name] = draw(hnp.arrays(dtype, shape))
    return out


def _write(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with open(path, "wb") as f:
        write_arrays(f, arrays)


@settings(max_examples=150, deadline=None)
@given(arrays=array_dicts())
def test_round_trip_is_exact(tmp_path_factory: pytest.TempPathFactory, arrays: dict[str, np.ndarray]) -> None:
    path = tmp_path_factory.mktemp("af") / "x.arrays"
    _write(path, arrays)
    back = read_arrays(path)
    assert list(back) == list(arrays)
    for name, a in arrays.items():
        b = back[name]
        assert b.dtype == a.dtype and b.shape == a.shape
        assert a.tobytes() == b.tobytes()  # bit for bit (NaN payloads, -0.0 included)
        assert b.flags.writeable and b.base is None  # memory of its own, as np.load gave


def test_non_contiguous_and_scalar_arrays(tmp_path: Path) -> None:
    m = np.arange(24, dtype=np.int64).reshape(4, 6)
    _write(tmp_path / "x", {"col": m[:, 2], "t": m.T, "s": np.float64(2.5), "e": np.zeros((0, 384), np.float32)})
    back = read_arrays(tmp_path / "x")
    assert back["col"].tolist() == [2, 8, 14, 20]
    assert np.array_equal(back["t"], m.T)
    assert back["s"].shape == () and float(back["s"]) == 2.5
    assert back["e"].shape == (0, 384)


def test_object_arrays_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'bad'"), open(tmp_path / "x", "wb") as f:
        write_arrays(f, {"bad": np.array([{"a": 1}], dtype=object)})


def _damaged(tmp_path: Path, change: str) -> Path:
    path = tmp_path / "seg-00000001.arrays"
    _write(path, {"v": np.arange(1000, dtype=np.float32), "ids": np.array([b"a", b"bb"])})
    raw = bytearray(path.read_bytes())
    if change == "flip":
        raw[-100] ^= 0x01
    elif change == "truncate":
        del raw[-10:]
    elif change == "append":
        raw += b"\0" * 64
    elif change == "magic":
        raw[0:8] = b"PK\x03\x04\0\0\0\0"
    elif change == "header":
        raw[16:20] = b"}}}}"
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize(
    ("change", "reason"),
    [("flip", "checksum"), ("truncate", "bytes, expected"), ("append", "bytes, expected"),
     ("magic", "magic"), ("header", "damaged")],
)
def test_damage_is_an_error_naming_the_file(tmp_path: Path, change: str, reason: str) -> None:
    path = _damaged(tmp_path, change)
    with pytest.raises(BackendError, match=reason) as e:
        read_arrays(path)
    assert str(path) in str(e.value)
