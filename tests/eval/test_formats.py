"""Judgment and run files: round trips in every format, and bad files named by line and field."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from eval.formats import (
    judgments_frame,
    qrels_from_frame,
    read_qrels,
    read_run,
    run_frame,
    write_qrels,
    write_run,
)
from eval.formats.runs import read_run_scores
from indexer.errors import InputFileError, InvalidInputError

pytestmark = pytest.mark.unit

QRELS = {"q1": {"d1": 2, "d2": 0}, "q2": {"d3": 1}}
RANKINGS = {"q1": ["d2", "d1", "x"], "q2": ["d3"]}


@pytest.mark.parametrize("name", ["qrels.txt", "qrels.jsonl", "qrels.parquet"])
def test_qrels_round_trip(tmp_path: Path, name: str) -> None:
    path = write_qrels(QRELS, tmp_path / name)
    assert read_qrels(path) == QRELS


@pytest.mark.parametrize("name", ["run.txt", "run.parquet"])
def test_run_round_trip_keeps_the_order(tmp_path: Path, name: str) -> None:
    path = write_run(RANKINGS, tmp_path / name, run="A")
    assert read_run(path) == RANKINGS


def test_frames(tmp_path: Path) -> None:
    frame = judgments_frame(QRELS)
    assert frame.columns == ["query_id", "doc_id", "relevance"] and frame.height == 3
    assert qrels_from_frame(frame) == QRELS
    rf = run_frame(RANKINGS, "A", {"q1": {"d2": 0.9}})
    assert rf.filter(pl.col("query_id") == "q1")["rank"].to_list() == [1, 2, 3]
    assert rf["ranker_score"].to_list()[0] == 0.9


def test_trec_qrels_errors_name_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.qrels"
    path.write_text("q1 0 d1 1\nq1 0 d2\n\nq1 0 d1 2\nq2 0 d3 high\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as exc:
        read_qrels(path)
    problems = {(p.row, p.field) for p in exc.value.problems}
    assert problems == {(2, "<line>"), (4, "doc_id"), (5, "relevance")}
    assert "row 5, field 'relevance'" in str(exc.value)


def test_jsonl_qrels_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"query_id": "q1", "doc_id": "d1", "relevance": 1}\n'
        "{not json\n"
        '{"query_id": "q 1", "doc_id": "d1", "relevance": 1.5, "extra": true}\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as exc:
        read_qrels(path)
    assert {(p.row, p.field) for p in exc.value.problems} == {
        (2, "<line>"), (3, "extra"), (3, "query_id"), (3, "relevance"),
    }


def test_parquet_qrels_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    pl.DataFrame({"query_id": ["q1", "q1"], "doc_id": ["d1", None], "relevance": [1, 2]}).write_parquet(path)
    with pytest.raises(InvalidInputError) as exc:
        read_qrels(path)
    assert [(p.row, p.field) for p in exc.value.problems] == [(2, "doc_id")]
    missing = tmp_path / "nocol.parquet"
    pl.DataFrame({"query_id": ["q1"], "doc_id": ["d1"]}).write_parquet(missing)
    with pytest.raises(InvalidInputError, match="relevance"):
        read_qrels(missing)


def test_run_errors_name_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.run"
    path.write_text("q1 Q0 d1 1 2.5 A\nq1 Q0 d2 2 NaN A\nq1 Q0 d1 3 1.0 A\nq1 Q0 d4 x 1.0 A\nq1 d5 1\n")
    with pytest.raises(InvalidInputError) as exc:
        read_run_scores(path)
    assert {(p.row, p.field) for p in exc.value.problems} == {
        (2, "score"), (3, "doc_id"), (4, "rank"), (5, "<line>"),
    }


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        read_qrels(tmp_path / "missing.txt")
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"not parquet at all")
    with pytest.raises(InputFileError, match="Parquet"):
        read_run(garbage)
    binary = tmp_path / "latin1.txt"
    binary.write_bytes(b"q1 0 d\xe9 1\n")
    with pytest.raises(InputFileError, match="UTF-8"):
        read_qrels(binary)
