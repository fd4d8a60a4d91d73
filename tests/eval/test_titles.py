"""``talentmatch eval titles`` on a slice of the bundled English job-title data (real model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import eval.titles as titles_module
from eval.commands import eval_group
from eval.formats import read_qrels
from eval.titles import read_title_set

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EN = Path(titles_module.__file__).parent / "data" / "jobtitles" / "en"


@pytest.fixture(scope="module")
def slice_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 queries; the corpus keeps their judged titles plus every 8th other title."""
    full = read_title_set(EN)
    queries = list(full.queries)[:12]
    judged = {d for q in queries for d in full.qrels[q]}
    corpus = [d for i, d in enumerate(full.corpus) if d in judged or i % 8 == 0]
    out = tmp_path_factory.mktemp("titles") / "en"
    out.mkdir()
    (out / "queries.tsv").write_text("".join(f"{q}\t{full.queries[q]}\n" for q in queries), encoding="utf-8")
    (out / "corpus_documents.tsv").write_text("".join(f"{d}\t{full.corpus[d]}\n" for d in corpus), encoding="utf-8")
    qrels = read_qrels(EN / "annotations.tsv")
    (out / "annotations.tsv").write_text(
        "".join(f"{q}\t0\t{d}\t1\n" for q in queries for d in qrels[q]), encoding="utf-8"
    )
    return out


def test_titles_command_prints_the_measures_as_json(slice_dir: Path) -> None:
    res = CliRunner().invoke(
        eval_group, ["titles", str(slice_dir), "--system", "ranker", "--system", "bm25", "--quiet"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output[res.output.index("{"):])
    assert out["language"] == "en" and out["queries"] == 12 and out["k"] == 100
    for system in ("ranker", "bm25"):
        vals = out["systems"][system]
        assert set(vals) == {"map", "ndcg@10", "mrr", "recall@10"}
        assert all(0 <= v <= 1 for v in vals.values())
    # Meaning matters: with ~400 candidates and ~23 relevant titles per query, a random order
    # scores MAP ~0.06; the real model and ranker find the similar titles.
    assert out["systems"]["ranker"]["map"] > 0.3
    assert out["systems"]["ranker"]["mrr"] > 0.6


def test_titles_rejects_a_directory_without_the_layout(tmp_path: Path) -> None:
    from indexer.errors import InputFileError

    (tmp_path / "en").mkdir()
    with pytest.raises(InputFileError, match=r"queries\.tsv"):
        CliRunner().invoke(eval_group, ["titles", str(tmp_path / "en"), "--quiet"], catch_exceptions=False)


def test_splits_partition_the_queries_and_their_means_add_up(slice_dir: Path) -> None:
    """dev and test halve the queries (eval.titles_split); MAP is a mean over queries, so the
    mean over all queries is the query-weighted mean of the two halves."""
    from eval.titles import run_title_benchmark

    out = run_title_benchmark(slice_dir, systems=["dense"], split="test", splits=["dev", "all"],
                              progress=False)
    by = out["by_split"]
    assert out["split"] == "test" and out["queries"] == by["test"]["queries"]
    assert by["dev"]["queries"] + by["test"]["queries"] == by["all"]["queries"] == 12
    n_dev, n_test = by["dev"]["queries"], by["test"]["queries"]
    for m in ("map", "ndcg@10", "recall@10"):
        dev, test, whole = (by[s]["systems"]["dense"][m] for s in ("dev", "test", "all"))
        assert whole == pytest.approx((n_dev * dev + n_test * test) / 12, abs=1e-12)
    assert out["systems"] == by["test"]["systems"]
