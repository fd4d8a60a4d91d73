"""The stored JSON of profiles (:mod:`indexer.backends.embedded.profile_json`) against pydantic's
``model_dump_json``: byte for byte, on generated, hand-made and random profiles, with the
profiles msgspec would write differently sent to pydantic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, computed_field, field_serializer

from indexer.backends.embedded.profile_json import (
    _ENCODER,
    CHUNK,
    encode_documents,
    fast_rows,
    model_plan,
)
from indexer.generate import generate_profiles
from indexer.profile.enums import (
    AccountStatus,
    AvailabilityStatus,
    LanguageLevel,
    RemoteMode,
    SanctionKind,
    SanctionScope,
    Seniority,
    SkillLevel,
    TextLanguage,
)
from indexer.profile.model import GeoPoint, Profile, Responsiveness, Skill
from tests.factories import NOW, make_profile, profile_dict
from tests.indexer.edge_profiles import edge_profiles


def _pydantic(p: BaseModel) -> bytes:
    return p.model_dump_json().encode()


def _assert_pydantic_bytes(profiles: list[Profile]) -> None:
    blob, ends = encode_documents(profiles)
    assert bytes(blob) == b"".join(map(_pydantic, profiles))
    starts = [0, *ends[:-1]]
    for p, s, e in zip(profiles, starts, ends, strict=True):
        assert bytes(blob[s:e]) == _pydantic(p), p.id


def _msgspec(p: BaseModel) -> bytes:
    """What msgspec writes unchecked."""
    return _ENCODER.encode(vars(p))


def test_the_profile_model_has_a_plan() -> None:
    """Fails when the profile model gains what this encoder cannot reproduce (a custom
    serializer, a computed field, an alias, a serialization setting, a field of an unknown
    type): every profile would then go through pydantic (correct, but slow again)."""
    assert model_plan(Profile) is not None


@pytest.mark.parametrize("seed", [1, 7, 23])
def test_generated_profiles_are_written_as_pydantic_does_by_msgspec(seed: int) -> None:
    profiles = list(generate_profiles(400, seed=seed))
    assert all(fast_rows(profiles))
    _assert_pydantic_bytes(profiles)


def test_edge_profiles() -> None:
    profiles = edge_profiles()
    assert all(fast_rows(profiles))
    _assert_pydantic_bytes(profiles)


def test_every_value_of_every_closed_set() -> None:
    at = NOW - timedelta(days=3)
    profiles = [
        make_profile(
            f"e{i}",
            text_language=TextLanguage.EN if i % 2 else TextLanguage.FR,
            remote=list(RemoteMode)[i % len(RemoteMode)],
            account_status=list(AccountStatus)[i % len(AccountStatus)],
            seniority=list(Seniority)[i % len(Seniority)] if i % 4 else None,
            availability={
                "status": list(AvailabilityStatus)[i % len(AvailabilityStatus)],
                "available_from": "2026-12-01",
                "confirmed_at": at.isoformat(),
            },
            skills=[{"name": f"s{lvl}", "level": lvl} for lvl in SkillLevel],
            languages=[
                {"code": c, "level": lvl}
                for c, lvl in zip("ab cd ef gh ij".split(), LanguageLevel, strict=True)
            ],
            sanctions=[
                {
                    "kind": k,
                    "scope": s,
                    "start": at.isoformat(),
                    "end": NOW.isoformat(),
                    "reason": "r",
                }
                for k in SanctionKind
                for s in (*SanctionScope, None)
            ],
            schedule={"away": [{"start": at.isoformat(), "end": NOW.isoformat()}]},
            certifications=[{"name": "c", "issuer": None, "year": 2001}],
            portfolio=[{"title": "t", "url": "https://x.y/z"}],
            reviews={"count": 3, "mean_rating": 4.25},
            responsiveness={"answered_within_24h": 1.0, "median_first_response_minutes": 1e15},
        )
        for i in range(8)
    ]
    assert all(fast_rows(profiles))
    _assert_pydantic_bytes(profiles)


def _minimal(**overrides: Any) -> Profile:
    data = {"id": "m", "name": "M", "created_at": NOW.isoformat(), "last_login_at": NOW.isoformat()}
    return Profile.model_validate({**data, **overrides})


def _written_differently() -> dict[str, Profile]:
    """Validated profiles msgspec alone would not write as pydantic does."""
    lmt = ZoneInfo("Europe/Amsterdam")  # 1900: local mean time, +00:19:32
    return {
        "int default of a float": _minimal(),
        "float of 1e16": _minimal(responsiveness={"median_first_response_minutes": 1e16}),
        "float of 1e300": make_profile(responsiveness={"median_first_response_minutes": 1e300}),
        "offset of -1 s": make_profile(
            last_login_at=datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=-1)))
        ),
        "offset of 30 s": make_profile(
            availability={
                "confirmed_at": datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=30)))
            }
        ),
        "zone with seconds": make_profile(created_at=datetime(1900, 1, 1, tzinfo=lmt)),
        "sanction offset of 59 s": make_profile(
            sanctions=[
                {
                    "kind": "warning",
                    "start": datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=59))),
                }
            ]
        ),
        "away offset": make_profile(
            schedule={
                "away": [
                    {
                        "start": datetime(
                            2026, 1, 1, tzinfo=timezone(timedelta(hours=1, seconds=59))
                        ),
                        "end": datetime(2026, 2, 1, tzinfo=UTC),
                    }
                ]
            }
        ),
        "subclass of a nested model": make_profile(coordinates=_Located(lat=1.0, lon=2.0, alt=3.0)),
        "subclass in a tuple": make_profile(skills=[_Skilled(name="Go", extra="x")]),
    }


class _Located(GeoPoint):
    alt: float = 0.0


class _Skilled(Skill):
    extra: str = ""


@pytest.mark.parametrize("case", sorted(_written_differently()))
def test_what_msgspec_writes_differently_goes_to_pydantic(case: str) -> None:
    p = _written_differently()[case]
    assert _msgspec(p) != _pydantic(p)  # the check is needed
    assert fast_rows([p]) == [False]
    _assert_pydantic_bytes([p])


def test_non_finite_floats_go_to_pydantic() -> None:
    """Written alike (``null``) with pydantic's default setting, which a model may change."""
    p = make_profile(responsiveness={"median_first_response_minutes": "inf"})
    assert fast_rows([p]) == [False]
    _assert_pydantic_bytes([p])


def test_only_the_odd_profiles_of_a_batch_go_to_pydantic() -> None:
    """In a batch of several chunks, odd profiles at chunk edges and inside."""
    batch: list[Profile] = list(generate_profiles(300, seed=3))
    odd = list(_written_differently().values())
    at = [0, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 5, 299]
    for k, (i, p) in enumerate(zip(at * 2, odd, strict=False)):
        batch.insert(i + k, p)
    rows = fast_rows(batch)
    assert rows == [all(p is not o for o in odd) for p in batch]
    _assert_pydantic_bytes(batch)


def test_what_both_write_alike_stays_with_msgspec() -> None:
    profiles = [
        make_profile(
            "z",
            last_login_at=datetime(
                2026, 1, 1, 5, 6, 7, 890123, tzinfo=timezone(timedelta(hours=-9, minutes=-30))
            ),
        ),
        make_profile("w", created_at=datetime(2020, 1, 1, tzinfo=ZoneInfo("Europe/Paris"))),
        make_profile(
            "f", daily_rate=1e-7, years_experience=60, coordinates={"lat": -0.0, "lon": 1e-300}
        ),
        make_profile("r", responsiveness={"median_first_response_minutes": 9999999999999998.0}),
        make_profile("t", categories=[], sectors=[], skills=[], languages=[], portfolio=[]),
    ]
    assert all(fast_rows(profiles))
    _assert_pydantic_bytes(profiles)


def test_a_lone_surrogate_fails_as_with_pydantic() -> None:
    """Validation rejects one; a copy gets it past (msgspec raises, pydantic is asked)."""
    p = make_profile().model_copy(update={"description": "bad \ud800 text"})
    with pytest.raises(Exception) as want:
        _pydantic(p)
    with pytest.raises(type(want.value)):
        encode_documents([p])


class _Serialized(BaseModel):
    model_config = ConfigDict(frozen=True)
    x: float

    @field_serializer("x")
    def _x(self, x: float) -> str:
        return str(x)


class _Computed(BaseModel):
    x: float

    @computed_field  # type: ignore[prop-decorator]
    @property
    def y(self) -> float:
        return self.x * 2


class _Aliased(BaseModel):
    x: float = Field(serialization_alias="X")


class _InfNan(BaseModel):
    model_config = ConfigDict(ser_json_inf_nan="constants")
    x: float


class _Unknown(BaseModel):
    x: list[int]


@pytest.mark.parametrize(
    "model",
    [_Serialized(x=1.0), _Computed(x=1.0), _Aliased(x=1.0), _InfNan(x=1.0), _Unknown(x=[1])],
)
def test_models_with_other_serialisations_have_no_plan(model: BaseModel) -> None:
    assert model_plan(type(model)) is None
    assert fast_rows([model]) == [False]
    blob, _ = encode_documents([model])
    assert bytes(blob) == model.__pydantic_serializer__.to_json(model)


_texts = st.text(max_size=60)
_offsets = st.integers(min_value=-86399, max_value=86399).map(
    lambda s: timezone(timedelta(seconds=s))
)
_minutes = st.integers(min_value=-1439, max_value=1439).map(
    lambda m: timezone(timedelta(minutes=m))
)
_datetimes = st.datetimes(
    min_value=datetime(1950, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.one_of(_offsets, _minutes, st.just(UTC)),
)
_floats = st.one_of(
    st.floats(min_value=0, allow_nan=False),
    st.sampled_from(
        [0.0, 1e-7, 1e15, 1e16, 1e20, 123456789.0, 0.1, 5e-324, 1.7976931348623157e308]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_texts.filter(lambda t: 0 < len(t.strip()) <= 200),
    description=_texts,
    city=st.one_of(st.none(), _texts),
    rate=st.one_of(st.none(), st.floats(min_value=1e-9, max_value=100_000)),
    years=st.one_of(st.floats(min_value=0, max_value=60), st.integers(min_value=0, max_value=60)),
    minutes=st.one_of(st.none(), _floats),
    created=_datetimes,
    skill_years=st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
    omit_years=st.booleans(),
)
def test_random_profiles_are_written_as_pydantic_does(
    name: str,
    description: str,
    city: str | None,
    rate: float | None,
    years: float,
    minutes: float | None,
    created: datetime,
    skill_years: float | None,
    omit_years: bool,
) -> None:
    data = profile_dict(
        name=name,
        description=description,
        city=city,
        daily_rate=rate,
        years_experience=years,
        responsiveness={"median_first_response_minutes": minutes},
        created_at=created,
        last_login_at=created + timedelta(days=1),
        skills=[{"name": "x", "years": skill_years}],
        sanctions=[{"kind": "warning", "start": created}],
    )
    if omit_years:
        del data["years_experience"]
    _assert_pydantic_bytes([Profile.model_validate(data)])


def test_a_nested_response_time_of_1e16_is_checked() -> None:
    assert model_plan(Responsiveness) is not None
    assert fast_rows([Responsiveness(median_first_response_minutes=1e16)]) == [False]
    assert fast_rows([Responsiveness(median_first_response_minutes=1e15)]) == [True]
