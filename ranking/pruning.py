"""Scoring only the candidates that can reach the first results, exactly.

Every signal value is in [0, 1] and the score is a weighted mean of the applicable ones, so a
candidate whose costly signals are not computed yet has an upper bound: the score with those
signals set to 1 (:func:`upper_bound`). Candidates are scored exactly in descending order of
their bounds; the loop stops at the first one whose bound, and every later one's, is below

* the ``need``-th best exact score so far (``need`` = the results asked for, at least the
  first page): no later candidate can enter the organic top ``need``; and
* the ``slots``-th best exact score among *new* profiles so far, compared with the largest
  bound among the new profiles still unscored: no later new profile can take a new-profile
  slot (:mod:`ranking.exposure`), which draws from the best ``slots`` new profiles only.

Both comparisons are strict (a tie could still win on profile id). The first ``need``
results of :func:`ranking.exposure.order` over the scored candidates are then exactly those
over all of them; the ranker's tests compare both on many briefs.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Generic, NamedTuple, TypeVar

from ranking.signals import SignalName

T = TypeVar("T")
R = TypeVar("R")

#: Rounding margin: the bound and the exact score add the same terms in different ways.
EPSILON = 1e-9
_ORDER = tuple(SignalName)
_ID, _UPPER = attrgetter("id"), attrgetter("upper")


def upper_bound(values: Mapping[SignalName, float | None], weights: Mapping[SignalName, float],
                open_signals: Iterable[SignalName]) -> float:
    """The weighted mean of ``values`` with each of ``open_signals`` at its maximum, 1::

        U = (sum_{i applicable, known} w_i v_i + sum_{j open} w_j) / sum_{applicable} w_i
    """
    opened = frozenset(open_signals)
    num = den = 0.0
    for name in _ORDER:
        w = weights.get(name, 0.0)
        if w <= 0:
            continue
        if name in opened:
            num += w
            den += w
            continue
        v = values.get(name)
        if v is not None:
            num += w * v
            den += w
    return num / den + EPSILON if den > 0 else EPSILON


class Bounded(NamedTuple, Generic[T]):
    """A candidate and the upper bound of its score (a named tuple: made for every candidate
    of a query, cheaper than a frozen dataclass)."""

    id: str
    upper: float
    is_new: bool
    item: T


def score_until_settled(candidates: Sequence[Bounded[T]], score: Callable[[T], R],
                        exact: Callable[[R], float], *, need: int, slots: int) -> list[R]:
    """Exact results (``score(item)``) of the candidates that can reach the first ``need``
    results or a new-profile slot (module docstring); the others are not scored."""
    # by (-upper, id): ids ascending, then a stable sort on the bound, largest first (both
    # keys read in C)
    order = sorted(sorted(candidates, key=_ID), key=_UPPER, reverse=True)
    # largest bound among the new profiles from position i on
    new_max: list[float | None] = [None] * (len(order) + 1)
    for i in range(len(order) - 1, -1, -1):
        nxt = new_max[i + 1]
        here = order[i].upper if order[i].is_new else None
        new_max[i] = here if nxt is None else (nxt if here is None else max(here, nxt))
    done: list[R] = []
    best: list[float] = []  # negated exact scores, ascending (best first)
    best_new: list[float] = []
    for i, c in enumerate(order):
        settled = len(best) >= need and -best[need - 1] > c.upper
        if settled:
            remaining_new = new_max[i]
            settled = remaining_new is None or slots == 0 or (
                len(best_new) >= slots and -best_new[slots - 1] > remaining_new)
        if settled:
            break
        result = score(c.item)
        done.append(result)
        bisect.insort(best, -exact(result))
        if c.is_new:
            bisect.insort(best_new, -exact(result))
    return done
