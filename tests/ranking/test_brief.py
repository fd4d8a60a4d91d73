"""The brief: validation errors name the field; files in JSON and TOML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.errors import InputFileError, InvalidInputError
from ranking.brief import MAX_BRIEF_BYTES, Brief, SearchMode, load_brief, parse_brief

pytestmark = pytest.mark.unit


def test_minimal_brief_defaults() -> None:
    b = parse_brief({"title": "Java developer"})
    assert b.mode is SearchMode.SELF_SERVICE and b.currency == "EUR" and b.must_have_skills == ()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "title"),
        ({"title": ""}, "title"),
        ({"title": "x", "max_daily_rate": -1}, "max_daily_rate"),
        ({"title": "x", "currency": "euro"}, "currency"),
        ({"title": "x", "mode": "plus"}, "mode"),
        ({"title": "x", "seniority": "guru"}, "seniority"),
        ({"title": "x", "languages": [{"code": "english"}]}, "languages.0.code"),
        (
            {"title": "x", "languages": [{"code": "en", "min_level": "godlike"}]},
            "languages.0.min_level",
        ),
        ({"title": "x", "location": {"radius_km": 0}}, "location.radius_km"),
        ({"title": "x", "location": {"lat": 10}}, "location"),
        ({"title": "x", "location": {"remote": "sometimes"}}, "location.remote"),
        ({"title": "x", "start_date": "next week"}, "start_date"),
        ({"title": "x", "duration_days": 0}, "duration_days"),
        ({"title": "x", "unknown_field": 1}, "unknown_field"),
        ({"title": "x", "must_have_skills": ["Java", " java "]}, "must_have_skills"),
        ({"title": "x", "must_have_skills": ["Java"], "nice_to_have_skills": ["JAVA"]}, "<brief>"),
        ({"title": "x", "profile_type": "Not A Slug"}, "profile_type"),
        ({"title": "x", "must_have_skills": ["x" * 101]}, "must_have_skills.0"),
    ],
)
def test_invalid_briefs_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InvalidInputError) as err:
        parse_brief(data)
    assert field in err.value.fields


def test_all_problems_are_listed() -> None:
    with pytest.raises(InvalidInputError) as err:
        parse_brief({"title": "", "currency": "x", "mode": "y"})
    assert set(err.value.fields) == {"title", "currency", "mode"}


def test_not_an_object() -> None:
    with pytest.raises(InvalidInputError, match="expected an object"):
        parse_brief(["title"])


def test_json_and_toml_files(tmp_path: Path) -> None:
    data = {
        "title": "Data engineer",
        "must_have_skills": ["Python", "Spark"],
        "languages": [{"code": "de", "min_level": "fluent"}],
        "location": {"city": "Berlin", "country": "DE", "remote": "hybrid"},
        "max_daily_rate": 650,
        "start_date": "2026-12-01",
        "mode": "curated",
    }
    j = tmp_path / "b.json"
    j.write_text(json.dumps(data))
    t = tmp_path / "b.toml"
    t.write_text(
        'title = "Data engineer"\nmust_have_skills = ["Python", "Spark"]\nmax_daily_rate = 650\n'
        'start_date = 2026-12-01\nmode = "curated"\n'
        '[[languages]]\ncode = "de"\nmin_level = "fluent"\n'
        '[location]\ncity = "Berlin"\ncountry = "DE"\nremote = "hybrid"\n'
    )
    assert load_brief(j) == load_brief(t) == Brief.model_validate(data)


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot read"):
        load_brief(tmp_path / "none.json")
    p = tmp_path / "b.yaml"
    p.write_text("title: x")
    with pytest.raises(InputFileError, match="unknown brief format"):
        load_brief(p)
    p = tmp_path / "b.json"
    p.write_text('{"title": ')
    with pytest.raises(InputFileError, match="line 1"):
        load_brief(p)
    p.write_bytes(b"\xff\xfe")
    with pytest.raises(InputFileError, match="UTF-8"):
        load_brief(p)
    p.write_text('{"title": "' + "x" * MAX_BRIEF_BYTES + '"}')
    with pytest.raises(InputFileError, match="allowed"):
        load_brief(p)
    p.write_text('{"title": "x", "max_daily_rate": "lots"}')
    with pytest.raises(InvalidInputError) as err:
        load_brief(p)
    assert err.value.fields == ["max_daily_rate"] and str(p) in str(err.value)
