"""The ranking layer runs unchanged on both backends and gives the same answers.

With the real embedding model (all-MiniLM-L6-v2) and the same seeded profiles in both
backends, for every brief: exactly the same eligible set, top-10 overlap >= 0.9, identical
policy explanations (the rules that admitted each listed profile, the reasons a profile is
not listed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.embedding import load_embedder
from indexer.profile.enums import LanguageLevel, RemoteMode, Seniority
from indexer.settings import IndexerSettings
from ranking import Brief, LanguageRequirement, LocationCriteria, Ranker, SearchMode
from tests.contract.opensearch_support import drop_indices, store_settings
from tests.opensearch.congruence_data import AS_OF, Pair, load_pair, overlap

pytestmark = [pytest.mark.opensearch, pytest.mark.integration]

N = 600

BRIEFS = [
    Brief(title="Python developer for data pipelines", description="Airflow, SQL and cloud data warehouse work",
          must_have_skills=("Python",), nice_to_have_skills=("SQL", "Airflow")),
    Brief(title="UX designer", description="Redesign of a banking app, user research and prototypes",
          nice_to_have_skills=("Figma",), languages=(LanguageRequirement(code="de", min_level=LanguageLevel.PROFESSIONAL),),
          mode=SearchMode.CURATED),
    Brief(title="Senior Java backend engineer", must_have_skills=("Java",), seniority=Seniority.SENIOR,
          max_daily_rate=900, location=LocationCriteria(city="Berlin", country="DE", lat=52.52, lon=13.405,
                                                          radius_km=100, remote=RemoteMode.HYBRID)),
    Brief(title="SEO and content marketing consultant", nice_to_have_skills=("SEO", "Google Analytics"),
          languages=(LanguageRequirement(code="fr"),), mode=SearchMode.CURATED),
    Brief(title="Contrôleur financier", description="Clôture mensuelle, reporting IFRS", max_daily_rate=700),
    Brief(title="DevOps engineer Kubernetes", nice_to_have_skills=("Kubernetes", "Terraform", "AWS"),
          location=LocationCriteria(remote=RemoteMode.REMOTE)),
    Brief(title="Entwickler für React Frontend", description="Wir suchen Unterstützung für unser Web-Team",
          nice_to_have_skills=("React", "TypeScript"), mode=SearchMode.CURATED),
    Brief(title="Data scientist forecasting", nice_to_have_skills=("Python", "statistics"), start_date=AS_OF.date()),
]


@pytest.fixture(scope="module")
def rankers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ranker, Ranker, Pair]]:
    settings = store_settings("ranking-congruence")
    data_dir: Path = tmp_path_factory.mktemp("ranking-congruence")
    embedder = load_embedder(IndexerSettings(data_dir=data_dir))
    pair = load_pair(N, 31, embedder, data_dir, settings)
    yield Ranker(pair.embedded, embedder), Ranker(pair.opensearch, embedder), pair
    pair.close()
    drop_indices(settings)


@pytest.mark.parametrize("index", range(len(BRIEFS)))
def test_same_eligible_set_and_top10(rankers: tuple[Ranker, Ranker, Pair], index: int) -> None:
    on_embedded, on_opensearch, pair = rankers
    brief = BRIEFS[index]
    filt = on_embedded.eligibility_filter(brief, as_of=AS_OF)
    assert filt == on_opensearch.eligibility_filter(brief, as_of=AS_OF)
    q = on_embedded.query_cache.encode(brief.title)
    eligible_e = {h.id for h in pair.embedded.dense_search(q, N, filt)}
    eligible_o = {h.id for h in pair.opensearch.dense_search(q, N, filt)}
    assert eligible_e == eligible_o
    assert eligible_e, "the brief should admit someone"

    a = on_embedded.rank(brief, k=10, as_of=AS_OF)
    b = on_opensearch.rank(brief, k=10, as_of=AS_OF)
    assert a.total_eligible_candidates == b.total_eligible_candidates == len(eligible_e)
    ids_a = [r.profile_id for r in a.results]
    ids_b = [r.profile_id for r in b.results]
    assert overlap(ids_a, ids_b) >= 0.9, (ids_a, ids_b)
    assert (a.policy_version, a.config_version) == (b.policy_version, b.config_version)
    by_id = {r.profile_id: r for r in b.results}
    for r in a.results:
        if r.profile_id in by_id:
            assert r.admitted_by == by_id[r.profile_id].admitted_by


@pytest.mark.parametrize("index", [0, 1, 2])
def test_identical_explanations(rankers: tuple[Ranker, Ranker, Pair], index: int) -> None:
    on_embedded, on_opensearch, pair = rankers
    brief = BRIEFS[index]
    sample = [p.id for p in pair.profiles[::40]]
    eligible_seen = ineligible_seen = 0
    for pid in sample:
        a = on_embedded.explain(brief, pid, as_of=AS_OF)
        b = on_opensearch.explain(brief, pid, as_of=AS_OF)
        assert a.eligible == b.eligible, pid
        if a.eligible:
            eligible_seen += 1
            # reasons[0] says where it ranks; the rest are the policy rules that admitted it
            assert a.reasons[1:] == b.reasons[1:], pid
        else:
            ineligible_seen += 1
            assert a.reasons == b.reasons, pid
            assert a.hints == b.hints, pid
    assert eligible_seen and ineligible_seen
