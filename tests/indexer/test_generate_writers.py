"""Writing generated profiles (JSONL, CSV, Parquet), reading them back, the CLI, the sample."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.errors import InputFileError
from indexer.generate import OutputFormat, generate_profiles, write_profiles
from indexer.generate.command import generate_command
from indexer.loading import read_profiles
from indexer.profile import Profile
from indexer.sample_data import SAMPLE_COUNT, SAMPLE_SEED, sample_profiles_path

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def profiles() -> list[Profile]:
    # Enough for every optional shape: sanctions, away periods, no rate, no languages...
    return list(generate_profiles(600, seed=21))


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_round_trip_through_the_loader(
    fmt: OutputFormat, profiles: list[Profile], tmp_path: Path
) -> None:
    path = tmp_path / f"profiles.{fmt.value}"
    assert write_profiles(profiles, path) == len(profiles)
    assert read_profiles(path) == profiles


def test_explicit_format_overrides_the_extension(profiles: list[Profile], tmp_path: Path) -> None:
    path = tmp_path / "profiles.data"
    write_profiles(profiles[:5], path, "jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [p.id for p in profiles[:5]]


def test_csv_cells_hold_json_for_nested_fields(profiles: list[Profile], tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    write_profiles(profiles[:3], path)
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    assert header.split(",")[:3] == ["id", "name", "headline"]
    assert '""name"":' in first  # the skills cell is a quoted JSON list


def test_empty_input_writes_a_valid_empty_file(tmp_path: Path) -> None:
    for fmt in OutputFormat:
        path = tmp_path / f"empty.{fmt.value}"
        assert write_profiles([], path) == 0
        assert read_profiles(path) == []


def test_unknown_extension_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="xlsx"):
        write_profiles([], tmp_path / "profiles.xlsx")


def test_failure_mid_stream_leaves_no_file(profiles: list[Profile], tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("previous content\n", encoding="utf-8")

    def broken() -> Iterator[Profile]:
        yield from profiles[:10]
        raise RuntimeError("generator died")

    with pytest.raises(RuntimeError):
        write_profiles(broken(), path)
    assert path.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_generate_command_writes_the_same_profiles(tmp_path: Path) -> None:
    out = tmp_path / "gen.jsonl"
    result = CliRunner().invoke(
        generate_command,
        [
            "--count",
            "120",
            "--seed",
            "4",
            "--format",
            "jsonl",
            "--output",
            str(out),
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "wrote 120 profiles" in result.output
    assert read_profiles(out) == list(generate_profiles(120, seed=4))


def test_generate_command_parquet_and_as_of(tmp_path: Path) -> None:
    out = tmp_path / "gen.parquet"
    result = CliRunner().invoke(
        generate_command,
        ["-n", "40", "-s", "1", "-o", str(out), "--as-of", "2025-06-01T00:00:00Z", "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    loaded = read_profiles(out)
    assert len(loaded) == 40
    assert max(p.last_login_at for p in loaded).isoformat() <= "2025-06-01T00:00:00+00:00"


def test_generate_command_rejects_bad_options(tmp_path: Path) -> None:
    runner = CliRunner()
    bad_count = runner.invoke(generate_command, ["--count", "-5", "-o", str(tmp_path / "x.jsonl")])
    assert bad_count.exit_code == 2 and "--count" in bad_count.output
    bad_date = runner.invoke(
        generate_command, ["--as-of", "yesterday", "-o", str(tmp_path / "x.jsonl")]
    )
    assert bad_date.exit_code == 2 and "yesterday" in bad_date.output
    assert not (tmp_path / "x.jsonl").exists()


def test_bundled_sample_is_small_valid_and_reproducible() -> None:
    path = sample_profiles_path()
    assert path.is_file()
    assert path.stat().st_size <= 5 * 1000 * 1000
    sample = read_profiles(path)
    assert len(sample) == SAMPLE_COUNT
    # Byte for byte what the documented command writes.
    expected = "".join(
        p.model_dump_json() + "\n" for p in generate_profiles(SAMPLE_COUNT, seed=SAMPLE_SEED)
    )
    assert path.read_text(encoding="utf-8") == expected
