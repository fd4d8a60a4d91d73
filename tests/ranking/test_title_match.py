"""The title match signal: normalisation of gender markers, accents and function words, and
the character-trigram similarity (formula in ranking/signals/title_match.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranking.signals.title_match import fold_feminine, normalise_title, title_grams, title_match

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("title", "normalised"),
    [
        ("Verkäufer (m/w/d)", "verkaufer"),
        ("Verkäufer (w/m/d)", "verkaufer"),
        ("Verkäufer/in", "verkaufer"),
        ("Verkäufer/-in", "verkaufer"),
        ("Verkäuferin", "verkaufer"),
        ("Lehrer*innen", "lehrer"),
        ("LehrerInnen", "lehrer"),
        ("Software-Entwickler:in", "software entwickler"),
        ("Développeur Web (H/F)", "developpeur web"),
        ("Chef de projet (F/H/X)", "chef projet"),
        ("Employé·e", "employe"),
        ("Vendeur/euse", "vendeur"),
        ("Vendeuse", "vendeur"),
        ("Directrice des ventes", "directeur ventes"),
        ("Infirmière", "infirmier"),
        ("Kauffrau", "kaufmann"),
        ("Head of Sales & Marketing", "head sales marketing"),
        ("Analyst für Netzwerksicherheit", "analyst netzwerksicherheit"),
    ],
)
def test_normalisation(title: str, normalised: str) -> None:
    assert normalise_title(title) == normalised


def test_words_that_only_look_like_markers_are_kept() -> None:
    assert normalise_title("Admin") == "admin"
    assert normalise_title("Marketing Designer") == "marketing designer"
    assert fold_feminine("Medizin".lower()) == "medizin"


def test_equal_after_normalisation_is_one_and_disjoint_is_zero() -> None:
    assert title_match("Verkäuferin (m/w/d)", "Verkäufer") == pytest.approx(1.0)
    assert title_match("Développeuse", "developpeur") == pytest.approx(1.0)
    assert title_match("Java developer", "Tax consultant") == 0.0
    assert title_match("", "Tax lawyer") == 0.0
    assert title_match("für der die", "Tax lawyer") == 0.0  # only function words


def test_formula_on_a_small_case() -> None:
    # "ab" -> " ab" "ab "; "abc" -> " ab" "abc" "bc ": one shared gram of 2 and 3
    assert title_grams("ab") == {" ab": 1, "ab ": 1}
    assert title_match("ab", "abc") == pytest.approx(1 / math.sqrt(2 * 3))


def test_compounds_and_hyphens_share_most_grams() -> None:
    near = title_match("Softwareentwickler", "Software-Entwickler")
    far = title_match("Softwareentwickler", "Steuerberater")
    assert near > 0.8 > 0.2 > far


@given(st.text(max_size=40), st.text(max_size=40))
@settings(max_examples=300, derandomize=True)
def test_bounded_and_symmetric(a: str, b: str) -> None:
    v = title_match(a, b)
    assert 0.0 <= v <= 1.0
    assert v == pytest.approx(title_match(b, a))
