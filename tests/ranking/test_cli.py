"""``talentmatch search`` through click's CliRunner, on a real embedded index in the test's
data directory. The embedding model is swapped for the hashing test embedder (meaning does not
matter for the command's plumbing); the real model is exercised in test_semantic.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import cli
from indexer.embedding.hashing import HashingEmbedder
from ranking import commands
from tests.factories import NOW, make_profile
from tests.ranking.population import build_index, population

pytestmark = pytest.mark.unit
AS_OF = NOW.isoformat()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    profiles = [*population(80, seed=3), make_profile("gone", account_status="deleted")]
    build_index(tmp_path, profiles).close()
    monkeypatch.setenv("TALENTMATCH_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(commands, "_load_embedder", lambda settings: HashingEmbedder(32))
    if "search" not in cli.commands:
        commands.register(cli)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_search_with_flags_prints_a_table(data_dir: Path) -> None:
    code, out, err = run(
        "search",
        "--title",
        "Java backend developer",
        "--skill",
        "Java",
        "--mode",
        "curated",
        "-k",
        "5",
        "--as-of",
        AS_OF,
    )
    assert code == 0, err
    assert "eligible profiles" in out and "policy-2026.11-1" in out and "Rank 1, score" in out


def test_search_json_and_brief_file(data_dir: Path, tmp_path: Path) -> None:
    brief = tmp_path / "brief.toml"
    brief.write_text(
        'title = "Python data engineer"\nmust_have_skills = ["Python"]\nmode = "curated"\n'
    )
    code, out, err = run("search", str(brief), "--json", "-k", "3", "--as-of", AS_OF)
    assert code == 0, err
    data = json.loads(out)
    assert len(data["results"]) == 3
    assert [r["rank"] for r in data["results"]] == [1, 2, 3]
    first = data["results"][0]
    assert abs(first["score"] - sum(s["contribution"] for s in first["signals"])) < 1e-9
    # flags override the file
    code, out2, _ = run(
        "search", str(brief), "--json", "-k", "3", "--as-of", AS_OF, "--mode", "self_service"
    )
    assert json.loads(out2)["total_eligible_candidates"] < data["total_eligible_candidates"]


def test_explain_ineligible_profile(data_dir: Path) -> None:
    code, out, err = run(
        "search", "--title", "Python developer", "--explain", "gone", "--as-of", AS_OF
    )
    assert code == 0, err
    assert "NOT LISTED" in out and "account deleted" in out
    code, out, _ = run(
        "search", "--title", "Python developer", "--explain", "gone", "--json", "--as-of", AS_OF
    )
    data = json.loads(out)
    assert data["eligible"] is False and data["ranked"] is None


def test_errors_are_clear(data_dir: Path, tmp_path: Path) -> None:
    code, _, err = run("search", "--title", "x", "--max-rate", "-5", "--as-of", AS_OF)
    assert code == 2 and "max_daily_rate" in err
    code, _, err = run("search", "--title", "x", "--as-of", "2026-11-01T12:00:00")
    assert code == 2 and "time zone" in err
    code, _, err = run("search", "--title", "x", "--explain", "nobody", "--as-of", AS_OF)
    assert code == 2 and "nobody" in err
    code, _, err = run("search")
    assert code == 2 and "--title" in err
    bad = tmp_path / "b.json"
    bad.write_text('{"title": "x", "colour": "red"}')
    code, _, err = run("search", str(bad))
    assert code == 2 and "colour" in err
    code, _, err = run("search", "--title", "x", "--language", "english:fluent")
    assert code == 2 and "languages.0.code" in err
