"""The persistent content-hash cache: a text is embedded once per model, ever."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from indexer.embedding import CachedEmbedder, EmbeddingCache, HashingEmbedder
from tests.indexer.counting import CountingEmbedder

pytestmark = pytest.mark.unit


def test_second_encode_of_the_same_texts_embeds_nothing(tmp_path: Path) -> None:
    inner = CountingEmbedder(HashingEmbedder(16))
    cached = CachedEmbedder(inner, EmbeddingCache.in_dir(tmp_path))
    texts = ["python developer", "data engineer", "python developer"]
    first = cached.encode(texts)
    assert inner.texts == ["python developer", "data engineer"]  # duplicates embedded once
    second = cached.encode(list(reversed(texts)))
    assert inner.calls == 1
    assert np.array_equal(second, first[::-1])
    assert np.array_equal(first, HashingEmbedder(16).encode(texts))


def test_only_new_texts_are_embedded(tmp_path: Path) -> None:
    inner = CountingEmbedder(HashingEmbedder(16))
    cached = CachedEmbedder(inner, EmbeddingCache.in_dir(tmp_path))
    cached.encode(["a b", "c d"])
    cached.encode(["a b", "e f", "c d"])
    assert inner.texts == ["a b", "c d", "e f"]
    assert cached.embedded_texts == 3


def test_cache_survives_reopening(tmp_path: Path) -> None:
    CachedEmbedder(HashingEmbedder(16), EmbeddingCache.in_dir(tmp_path)).encode(["x y z"])
    inner = CountingEmbedder(HashingEmbedder(16))
    out = CachedEmbedder(inner, EmbeddingCache.in_dir(tmp_path)).encode(["x y z"])
    assert inner.calls == 0
    assert np.array_equal(out, HashingEmbedder(16).encode(["x y z"]))


def test_another_model_never_reuses_vectors(tmp_path: Path) -> None:
    cache = EmbeddingCache.in_dir(tmp_path)
    CachedEmbedder(HashingEmbedder(16), cache).encode(["same text"])
    other = CountingEmbedder(HashingEmbedder(24))
    out = CachedEmbedder(other, cache).encode(["same text"])
    assert other.calls == 1 and out.shape == (1, 24)
    assert cache.count("hashing-16") == 1 and cache.count("hashing-24") == 1


def test_a_failed_write_leaves_the_cache_as_it_was(tmp_path: Path) -> None:
    cache = EmbeddingCache.in_dir(tmp_path)
    CachedEmbedder(HashingEmbedder(8), cache).encode(["kept"])
    before = cache.count()
    bad = [
        (b"k1", np.ones(8, dtype=np.float32)),
        (None, np.ones(8, dtype=np.float32)),
    ]  # NULL key violates NOT NULL
    with pytest.raises(Exception, match="cannot write"):
        cache.put_many("m", bad)  # type: ignore[arg-type]
    assert cache.count() == before
    rows = (
        sqlite3.connect(cache.path)
        .execute("SELECT COUNT(*) FROM vectors WHERE model_id='m'")
        .fetchone()
    )
    assert rows == (0,)
