"""compare() and its renderings on hand-made rankings (no model, no index)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from eval.comparison import ProfileFacts, StatsSettings, compare
from eval.metrics import evaluate, parse_measures
from eval.report import print_report, render_html, write_json

pytestmark = pytest.mark.unit

AS_OF = datetime(2026, 10, 1, tzinfo=UTC)


def _setup() -> tuple[dict, dict, dict]:
    rng = random.Random(4)
    qrels = {f"q{i:02d}": {f"d{j}": rng.randint(0, 3) for j in range(30)} for i in range(25)}
    good = {q: sorted(j, key=lambda d: (-j[d] - rng.random() * 1.5, d)) for q, j in qrels.items()}
    shuffled = {q: rng.sample(sorted(j), len(j)) for q, j in qrels.items()}
    facts = {
        f"d{j}": ProfileFacts("DE" if j % 3 else "FR", "de" if j % 2 else "en", AS_OF - timedelta(days=10 if j < 5 else 400))
        for j in range(30)
    }
    return qrels, {"base": shuffled, "same": dict(shuffled), "good": good}, facts


def test_identical_configurations_and_a_better_one() -> None:
    qrels, rankings, facts = _setup()
    ms = parse_measures(["ndcg@10", "map"])
    evs = {n: evaluate(qrels, r, ms) for n, r in rankings.items()}
    report = compare(evs, rankings, facts, as_of=AS_OF, settings=StatsSettings(seed=1, n_resamples=2000))
    by = {(c.candidate, c.measure): c for c in report.comparisons}
    same = by[("same", "ndcg@10")]
    assert same.mean_difference == 0 and same.p_permutation == 1.0 and same.p_ttest == 1.0
    better = by[("good", "ndcg@10")]
    assert better.mean_difference > 0.2 and better.p_permutation_holm < 0.01
    # Holm-adjusted p-values are never below the raw ones.
    assert all(c.p_permutation_holm >= c.p_permutation for c in report.comparisons)
    stab = {s.candidate: s.mean_rbo for s in report.stability}
    assert stab["same"] == pytest.approx(1.0) and stab["good"] < 0.9
    exp = {e.config: e for e in report.exposure}
    # New profiles are d0-d4 (created 10 days before as_of): share of the top 10 is counted.
    expected = sum(sum(1 for d in r[:10] if int(d[1:]) < 5) / 10 for r in rankings["base"].values()) / 25
    assert exp["base"].new_profile_share == pytest.approx(expected)
    assert set(exp["base"].by_language) == {"de", "en"}


def test_renderings(tmp_path: Path) -> None:
    qrels, rankings, facts = _setup()
    ms = parse_measures(["ndcg@10", "mrr"])
    evs = {n: evaluate(qrels, rankings[n], ms) for n in ("base", "good")}
    report = compare(evs, rankings, facts, as_of=AS_OF, settings=StatsSettings(n_resamples=500), notes=["synthetic <b>"])
    data = json.loads(write_json(report, tmp_path / "r.json").read_text())
    assert data["configs"][1]["means"]["ndcg@10"]["mean"] == pytest.approx(evs["good"].mean("ndcg@10"))
    page = render_html(report)
    assert page.count("<svg") >= 3 and "synthetic &lt;b&gt;" in page
    console = Console(record=True, width=200)
    print_report(report, console)
    text = console.export_text()
    assert "good" in text and "ndcg@10" in text and "rank-biased overlap" in text
