"""A :class:`ProfileRecord` decoded from a stored profile's JSON holds what the validated
profile holds, field by field (values and types; datetimes the same instants and offsets),
and gives the same filter values, on generated profiles, the ranking test population
(sanctions, away periods) and hand-made edge cases; JSON that is not a validated profile's
is read as pydantic reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import msgspec
import pydantic
import pytest

from indexer.backends.filters import filter_values
from indexer.generate import generate_profiles
from indexer.profile import Profile
from indexer.profile.record import ProfileRecord, decode_record
from tests.factories import make_profile
from tests.ranking.population import population

pytestmark = pytest.mark.unit


def _assert_same(record: Any, value: Any, where: str) -> None:
    """``record`` (a record or a part of one) holds what ``value`` (of the profile) holds."""
    if isinstance(record, msgspec.Struct):
        for name in record.__struct_fields__:
            _assert_same(getattr(record, name), getattr(value, name), f"{where}.{name}")
    elif isinstance(record, tuple):
        assert type(value) is tuple and len(record) == len(value), where
        for i, (a, b) in enumerate(zip(record, value, strict=True)):
            _assert_same(a, b, f"{where}[{i}]")
    elif isinstance(record, datetime):
        assert type(value) is datetime, where
        assert (record, record.utcoffset()) == (value, value.utcoffset()), where
    else:
        assert type(record) is type(value), where
        assert record == value, where


def _edge_cases() -> list[Profile]:
    cet = timezone(timedelta(hours=1))
    return [
        make_profile("e1", seniority="senior", years_experience=1, daily_rate=500,
                     coordinates=None, city=None, country=None, headline="",
                     skills=[{"name": "Go"}], languages=[]),
        make_profile("e2", seniority=None, years_experience=7.5, name='Zoë "Q" \\ O\'Brien',
                     description="Line one\nline two\ttab \u2028 \U0001F600 \x07 </script>",
                     created_at=datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=cet),
                     last_login_at=datetime(2026, 10, 30, 23, 59, 59, 1, tzinfo=cet),
                     availability={"status": "partially_available",
                                   "available_from": "2026-12-01",
                                   "confirmed_at": "2026-11-01T10:00:00+05:30"},
                     reviews={"count": 3, "mean_rating": 4}),
        make_profile("e3", skills=[{"name": "  Node.JS "}, {"name": "C#", "level": "expert",
                                                            "years": 0}],
                     languages=[{"code": "de", "level": "native"},
                                {"code": "en", "level": "basic"}],
                     coordinates={"lat": 48, "lon": 2}, daily_rate=None, currency="CHF",
                     categories=["dev"], sectors=["fintech", "retail"], text_language="de",
                     account_status="suspended", published=False, super_status=True,
                     sanctions=[{"kind": "warning", "start": "2026-01-01T00:00:00Z"},
                                {"kind": "reviews_removal", "scope": "all",
                                 "start": "2026-01-01T00:00:00+02:00",
                                 "end": "2027-01-01T00:00:00Z", "reason": "x"}],
                     schedule={"no_weekends": True,
                               "away": [{"start": "2026-11-01T00:00:00-03:30",
                                         "end": "2026-11-20T00:00:00Z"}]}),
    ]


def _profiles() -> list[Profile]:
    return [*generate_profiles(400, seed=11), *population(300), *_edge_cases()]


def test_a_record_holds_what_the_profile_holds() -> None:
    for p in _profiles():
        raw = p.model_dump_json().encode()
        record = decode_record(raw)
        _assert_same(record, p, p.id)
        assert record.effective_seniority is p.effective_seniority
        assert record.skill_keys == p.skill_keys
        assert ProfileRecord.of(p) == record


def test_a_record_has_the_filter_values_of_its_profile() -> None:
    for p in _profiles():
        assert filter_values(decode_record(p.model_dump_json().encode())) == filter_values(p)


def test_json_of_no_validated_profile_is_read_as_pydantic_reads_it() -> None:
    """A stored document without a field (written before the field existed) gets the
    profile's default; one that is not a valid profile fails as validation fails."""
    p = make_profile("old", published=False)
    data = p.model_dump(mode="json")
    del data["schedule"], data["published"]
    raw = msgspec.json.encode(data)
    record = decode_record(raw)
    assert record == ProfileRecord.of(Profile.model_validate_json(raw))
    assert record.published is True and record.schedule.away == ()
    for bad in (b'{"id": "x"', raw.replace(b'"remote":"remote"', b'"remote":"moon"')):
        with pytest.raises(pydantic.ValidationError):
            decode_record(bad)


def test_datetimes_keep_their_offsets() -> None:
    p = _edge_cases()[1]
    record = decode_record(p.model_dump_json().encode())
    assert record.created_at.utcoffset() == timedelta(hours=1)
    assert record.created_at.astimezone(UTC) == p.created_at.astimezone(UTC)
