"""Backend order (score descending, ties on id ascending) as the two C-keyed sorts give it,
against the definition (one sort on ``(-score, id)``), with many ties; and fusion's order."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.backends.embedded.topk import top_hits
from indexer.backends.protocol import Hit, sort_hits
from ranking.config import FusionConfig, FusionMethod
from ranking.fusion import fuse

_IDS = st.text("abcxyz019", min_size=1, max_size=4)
_SCORES = st.sampled_from([0.0, -0.0, 1.0, 2.5, -3.0, 7.25, 1e-12])
_HITS = st.lists(st.tuples(_IDS, _SCORES), max_size=40, unique_by=lambda t: t[0])


@settings(max_examples=300, derandomize=True)
@given(_HITS)
def test_sort_hits_is_score_descending_then_id(pairs: list[tuple[str, float]]) -> None:
    hits = [Hit(i, s) for i, s in pairs]
    assert sort_hits(hits) == sorted(hits, key=lambda h: (-h.score, h.id))


@settings(max_examples=200, derandomize=True)
@given(_HITS, _HITS, st.sampled_from(list(FusionMethod)), st.integers(1, 50))
def test_fusion_is_fused_descending_then_id(lex: list, dense: list, method: FusionMethod,
                                             limit: int) -> None:
    config = FusionConfig(method=method)
    out = fuse(sort_hits([Hit(*p) for p in lex]), sort_hits([Hit(*p) for p in dense]), config, limit)
    assert len(out) == min(limit, len({i for i, _ in lex} | {i for i, _ in dense}))
    assert out == sorted(out, key=lambda c: (-c.fused, c.id))
    everything = fuse(sort_hits([Hit(*p) for p in lex]), sort_hits([Hit(*p) for p in dense]), config, 100)
    assert out == everything[:limit]  # the best ``limit`` of them


@settings(max_examples=400, derandomize=True)
@given(_HITS, st.integers(1, 45), st.sampled_from([np.float32, np.float64]), st.randoms())
def test_top_hits_are_the_best_k_in_backend_order(pairs: list[tuple[str, float]], k: int,
                                                   dtype: type, rnd) -> None:
    """The numpy form against the definition: every candidate as a hit, ``sort_hits``, cut at
    ``k``; many ties (at the cut too), ``-0.0`` and ``0.0``, slots in any order, ids that are
    not in slot order, a free slot's; each hit keeps its own score (the sign of a zero included)."""
    ids: list[str | None] = [None, *(i for i, _ in pairs)]  # slot 0: free (its id: "None")
    slots = list(range(0 if rnd.random() < 0.2 else 1, len(ids)))
    rnd.shuffle(slots)
    scores: np.ndarray = np.array([pairs[s - 1][1] if s else 1.0 for s in slots], dtype=dtype)
    want = sort_hits([Hit(str(ids[s]), float(sc)) for s, sc in zip(slots, scores.tolist(),
                                                                     strict=True)])[:k]
    got = top_hits(np.array(slots, dtype=np.int64), scores, k, ids)
    assert [(h.id, repr(h.score)) for h in got] == [(h.id, repr(h.score)) for h in want]
    assert all(type(h) is Hit and type(h.score) is float for h in got)


def test_a_hit_is_an_immutable_pair() -> None:
    hit = Hit("p1", 0.5)
    assert hit == Hit(id="p1", score=0.5) and hit != Hit("p1", 0.25)
    assert hit.sort_key() == (-0.5, "p1")
    with pytest.raises(AttributeError):
        hit.score = 1.0  # type: ignore[misc]
