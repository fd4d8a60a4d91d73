"""The pipeline with the real model: what gets embedded makes related profiles findable."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.backends import open_backend
from indexer.embedding import SentenceTransformerEmbedder
from indexer.pipeline import Indexer
from indexer.settings import IndexerSettings, Precision
from tests.factories import NOW, make_profile

pytestmark = pytest.mark.integration

PROFILES = {
    "devops": (
        "DevOps engineer",
        ["Kubernetes", "Terraform", "AWS"],
        "I automate cloud infrastructure and CI/CD.",
    ),
    "designer": (
        "Brand designer",
        ["Illustrator", "typography"],
        "Visual identities and packaging for consumer brands.",
    ),
    "controller": (
        "Financial controller",
        ["IFRS", "budgeting"],
        "Monthly closing and consolidation for industrial groups.",
    ),
    "entwickler": (
        "Backend-Entwickler",
        ["Java", "Spring Boot"],
        "Ich entwickle Microservices für Banken und Versicherungen.",
    ),
}


def test_dense_search_finds_the_related_profile(tmp_path: Path) -> None:
    settings = IndexerSettings(data_dir=tmp_path / "data")
    embedder = SentenceTransformerEmbedder(precision=Precision.FP32)
    backend = open_backend(settings, embedder.dimension)
    try:
        with Indexer(backend, embedder, settings) as ix:
            ix.index_profiles(
                [
                    make_profile(pid, headline=h, skills=[{"name": s} for s in sk], description=d)
                    for pid, (h, sk, d) in PROFILES.items()
                ],
                as_of=NOW,
                progress=False,
            )
        queries = {
            "devops": "Site reliability engineer for our Kubernetes clusters on AWS",
            "designer": "Logo and brand identity design",
            "controller": "Accountant for budget planning and financial reporting",
            "entwickler": "Java-Softwareentwickler für Microservices gesucht",
        }
        for expected, query in queries.items():
            [top, *_] = backend.dense_search(embedder.encode([query])[0], 4)
            assert top.id == expected, (query, top)
    finally:
        backend.close()
