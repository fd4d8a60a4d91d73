"""``talentmatch index`` end to end through click, with the real model and the embedded backend."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from indexer.backends import open_backend
from indexer.cli import cli
from indexer.commands import register
from indexer.settings import IndexerSettings
from tests.factories import profile_dict

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app() -> click.Group:
    if "index" not in cli.commands:
        register(cli)
    return cli


def run(app: click.Group, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["index", *args, "--no-progress", "--precision", "fp32"])
    return result.exit_code, result.output


def counts(output: str) -> list[str]:
    """The data row of the summary table: added, updated, unchanged, deleted, embedded."""
    row = next(line for line in output.splitlines() if line.startswith("│"))
    return [cell.strip() for cell in row.strip("│").split("│")][:5]


def test_index_then_reindex_then_reject_a_bad_file(app: click.Group, tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = tmp_path / "profiles.jsonl"
    good.write_text(
        "\n".join(json.dumps(profile_dict(f"p{i}", headline=f"Engineer {i}")) for i in range(8))
        + "\n"
    )

    code, out = run(app, str(good), "--data-dir", str(data))
    assert code == 0, out
    assert counts(out) == ["8", "0", "0", "0", "8"]
    assert "all-MiniLM-L6-v2" in out

    code, out = run(app, str(good), "--data-dir", str(data))
    assert code == 0, out
    assert counts(out) == ["0", "0", "8", "0", "0"]

    smaller = tmp_path / "smaller.csv"
    smaller.write_text(
        "id,name,headline,created_at,last_login_at,skills\n"
        "p0,Freelancer p0,Engineer 0,2025-01-01T00:00:00+00:00,2026-01-01T00:00:00+00:00,Python; Rust\n"
    )
    code, out = run(app, str(smaller), "--data-dir", str(data), "--delete-missing")
    assert code == 0, out
    assert counts(out) == ["0", "1", "0", "7", "1"]

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(profile_dict("p9", country="Deutschland")) + "\n{oops\n")
    code, out = run(app, str(bad), "--data-dir", str(data), "--delete-missing")
    assert code == 2
    assert "row 1, field 'country'" in out and "row 2, field '<line>': malformed JSON" in out
    assert "Traceback" not in out

    backend = open_backend(IndexerSettings(data_dir=data), 384)
    try:
        assert sorted(backend.content_hashes()) == ["p0"]
        assert backend.get(["p0"])["p0"].profile.skill_keys == ("python", "rust")
    finally:
        backend.close()


def test_as_of_and_completeness_config_options(app: click.Group, tmp_path: Path) -> None:
    data = tmp_path / "data"
    cfg = tmp_path / "completeness.toml"
    cfg.write_text(
        "min_skills = 1\ndescription_min_words = 5\n[weights]\nportfolio = 0\nphoto = 0\n"
    )
    confirmed = "2026-10-30T12:00:00+00:00"
    good = tmp_path / "one.jsonl"
    good.write_text(json.dumps(profile_dict("p1", availability={"confirmed_at": confirmed})) + "\n")
    code, out = run(
        app,
        str(good),
        "--data-dir",
        str(data),
        "--as-of",
        "2026-11-01T12:00:00+00:00",
        "--completeness-config",
        str(cfg),
    )
    assert code == 0, out
    backend = open_backend(IndexerSettings(data_dir=data), 384)
    try:
        assert backend.get(["p1"])["p1"].completeness.score == 1.0
    finally:
        backend.close()
    code, out = run(app, str(good), "--data-dir", str(data), "--as-of", "2026-11-01")
    assert code == 2 and "time zone" in out


def test_clear_errors_for_unknown_type_and_bad_model_path(app: click.Group, tmp_path: Path) -> None:
    other = tmp_path / "profiles.txt"
    other.write_text("hello")
    code, out = run(app, str(other), "--data-dir", str(tmp_path / "d"))
    assert code == 2 and "unknown file type '.txt'" in out

    good = tmp_path / "one.jsonl"
    good.write_text(json.dumps(profile_dict("p1")) + "\n")
    code, out = run(
        app,
        str(good),
        "--data-dir",
        str(tmp_path / "d"),
        "--model-path",
        str(tmp_path / "no-model"),
    )
    assert code == 2 and "does not exist" in out
    assert not (tmp_path / "d" / "index").exists()


def test_invalid_settings_are_an_error_naming_the_field_and_write_nothing(
    app: click.Group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    good = tmp_path / "profiles.jsonl"
    good.write_text(json.dumps(profile_dict("p0", headline="Engineer")) + "\n")
    monkeypatch.setenv("TALENTMATCH_EMBEDDING_BATCH_SIZE", "0")
    code, out = run(app, str(good), "--data-dir", str(data))
    assert code == 2
    assert "invalid settings" in out and "embedding_batch_size" in out and "Traceback" not in out
    assert not data.exists()
