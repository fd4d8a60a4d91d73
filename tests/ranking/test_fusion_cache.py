"""Fusion of candidate lists and the query embedding cache."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.backends.protocol import Hit
from indexer.embedding.hashing import HashingEmbedder
from ranking.config import FusionConfig, FusionMethod
from ranking.fusion import fuse
from ranking.querycache import QueryEmbeddingCache

pytestmark = pytest.mark.unit


def test_rrf() -> None:
    lex = [Hit("a", 9.0), Hit("b", 5.0), Hit("c", 1.0)]
    dense = [Hit("c", 0.9), Hit("a", 0.8), Hit("d", 0.1)]
    out = fuse(lex, dense, FusionConfig(method=FusionMethod.RRF, rrf_k=60), 10)
    assert [c.id for c in out] == ["a", "c", "b", "d"]
    assert out[0].fused == pytest.approx(1 / 61 + 1 / 62)
    assert (out[0].lexical_rank, out[0].dense_rank) == (1, 2)
    assert [c.id for c in fuse(lex, dense, FusionConfig(), 2)] == ["a", "c"]


def test_normalised_and_weights() -> None:
    lex = [Hit("a", 10.0), Hit("b", 0.0)]
    dense = [Hit("b", 0.9), Hit("c", 0.5), Hit("a", 0.1)]
    cfg = FusionConfig(method=FusionMethod.NORMALISED, lexical_weight=1.0, dense_weight=2.0)
    out = {c.id: c.fused for c in fuse(lex, dense, cfg, 10)}
    assert out == pytest.approx({"a": 1.0, "b": 2.0, "c": 1.0})
    assert [c.id for c in fuse(lex, dense, cfg, 10)] == ["b", "a", "c"]  # tie a/c on id
    only = fuse([Hit("x", 3.0), Hit("y", 3.0)], [], cfg, 10)
    assert [(c.id, c.fused) for c in only] == [("x", 1.0), ("y", 1.0)]


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(16)
        self.calls = 0

    def encode(self, texts, *, progress=False):
        self.calls += 1
        return super().encode(texts)


def test_query_cache_is_bounded_lru() -> None:
    emb = CountingEmbedder()
    cache = QueryEmbeddingCache(emb, max_size=2)
    a = cache.encode("java developer")
    assert np.array_equal(cache.encode("java developer"), a) and emb.calls == 1
    cache.encode("b")
    cache.encode("java developer")  # refresh a
    cache.encode("c")  # evicts b
    assert len(cache) == 2 and emb.calls == 3
    cache.encode("java developer")
    assert emb.calls == 3
    cache.encode("b")
    assert emb.calls == 4 and cache.hits == 3 and cache.misses == 4
    assert not a.flags.writeable
    none = QueryEmbeddingCache(emb, max_size=0)
    none.encode("x")
    none.encode("x")
    assert len(none) == 0 and emb.calls == 6
