"""English glosses of German and French job titles (indexer.glossary) and where they are used."""

from __future__ import annotations

import pytest

from indexer.errors import ConfigurationError
from indexer.glossary import TITLE_GLOSS_MEMO, TitleGlossary, detect_title_language, title_gloss
from indexer.profile import TextLanguage
from indexer.text import embedding_text
from ranking import Brief
from ranking.query import embedding_text as brief_text
from tests.factories import make_profile

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("title", "language", "gloss"),
    [
        ("Vertriebsleiter", "de", "sales manager"),  # compound with a linking s
        ("Netzwerksicherheitstechniker", "de", "network security technician"),
        ("Stellvertretender Direktor für Öffentlichkeitsarbeit", "de", "deputy director public relations"),
        ("Verkäuferin (m/w/d)", "de", "salesperson"),
        ("Technische Leiterin", "de", "technical manager"),  # inflected adjective, -in
        ("Directeur des ventes", "fr", "sales director"),  # read backwards
        ("Chef de projet informatique", "fr", "it project manager"),  # phrase first
        ("Ingénieure logiciel principale", "fr", "senior software engineer"),
        ("Représentant·e commercial·e", "fr", "sales representative"),
    ],
)
def test_glosses(title: str, language: str, gloss: str) -> None:
    assert title_gloss(title, language) == gloss


def test_unknown_words_stay_and_nothing_known_gives_no_gloss() -> None:
    assert title_gloss("SAP-Berater", "de") == "sap consultant"
    assert title_gloss("Xyzzy", "de") == ""
    assert title_gloss("Marketing", "fr") == ""  # the gloss would only repeat the title
    assert title_gloss("Sales manager", "en") == ""  # no English glossary
    assert TitleGlossary.default(TextLanguage.ES) is None


def test_the_memo_answers_as_the_function_does_and_is_bounded() -> None:
    titles = [("Vertriebsleiter", None), ("Directeur des ventes", None), ("Sales manager", None),
              ("SAP-Berater", "de"), ("Chef", None)]
    first = [title_gloss(t, lang) for t, lang in titles]
    assert first == [title_gloss.__wrapped__(t, lang) for t, lang in titles]
    assert [title_gloss(t, lang) for t, lang in titles] == first  # answered from the memo
    assert title_gloss.cache_info().hits >= len(titles)
    assert title_gloss.cache_info().maxsize == TITLE_GLOSS_MEMO


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Vertriebsleiter", TextLanguage.DE),
        ("Analyst für Netzwerksicherheit", TextLanguage.DE),
        ("Directeur des ventes", TextLanguage.FR),
        ("Chef de projet", TextLanguage.FR),
        ("Sales Director", None),
        ("Commercial Analyst", None),  # English words that are French too do not count
        ("Assistant Principal", None),
        ("Chef", None),  # as German as French (and English)
        ("Location Manager", None),
    ],
)
def test_language_detection_of_brief_titles(title: str, language: TextLanguage | None) -> None:
    assert detect_title_language(title) is language


def test_profile_texts_carry_the_gloss_in_their_language_only() -> None:
    de = make_profile(headline="Vertriebsleiter", text_language="de", skills=[], description="")
    en = make_profile(headline="Vertriebsleiter", text_language="en", skills=[], description="")
    assert embedding_text(de) == "Vertriebsleiter (sales manager)"
    assert embedding_text(en) == "Vertriebsleiter"


def test_brief_texts_carry_the_gloss_when_the_title_reads_german_or_french() -> None:
    assert brief_text(Brief(title="Directeur des ventes")) == "Directeur des ventes (sales director)"
    assert brief_text(Brief(title="Sales director.")) == "Sales director"


def test_a_malformed_glossary_line_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="line 2"):
        TitleGlossary.parse(TextLanguage.DE, "# c\nleiter manager\n", head_first=False, source="x.txt")


@pytest.mark.parametrize(
    ("title", "language", "gloss"),
    [
        # segments glossed on their own; a run of unknown words keeps its order
        ("Ingénieur machine learning – Python, MLOps", "fr", "machine learning engineer, python, mlops"),
        ("Développeur Java back-end – Java, SQL", "fr", "java back end developer, java, sql"),
        ("Senior Java-Backend-Entwickler – Java, SQL", "de", "senior java backend developer, java, sql"),
        ("Responsable content marketing / rédacteur", "fr", "marketing content manager, editor"),
    ],
)
def test_titles_with_skill_lists_are_glossed_segment_by_segment(title: str, language: str, gloss: str) -> None:
    assert title_gloss(title, language) == gloss


@pytest.mark.parametrize(
    ("title", "stripped"),
    [
        ("Verkäufer (m/w/d)", "Verkäufer"),
        ("Vendeur (H/F)", "Vendeur"),
        ("Verkäufer/-in", "Verkäufer"),
        ("Lehrer*innen", "Lehrer"),
        ("LehrerIn", "Lehrer"),
        ("Entwickler:in", "Entwickler"),
        ("employé·e", "employé"),
        ("directeur.rice", "directeur"),
        ("employé(e)", "employé"),
        ("Admin", "Admin"),
        ("Sales m/w/d", "Sales"),
    ],
)
def test_gender_markers(title: str, stripped: str) -> None:
    from indexer.gender_markers import strip_gender_markers

    assert strip_gender_markers(title).strip() == stripped
