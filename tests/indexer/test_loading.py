"""Reading JSONL, CSV and Parquet: valid files load, invalid ones are rejected whole with
every problem named by row and field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from indexer.errors import InputFileError, InvalidInputError
from indexer.loading import MAX_RECORD_BYTES, read_profiles, validate_file
from indexer.loading.csv import JSON_ONLY_LISTS, LIST_SHORTHAND, OBJECT_FIELDS
from indexer.profile import Profile
from tests.factories import profile_dict

pytestmark = pytest.mark.unit


def write_jsonl(path: Path, records: list[dict[str, Any] | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def where(exc: InvalidInputError) -> list[tuple[int | None, str]]:
    return [(p.row, p.field) for p in exc.problems]


# ---------------------------------------------------------------- JSONL


def test_jsonl_loads_every_profile_in_order(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "ok.jsonl", [profile_dict(f"p{i}") for i in range(5)])
    profiles = read_profiles(path)
    assert [p.id for p in profiles] == [f"p{i}" for i in range(5)]
    assert validate_file(path) == 5


def test_jsonl_problems_name_line_and_field(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            profile_dict("p1"),
            '{"id": "p2", "name": ',  # malformed JSON
            "",  # blank line: skipped, still counted
            profile_dict("p4", daily_rate="lots", remote="moon"),
            "[1, 2, 3]",  # not an object
            profile_dict("p1"),  # duplicate id
        ],
    )
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert where(info.value) == [
        (2, "<line>"),
        (4, "remote"),
        (4, "daily_rate"),
        (5, "<profile>"),
        (6, "id"),
    ]
    text = str(info.value)
    assert "5 problems found" in text
    assert "row 2, field '<line>': malformed JSON" in text
    assert "duplicate id 'p1' (first used on row 1)" in text
    assert "row 5, field '<profile>': expected an object" in text


def test_only_first_100_problems_are_spelled_out(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "many.jsonl", [profile_dict(f"p{i}", currency="eur") for i in range(150)]
    )
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert len(info.value.problems) == 150
    text = str(info.value)
    assert "150 problems found" in text
    assert "row 100, field 'currency'" in text
    assert "row 101, field" not in text
    assert "... and 50 more" in text


def test_oversized_line_is_rejected_with_a_clear_message(tmp_path: Path) -> None:
    huge = profile_dict("p2", description="y" * (MAX_RECORD_BYTES + 10))
    path = write_jsonl(
        tmp_path / "huge.jsonl", [profile_dict("p1"), huge, profile_dict("p3", currency="x")]
    )
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert where(info.value) == [(2, "<line>"), (3, "currency")]
    assert "larger than 2 MiB" in str(info.value)


def test_invalid_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(json.dumps(profile_dict("p1")).encode() + b"\n" + b'{"id": "\xff\xfe"}\n')
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert where(info.value) == [(2, "<line>")]
    assert "UTF-8" in str(info.value)


def test_unknown_extension_and_missing_file(tmp_path: Path) -> None:
    other = tmp_path / "profiles.xlsx"
    other.write_text("x")
    with pytest.raises(InputFileError, match=r"unknown file type '\.xlsx'"):
        read_profiles(other)
    with pytest.raises(InputFileError, match="file not found"):
        read_profiles(tmp_path / "nope.jsonl")


# ---------------------------------------------------------------- CSV

CSV_HEADER = "id,name,created_at,last_login_at,skills,languages,coordinates.lat,coordinates.lon,daily_rate,has_photo"


def test_csv_shorthand_dotted_columns_and_json_cells(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text(
        CSV_HEADER
        + ",sanctions\n"
        + "c1,Anna,2024-01-01T00:00:00+00:00,2025-01-01T00:00:00Z,Python; SQL ; Docker,en:fluent; de:native,52.5,13.4,600,yes,\n"
        + 'c2,Bob,2024-01-01T00:00:00+00:00,2025-01-01T00:00:00Z,"[{""name"": ""Go"", ""years"": 3}]",,,,,false,'
        + '"[{""kind"": ""warning"", ""start"": ""2025-02-01T00:00:00Z""}]"\n',
        encoding="utf-8",
    )
    anna, bob = read_profiles(path)
    assert anna.skill_keys == ("python", "sql", "docker")
    assert [(lang.code, lang.level.value) for lang in anna.languages] == [
        ("en", "fluent"),
        ("de", "native"),
    ]
    assert anna.coordinates is not None and anna.coordinates.lat == 52.5
    assert anna.daily_rate == 600 and anna.has_photo is True
    assert bob.skills[0].years == 3 and bob.coordinates is None and bob.daily_rate is None
    assert bob.sanctions[0].kind.value == "warning"


def test_csv_problems_name_data_row_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        CSV_HEADER
        + ",bogus\n"
        + "c1,Anna,2024-01-01T00:00:00+00:00,2025-01-01T00:00:00Z,Python,en:fluent,52.5,13.4,600,yes,\n"
        + "c2,Bob,2024-01-01T00:00:00,2025-01-01T00:00:00Z,Python,en,52.5,,abc,no,\n"
        + 'c1,Cleo,2024-01-01T00:00:00+00:00,2025-01-01T00:00:00Z,"[{broken",,,,,,\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert where(info.value) == [
        (None, "bogus"),
        (2, "languages.0.level"),
        (2, "coordinates.lon"),
        (2, "daily_rate"),
        (2, "created_at"),
        (3, "skills"),
    ]
    assert "unknown column" in str(info.value)
    assert "malformed JSON in cell" in str(info.value)


def test_csv_structured_cells_need_json_or_dotted_columns(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "id,name,created_at,last_login_at,sanctions,availability,coordinates,coordinates.lat\n"
        "c1,A,2024-01-01T00:00:00Z,2025-01-01T00:00:00Z,warning,available,,\n"
        'c2,B,2024-01-01T00:00:00Z,2025-01-01T00:00:00Z,,,"{""lat"": 1, ""lon"": 2}",5\n'
    )
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert where(info.value) == [(1, "sanctions"), (1, "availability"), (2, "coordinates.lat")]
    text = str(info.value)
    assert "expected a JSON list" in text and "dotted columns like availability.<field>" in text
    assert "given both as a whole and as dotted columns" in text


def test_csv_from_a_european_spreadsheet_semicolons_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "\ufeffid;name;created_at;last_login_at;skills;daily_rate\n"
        'c1;Zoë;2024-01-01T00:00:00+01:00;2025-01-01T00:00:00+01:00;"Python; SQL";650\n'.encode()
    )
    [p] = read_profiles(path)
    assert (p.id, p.name, p.skill_keys, p.daily_rate) == ("c1", "Zoë", ("python", "sql"), 650)


def test_csv_structured_columns_cover_every_nested_profile_field() -> None:
    """The CSV conventions must know every non-scalar field, or a new field would be read as text."""
    structured = set(LIST_SHORTHAND) | {c.split(".")[0] for c in JSON_ONLY_LISTS} | OBJECT_FIELDS
    nested = {
        name
        for name, info in Profile.model_fields.items()
        if "tuple" in str(info.annotation) or "indexer.profile.model" in str(info.annotation)
    }
    assert nested == structured


# ---------------------------------------------------------------- Parquet


def test_parquet_round_trip_with_nested_columns(tmp_path: Path) -> None:
    records = [profile_dict(f"p{i}", sectors=["banking"]) for i in range(3)]
    records[1]["daily_rate"] = None
    path = tmp_path / "ok.parquet"
    pl.DataFrame(records).write_parquet(path)
    profiles = read_profiles(path)
    assert [p.id for p in profiles] == ["p0", "p1", "p2"]
    assert profiles[0].skills[0].years == 5 and profiles[1].daily_rate is None
    assert profiles[2].coordinates is not None and profiles[2].coordinates.lon == 13.405


def test_parquet_problems_name_row_and_field(tmp_path: Path) -> None:
    aware = datetime(2024, 1, 1, tzinfo=UTC)
    frame = pl.DataFrame(
        {
            "id": ["a", "b", "a"],
            "name": ["A", "B", "C"],
            "created_at": [aware, aware, aware],
            "last_login_at": [aware, aware, aware],
            "country": ["DE", "Germany", "FR"],
            "extra_col": [1, 2, 3],
        }
    )
    path = tmp_path / "bad.parquet"
    frame.write_parquet(path)
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert where(info.value) == [(None, "extra_col"), (2, "country"), (3, "id")]


def test_parquet_naive_timestamps_are_rejected(tmp_path: Path) -> None:
    naive = datetime(2024, 1, 1)
    path = tmp_path / "naive.parquet"
    pl.DataFrame(
        {"id": ["a"], "name": ["A"], "created_at": [naive], "last_login_at": [naive]}
    ).write_parquet(path)
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path)
    assert where(info.value) == [(1, "created_at"), (1, "last_login_at")]


def test_not_really_parquet_is_an_input_file_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("id,name\n")
    with pytest.raises(InputFileError, match="cannot read as Parquet"):
        read_profiles(path)


def test_batches_do_not_change_the_result(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "b.jsonl", [profile_dict(f"p{i}") for i in range(23)] + [profile_dict("p3")]
    )
    with pytest.raises(InvalidInputError) as info:
        read_profiles(path, batch_size=4)
    assert where(info.value) == [(24, "id")]
