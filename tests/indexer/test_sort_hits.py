"""Backend order (score descending, ties on id ascending) as the two C-keyed sorts give it,
against the definition (one sort on ``(-score, id)``), with many ties; and fusion's order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
