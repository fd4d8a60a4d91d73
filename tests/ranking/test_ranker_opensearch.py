"""The ranker on the real OpenSearch backend, unchanged (it uses only the SearchBackend
protocol): no ineligible profile is returned, with enough candidates exactly the eligible
profiles come back, and the order and scores equal the embedded backend's for the same data
(scores depend only on the stored profiles and vectors once every eligible profile is a
candidate)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indexer.backends.embedded import EmbeddedBackend
from indexer.embedding.hashing import HashingEmbedder
from indexer.pipeline import Indexer
from indexer.settings import IndexerSettings
from ranking import Brief, Ranker, RankingConfig, SearchMode
from tests.contract.opensearch_support import make_opensearch_store
from tests.factories import NOW
from tests.ranking.oracle import expected_eligible
from tests.ranking.population import TinyVocabulary, population

pytestmark = [pytest.mark.opensearch, pytest.mark.integration]

N = 150
DIM = 32


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory):
    profiles = population(N, seed=21)
    root = tmp_path_factory.mktemp("ranking-os")
    store = make_opensearch_store("ranking", dimension=DIM)
    opened = [store(), EmbeddedBackend.open(root / "index", DIM)]
    for b in opened:
        with Indexer(
            b, HashingEmbedder(DIM), IndexerSettings(data_dir=root), use_cache=False
        ) as idx:
            idx.index_profiles(profiles, as_of=NOW, progress=False)
    yield {p.id: p for p in profiles}, opened[0], opened[1]
    for b in opened:
        b.close()
    store.cleanup()


BRIEFS = [
    Brief(title="Java backend developer", must_have_skills=("Java",), mode=SearchMode.CURATED),
    Brief(title="Python data engineer", must_have_skills=("Python", "SQL"), max_daily_rate=700),
    Brief(title="SAP consultant", profile_type="sap-consultant", mode=SearchMode.CURATED),
    Brief(title="UX designer", location={"city": "Paris", "remote": "hybrid"}),
]
AS_OFS = [
    NOW + timedelta(days=3),
    NOW - timedelta(days=100, hours=5),
    NOW + timedelta(days=5),
]  # Wed, ..., Fri


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda b: b.title)
def test_same_results_on_opensearch_and_embedded(backends, brief: Brief) -> None:
    profiles, os_backend, emb_backend = backends
    config = RankingConfig.default().model_copy(update={"candidates": 2 * N})
    rankers = [
        Ranker(b, HashingEmbedder(DIM), config=config, vocabulary=TinyVocabulary())
        for b in (os_backend, emb_backend)
    ]
    for as_of in AS_OFS:
        on_os, on_emb = (r.rank(brief, k=2 * N, as_of=as_of) for r in rankers)
        eligible = {
            p.id
            for p in profiles.values()
            if expected_eligible(p, brief.mode.value, as_of)
            and (brief.profile_type is None or p.profile_type == brief.profile_type)
        }
        assert {r.profile_id for r in on_os.results} == eligible
        assert on_os.total_eligible_candidates == len(eligible)
        assert [r.profile_id for r in on_os.results] == [r.profile_id for r in on_emb.results]
        for a, b in zip(on_os.results, on_emb.results, strict=True):
            assert a.score == pytest.approx(b.score, abs=1e-6)


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda b: b.title)
def test_default_config_returns_only_eligible_profiles_on_opensearch(
    backends, brief: Brief
) -> None:
    profiles, os_backend, _ = backends
    ranker = Ranker(os_backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    for as_of in AS_OFS:
        res = ranker.rank(brief, k=20, as_of=as_of)
        assert res.results
        for r in res.results:
            assert expected_eligible(profiles[r.profile_id], brief.mode.value, as_of)
