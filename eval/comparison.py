"""Compare two or more ranking configurations evaluated on the same queries.

The first configuration is the baseline; every other one is compared with it on every measure
(paired randomisation test and paired t-test, Holm-corrected over all comparisons of the same
test, bootstrap interval of the mean difference), plus exposure per configuration and stability
(RBO) of each configuration against the baseline. Everything is seeded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from eval.compare import (
    ConfidenceInterval,
    bootstrap_ci,
    exposure_gini,
    exposure_spread,
    holm,
    mean_rbo,
    new_profile_share,
    paired_permutation_test,
    paired_t_test,
)
from eval.compare.stability import DEFAULT_P
from eval.metrics import Evaluation


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    """What exposure needs to know about a ranked freelancer."""

    country: str | None
    language: str | None
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class StatsSettings:
    """Knobs of the statistics, all recorded in the report."""

    seed: int = 0
    n_resamples: int = 10_000
    confidence: float = 0.95
    exposure_k: int = 10
    rbo_p: float = DEFAULT_P
    rbo_k: int | None = None
    new_profile_days: int = 30


@dataclass(frozen=True, slots=True)
class ConfigSummary:
    name: str
    version: str
    means: dict[str, ConfidenceInterval]


@dataclass(frozen=True, slots=True)
class PairComparison:
    """Candidate minus baseline on one measure."""

    baseline: str
    candidate: str
    measure: str
    mean_difference: float
    difference_ci: ConfidenceInterval
    p_permutation: float
    p_ttest: float
    p_permutation_holm: float = 1.0
    p_ttest_holm: float = 1.0
    per_query: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExposureSummary:
    config: str
    new_profile_share: float
    gini_shown: float
    gini_pool: float
    by_country: dict[str, float]
    by_language: dict[str, float]


@dataclass(frozen=True, slots=True)
class StabilitySummary:
    baseline: str
    candidate: str
    p: float
    k: int | None
    mean_rbo: float
    per_query: dict[str, float]


@dataclass(frozen=True)
class ComparisonReport:
    """Everything ``eval run`` reports; serialised to JSON and rendered as table and HTML."""

    title: str
    as_of: str | None
    queries: tuple[str, ...]
    measures: tuple[str, ...]
    settings: StatsSettings
    configs: tuple[ConfigSummary, ...]
    comparisons: tuple[PairComparison, ...]
    exposure: tuple[ExposureSummary, ...]
    stability: tuple[StabilitySummary, ...]
    notes: tuple[str, ...] = ()


def compare(
    evaluations: Mapping[str, Evaluation],
    rankings: Mapping[str, Mapping[str, Sequence[str]]],
    facts: Mapping[str, ProfileFacts],
    *,
    versions: Mapping[str, str] | None = None,
    as_of: datetime | None = None,
    settings: StatsSettings | None = None,
    title: str = "Ranking comparison",
    notes: Sequence[str] = (),
) -> ComparisonReport:
    """Build the report. ``evaluations`` and ``rankings`` are keyed by configuration name, the
    first being the baseline; all evaluations must cover the same queries."""
    s = settings or StatsSettings()
    names = list(evaluations)
    if len(names) < 1:
        raise ValueError("nothing to compare")
    base = names[0]
    queries = evaluations[base].queries
    for n in names:
        if evaluations[n].queries != queries:
            raise ValueError(f"configuration {n!r} was evaluated on other queries than {base!r}")
    measures = tuple(evaluations[base].values)
    versions = versions or {}

    configs = tuple(
        ConfigSummary(
            n,
            versions.get(n, n),
            {
                m: bootstrap_ci(evaluations[n].vector(m), n_resamples=s.n_resamples, confidence=s.confidence, seed=s.seed)
                for m in measures
            },
        )
        for n in names
    )

    raw: list[PairComparison] = []
    for cand in names[1:]:
        for m in measures:
            a, b = evaluations[base].vector(m), evaluations[cand].vector(m)
            diffs = [y - x for x, y in zip(a, b, strict=True)]
            raw.append(
                PairComparison(
                    base,
                    cand,
                    m,
                    sum(diffs) / len(diffs) if diffs else 0.0,
                    bootstrap_ci(diffs, n_resamples=s.n_resamples, confidence=s.confidence, seed=s.seed),
                    paired_permutation_test(a, b, n_resamples=s.n_resamples, seed=s.seed).p_value,
                    paired_t_test(a, b).p_value,
                    per_query=dict(zip(queries, diffs, strict=True)),
                )
            )
    holm_perm = holm([c.p_permutation for c in raw])
    holm_t = holm([c.p_ttest for c in raw])
    comparisons = tuple(
        PairComparison(
            c.baseline, c.candidate, c.measure, c.mean_difference, c.difference_ci,
            c.p_permutation, c.p_ttest, hp, ht, c.per_query,
        )
        for c, hp, ht in zip(raw, holm_perm, holm_t, strict=True)
    )

    is_new = _is_new(facts, as_of, s.new_profile_days)
    pool = {d for n in names for docs in rankings[n].values() for d in list(docs)[: s.exposure_k]}
    exposure = tuple(
        ExposureSummary(
            n,
            new_profile_share(rankings[n], is_new, s.exposure_k),
            exposure_gini(rankings[n], s.exposure_k),
            exposure_gini(rankings[n], s.exposure_k, population=pool),
            exposure_spread(rankings[n], lambda d: facts[d].country if d in facts else None, s.exposure_k),
            exposure_spread(rankings[n], lambda d: facts[d].language if d in facts else None, s.exposure_k),
        )
        for n in names
    )
    stability = tuple(
        _stability(base, cand, rankings, queries, s) for cand in names[1:]
    )
    return ComparisonReport(
        title, as_of.isoformat() if as_of else None, queries, measures, s, configs, comparisons, exposure,
        stability, tuple(notes),
    )


def _stability(
    base: str, cand: str, rankings: Mapping[str, Mapping[str, Sequence[str]]], queries: Sequence[str], s: StatsSettings
) -> StabilitySummary:
    a = {q: list(rankings[base].get(q, ())) for q in queries}
    per_q = mean_rbo(a, rankings[cand], p=s.rbo_p, k=s.rbo_k)
    mean = sum(per_q.values()) / len(per_q) if per_q else 1.0
    return StabilitySummary(base, cand, s.rbo_p, s.rbo_k, mean, per_q)


def _is_new(facts: Mapping[str, ProfileFacts], as_of: datetime | None, days: int) -> Callable[[str], bool]:
    def is_new(doc: str) -> bool:
        f = facts.get(doc)
        if f is None or f.created_at is None or as_of is None:
            return False
        return (as_of - f.created_at).total_seconds() < days * 86_400

    return is_new
