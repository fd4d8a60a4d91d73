"""``talentmatch api-key create`` and the ``serve`` command's wiring."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.clock import ManualClock
from indexer.cli import _load_plugins, cli
from tests.api.conftest import auth, database_url, make_app


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _load_plugins()
    return CliRunner()


def test_api_key_create_writes_a_working_key(runner: CliRunner, data_dir: Path,
                                             clock: ManualClock) -> None:
    env = {"TALENTMATCH_DATA_DIR": str(data_dir)}
    url = database_url(data_dir)  # the store the app below uses (PostgreSQL when configured)
    if url:
        env["TALENTMATCH_DATABASE_URL"] = url
    res = runner.invoke(cli, ["api-key", "create", "--role", "admin", "--name", "ops"], env=env)
    assert res.exit_code == 0, res.output
    key = res.output.strip().splitlines()[-1]
    assert key.startswith("tm_")
    with TestClient(make_app(data_dir, clock), raise_server_exceptions=False) as http:
        assert http.get("/audit", headers=auth(key)).status_code == 200
        r = http.get("/keys", headers=auth(key)).json()
        assert [k["name"] for k in r["items"]] == ["ops"] and r["items"][0]["created_by"] == "cli"


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "client", "--name", "x"], "subject_id is required"),
    (["--role", "client", "--name", "x", "--subject-id", "cli_0000000000000000"],
     "does not exist"),
    (["--role", "admin", "--name", "x", "--subject-id", "p1"], "must be empty"),
])
def test_api_key_create_rejects_bad_input(runner: CliRunner, data_dir: Path, args: list[str],
                                          message: str) -> None:
    res = runner.invoke(cli, ["api-key", "create", *args],
                        env={"TALENTMATCH_DATA_DIR": str(data_dir)})
    assert res.exit_code == 2 and message in res.output, res.output


def test_serve_is_registered_with_its_options(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["serve", "--help"])
    assert res.exit_code == 0
    assert "--port" in res.output and "--host" in res.output
    res = runner.invoke(cli, ["serve", "--port", "0"])
    assert res.exit_code == 2 and "--port" in res.output
