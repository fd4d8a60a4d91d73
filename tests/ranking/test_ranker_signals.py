"""Signals seen through the ranker: Bayesian quality, sanctions that remove reviews or the
super status, FX conversion of rates, new-profile slots, and explaining a profile that is
eligible but was not retrieved among the candidates."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indexer.embedding.hashing import HashingEmbedder
from ranking import Brief, Ranker, RankingConfig
from tests.factories import NOW, make_profile
from tests.ranking.population import TinyVocabulary, build_index

pytestmark = pytest.mark.unit
AS_OF = NOW + timedelta(days=3)  # Wednesday


def same(pid: str, **over):
    base = dict(
        headline="Python developer",
        description="I build data pipelines and web APIs in Python.",
        last_login_at=(AS_OF - timedelta(days=5)).isoformat(),
    )
    return make_profile(pid, **{**base, **over})


def sig(result, pid: str, name: str) -> float:
    r = next(r for r in result.results if r.profile_id == pid)
    return next(s.value for s in r.signals if s.name == name)


def rank_of(result, pid: str) -> int:
    return next(r.rank for r in result.results if r.profile_id == pid)


@pytest.fixture(scope="module")
def ranker(tmp_path_factory: pytest.TempPathFactory):
    removal = {"kind": "reviews_removal", "start": (AS_OF - timedelta(days=1)).isoformat()}
    loss = {"kind": "super_status_loss", "start": (AS_OF - timedelta(days=1)).isoformat()}
    profiles = [
        same("one-perfect", reviews={"count": 1, "mean_rating": 5.0}),
        same("forty-good", reviews={"count": 40, "mean_rating": 4.9}),
        same("removed", reviews={"count": 40, "mean_rating": 4.9}, sanctions=[removal]),
        same("super", super_status=True),
        same("super-lost", super_status=True, sanctions=[loss]),
        same("gbp", daily_rate=500, currency="GBP"),  # 500 GBP = 588 EUR
        same("eur", daily_rate=500, currency="EUR"),
        same(
            "newbie",
            created_at=(AS_OF - timedelta(days=3)).isoformat(),
            last_login_at=(AS_OF - timedelta(days=1)).isoformat(),
            responsiveness={"answered_within_24h": 0.0},
            daily_rate=5000,
        ),
        *[
            same(
                f"filler{i}",
                reviews={"count": 20, "mean_rating": 4.8},
                super_status=True,
                responsiveness={"answered_within_24h": 1.0, "median_first_response_minutes": 5},
            )
            for i in range(6)
        ],
    ]
    backend = build_index(tmp_path_factory.mktemp("signals"), profiles)
    yield backend
    backend.close()


def test_bayesian_quality_through_the_ranker(ranker) -> None:
    r = Ranker(ranker, HashingEmbedder(32), vocabulary=TinyVocabulary())
    res = r.rank(Brief(title="Python developer"), k=20, as_of=AS_OF)
    assert sig(res, "forty-good", "quality") > sig(res, "one-perfect", "quality")
    assert rank_of(res, "forty-good") < rank_of(res, "one-perfect")
    # an active removal of reviews takes their benefit away
    assert sig(res, "removed", "quality") < sig(res, "forty-good", "quality")
    assert (
        sig(res, "super", "super_status") == 1.0 and sig(res, "super-lost", "super_status") == 0.0
    )


def test_rates_are_compared_in_eur(ranker) -> None:
    r = Ranker(ranker, HashingEmbedder(32), vocabulary=TinyVocabulary())
    res = r.rank(
        Brief(title="Python developer", max_daily_rate=550, currency="EUR"), k=20, as_of=AS_OF
    )
    assert sig(res, "eur", "rate") == 1.0
    assert 0.5 < sig(res, "gbp", "rate") < 0.8  # 588 EUR: 7 % over budget
    res = r.rank(Brief(title="Python developer", max_daily_rate=400), k=20, as_of=AS_OF)
    gbp = next(x for x in res.results if x.profile_id == "gbp")
    assert "rate 588 EUR/day, 47% over budget" in gbp.explanation
    # the same budget in GBP: 550 GBP = 647 EUR, both fit
    res = r.rank(
        Brief(title="Python developer", max_daily_rate=550, currency="GBP"), k=20, as_of=AS_OF
    )
    assert sig(res, "gbp", "rate") == 1.0 and sig(res, "eur", "rate") == 1.0
    from indexer.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as err:
        r.rank(Brief(title="x", max_daily_rate=500, currency="JPY"), as_of=AS_OF)
    assert err.value.fields == ["currency"]


def test_new_profile_slot_on_the_first_page(ranker) -> None:
    base = RankingConfig.default()
    exposure = base.exposure.model_copy(update={"first_page_size": 3, "new_profile_slots": 1})
    r = Ranker(
        ranker,
        HashingEmbedder(32),
        config=base.model_copy(update={"exposure": exposure}),
        vocabulary=TinyVocabulary(),
    )
    brief = Brief(title="Python developer", max_daily_rate=500)
    res = r.rank(brief, k=20, as_of=AS_OF)
    first = res.results[:3]
    assert "newbie" in [x.profile_id for x in first]
    newbie = next(x for x in first if x.profile_id == "newbie")
    assert newbie.new_profile_slot and "recently joined" in newbie.explanation
    assert sum(x.new_profile_slot for x in res.results) == 1
    # without slots the new profile ranks lower on its merits
    plain = Ranker(
        ranker,
        HashingEmbedder(32),
        config=base.model_copy(
            update={"exposure": exposure.model_copy(update={"new_profile_slots": 0})}
        ),
        vocabulary=TinyVocabulary(),
    ).rank(brief, k=20, as_of=AS_OF)
    assert rank_of(plain, "newbie") > 3
    assert not any(x.new_profile_slot for x in plain.results)


def test_explain_eligible_profile_outside_the_candidates(ranker) -> None:
    config = RankingConfig.default().model_copy(update={"candidates": 2})
    r = Ranker(ranker, HashingEmbedder(32), config=config, vocabulary=TinyVocabulary())
    brief = Brief(title="Python developer")
    top = r.rank(brief, k=20, as_of=AS_OF)
    assert len(top.results) == 2 and top.total_eligible_candidates == 14
    outside = next(
        pid for pid in ("eur", "gbp", "super") if pid not in {x.profile_id for x in top.results}
    )
    e = r.explain(brief, outside, as_of=AS_OF)
    assert e.eligible and e.ranked is not None
    assert "not among the 2 candidates retrieved" in e.reasons[0]
    assert e.ranked.rank >= 1
    assert abs(e.ranked.score - sum(s.contribution for s in e.ranked.signals)) < 1e-12
    assert any("self-service window" in x for x in e.reasons)
    assert e.hints == e.ranked.hints and any("photo" in h for h in e.hints)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("Rank 1, score", "Strongest:")),
        ("de", ("Rang 1, Punktzahl", "Am stärksten:")),
        ("fr", ("Rang 1, score", "Points forts :")),
    ],
)
def test_explanations_in_english_german_french(
    ranker, language: str, words: tuple[str, ...]
) -> None:
    r = Ranker(ranker, HashingEmbedder(32), vocabulary=TinyVocabulary(), language=language)
    res = r.rank(Brief(title="Python developer", must_have_skills=("Python",)), k=3, as_of=AS_OF)
    text = res.results[0].explanation
    assert all(w in text for w in words), text
    en = Ranker(ranker, HashingEmbedder(32), vocabulary=TinyVocabulary()).rank(
        Brief(title="Python developer", must_have_skills=("Python",)), k=3, as_of=AS_OF
    )
    assert [x.profile_id for x in en.results] == [x.profile_id for x in res.results]


def test_unknown_explanation_language(ranker) -> None:
    from indexer.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="explanation language"):
        Ranker(ranker, HashingEmbedder(32), vocabulary=TinyVocabulary(), language="it")
