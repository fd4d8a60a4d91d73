"""A query's base batch assembled from a part computed early and the rest computed later.

With ``overlap_embedding``, the ranker's thread runs BM25 while a worker embeds the brief and
runs the dense search; when BM25 is done first (at 1M profiles: ~6.5 ms against ~8.5), the
thread fetches the views of the best lexical hits and, once the query vector is known,
computes their base signals (:func:`~ranking.batch.base_batch`) while the dense search still
runs. Fusion always keeps those hits (measured at 1M with the benchmark's briefs: all of the
first 100 lexical hits, almost none of the next 100), so that work is rarely wasted. After
fusion, :func:`batch_for` computes the rest and puts every row where fusion ranked it.

Every base signal of a row depends on that row's view alone (the array forms are
element-wise), so the assembled batch has the values of ``base_batch`` over all the views at
once, bit for bit (``tests/ranking/test_batchparts.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ranking.batch import BaseBatch, base_batch
from ranking.features import QueryContext
from ranking.profileview import ProfileView
from ranking.signals import SignalName
from ranking.skillbatch import skill_values


def signals_of(ctx: QueryContext, views: Sequence[ProfileView]) -> BaseBatch:
    """The base signals of ``views``, the skill signal included."""
    return base_batch(ctx, views, skill_values(ctx, views))


def batch_for(
    ctx: QueryContext, views: Sequence[ProfileView], early: BaseBatch | None
) -> BaseBatch:
    """The base batch of ``views`` (rows in that order), taking the rows of views that
    ``early`` (a batch of the same query) holds from it and computing the others."""
    if early is None or not len(early):
        return signals_of(ctx, views)
    row_of = {v.id: i for i, v in enumerate(early.views)}
    rest = [v for v in views if v.id not in row_of]
    late = signals_of(ctx, rest)
    late_rows = iter(range(len(rest)))
    base = len(early)
    index = np.fromiter(
        (row_of[v.id] if v.id in row_of else base + next(late_rows) for v in views),
        dtype=np.intp,
        count=len(views),
    )
    return concat_rows((early, late), index)


def concat_rows(parts: Sequence[BaseBatch], index: np.ndarray) -> BaseBatch:
    """The rows ``index`` (positions in the concatenation of ``parts``) of batches of the
    same query, in that order."""
    columns: dict[SignalName, np.ndarray | None] = {}
    for name in parts[0].columns:
        cols = [p.columns[name] for p in parts]
        if all(c is None for c in cols):
            columns[name] = None
        elif any(c is None for c in cols):
            raise ValueError(f"batches of different queries: '{name.value}' is not in all of them")
        else:
            columns[name] = np.concatenate(cols)[index]  # type: ignore[arg-type]
    picks = index.tolist()
    views = [v for p in parts for v in p.views]
    distance = [d for p in parts for d in p.distance_km]
    rate = [r for p in parts for r in p.rate_eur]
    is_new = [n for p in parts for n in p.is_new]
    return BaseBatch(
        [views[i] for i in picks],
        columns,
        [distance[i] for i in picks],
        [rate[i] for i in picks],
        [is_new[i] for i in picks],
    )
