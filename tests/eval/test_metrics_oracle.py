"""The metrics agree with trec_eval (through pytrec_eval) to 1e-9 on thousands of random cases."""

from __future__ import annotations

import random

import pytest
import pytrec_eval

from eval.formats import order_by_score
from eval.metrics import Measure, evaluate, parse_measures

pytestmark = pytest.mark.unit

CUTOFFS = (1, 2, 3, 5, 10, 20)
MEASURES = parse_measures(
    ["map", "ndcg", "mrr"]
    + [f"{m}@{k}" for m in ("ndcg", "map", "p", "recall", "hit") for k in CUTOFFS]
)


def _random_case(rng: random.Random, qid: str, ties: bool) -> tuple[dict[str, int], dict[str, float]]:
    """Judgments (grades -1..3, some queries with nothing relevant) and a run (judged+unjudged docs)."""
    n_docs = rng.randint(1, 40)
    docs = [f"d{rng.randrange(10_000)}" for _ in range(n_docs)]
    docs = list(dict.fromkeys(docs))
    judged_docs = rng.sample(docs, rng.randint(1, len(docs)))
    no_relevant = rng.random() < 0.1
    grades = [-1, 0, 0, 1, 2, 3]
    judged = {d: (rng.choice([-1, 0]) if no_relevant else rng.choice(grades)) for d in judged_docs}
    # Some judged documents are never retrieved; some retrieved ones are unjudged.
    retrieved = [d for d in docs if rng.random() < 0.8] or docs[:1]
    retrieved += [f"u{rng.randrange(10_000)}" for _ in range(rng.randint(0, 10))]
    retrieved = list(dict.fromkeys(retrieved))
    if ties:
        scores = {d: float(rng.randint(0, 4)) for d in retrieved}
    else:
        values = rng.sample(range(1_000_000), len(retrieved))
        scores = {d: v / 997.0 for d, v in zip(retrieved, values, strict=True)}
    return judged, scores


def _check(n_queries: int, seed: int, ties: bool) -> int:
    rng = random.Random(seed)
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, dict[str, float]] = {}
    for i in range(n_queries):
        judged, scores = _random_case(rng, f"q{i}", ties)
        qrels[f"q{i}"], run[f"q{i}"] = judged, scores
    trec_names = {m.trec_name for m in MEASURES if m.trec_name}
    oracle = pytrec_eval.RelevanceEvaluator(qrels, trec_names).evaluate(run)
    ours = evaluate(qrels, {q: order_by_score(s) for q, s in run.items()}, MEASURES)
    checked = 0
    for m in MEASURES:
        if m.trec_name is None:
            continue
        for q in qrels:
            expected = oracle[q][m.trec_name]
            got = ours.values[m.name][q]
            assert got == pytest.approx(expected, abs=1e-9), (m.name, q, qrels[q], run[q])
            checked += 1
    return checked


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tie_free_random_cases_match_trec_eval(seed: int) -> None:
    assert _check(2000, seed, ties=False) == 2000 * len([m for m in MEASURES if m.trec_name])


@pytest.mark.parametrize("seed", [11, 12])
def test_tied_scores_follow_trec_eval_doc_id_descending(seed: int) -> None:
    """With many tied scores the order must be trec_eval's: score desc, then doc id desc."""
    _check(1000, seed, ties=True)


def test_tie_convention_hand_case() -> None:
    """Tied scores: trec_eval ranks 'c' before 'b' before 'a' (doc id descending)."""
    judged = {"a": 1, "b": 0, "c": 0}
    run = {"a": 1.0, "b": 1.0, "c": 1.0}
    ranking = order_by_score(run)
    assert ranking == ["c", "b", "a"]
    ev = evaluate({"q": judged}, {"q": ranking}, [Measure.parse("mrr")])
    assert ev.values["mrr"]["q"] == pytest.approx(1 / 3)
    oracle = pytrec_eval.RelevanceEvaluator({"q": judged}, {"recip_rank"}).evaluate({"q": run})
    assert oracle["q"]["recip_rank"] == pytest.approx(1 / 3)


def test_mean_over_judged_queries_counts_missing_run_queries_as_zero() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}}
    ev = evaluate(qrels, {"q1": ["a"], "q3": ["x"]}, [Measure.parse("map")])
    assert ev.queries == ("q1", "q2")
    assert ev.values["map"] == {"q1": 1.0, "q2": 0.0}
    assert ev.mean("map") == 0.5


def test_queries_without_relevant_documents_score_zero_or_are_dropped() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 0}}
    rankings = {"q1": ["a"], "q2": ["b"]}
    ms = parse_measures(["ndcg@10", "map"])
    kept = evaluate(qrels, rankings, ms)
    assert kept.values["ndcg@10"] == {"q1": 1.0, "q2": 0.0}
    dropped = evaluate(qrels, rankings, ms, drop_queries_without_relevant=True)
    assert dropped.queries == ("q1",)
    assert dropped.mean("map") == 1.0


def test_graded_gain_and_threshold() -> None:
    """nDCG uses the grade as gain; a higher threshold makes grade-1 documents non-relevant."""
    judged = {"a": 1, "b": 3}
    assert evaluate({"q": judged}, {"q": ["a", "b"]}, parse_measures(["ndcg"])).mean("ndcg") == pytest.approx(
        (1 + 3 / 1.584962500721156) / (3 + 1 / 1.584962500721156)
    )
    ev = evaluate({"q": judged}, {"q": ["a", "b"]}, parse_measures(["mrr"]), threshold=2)
    assert ev.mean("mrr") == 0.5
