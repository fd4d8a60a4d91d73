"""One hand-written scenario per policy rule, end to end: real embedded index, the ranker's
results, its admitted_by rules and its explanation of profiles it does not list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from indexer.embedding.hashing import HashingEmbedder
from ranking import Brief, Ranker, SearchMode
from tests.factories import make_profile
from tests.ranking.population import TinyVocabulary, build_index

pytestmark = pytest.mark.unit

WED = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)
SAT = datetime(2026, 11, 7, 12, 0, tzinfo=UTC)
SS, CUR = SearchMode.SELF_SERVICE, SearchMode.CURATED


def ago(days: float, at: datetime = WED) -> str:
    return (at - timedelta(days=days)).isoformat()


def later(days: float, at: datetime = WED) -> str:
    return (at + timedelta(days=days)).isoformat()


PROFILES = {
    "recent": dict(last_login_at=ago(20)),
    "login-80d": dict(last_login_at=ago(80)),
    "login-100d": dict(last_login_at=ago(100)),
    "login-360d": dict(last_login_at=ago(360)),
    "login-370d": dict(last_login_at=ago(370)),
    "rare-400d": dict(last_login_at=ago(400), profile_type="sap-consultant"),
    "warned": dict(sanctions=[{"kind": "warning", "start": ago(3), "end": later(30)}]),
    "curated-excluded": dict(sanctions=[{"kind": "curated_exclusion", "start": ago(3)}]),
    "suspended-temp": dict(
        sanctions=[{"kind": "temporary_suspension", "start": ago(3), "end": later(2)}]
    ),
    "suspended-perm": dict(sanctions=[{"kind": "permanent_suspension", "start": ago(30)}]),
    "deleted": dict(account_status="deleted"),
    "unpublished": dict(published=False),
    "away": dict(schedule={"away": [{"start": ago(1), "end": later(5)}]}),
    "no-weekends": dict(schedule={"no_weekends": True}),
}


@pytest.fixture(scope="module")
def ranker(tmp_path_factory: pytest.TempPathFactory):
    profiles = [
        make_profile(pid, created_at=ago(900), **{"last_login_at": ago(5), **over})
        for pid, over in PROFILES.items()
    ]
    backend = build_index(tmp_path_factory.mktemp("scenarios"), profiles)
    yield Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary())
    backend.close()


BRIEF = Brief(title="Python developer", must_have_skills=("Python",))


def listed(ranker: Ranker, mode: SearchMode, as_of: datetime = WED) -> dict[str, list[str]]:
    res = ranker.rank(BRIEF.with_mode(mode), k=50, as_of=as_of)
    return {r.profile_id: r.admitted_by for r in res.results}


def reasons(ranker: Ranker, pid: str, mode: SearchMode, as_of: datetime = WED) -> str:
    e = ranker.explain(BRIEF.with_mode(mode), pid, as_of=as_of)
    assert not e.eligible and e.ranked is None
    return " | ".join(e.reasons)


def test_self_service_three_month_window(ranker: Ranker) -> None:
    got = listed(ranker, SS)
    assert "login-80d" in got and "login-100d" not in got
    assert got["login-80d"][0] == "self-service window 3 months; last login 2 months ago"
    assert "outside the self-service window 3 months" in reasons(ranker, "login-100d", SS)


def test_curated_twelve_month_window(ranker: Ranker) -> None:
    got = listed(ranker, CUR)
    assert {"login-100d", "login-360d"} <= set(got) and "login-370d" not in got
    assert got["login-360d"][0] == "curated window 12 months; last login 11 months ago"
    assert "12 months ago" in reasons(ranker, "login-370d", CUR)


def test_rare_profile_type_extension_in_explanation(ranker: Ranker) -> None:
    got = listed(ranker, CUR)
    assert got["rare-400d"][0] == (
        "curated window 12 months, extended by 6 months for profile type sap-consultant; "
        "last login 13 months ago"
    )
    e = ranker.explain(BRIEF.with_mode(CUR), "rare-400d", as_of=WED)
    assert e.eligible and e.ranked is not None
    assert any("extended by 6 months for profile type sap-consultant" in r for r in e.reasons)
    assert "rare-400d" not in listed(ranker, SS)  # 3 + 6 = 9 months < 13


def test_warning_does_not_hide(ranker: Ranker) -> None:
    for mode in (SS, CUR):
        got = listed(ranker, mode)
        assert "warned" in got
        assert any("warning" in a and "does not bar" in a for a in got["warned"])


def test_curated_exclusion_hides_from_curated_only(ranker: Ranker) -> None:
    assert "curated-excluded" in listed(ranker, SS)
    assert "curated-excluded" not in listed(ranker, CUR)
    assert "curated exclusion" in reasons(ranker, "curated-excluded", CUR)


def test_temporary_suspension_hides_everywhere_and_ends(ranker: Ranker) -> None:
    for mode in (SS, CUR):
        assert "suspended-temp" not in listed(ranker, mode)
        assert "temporary suspension" in reasons(ranker, "suspended-temp", mode)
    after = WED + timedelta(days=2, seconds=1)
    for mode in (SS, CUR):
        assert "suspended-temp" in listed(ranker, mode, after)


def test_permanent_suspension(ranker: Ranker) -> None:
    for as_of in (WED, WED + timedelta(days=30)):
        for mode in (SS, CUR):
            assert "suspended-perm" not in listed(ranker, mode, as_of)
    assert "permanently" in reasons(ranker, "suspended-perm", SS)


def test_deleted_and_unpublished(ranker: Ranker) -> None:
    for mode in (SS, CUR):
        got = listed(ranker, mode)
        assert "deleted" not in got and "unpublished" not in got
    assert "account deleted" in reasons(ranker, "deleted", CUR)
    assert "not published" in reasons(ranker, "unpublished", SS)


def test_away_period(ranker: Ranker) -> None:
    assert "away" not in listed(ranker, SS)
    assert "away until 2026-11-09" in reasons(ranker, "away", SS)
    assert "away" in listed(ranker, SS, WED + timedelta(days=5))
    assert "away" in listed(ranker, CUR, WED - timedelta(days=2))


def test_no_weekends_on_a_saturday(ranker: Ranker) -> None:
    assert "no-weekends" in listed(ranker, SS)  # Wednesday
    assert "no-weekends" not in listed(ranker, SS, SAT)
    assert "recent" in listed(ranker, SS, SAT)
    assert "Saturday" in reasons(ranker, "no-weekends", SS, SAT)
    assert "no-weekends" in listed(ranker, SS, SAT + timedelta(days=2))  # Monday


def test_unknown_profile_and_naive_as_of(ranker: Ranker) -> None:
    from indexer.errors import InvalidInputError, NotFoundError

    with pytest.raises(NotFoundError):
        ranker.explain(BRIEF, "nobody", as_of=WED)
    with pytest.raises(InvalidInputError) as err:
        ranker.rank(BRIEF, as_of=datetime(2026, 11, 4, 12))
    assert err.value.fields == ["as_of"]


def test_hard_profile_type_filter(ranker: Ranker) -> None:
    brief = BRIEF.model_copy(update={"profile_type": "sap-consultant", "mode": CUR})
    res = ranker.rank(brief, k=50, as_of=WED)
    assert [r.profile_id for r in res.results] == ["rare-400d"]
    assert res.total_eligible_candidates == 1
    e = ranker.explain(brief, "recent", as_of=WED)
    assert not e.eligible and "the brief asks for sap-consultant" in e.reasons[0]


def test_default_as_of_is_now(ranker: Ranker, tmp_path: Path) -> None:
    res = ranker.rank(BRIEF)
    assert res.as_of.tzinfo is not None
    assert abs((res.as_of - datetime.now(UTC)).total_seconds()) < 60
