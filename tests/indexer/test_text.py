"""The embedded and the lexical text of a profile."""

from __future__ import annotations

import pytest

from indexer.text import EMBEDDING_MAX_SKILLS, EMBEDDING_WORD_BUDGET, embedding_text, lexical_text
from tests.factories import make_profile

pytestmark = pytest.mark.unit


def test_embedding_text_puts_the_informative_parts_first() -> None:
    p = make_profile(
        headline="Data engineer",
        skills=[{"name": "Spark"}, {"name": "Airflow"}],
        categories=["data-engineering"],
        sectors=["financial-services", "data-engineering"],
        description="I build\n\nbatch and streaming   pipelines.",
    )
    assert embedding_text(p) == (
        "Data engineer. Skills: Spark, Airflow. Fields: data engineering, financial services. "
        "I build batch and streaming pipelines."
    )


def test_long_descriptions_are_cut_to_the_word_budget_never_the_skills() -> None:
    p = make_profile(
        headline="Designer",
        skills=[{"name": f"skill{i}"} for i in range(40)],
        description=" ".join(f"w{i}" for i in range(1000)),
    )
    words = embedding_text(p).split()
    assert len(words) == EMBEDDING_WORD_BUDGET
    assert words[0] == "Designer."
    assert (
        f"skill{EMBEDDING_MAX_SKILLS - 1}," in words or f"skill{EMBEDDING_MAX_SKILLS - 1}." in words
    )
    assert f"skill{EMBEDDING_MAX_SKILLS}," not in words
    assert words[-1] == f"w{EMBEDDING_WORD_BUDGET - 2 - EMBEDDING_MAX_SKILLS - 1}"


def test_empty_parts_are_left_out() -> None:
    p = make_profile(headline="", skills=[], description="")
    assert embedding_text(p) == ""
    assert lexical_text(p) == ""


def test_name_city_and_numbers_are_not_embedded() -> None:
    p = make_profile(name="Ada Lovelace", city="London", daily_rate=999)
    text = embedding_text(p)
    assert "Ada" not in text and "London" not in text and "999" not in text


def test_lexical_text_has_headline_skills_and_the_full_description() -> None:
    long = " ".join(f"w{i}" for i in range(1000))
    p = make_profile(headline="Go dev", skills=[{"name": "Go"}, {"name": "gRPC"}], description=long)
    assert lexical_text(p) == f"Go dev\nGo gRPC\n{long}"


def test_the_text_gets_no_full_stop_of_its_own_at_the_end() -> None:
    assert embedding_text(make_profile(headline="Data engineer.", skills=[], description="")) == "Data engineer"
    p = make_profile(headline="Data engineer", skills=[{"name": "Spark"}], description="")
    assert embedding_text(p) == "Data engineer. Skills: Spark"
    p = make_profile(headline="Data engineer", skills=[], description="I build pipelines")
    assert embedding_text(p) == "Data engineer. I build pipelines"


def test_the_text_layout_version_is_part_of_the_content_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    from datetime import UTC, datetime

    from indexer.completeness import completeness

    ch = importlib.import_module("indexer.pipeline.content_hash")  # the package re-exports the function

    p = make_profile()
    comp = completeness(p, datetime(2026, 11, 1, tzinfo=UTC))
    before = ch.content_hash(p, "m", comp)
    monkeypatch.setattr(ch, "EMBEDDING_TEXT_VERSION", "older")
    assert ch.content_hash(p, "m", comp) != before
