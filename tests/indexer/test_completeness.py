"""Completeness: the documented formula, the missing list, hints, configuration."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from indexer.completeness import CompletenessConfig, Component, completeness, completeness_hints
from indexer.errors import ConfigurationError
from tests.factories import NOW, make_profile

pytestmark = pytest.mark.unit


def full_profile(**overrides: object):
    base: dict[str, object] = {
        "has_photo": True,
        "headline": "Senior data engineer",
        "description": " ".join(["word"] * 200),
        "skills": [{"name": f"skill {i}"} for i in range(7)],
        "daily_rate": 650,
        "availability": {
            "status": "available",
            "confirmed_at": (NOW - timedelta(days=2)).isoformat(),
        },
        "languages": [{"code": "en", "level": "fluent"}],
        "city": "Lyon",
        "country": "FR",
        "portfolio": [{"title": "Data platform for a retailer"}],
    }
    base.update(overrides)
    return make_profile("full", **base)


def test_complete_profile_scores_one_with_nothing_missing() -> None:
    c = completeness(full_profile(), NOW)
    assert c.score == pytest.approx(1.0)
    assert c.missing == ()


def test_empty_profile_scores_zero_and_misses_everything() -> None:
    bare = make_profile(
        "bare",
        headline="",
        description="",
        skills=[],
        languages=[],
        city=None,
        country=None,
        coordinates=None,
        daily_rate=None,
    )
    c = completeness(bare, NOW)
    assert c.score == 0.0
    assert c.missing == tuple(comp.value for comp in Component)


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"has_photo": False}, "photo"),
        ({"headline": "  "}, "headline"),
        ({"daily_rate": None}, "daily_rate"),
        ({"languages": []}, "languages"),
        ({"city": None}, "location"),
        ({"country": None}, "location"),
        ({"portfolio": []}, "portfolio"),
        ({"availability": {"status": "available"}}, "availability"),
    ],
)
def test_each_binary_component_costs_one_ninth(overrides: dict[str, object], key: str) -> None:
    c = completeness(full_profile(**overrides), NOW)
    assert c.missing == (key,)
    assert c.score == pytest.approx(8 / 9)


def test_availability_older_than_a_week_is_missing() -> None:
    def at(days: float) -> tuple[str, ...]:
        confirmed = (NOW - timedelta(days=days)).isoformat()
        return completeness(full_profile(availability={"confirmed_at": confirmed}), NOW).missing

    assert at(6.9) == ()
    assert at(7.1) == ("availability",)


def test_counted_components_earn_partial_credit() -> None:
    c = completeness(
        full_profile(description=" ".join(["w"] * 100), skills=[{"name": "a"}, {"name": "b"}]), NOW
    )
    assert c.missing == ("description", "skills")
    assert c.score == pytest.approx((7 + 100 / 200 + 2 / 7) / 9)
    strict = CompletenessConfig(partial_credit=False)
    c2 = completeness(full_profile(description="short text"), NOW, strict)
    assert c2.score == pytest.approx(8 / 9)


def test_weights_and_thresholds_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "completeness.toml"
    path.write_text(
        "min_skills = 3\ndescription_min_words = 10\n[weights]\nphoto = 3.0\nportfolio = 0\n"
    )
    cfg = CompletenessConfig.load(path)
    p = full_profile(
        has_photo=False,
        portfolio=[],
        skills=[{"name": "a"}, {"name": "b"}, {"name": "c"}],
        description="ten words " * 5,
    )
    c = completeness(p, NOW, cfg)
    assert c.missing == ("photo",)  # portfolio weighs 0: never reported missing
    assert c.score == pytest.approx(7 / 10)  # 7 satisfied weight-1 components out of 3 + 7 + 0


def test_bad_configuration_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[weights]\nphoto = -1\n")
    with pytest.raises(ConfigurationError, match="must not be negative"):
        CompletenessConfig.load(path)
    path.write_text("[weights]\nselfie = 1\n")
    with pytest.raises(ConfigurationError, match="weights"):
        CompletenessConfig.load(path)
    path.write_text("min_skills = [")
    with pytest.raises(ConfigurationError, match="not valid TOML"):
        CompletenessConfig.load(path)


def test_hints_are_one_sentence_per_missing_key_with_thresholds() -> None:
    hints = completeness_hints(["photo", "skills", "description", "no-such-key"])
    assert len(hints) == 3
    assert "photo" in hints[0]
    assert "at least 7 skills" in hints[1]
    assert "at least 200 words" in hints[2]
    assert completeness_hints(["skills"], CompletenessConfig(min_skills=4)) == [
        "List at least 4 skills, the most important ones first."
    ]
    assert {len(completeness_hints([c.value])) for c in Component} == {1}


def test_naive_as_of_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        completeness(full_profile(), NOW.replace(tzinfo=None))
