"""The ranker on realistic generated profiles (indexer.generate) with the real skill
vocabulary: results are eligible under the independent oracle, skills of the brief are found,
explanations and hints are filled, and the same query twice gives the same order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indexer.embedding.hashing import HashingEmbedder
from indexer.generate import DEFAULT_AS_OF, generate_profiles
from indexer.vocabulary import SkillVocabulary
from ranking import Brief, Ranker, SearchMode
from tests.ranking.oracle import expected_eligible
from tests.ranking.population import build_index

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    profiles = list(generate_profiles(400, seed=5))
    backend = build_index(tmp_path_factory.mktemp("generated"), profiles, HashingEmbedder(64))
    ranker = Ranker(backend, HashingEmbedder(64), vocabulary=SkillVocabulary.default())
    yield {p.id: p for p in profiles}, ranker
    backend.close()


@pytest.mark.parametrize("mode", list(SearchMode))
@pytest.mark.parametrize("days", [0, -45, 30])
def test_briefs_from_generated_profiles(world, mode: SearchMode, days: int) -> None:
    profiles, ranker = world
    as_of = DEFAULT_AS_OF + timedelta(days=days, hours=13)
    for source in list(profiles.values())[:6]:
        brief = Brief(
            title=source.headline or "Freelancer",
            must_have_skills=tuple(s.name for s in source.skills[:2]),
            max_daily_rate=600,
            mode=mode,
        )
        res = ranker.rank(brief, k=10, as_of=as_of)
        assert res.results, brief.title
        for r in res.results:
            assert expected_eligible(profiles[r.profile_id], mode.value, as_of)
            assert r.admitted_by[0].startswith(("self-service window", "curated window"))
            assert r.explanation and "Skills:" in r.explanation
        best = res.results[0]
        skills = next(s.value for s in best.signals if s.name == "skills")
        assert skills > 0.5  # the best result has (or nearly has) the skills asked for
        again = ranker.rank(brief, k=10, as_of=as_of)
        assert [r.profile_id for r in again.results] == [r.profile_id for r in res.results]
