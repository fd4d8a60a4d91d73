"""Semantic ranking with the real all-MiniLM-L6-v2 model: a brief with no words in common with
the right profile still finds it first, through meaning alone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indexer.embedding import load_embedder
from indexer.settings import IndexerSettings
from indexer.vocabulary import SkillVocabulary
from ranking import Brief, Ranker
from tests.factories import NOW, make_profile
from tests.ranking.population import build_index

pytestmark = pytest.mark.integration
AS_OF = NOW - timedelta(days=3)


def prof(pid: str, headline: str, description: str, skill: str):
    return make_profile(pid, headline=headline, description=description, skills=[{"name": skill}])


PROFILES = [
    prof(
        "ios", "iOS engineer", "I ship iPhone and iPad applications with Swift and UIKit.", "Swift"
    ),
    prof(
        "books",
        "Accountant",
        "Bookkeeping, VAT returns and annual statements for small firms.",
        "Accounting",
    ),
    prof(
        "interior",
        "Interior designer",
        "I furnish offices and shops: colours, lighting, furniture.",
        "Interior design",
    ),
    prof(
        "seo",
        "SEO consultant",
        "I grow organic traffic with keyword research and link building.",
        "SEO",
    ),
    prof(
        "ml",
        "Machine learning engineer",
        "I train and deploy deep learning models for vision.",
        "PyTorch",
    ),
]


@pytest.fixture(scope="module")
def ranker(tmp_path_factory: pytest.TempPathFactory):
    embedder = load_embedder(IndexerSettings())
    backend = build_index(tmp_path_factory.mktemp("semantic"), PROFILES, embedder)
    yield Ranker(backend, embedder, vocabulary=SkillVocabulary.default())
    backend.close()


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "Mobile app for Apple phones",
            "We need someone to build our native smartphone app.",
            "ios",
        ),
        (
            "Help with our company's finances",
            "Monthly ledgers and tax paperwork for a small business.",
            "books",
        ),
        (
            "Neural network for image recognition",
            "Classify photos of products automatically.",
            "ml",
        ),
        (
            "Redesign our office space",
            "Make our workplace pleasant: decoration and lamps.",
            "interior",
        ),
    ],
)
def test_meaning_finds_the_right_profile(
    ranker: Ranker, title: str, description: str, expected: str
) -> None:
    res = ranker.rank(Brief(title=title, description=description), k=5, as_of=AS_OF)
    assert res.results[0].profile_id == expected
    sem = {
        r.profile_id: next(s.value for s in r.signals if s.name == "semantic") for r in res.results
    }
    assert sem[expected] == max(sem.values())
    assert sem[expected] - sorted(sem.values())[-2] > 0.05
