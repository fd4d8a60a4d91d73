"""The skill vocabulary: canonical keys for every spelling, symmetric relations, checked files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.errors import ConfigurationError
from indexer.profile import normalise_skill
from indexer.vocabulary import SkillVocabulary, loose_key

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def vocab() -> SkillVocabulary:
    return SkillVocabulary.default()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("js", "javascript"),
        ("JavaScript", "javascript"),
        ("ECMAScript", "javascript"),
        ("  Javascript ", "javascript"),
        ("k8s", "kubernetes"),
        ("K8S", "kubernetes"),
        ("Postgres", "postgresql"),
        ("golang", "go"),
        ("NodeJS", "node.js"),
        ("Node JS", "node.js"),
        ("Spring-Boot", "spring boot"),
        ("springboot", "spring boot"),
        ("React.js", "react"),
        ("GCP", "google cloud platform"),
        ("Azure", "microsoft azure"),
        ("Projektmanagement", "project management"),
        ("Gestion de projet", "project management"),
        ("Gestión de proyectos", "project management"),
        ("gestion de proyectos", "project management"),  # accents dropped
        ("Buchhaltung", "accounting"),
        ("Comptabilité", "accounting"),
        ("Contabilidad", "accounting"),
        ("Conduite du changement", "change management"),
        ("Maschinelles Lernen", "machine learning"),
        ("Apprentissage automatique", "machine learning"),
        ("Référencement naturel", "seo"),
        ("SEA", "sem"),
        ("Marketing de contenidos", "content marketing"),
        ("Grafikdesign", "graphic design"),
        ("M&A", "mergers and acquisitions"),
        ("Contrôle de gestion", "controlling"),
        ("RGPD", "gdpr"),
    ],
)
def test_canonical_resolves_spellings_and_translations(
    vocab: SkillVocabulary, name: str, key: str
) -> None:
    assert vocab.canonical(name) == key
    assert vocab.known(name)


def test_similar_looking_languages_stay_apart(vocab: SkillVocabulary) -> None:
    keys = {vocab.canonical(n) for n in ("C", "C#", "C++", "R", "Go", "Java", "JavaScript")}
    assert keys == {"c", "c#", "c++", "r", "go", "java", "javascript"}


def test_unknown_names_come_back_normalised(vocab: SkillVocabulary) -> None:
    assert vocab.canonical("  Underwater   Basket Weaving ") == "underwater basket weaving"
    assert not vocab.known("Underwater Basket Weaving")
    assert vocab.related("Underwater Basket Weaving") == {}


@pytest.mark.parametrize(
    ("skill", "other", "similarity"),
    [
        ("java", "kotlin", 0.6),
        ("java", "scala", 0.5),
        ("react", "vue.js", 0.5),
        ("react", "angular", 0.5),
        ("postgresql", "mysql", 0.7),
        ("figma", "sketch", 0.7),
        ("seo", "sem", 0.6),
        ("docker", "kubernetes", 0.7),
        ("tableau", "power bi", 0.7),
        ("scrum", "kanban", 0.6),
        ("accounting", "bookkeeping", 0.8),
    ],
)
def test_known_relations(vocab: SkillVocabulary, skill: str, other: str, similarity: float) -> None:
    assert vocab.related(skill)[other] == similarity
    assert vocab.related(other)[skill] == similarity
    assert vocab.similarity(skill, other) == similarity


def test_relations_are_symmetric_in_range_and_never_reflexive(vocab: SkillVocabulary) -> None:
    pairs = 0
    for key in vocab.canonical_keys():
        for other, value in vocab.related(key).items():
            assert 0 < value < 1
            assert other != key
            assert vocab.known(other) and vocab.canonical(other) == other
            assert vocab.related(other)[key] == value
            pairs += 1
    assert pairs // 2 >= 400


def test_related_by_any_spelling_is_the_same(vocab: SkillVocabulary) -> None:
    assert vocab.related("K8s") == vocab.related("kubernetes")
    assert vocab.related("Projektmanagement") == vocab.related("project management")
    values = list(vocab.related("java").values())
    assert values == sorted(values, reverse=True)


def test_similarity(vocab: SkillVocabulary) -> None:
    assert vocab.similarity("JS", "javascript") == 1.0
    assert vocab.similarity("Figma", "Accounting") == 0.0


def test_every_spelling_maps_to_its_own_skill(vocab: SkillVocabulary) -> None:
    for entry in vocab:
        assert entry.key == normalise_skill(entry.name)
        assert vocab.canonical(entry.key) == entry.key
        assert vocab.display_name(entry.key) == entry.name
        for spelling in entry.spellings:
            assert vocab.canonical(spelling) == entry.key, spelling


def test_coverage_of_the_six_domains(vocab: SkillVocabulary) -> None:
    assert len(vocab) >= 300
    domains = Counter(entry.domain for entry in vocab)
    assert set(domains) == {"software", "data", "design", "marketing", "finance", "consulting"}
    assert min(domains.values()) >= 40
    localised = [e for e in vocab if {"de", "fr", "es"} <= set(e.local_names)]
    assert len(localised) >= 120
    assert vocab.localised("project management", "de") == "Projektmanagement"
    assert vocab.localised("kubernetes", "fr") == "Kubernetes"


@given(text=st.text(max_size=40))
def test_canonical_is_idempotent(vocab: SkillVocabulary, text: str) -> None:
    once = vocab.canonical(text)
    assert vocab.canonical(once) == once


def test_loose_key_keeps_symbols_that_distinguish_skills() -> None:
    assert loose_key("Spring-Boot") == loose_key("spring boot") == "springboot"
    assert len({loose_key("C"), loose_key("C#"), loose_key("C++")}) == 3


def test_version_identifies_the_files(vocab: SkillVocabulary) -> None:
    assert vocab.version == SkillVocabulary.default().version
    assert len(vocab.version) == 12


# --- bad vocabulary files ---------------------------------------------------------------


def _write(tmp_path: Path, body: str, name: str = "test.toml") -> Path:
    path = tmp_path / name
    path.write_text('domain = "test"\n[skills]\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('"A" = { related = { "B" = 0.5 } }\n', "related skill 'B' is unknown"),
        ('"A" = { related = { "A" = 0.5 } }\n', "related to itself"),
        ('"A" = {}\n"B" = { related = { "A" = 1.0 } }\n', "must be in (0, 1)"),
        ('"A" = {}\n"B" = { related = { "A" = 0 } }\n', "must be in (0, 1)"),
        ('"A" = {}\n"B" = { related = { "A" = "high" } }\n', "must be in (0, 1)"),
        ('"A" = { aliases = ["X"] }\n"B" = { aliases = ["x"] }\n', "spelling 'x' also means 'A'"),
        ('"A" = { colour = "red" }\n', "unknown field(s) colour"),
        ('"A" = { aliases = "X" }\n', "'aliases' must be a list"),
        (
            '"A" = { related = { "B" = 0.5 } }\n"B" = { related = { "A" = 0.4 } }\n',
            "declared twice",
        ),
        ('"A" = { de = "" }\n', "'de' must be a non-empty string"),
        ('"A" = [1, 2]\n', "expected a table"),
        ('"A" = {\n', "cannot read"),
    ],
)
def test_bad_files_are_rejected_with_the_skill_named(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(ConfigurationError) as err:
        SkillVocabulary.load([_write(tmp_path, body)])
    assert message in str(err.value)
    assert "test.toml" in str(err.value)


def test_a_missing_file_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot read"):
        SkillVocabulary.load([tmp_path / "nowhere.toml"])


def test_the_same_skill_in_two_files_is_rejected(tmp_path: Path) -> None:
    a = _write(tmp_path, '"Python" = {}\n', "a.toml")
    b = _write(tmp_path, '"python" = {}\n', "b.toml")
    with pytest.raises(ConfigurationError, match="declared twice"):
        SkillVocabulary.load([a, b])


def test_missing_domain_or_skills_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('[skills]\n"A" = {}\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="'domain'"):
        SkillVocabulary.load([path])
    path.write_text('domain = "d"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"\[skills\]"):
        SkillVocabulary.load([path])


def test_a_consistent_double_declaration_is_accepted(tmp_path: Path) -> None:
    path = _write(
        tmp_path, '"A" = { related = { "B" = 0.5 } }\n"B" = { related = { "A" = 0.5 } }\n'
    )
    vocab = SkillVocabulary.load([path])
    assert vocab.related("a") == {"b": 0.5}
    assert vocab.related("B") == {"a": 0.5}
