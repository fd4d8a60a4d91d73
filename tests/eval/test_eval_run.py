"""``talentmatch eval run`` / ``briefs`` / ``label`` / ``score`` end to end on a small generated index
(real embedding model, real ranker, embedded backend)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from eval.commands import eval_group
from eval.formats import read_briefs, read_qrels, read_run
from eval.metrics import evaluate, parse_measures
from indexer.backends import open_backend
from indexer.embedding import load_embedder
from indexer.generate import generate_profiles
from indexer.pipeline import Indexer
from indexer.settings import IndexerSettings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

AS_OF = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("eval-index")
    settings = IndexerSettings(data_dir=data)
    embedder = load_embedder(settings)
    backend = open_backend(settings, embedder.dimension)
    try:
        Indexer(backend, embedder, settings).index_profiles(
            generate_profiles(400, seed=3, as_of=AS_OF), as_of=AS_OF, progress=False
        )
    finally:
        backend.close()
    return data


@pytest.fixture(scope="module")
def briefs_and_qrels(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("briefs")
    res = CliRunner().invoke(
        eval_group,
        ["briefs", "--index", str(index_dir), "--as-of", AS_OF.isoformat(), "-n", "12", "--seed", "5",
         "--out", str(out / "briefs.jsonl"), "--judgments-out", str(out / "qrels.parquet")],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    return out / "briefs.jsonl", out / "qrels.parquet"


def _config_b(tmp: Path) -> Path:
    """The default configuration with all the weight on the semantic signal and score fusion."""
    from importlib import resources

    text = resources.files("ranking").joinpath("defaults", "ranking.toml").read_text(encoding="utf-8")
    text = text.replace('version = "', 'version = "semantic-only-', 1)
    lines = []
    in_weights = False
    for line in text.splitlines():
        if line.startswith("["):
            in_weights = line.strip() == "[weights]"
        if in_weights and "=" in line and not line.startswith("#"):
            key = line.split("=")[0].strip()
            line = f"{key} = {1.0 if key == 'semantic' else 0.0}"
        lines.append(line)
    path = tmp / "semantic.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_briefs_are_seeded_and_judged(briefs_and_qrels: tuple[Path, Path]) -> None:
    briefs_path, qrels_path = briefs_and_qrels
    briefs = read_briefs(briefs_path)
    qrels = read_qrels(qrels_path)
    assert len(briefs) == 12
    assert all(b.brief.must_have_skills for b in briefs)
    # Every brief was seeded from an eligible profile with its skills: at least one grade-2+ match.
    assert all(max(qrels[b.query_id].values()) >= 2 for b in briefs)


def test_eval_run_end_to_end(index_dir: Path, briefs_and_qrels: tuple[Path, Path], tmp_path: Path) -> None:
    briefs_path, qrels_path = briefs_and_qrels
    out = tmp_path / "report"
    config_b = _config_b(tmp_path)

    def args(target: Path) -> list[str]:
        return ["run", "--briefs", str(briefs_path), "--config", "default", "--config", str(config_b),
                "--baseline", "bm25", "--judgments", str(qrels_path), "--index", str(index_dir),
                "--as-of", AS_OF.isoformat(), "--out", str(target), "-k", "50", "--resamples", "2000", "--quiet"]

    res = CliRunner().invoke(eval_group, args(out), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    report = json.loads((out / "report.json").read_text())
    names = [c["name"] for c in report["configs"]]
    assert names == ["default", "semantic", "bm25"]
    assert report["configs"][1]["version"].startswith("semantic-only-")
    assert len(report["comparisons"]) == 2 * len(report["measures"])
    for c in report["comparisons"]:
        assert 0 <= c["p_permutation"] <= c["p_permutation_holm"] <= 1
        assert c["difference_ci"]["low"] <= c["mean_difference"] <= c["difference_ci"]["high"]
    assert {s["candidate"] for s in report["stability"]} == {"semantic", "bm25"}
    assert all(0 <= s["mean_rbo"] <= 1 for s in report["stability"])
    for e in report["exposure"]:
        assert 0 <= e["gini_shown"] <= e["gini_pool"] + 1e-12 <= 1 + 1e-12
        assert 0 <= e["new_profile_share"] <= 1
        assert sum(e["by_country"].values()) == pytest.approx(1.0)
    html = (out / "report.html").read_text()
    assert html.count("<svg") >= 3 and "semantic" in html
    # The written runs reproduce the report's figures when scored from the files.
    qrels = read_qrels(qrels_path)
    for name, cfg in zip(names, report["configs"], strict=True):
        run = read_run(out / "runs" / f"{name}.trec")
        assert run == read_run(out / "runs" / f"{name}.parquet")
        ev = evaluate(qrels, run, parse_measures(["ndcg@10"]))
        assert ev.mean("ndcg@10") == pytest.approx(cfg["means"]["ndcg@10"]["mean"], abs=1e-12)
    # Same inputs, same seed: the same report.
    res2 = CliRunner().invoke(eval_group, args(tmp_path / "again"), catch_exceptions=False)
    assert res2.exit_code == 0, res2.output
    again = json.loads((tmp_path / "again" / "report.json").read_text())
    assert again["comparisons"] == report["comparisons"]


def test_eval_run_without_judgments_labels_synthetically(
    index_dir: Path, briefs_and_qrels: tuple[Path, Path], tmp_path: Path
) -> None:
    briefs_path, qrels_path = briefs_and_qrels
    res = CliRunner().invoke(
        eval_group,
        ["run", "--briefs", str(briefs_path), "--baseline", "dense", "--baseline", "hybrid", "--index",
         str(index_dir), "--as-of", AS_OF.isoformat(), "--out", str(tmp_path), "--resamples", "500", "--quiet"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    report = json.loads((tmp_path / "report.json").read_text())
    assert any("SYNTHETIC" in n for n in report["notes"])
    assert read_qrels(tmp_path / "judgments.synthetic.parquet") == read_qrels(qrels_path)


def test_eval_run_needs_two_systems_and_an_aware_time(briefs_and_qrels: tuple[Path, Path], tmp_path: Path) -> None:
    from indexer.errors import InvalidInputError

    briefs_path, _ = briefs_and_qrels
    with pytest.raises(InvalidInputError, match="two systems"):
        CliRunner().invoke(eval_group, ["run", "--briefs", str(briefs_path), "--config", "default", "--as-of",
                                        AS_OF.isoformat(), "--out", str(tmp_path)], catch_exceptions=False)
    with pytest.raises(InvalidInputError, match="timezone"):
        CliRunner().invoke(eval_group, ["run", "--briefs", str(briefs_path), "--baseline", "bm25", "--baseline",
                                        "dense", "--as-of", "2026-10-01T12:00", "--out", str(tmp_path)],
                           catch_exceptions=False)


def test_score_command(briefs_and_qrels: tuple[Path, Path], tmp_path: Path) -> None:
    _, qrels_path = briefs_and_qrels
    qrels = read_qrels(qrels_path)
    from eval.formats import write_run

    # A perfect run: the judged documents by grade.
    perfect = {q: sorted(j, key=lambda d: (-j[d], d)) for q, j in qrels.items()}
    write_run(perfect, tmp_path / "perfect.trec")
    res = CliRunner().invoke(eval_group, ["score", "--judgments", str(qrels_path), "--run",
                                          str(tmp_path / "perfect.trec"), "--measure", "ndcg@10", "--measure", "map"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["means"] == {"ndcg@10": pytest.approx(1.0), "map": pytest.approx(1.0)}
