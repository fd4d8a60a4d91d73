"""The score: a weighted sum of signal values, with every contribution kept.

    score = sum_i w'_i * v_i,    w'_i = w_i / sum_{j applicable} w_j

over the signals that apply to the brief (a signal without a criterion in the brief, such as
rate fit without a budget, is left out and the remaining weights are renormalised to sum to 1,
so scores stay in [0, 1]). Each contribution ``w'_i * v_i`` is reported; they add up to the
score (the score *is* their sum).
"""

from __future__ import annotations

from collections.abc import Mapping

from ranking.results import SignalContribution
from ranking.signals import SignalName


def score(
    values: Mapping[SignalName, float | None], weights: Mapping[SignalName, float]
) -> tuple[float, list[SignalContribution]]:
    """``(score, contributions)`` in :class:`SignalName` order."""
    applicable = [n for n in SignalName if values.get(n) is not None and weights.get(n, 0.0) > 0]
    total_weight = sum(weights[n] for n in applicable)
    contributions: list[SignalContribution] = []
    for name in applicable:
        w = weights[name] / total_weight
        v = float(values[name])  # type: ignore[arg-type]
        contributions.append(SignalContribution(name=name, value=v, weight=w, contribution=w * v))
    return sum(c.contribution for c in contributions), contributions
