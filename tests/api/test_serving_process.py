"""``create_app(..., serving=True)`` (what ``talentmatch serve`` builds) tunes the process for
the time the app runs, and gives it back: the interpreter lock's switch interval from the
settings (restored at shutdown), the ranker warmed up, the objects alive frozen out of the
garbage collector's reach."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.clock import ManualClock
from tests.api.conftest import hashing_factory, make_settings

pytestmark = pytest.mark.integration


def test_serving_sets_the_switch_interval_while_it_runs(data_dir: Path, clock: ManualClock) -> None:
    before = sys.getswitchinterval()
    app = create_app(make_settings(data_dir, thread_switch_interval_ms=2.5),
                     search_factory=hashing_factory, clock=clock, serving=True)
    try:
        with TestClient(app) as http:
            assert sys.getswitchinterval() == pytest.approx(0.0025)
            assert gc.get_freeze_count() > 0
            assert http.get("/health").status_code == 200
            ranker = app.state.ctx.search.ranker
            assert ranker.query_cache.misses > 0  # warmed up: the built-in briefs were embedded
        assert sys.getswitchinterval() == pytest.approx(before)
    finally:
        gc.unfreeze()


def test_an_app_that_does_not_own_its_process_leaves_it_alone(data_dir: Path,
                                                              clock: ManualClock) -> None:
    before, frozen = sys.getswitchinterval(), gc.get_freeze_count()
    app = create_app(make_settings(data_dir, thread_switch_interval_ms=2.5),
                     search_factory=hashing_factory, clock=clock)
    with TestClient(app):
        assert sys.getswitchinterval() == pytest.approx(before)
        assert gc.get_freeze_count() == frozen


@pytest.mark.parametrize("bad", [0, -1, 101, "fast"])
def test_the_switch_interval_setting_is_validated(data_dir: Path, bad: object) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="thread_switch_interval_ms"):
        make_settings(data_dir, thread_switch_interval_ms=bad)
