"""Briefs JSONL, the synthetic labeller's grading rule, RRF fusion, the jobtitles reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.formats import BriefRecord, read_briefs, write_briefs
from eval.labeller import label, skill_grade
from eval.systems import rrf
from eval.titles import read_title_set
from indexer.errors import InvalidInputError
from ranking import Brief
from tests.factories import make_profile

pytestmark = pytest.mark.unit


def test_briefs_round_trip(tmp_path: Path) -> None:
    recs = [
        BriefRecord("q1", Brief(title="Java developer", must_have_skills=("Java", "Spring Boot"))),
        BriefRecord("q2", Brief.model_validate({"title": "UX designer", "mode": "curated",
                                                "languages": [{"code": "de", "min_level": "fluent"}]})),
    ]
    assert read_briefs(write_briefs(recs, tmp_path / "b.jsonl")) == recs


def test_bad_briefs_name_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    lines = [
        {"query_id": "q1", "brief": {"title": "ok"}},
        {"query_id": "q1", "brief": {"title": "duplicate id"}},
        {"query_id": "q3", "brief": {"title": "x", "languages": [{"code": "de", "min_level": "godlike"}]}},
        {"query_id": "q4", "brief": {"title": "x", "salary": 3}},
        {"brief": {"title": "no id"}},
        {"query_id": "q6", "brief": "not an object", "extra": 1},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as exc:
        read_briefs(path)
    found = {(p.row, p.field) for p in exc.value.problems}
    assert found == {
        (2, "query_id"), (3, "brief.languages.0.min_level"), (4, "brief.salary"), (5, "query_id"),
        (6, "extra"), (6, "brief"), (7, "<line>"),
    }


def test_skill_grade_rule() -> None:
    assert skill_grade(["Java", "SQL"], ["Kafka", "Docker"], ["java", "SQL", "Docker"]) == 3
    assert skill_grade(["Java", "SQL"], ["Kafka", "Docker"], ["Java", "SQL"]) == 2
    assert skill_grade(["Java", "SQL"], [], ["Java", "SQL"]) == 3  # no nice-to-have: n = 1
    assert skill_grade(["Java", "SQL"], ["Kafka"], ["Java"]) == 1
    assert skill_grade(["Java", "SQL", "Spring Boot"], [], ["Java"]) == 0
    # Related skills do not count (the labeller is independent of the ranker's vocabulary).
    assert skill_grade(["Java"], [], ["Kotlin"]) == 0


def test_label_grades_only_given_pool_and_requires_must_haves() -> None:
    p1 = make_profile("p1", skills=[{"name": "Java"}, {"name": "SQL"}])
    p2 = make_profile("p2", skills=[{"name": "Figma"}])
    briefs = [BriefRecord("q1", Brief(title="Java dev", must_have_skills=("Java", "SQL")))]
    assert label(briefs, {"self_service": [p1, p2]}) == {"q1": {"p1": 3}}
    assert label(briefs, {"self_service": [p1, p2]}, keep_zero=True) == {"q1": {"p1": 3, "p2": 0}}
    with pytest.raises(InvalidInputError, match="q2"):
        label([BriefRecord("q2", Brief(title="anything"))], {"self_service": [p1]})


def test_rrf_hand_case() -> None:
    fused = rrf([["a", "b"], ["b", "c"]], k=60)
    assert [d for d, _ in fused] == ["b", "a", "c"]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)
    # Equal scores break on id ascending.
    assert [d for d, _ in rrf([["x"], ["a"]])] == ["a", "x"]


def test_title_set_reader_and_errors(tmp_path: Path) -> None:
    d = tmp_path / "de"
    d.mkdir()
    (d / "queries.tsv").write_text("q1\tDatenanalyst\n", encoding="utf-8")
    (d / "corpus_documents.tsv").write_text("c1\tData Scientist\nc2\tBuchhalter\n", encoding="utf-8")
    (d / "annotations.tsv").write_text("q1\t0\tc1\t1\n", encoding="utf-8")
    ts = read_title_set(d)
    assert ts.language.value == "de" and ts.qrels == {"q1": {"c1": 1}}
    assert ts.profile_ids == {"c1": "t00000", "c2": "t00001"}
    (d / "annotations.tsv").write_text("q1\t0\tc9\t1\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="c9"):
        read_title_set(d)
    (d / "corpus_documents.tsv").write_text("c1\tData Scientist\nc1 no tab\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as exc:
        read_title_set(d)
    assert [(p.row, p.field) for p in exc.value.problems] == [(2, "<line>")]
    with pytest.raises(InvalidInputError, match="language"):
        read_title_set(d, language="xx")
