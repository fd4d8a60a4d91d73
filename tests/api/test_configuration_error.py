"""A ConfigurationError raised while serving (here: the embedding model's files vanish under
a running server) is answered as problem+json 500 ``configuration-error``, logged with its
cause, and the answer does not leak the server's paths."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from fastapi.testclient import TestClient

from api.clock import ManualClock
from api.context import SearchStack
from api.search_stack import open_search_stack
from api.settings import ApiSettings
from indexer.embedding.hashing import HashingEmbedder
from indexer.errors import ConfigurationError
from tests.api.conftest import ADMIN_KEY, DIM, auth, make_settings
from tests.api.helpers import PYTHON_BRIEF, assert_problem

SECRET_PATH = "/srv/models/all-MiniLM-L6-v2"


class VanishingModel(HashingEmbedder):
    """Encodes until ``broken`` is set, then fails as a model whose files are gone."""

    def __init__(self, dim: int) -> None:
        super().__init__(dim)
        self.broken = False

    def encode(self, texts: Sequence[str], *, progress: bool = False,
               ) -> npt.NDArray[np.float32]:
        if self.broken:
            raise ConfigurationError(f"model_path {SECRET_PATH}: config.json does not exist")
        return super().encode(texts, progress=progress)


def test_a_configuration_error_while_serving_is_a_problem_json_500(
        data_dir: Path, clock: ManualClock, caplog: pytest.LogCaptureFixture) -> None:
    from api.app import create_app

    model = VanishingModel(DIM)

    def factory(settings: ApiSettings) -> SearchStack:
        return open_search_stack(settings, model)

    app = create_app(make_settings(data_dir), search_factory=factory, clock=clock)
    with TestClient(app, raise_server_exceptions=False) as http:
        body = {"brief": PYTHON_BRIEF, "limit": 5}
        assert http.post("/search", json=body, headers=auth(ADMIN_KEY)).status_code == 200
        model.broken = True
        with caplog.at_level(logging.ERROR, logger="api.errors"):
            fresh = {"brief": {**PYTHON_BRIEF, "title": "Rust embedded engineer"}, "limit": 6}
            r = http.post("/search", json=fresh, headers=auth(ADMIN_KEY))
        problem = assert_problem(r, 500, "configuration-error")
        assert problem["title"] == "Server misconfigured" and problem["instance"] == "/search"
        assert SECRET_PATH not in r.text and "Traceback" not in r.text
        assert any(SECRET_PATH in rec.getMessage() for rec in caplog.records)
        # The server keeps serving what does not need the model.
        assert http.get("/health").status_code == 200
        model.broken = False
        assert http.post("/search", json=fresh, headers=auth(ADMIN_KEY)).status_code == 200
