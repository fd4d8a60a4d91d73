"""Multiple-comparison corrections of p-values (family-wise error rate)."""

from __future__ import annotations

from collections.abc import Sequence


def bonferroni(p_values: Sequence[float]) -> list[float]:
    r"""Bonferroni: :math:`\tilde p_i = \min(1, m\,p_i)` for m comparisons."""
    m = len(p_values)
    return [min(1.0, m * p) for p in p_values]


def holm(p_values: Sequence[float]) -> list[float]:
    r"""Holm's step-down adjustment (uniformly more powerful than Bonferroni).

    Sort :math:`p_{(1)} \le \dots \le p_{(m)}`; then
    :math:`\tilde p_{(i)} = \max_{j \le i} \min(1, (m - j + 1)\,p_{(j)})`,
    returned in the input order.
    """
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted
