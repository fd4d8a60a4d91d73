"""Rank the same briefs with several systems on a fixed index and ``as_of``, then compare them.

This is what ``talentmatch eval run`` does; notebooks call the same functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from tqdm import tqdm

from eval.comparison import ComparisonReport, ProfileFacts, StatsSettings, compare
from eval.formats.briefs import BriefRecord
from eval.formats.qrels import Qrels
from eval.formats.runs import Rankings
from eval.metrics import Evaluation, evaluate
from eval.metrics.measures import Measure
from eval.systems import System
from indexer.backends.protocol import SearchBackend


@dataclass(frozen=True)
class SystemRun:
    """One system's rankings of all briefs."""

    name: str
    version: str
    rankings: Rankings
    scores: dict[str, dict[str, float]]
    new_profile_slots: dict[str, list[str]]


def run_system(
    system: System, briefs: Sequence[BriefRecord], *, as_of: datetime, k: int, progress: bool = True
) -> SystemRun:
    """Rank every brief with ``system``."""
    rankings: Rankings = {}
    scores: dict[str, dict[str, float]] = {}
    slots: dict[str, list[str]] = {}
    for rec in tqdm(briefs, desc=f"ranking with {system.name}", disable=not progress, unit="brief"):
        res = system.rank(rec.brief, k=k, as_of=as_of)
        rankings[rec.query_id] = res.ids
        scores[rec.query_id] = dict(zip(res.ids, res.scores, strict=True))
        slots[rec.query_id] = res.new_profile_slots
    return SystemRun(system.name, system.version, rankings, scores, slots)


def profile_facts(backend: SearchBackend, runs: Sequence[SystemRun]) -> dict[str, ProfileFacts]:
    """Country, text language and creation time of every profile any run returned."""
    ids = sorted({d for r in runs for docs in r.rankings.values() for d in docs})
    facts: dict[str, ProfileFacts] = {}
    for start in range(0, len(ids), 1000):
        for pid, doc in backend.get(ids[start : start + 1000]).items():
            p = doc.profile
            facts[pid] = ProfileFacts(p.country, str(p.text_language), p.created_at)
    return facts


def compare_runs(
    runs: Sequence[SystemRun],
    qrels: Qrels,
    measures: Sequence[Measure],
    facts: Mapping[str, ProfileFacts],
    *,
    as_of: datetime,
    settings: StatsSettings | None = None,
    title: str = "Ranking comparison",
    notes: Sequence[str] = (),
) -> tuple[ComparisonReport, dict[str, Evaluation]]:
    """Evaluate every run against ``qrels`` and compare them (the first run is the baseline)."""
    names = [r.name for r in runs]
    if len(set(names)) != len(names):
        raise ValueError(f"system names must be unique: {names}")
    evaluations = {r.name: evaluate(qrels, r.rankings, measures) for r in runs}
    report = compare(
        evaluations,
        {r.name: r.rankings for r in runs},
        facts,
        versions={r.name: r.version for r in runs},
        as_of=as_of,
        settings=settings,
        title=title,
        notes=notes,
    )
    return report, evaluations
