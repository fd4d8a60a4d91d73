"""One scenario per rule of the eligibility policy, at the level of the compiled rules.

Each scenario checks the filter with the reference semantics, the explanation texts, and the
independent oracle. End-to-end versions through the real backend live in test_ranker_policy.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from indexer.backends.filters import filter_values
from indexer.backends.reference import matches
from indexer.errors import ConfigurationError
from ranking.brief import SearchMode
from ranking.policy import EligibilityPolicy
from ranking.rules import conjunction, evaluate
from ranking.timeutil import months_before
from tests.factories import make_profile
from tests.ranking.oracle import expected_eligible

pytestmark = pytest.mark.unit

WED = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)  # a Wednesday
SAT = datetime(2026, 11, 7, 12, 0, tzinfo=UTC)  # a Saturday
SS, CUR = SearchMode.SELF_SERVICE, SearchMode.CURATED


def check(profile, mode: SearchMode, as_of: datetime = WED) -> tuple[bool, list[str], list[str]]:
    policy = EligibilityPolicy.default()
    rules = policy.rules(mode, as_of)
    listed = matches(conjunction(rules), filter_values(profile))
    admitted, rejected = evaluate(rules, profile)
    assert listed == (not rejected)
    assert listed == expected_eligible(profile, mode.value, as_of)
    return listed, admitted, rejected


def login(days: float) -> str:
    return (WED - timedelta(days=days)).isoformat()


def test_self_service_window_is_three_months() -> None:
    inside = make_profile(last_login_at=months_before(WED, 3).isoformat())
    outside = make_profile(last_login_at=(months_before(WED, 3) - timedelta(seconds=1)).isoformat())
    ok, admitted, _ = check(inside, SS)
    assert ok and any(
        "self-service window 3 months; last login 3 months ago" in a for a in admitted
    )
    ok, _, rejected = check(outside, SS)
    assert not ok
    assert "outside the self-service window 3 months" in rejected[0]
    assert check(outside, CUR)[0]  # still inside the curated window


def test_curated_window_is_twelve_months() -> None:
    assert check(make_profile(last_login_at=login(360)), CUR)[0]
    ok, _, rejected = check(make_profile(last_login_at=login(370)), CUR)
    assert not ok and "curated window 12 months" in rejected[0]


def test_rare_profile_type_extension_shows_in_explanation() -> None:
    rare = make_profile(profile_type="sap-consultant", last_login_at=login(400))  # 13 months
    ok, admitted, _ = check(rare, CUR)
    assert ok
    assert (
        "curated window 12 months, extended by 6 months for profile type sap-consultant; "
        "last login 13 months ago"
    ) in admitted
    standard = make_profile(last_login_at=login(400))
    assert not check(standard, CUR)[0]
    # self-service: 3 + 6 = 9 months
    assert check(make_profile(profile_type="sap-consultant", last_login_at=login(250)), SS)[0]
    assert not check(make_profile(profile_type="sap-consultant", last_login_at=login(290)), SS)[0]


def sanction(kind: str, start_days: float, end_days: float | None, **kw) -> dict:
    out = {"kind": kind, "start": (WED - timedelta(days=start_days)).isoformat(), **kw}
    if end_days is not None:
        out["end"] = (WED + timedelta(days=end_days)).isoformat()
    return out


def test_warning_does_not_hide() -> None:
    p = make_profile(sanctions=[sanction("warning", 5, 30)])
    for mode in (SS, CUR):
        ok, admitted, _ = check(p, mode)
        assert ok
        assert any("warning" in a and "does not bar" in a for a in admitted)


def test_curated_exclusion_hides_from_curated_only() -> None:
    p = make_profile(sanctions=[sanction("curated_exclusion", 5, None)])
    assert check(p, SS)[0]
    ok, _, rejected = check(p, CUR)
    assert not ok and "curated exclusion" in rejected[0] and "curated searches" in rejected[0]


def test_temporary_suspension_hides_everywhere_until_it_ends() -> None:
    p = make_profile(sanctions=[sanction("temporary_suspension", 5, 2)])
    for mode in (SS, CUR):
        ok, _, rejected = check(p, mode)
        assert not ok and "temporary suspension" in rejected[0] and "all searches" in rejected[0]
    after = WED + timedelta(days=2)  # the end is exclusive: listed again at the end moment
    for mode in (SS, CUR):
        assert check(p, mode, after)[0]
    assert check(p, SS, WED - timedelta(days=6))[0]  # before it started


def test_permanent_suspension_hides_forever() -> None:
    later = WED + timedelta(days=3000)
    for as_of in (WED, later):
        p = make_profile(
            sanctions=[sanction("permanent_suspension", 5, None)],
            last_login_at=(as_of - timedelta(days=1)).isoformat(),
        )
        for mode in (SS, CUR):
            ok, _, rejected = check(p, mode, as_of)
            assert not ok and "permanently" in rejected[0]


def test_explicit_scope_overrides_kind() -> None:
    p = make_profile(sanctions=[sanction("warning", 5, 5, scope="all")])
    assert not check(p, SS)[0]


def test_deleted_and_suspended_accounts_and_unpublished_profiles_never_appear() -> None:
    for p, word in (
        (make_profile(account_status="deleted"), "account deleted"),
        (make_profile(account_status="suspended"), "account suspended"),
        (make_profile(published=False), "not published"),
    ):
        for mode in (SS, CUR):
            ok, _, rejected = check(p, mode)
            assert not ok and word in rejected[0]


def test_profile_created_after_as_of_is_not_listed() -> None:
    p = make_profile(
        created_at=(WED + timedelta(days=1)).isoformat(),
        last_login_at=(WED + timedelta(days=2)).isoformat(),
    )
    assert not check(p, SS)[0]


def test_away_period_hides_while_it_lasts() -> None:
    away = {
        "start": (WED - timedelta(days=1)).isoformat(),
        "end": (WED + timedelta(days=6)).isoformat(),
    }
    p = make_profile(schedule={"away": [away]})
    ok, _, rejected = check(p, SS)
    assert not ok and rejected[0].startswith("away until 2026-11-10")
    assert check(p, SS, WED + timedelta(days=6))[0]
    assert check(p, CUR, WED - timedelta(days=2))[0]


def test_no_weekends_hides_on_saturday_only() -> None:
    p = make_profile(
        schedule={"no_weekends": True}, last_login_at=(SAT - timedelta(days=3)).isoformat()
    )
    ok, _, rejected = check(p, SS, SAT)
    assert not ok and "Saturday" in rejected[0]
    assert check(p, SS, SAT - timedelta(days=1))[0]  # Friday
    assert check(make_profile(last_login_at=(SAT - timedelta(days=3)).isoformat()), SS, SAT)[0]


def test_policy_file_round_trip_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "p.toml"
    good.write_text(
        'version = "custom-7"\n[activity_window_months]\nself_service = 1\ncurated = 2\n'
        "[extension_months]\nrare = 1\n"
    )
    pol = EligibilityPolicy.load(good)
    assert pol.version == "custom-7" and pol.window_months(CUR, "rare") == 3
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "x"\n[activity_window_months]\nself_service = 0\n')
    with pytest.raises(ConfigurationError, match=r"activity_window_months\.self_service"):
        EligibilityPolicy.load(bad)
    bad.write_text('version = "x"\n[sanctions]\nself_service = ["curated"]\n')
    with pytest.raises(ConfigurationError, match="must bar every search mode"):
        EligibilityPolicy.load(bad)
    bad.write_text('version = "x"\nunknown = 1\n')
    with pytest.raises(ConfigurationError, match="unknown"):
        EligibilityPolicy.load(bad)
    bad.write_text("version = ")
    with pytest.raises(ConfigurationError, match="invalid TOML"):
        EligibilityPolicy.load(bad)
    with pytest.raises(ConfigurationError, match="cannot read"):
        EligibilityPolicy.load(tmp_path / "missing.toml")
