"""The title match signal: normalisation of gender markers, accents and function words, and
the character-trigram similarity (formula in ranking/signals/title_match.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranking.signals.title_match import (
    fold_feminine,
    gram_similarity,
    normalise_title,
    title_grams,
    title_match,
)

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


# -- through the ranker ---------------------------------------------------------------------


def test_the_ranker_weighs_the_title_match_and_names_it(tmp_path) -> None:
    """With the title as the only weighted signal, the headlines equal to the brief's title
    after normalisation come first; the signal is in the contributions and the explanation
    names it among the strongest (German explanation: its German label)."""
    from datetime import timedelta

    from indexer.embedding.hashing import HashingEmbedder
    from ranking import Brief, Ranker, RankingConfig
    from ranking.explain_texts import texts
    from tests.factories import NOW, make_profile
    from tests.ranking.population import TinyVocabulary, build_index

    as_of = NOW + timedelta(days=3)
    login = (as_of - timedelta(days=5)).isoformat()
    heads = {"a-chef": "Koch", "b-sales": "Vertriebsleiter", "c-salesw": "Vertriebsleiterin",
             "d-tax": "Steuerberater", "e-salesx": "Leiter Vertrieb"}
    profiles = [make_profile(pid, headline=h, text_language="de", last_login_at=login)
                for pid, h in heads.items()]
    backend = build_index(tmp_path, profiles)
    try:
        base = RankingConfig.default()
        only_title = base.model_copy(update={"weights": {n: (1.0 if n == "title" else 0.0)
                                                         for n in base.weights}})
        ranker = Ranker(backend, HashingEmbedder(32), config=RankingConfig.model_validate(
            only_title.model_dump()), vocabulary=TinyVocabulary(), language="de")
        result = ranker.rank(Brief(title="Vertriebsleiter (m/w/d)"), k=5, as_of=as_of)
    finally:
        backend.close()
    order = [r.profile_id for r in result.results]
    assert order[:2] == ["b-sales", "c-salesw"]  # equal after normalisation: tie on id
    assert result.results[0].score == pytest.approx(1.0)
    assert order[-1] in {"a-chef", "d-tax"}
    top = result.results[0]
    assert [s.name for s in top.signals] == ["title"]
    assert texts("de").labels["title"] in top.explanation


_REPEATS = st.text(alphabet="abn -", max_size=30)  # few letters: grams repeat within a title


@given(st.one_of(st.text(max_size=40), _REPEATS), st.one_of(st.text(max_size=40), _REPEATS))
@settings(max_examples=400, derandomize=True)
def test_title_match_is_the_multiset_formula(a: str, b: str) -> None:
    """The fast form (set intersection plus repeated grams) equals the formula exactly."""
    assert title_match(a, b) == gram_similarity(title_grams(a), title_grams(b))


def test_repeated_grams_count_as_often_as_both_titles_have_them() -> None:
    # "banana" has " ba", "ban", "ana" x2, "nan", "na "; "ananas" has " an", "ana" x2, "nan", "nas", "as "
    a, b = title_grams("banana"), title_grams("ananas")
    assert a["ana"] == b["ana"] == 2
    assert title_match("banana", "ananas") == pytest.approx(3 / math.sqrt(6 * 6))
    assert title_match("banana", "ana") == pytest.approx(2 / math.sqrt(6 * 3))  # "ana", "na "
