"""Test-wide settings: offline model loading and an isolated environment per test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's TALENTMATCH_* variables or writes to ./data."""
    for key in list(os.environ):
        if key.startswith("TALENTMATCH_") and key != "TALENTMATCH_OPENSEARCH_URL":
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("TALENTMATCH_DATA_DIR", str(tmp_path_factory.mktemp("data")))
