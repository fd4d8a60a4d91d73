"""A candidate's exact score read from its batch row, without building its features.

The ranker scores about a hundred candidates a query exactly and returns twenty; building
each one's values dict, :class:`~ranking.features.Features` and list of contributions
(:meth:`BaseBatch.titled <ranking.batch.BaseBatch.titled>`, then
:func:`~ranking.scoring.weighted_by`) was ~40 % of that scoring. :func:`row_scorer` gives
the score alone::

    score(i) = sum over (name, w') of the query's effective weights, in that order, of w' * v_name(i)

with ``v_title(i) = title_match(brief title, headline of row i)`` and every other value read
from the batch's columns: the products and the additions of ``weighted_by`` over
``titled(ctx, i)``, in the same order, so the same float bit for bit
(``tests/ranking/test_rowscore.py``). The returned results are then built in full.
"""

from __future__ import annotations

from collections.abc import Callable

from ranking.batch import BaseBatch
from ranking.features import QueryContext
from ranking.scoring import EffectiveWeights
from ranking.signals import SignalName
from ranking.signals.title_match import title_match


def row_scorer(ctx: QueryContext, batch: BaseBatch,
               effective: EffectiveWeights) -> Callable[[int], float]:
    """``score(i)`` of row ``i`` of ``batch`` (module docstring); every signal of
    ``effective`` but the title must have a column in ``batch``."""
    terms: list[tuple[float, list[float] | None]] = []
    for name, w in effective:
        if name is SignalName.TITLE:
            terms.append((w, None))
            continue
        values = batch.column_list(name)
        if values is None:
            raise ValueError(f"the batch has no values for '{name.value}'")
        terms.append((w, values))
    title, views = ctx.brief.title, batch.views

    def score(i: int) -> float:
        total = 0.0
        for w, values in terms:
            v = title_match(title, views[i].headline) if values is None else values[i]
            total += w * float(v)
        return total

    return score
