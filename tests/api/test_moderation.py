"""Content moderation: the multilingual word lists and the pluggable classifier hook."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.clock import ManualClock
from api.moderation import Moderator, Verdict, WordListClassifier
from tests.api.conftest import (
    START,
    auth,
    create_client_with_key,
    hashing_factory,
    make_settings,
)
from tests.api.helpers import PYTHON_BRIEF, assert_problem, submit_project


@pytest.fixture(scope="module")
def words() -> WordListClassifier:
    return WordListClassifier.default()


@pytest.mark.parametrize(("text", "term"), [
    ("You IDI0T devs", "idiot"),
    ("Ein Vollidiot", "vollidiot"),
    ("Wir suchen keinen Vollidioten", "vollidioten"),
    ("ta gueule", "ta gueule"),
    ("Pas de connards", "connards"),
    ("Nada de gilipollas", "gilipollas"),
    ("hijo de PUTA", "puta"),
])
def test_abusive_wording_is_found_in_every_language(words: WordListClassifier, text: str,
                                                    term: str) -> None:
    verdict = words.classify(text)
    assert verdict is not None and f"'{term}'" in verdict.reason


@pytest.mark.parametrize("text", [
    "Senior Python developer for a fintech API",
    "Scunthorpe office, assessment centre, MongoDB cluster",
    "Wir suchen eine Entwicklerin für idiotensichere Software",
    "Analyste financier, contrôle de gestion",
    "Desarrollador de aplicaciones móviles",
])
def test_ordinary_briefs_pass(words: WordListClassifier, text: str) -> None:
    assert words.classify(text) is None


def test_extra_word_lists_extend_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "it.txt").write_text("# Italian\nstronzo\n", encoding="utf-8")
    c = WordListClassifier.default(tmp_path)
    assert c.classify("che stronzo") is not None
    assert c.classify("idiot") is not None


class _NoContactDetails:
    """A classifier hook: refuses projects that ask to move off the platform."""

    name = "off-platform"

    def classify(self, text: str) -> Verdict | None:
        if "whatsapp" in text.lower():
            return Verdict(self.name, "off_platform", "asks to continue outside the platform")
        return None


def test_moderator_reports_the_field_and_the_classifier() -> None:
    m = Moderator([WordListClassifier.default(), _NoContactDetails()])
    field, verdict = m.check({"title": "Shop", "brief.description": "Write me on WhatsApp"}) or (
        None, None)
    assert field == "brief.description" and verdict is not None
    assert verdict.classifier == "off-platform"
    assert m.check({"title": "Shop", "brief.description": "Build a shop"}) is None


def test_a_classifier_hook_plugs_into_the_app(data_dir: Path) -> None:
    app = create_app(make_settings(data_dir), search_factory=hashing_factory,
                     clock=ManualClock(START), classifiers=[_NoContactDetails()])
    with TestClient(app, raise_server_exceptions=False) as http:
        _, key = create_client_with_key(http, "Acme")
        r = submit_project(http, key, brief={**PYTHON_BRIEF,
                                             "description": "Contact me on WhatsApp first"})
        body = assert_problem(r, 422, "content-rejected")
        assert body["category"] == "off_platform" and body["field"] == "brief.description"
        assert submit_project(http, key).status_code == 201
        projects = http.get("/projects", headers=auth(key)).json()
        assert sorted(p["status"] for p in projects["items"]) == ["active", "rejected"]
