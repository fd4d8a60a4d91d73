"""Message catalogues: every message of the pages has a German and a French translation with
the same placeholders, and the language follows the cookie or Accept-Language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from api.web.i18n import LOCALE_DIR, Catalogues, Language, enum_messages, negotiate
from tests.api.conftest import Keys

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.fixture(scope="module")
def extracted() -> list[str | tuple[str, ...]]:
    """The messages the templates and page code use, extracted as ``pybabel extract -F
    api/web/babel.cfg`` does for translators."""
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    found: dict[str | tuple[str, ...], None] = {}
    for _file, _line, msgid, _comments, _context in extract_from_dir(
            str(ROOT / "api" / "web"), method_map):
        found[msgid] = None
    return list(found)


@pytest.mark.unit
@pytest.mark.parametrize("lang", ["de", "fr"])
def test_every_message_is_translated(lang: str, extracted: list[str | tuple[str, ...]]) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    assert len(extracted) > 150
    untranslated = []
    for msgid in [*extracted, *enum_messages()]:
        message = catalog.get(msgid)
        if message is None or not message.string or (isinstance(message.string, tuple)
                                                     and not all(message.string)):
            untranslated.append(msgid)
            continue
        source = msgid if isinstance(msgid, str) else msgid[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(target)), msgid
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated: {untranslated[:10]}"


@pytest.mark.unit
def test_catalogues_load_and_translate() -> None:
    cats = Catalogues.load()
    assert cats.get(Language.DE).gettext("Sign in") == "Anmelden"
    assert cats.get(Language.FR).gettext("Sign in") == "Se connecter"
    assert cats.get(Language.EN).gettext("pending_review") == "waiting for review"
    assert cats.get(Language.EN).gettext("Sign in") == "Sign in"


@pytest.mark.unit
@pytest.mark.parametrize(("cookie", "header", "expected"), [
    (None, None, "en"), ("de", "fr", "de"), ("xx", "fr-CH,fr;q=0.9,en;q=0.8", "fr"),
    (None, "en;q=0.5, de;q=0.9", "de"), (None, "ja, zh;q=0.9", "en"), (None, "de;q=0", "en"),
    (None, "fr;q=abc, de", "de"), (None, "de-AT, fr", "de"),
])
def test_language_negotiation(cookie: str | None, header: str | None, expected: str) -> None:
    assert negotiate(cookie, header).value == expected


@pytest.mark.integration
def test_pages_speak_the_chosen_language(http, keys: Keys, sign_in) -> None:  # type: ignore[no-untyped-def]
    r = http.get("/app/signin", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="de">' in r.text and "API-Schlüssel" in r.text
    b = sign_in(keys.client)
    r = b.client.post("/app/language", data={"lang": "fr", "back": "/app/search"},
                      follow_redirects=True)
    assert '<html lang="fr">' in r.text and "Trouver des freelances" in r.text
    r = b.client.post("/app/language", data={"lang": "xx", "back": "/app/search"},
                      headers={"Referer": "http://testserver/app/search"}, follow_redirects=False)
    assert r.status_code == 303 and "tm_lang" not in r.headers.get("set-cookie", "")
    shown = b.client.get(r.headers["location"])
    assert "lang: Input should be" in shown.text
