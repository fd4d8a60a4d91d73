"""Evaluate rankings against judgments: per-query values and means of several measures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from eval.metrics._common import DEFAULT_THRESHOLD, num_relevant
from eval.metrics.measures import Measure


@dataclass(frozen=True)
class Evaluation:
    """Per-query values of each measure (``values[measure_name][query_id]``), same queries for all."""

    queries: tuple[str, ...]
    values: dict[str, dict[str, float]]

    def mean(self, measure: str) -> float:
        """Arithmetic mean over the evaluated queries (0 when there are none)."""
        vals = self.values[measure]
        return sum(vals.values()) / len(vals) if vals else 0.0

    def means(self) -> dict[str, float]:
        return {m: self.mean(m) for m in self.values}

    def vector(self, measure: str) -> list[float]:
        """The per-query values in :attr:`queries` order (for paired tests)."""
        return [self.values[measure][q] for q in self.queries]


def evaluate(
    qrels: Mapping[str, Mapping[str, int]],
    rankings: Mapping[str, Sequence[str]],
    measures: Sequence[Measure],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    drop_queries_without_relevant: bool = False,
) -> Evaluation:
    """Score each judged query's ranking on each measure.

    Queries are those of ``qrels`` (sorted); a query missing from ``rankings`` is scored on an
    empty ranking (0). With ``drop_queries_without_relevant`` queries whose judgments hold no
    relevant document are left out instead of scoring 0.
    """
    queries = tuple(
        q for q in sorted(qrels) if not (drop_queries_without_relevant and num_relevant(qrels[q], threshold) == 0)
    )
    values: dict[str, dict[str, float]] = {}
    for m in measures:
        f = m.function(threshold)
        values[m.name] = {q: f(list(rankings.get(q, ())), qrels[q]) for q in queries}
    return Evaluation(queries, values)


def mean_scores(evaluation: Evaluation) -> dict[str, float]:
    """Mean of each measure over the evaluated queries."""
    return evaluation.means()


def per_query_frame(evaluations: Mapping[str, Evaluation]) -> pl.DataFrame:
    """Long frame (config, query_id, measure, value) of several evaluations, for notebooks."""
    rows = [
        (name, q, m, v)
        for name, ev in evaluations.items()
        for m, per_q in ev.values.items()
        for q, v in per_q.items()
    ]
    return pl.DataFrame(
        {
            "config": [r[0] for r in rows],
            "query_id": [r[1] for r in rows],
            "measure": [r[2] for r in rows],
            "value": [r[3] for r in rows],
        },
        schema={"config": pl.String, "query_id": pl.String, "measure": pl.String, "value": pl.Float64},
    )
