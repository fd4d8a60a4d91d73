"""Related skills through the real skill vocabulary: a Java brief ranks exact Java developers
above Kotlin developers (related to Java) above developers of unrelated skills, and the
lexical query expansion surfaces Kotlin developers that do not mention Java at all."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indexer.backends.filters import MatchAll
from indexer.embedding.hashing import HashingEmbedder
from indexer.vocabulary import SkillVocabulary
from ranking import Brief, MustHaveMode, Ranker, RankingConfig
from tests.factories import NOW, make_profile
from tests.ranking.population import build_index

pytestmark = pytest.mark.unit
AS_OF = NOW - timedelta(days=3)  # a Thursday


def dev(pid: str, skill: str):
    return make_profile(
        pid,
        headline="Backend developer",
        description="I design and build reliable backend services and APIs for product teams.",
        skills=[{"name": skill, "years": 6}, {"name": "Git", "years": 6}],
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    profiles = (
        [dev(f"java{i}", "Java") for i in range(4)]
        + [dev(f"kotlin{i}", "Kotlin") for i in range(4)]
        + [dev(f"excel{i}", "Excel") for i in range(4)]
        + [dev(f"j2ee{i}", "J2EE") for i in range(2)]  # a spelling of Java in the vocabulary
    )
    backend = build_index(tmp_path_factory.mktemp("related"), profiles)
    yield backend
    backend.close()


def test_exact_above_related_above_unrelated(world) -> None:
    ranker = Ranker(world, HashingEmbedder(32), vocabulary=SkillVocabulary.default())
    res = ranker.rank(
        Brief(title="Backend developer", must_have_skills=("Java",)), k=20, as_of=AS_OF
    )
    order = [r.profile_id.rstrip("0123456789") for r in res.results]
    assert sorted(order[:6]) == ["j2ee"] * 2 + ["java"] * 4  # exact matches (any spelling)
    assert order[6:] == ["kotlin"] * 4 + ["excel"] * 4
    skills = {
        r.profile_id: next(s.value for s in r.signals if s.name == "skills") for r in res.results
    }
    assert skills["java0"] == skills["j2ee0"] == 1.0
    assert 0 < skills["kotlin0"] < 1.0 and skills["excel0"] == 0.0
    kotlin = next(r for r in res.results if r.profile_id == "kotlin0")
    assert "related: Kotlin for Java" in kotlin.explanation


def test_expansion_brings_kotlin_developers_into_lexical_retrieval(world) -> None:
    ranker = Ranker(world, HashingEmbedder(32), vocabulary=SkillVocabulary.default())
    prep = ranker._prepare(Brief(title="Java"), AS_OF)
    assert "kotlin" not in prep.lexical.lower()  # no skills asked: no expansion
    prep = ranker._prepare(Brief(title="Engineer", must_have_skills=("Java",)), AS_OF)
    assert "kotlin" in prep.lexical.lower()
    hits = world.lexical_search(prep.lexical, 50, MatchAll())
    assert any(h.id.startswith("kotlin") for h in hits)


def test_hard_must_have_keeps_only_spellings_of_the_skill(world) -> None:
    config = RankingConfig.default().model_copy(
        update={
            "skills": RankingConfig.default().skills.model_copy(
                update={"must_have": MustHaveMode.HARD}
            )
        }
    )
    ranker = Ranker(world, HashingEmbedder(32), config=config, vocabulary=SkillVocabulary.default())
    brief = Brief(title="Backend developer", must_have_skills=("Java",))
    res = ranker.rank(brief, k=20, as_of=AS_OF)
    assert sorted(r.profile_id for r in res.results) == [
        "j2ee0",
        "j2ee1",
        "java0",
        "java1",
        "java2",
        "java3",
    ]
    e = ranker.explain(brief, "kotlin0", as_of=AS_OF)
    assert not e.eligible and "lacks the must-have skill Java" in e.reasons[0]
