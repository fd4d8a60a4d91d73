"""Congruence: the same data and the same filters give the same answers on both backends.

* every filter selects exactly the same id set on both (and the reference semantics agree);
* dense and lexical top-10 overlap >= 0.9 for every query (in practice they are identical);
* the scores agree (dense: same cosine within 1e-5; lexical: same BM25 within float32 rounding).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from indexer.backends.filters import (
    And,
    Filter,
    GeoWithin,
    IntervalActive,
    IntervalField,
    KeywordField,
    MatchAll,
    Not,
    Or,
    Range,
    RangeField,
    Terms,
    filter_values,
)
from indexer.backends.reference import matches
from indexer.embedding.hashing import HashingEmbedder
from indexer.profile.enums import SanctionScope
from tests.contract.opensearch_support import drop_indices, store_settings
from tests.opensearch.congruence_data import AS_OF, Pair, load_pair, overlap

pytestmark = pytest.mark.opensearch

N = 1500
DIM = 64


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    settings = store_settings("congruence")
    data_dir: Path = tmp_path_factory.mktemp("congruence")
    loaded = load_pair(N, 21, HashingEmbedder(DIM), data_dir, settings)
    yield loaded
    loaded.close()
    drop_indices(settings)


FILTERS: dict[str, Filter] = {
    "all": MatchAll(),
    "active": Terms(KeywordField.ACCOUNT_STATUS, "active"),
    "published_active": And(Terms(KeywordField.PUBLISHED, True), Terms(KeywordField.ACCOUNT_STATUS, "active")),
    "skills_any": Terms(KeywordField.SKILLS, {"python", "sql", "figma", "seo", "react"}),
    "languages_level": Terms(KeywordField.LANGUAGE_LEVELS, {"de>=4", "fr>=4"}),
    "country_or_city": Or(Terms(KeywordField.COUNTRY, "FR"), Terms(KeywordField.CITY, {"berlin", "madrid"})),
    "not_onsite": Not(Terms(KeywordField.REMOTE, "onsite")),
    "rate_band": Range(RangeField.DAILY_RATE, gte=400, lte=750),
    "rate_open_top": Range(RangeField.DAILY_RATE, gte=900),
    "recent_login": Range(RangeField.LAST_LOGIN_AT, gte=AS_OF - timedelta(days=180)),
    "old_accounts": Range(RangeField.CREATED_AT, lte=AS_OF - timedelta(days=900)),
    "experienced": Range(RangeField.YEARS_EXPERIENCE, gte=8),
    "available_soon": Range(RangeField.AVAILABLE_FROM, lte=date(2026, 12, 1)),
    "available_later": Range(RangeField.AVAILABLE_FROM, gte=date(2026, 12, 1)),
    "available_any": Range(RangeField.AVAILABLE_FROM),
    "rate_exists": Range(RangeField.DAILY_RATE),
    "sanctioned_any": IntervalActive(IntervalField.SANCTIONS, AS_OF),
    "sanctioned_all_scope": IntervalActive(IntervalField.SANCTIONS, AS_OF, frozenset({SanctionScope.ALL})),
    "not_sanctioned_curated": Not(
        IntervalActive(IntervalField.SANCTIONS, AS_OF, frozenset({SanctionScope.CURATED, SanctionScope.ALL}))
    ),
    "away_now": IntervalActive(IntervalField.AWAY, AS_OF),
    "away_next_month": IntervalActive(IntervalField.AWAY, AS_OF + timedelta(days=30)),
    "near_berlin": GeoWithin(52.52, 13.405, 50),
    "near_paris_or_lyon": Or(GeoWithin(48.857, 2.352, 30), GeoWithin(45.764, 4.836, 100)),
    "eligible_like": And(
        Terms(KeywordField.ACCOUNT_STATUS, "active"),
        Terms(KeywordField.PUBLISHED, True),
        Range(RangeField.LAST_LOGIN_AT, gte=AS_OF - timedelta(days=365)),
        Not(IntervalActive(IntervalField.SANCTIONS, AS_OF, frozenset({SanctionScope.ALL}))),
        Not(IntervalActive(IntervalField.AWAY, AS_OF)),
        Or(Range(RangeField.DAILY_RATE, lte=800), Not(Range(RangeField.DAILY_RATE))),
    ),
    "empty_or": Or(),
    "empty_terms": Terms(KeywordField.SKILLS, []),
}

QUERIES = [
    "Python developer data pipelines",
    "Senior Java Spring Boot microservices",
    "UX designer Figma user research",
    "SEO content marketing",
    "Entwickler Datenbanken Cloud",
    "Développeur web React",
    "Consultor financiero SAP",
    "machine learning engineer PyTorch",
    "project manager agile scrum",
    "DevOps Kubernetes Terraform AWS",
]


def _ids_passing(pair: Pair, f: Filter) -> dict[str, set[str]]:
    q = HashingEmbedder(DIM).encode(["any query"])[0]
    return {
        "embedded": {h.id for h in pair.embedded.dense_search(q, N, f)},
        "opensearch": {h.id for h in pair.opensearch.dense_search(q, N, f)},
        "reference": {p.id for p in pair.profiles if matches(f, filter_values(p))},
    }


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_same_id_sets_for_every_filter(pair: Pair, name: str) -> None:
    f = FILTERS[name]
    ids = _ids_passing(pair, f)
    assert ids["opensearch"] == ids["reference"]
    assert ids["embedded"] == ids["reference"]
    assert pair.opensearch.count(f) == pair.embedded.count(f) == len(ids["reference"])


def test_filters_are_not_trivial(pair: Pair) -> None:
    """The data exercises the filters: most select a proper, non-empty subset."""
    sizes = {name: pair.opensearch.count(f) for name, f in FILTERS.items()}
    proper = [n for n, s in sizes.items() if 0 < s < N]
    assert len(proper) >= len(FILTERS) - 6, sizes


@pytest.mark.parametrize("filter_name", ["all", "eligible_like", "skills_any", "near_berlin"])
def test_dense_top10_overlap_and_scores(pair: Pair, filter_name: str) -> None:
    f = FILTERS[filter_name]
    vectors = HashingEmbedder(DIM).encode(QUERIES)
    for text, q in zip(QUERIES, vectors, strict=True):
        a = pair.embedded.dense_search(q, 10, f)
        b = pair.opensearch.dense_search(q, 10, f)
        assert overlap([h.id for h in a], [h.id for h in b]) >= 0.9, text
        common = {h.id: h.score for h in a}
        for h in b:
            if h.id in common:
                assert h.score == pytest.approx(common[h.id], abs=1e-5)


@pytest.mark.parametrize("filter_name", ["all", "eligible_like", "skills_any"])
def test_lexical_top10_overlap_and_scores(pair: Pair, filter_name: str) -> None:
    f = FILTERS[filter_name]
    for text in QUERIES:
        a = pair.embedded.lexical_search(text, 10, f)
        b = pair.opensearch.lexical_search(text, 10, f)
        assert len(a) == len(b), text
        assert overlap([h.id for h in a], [h.id for h in b]) >= 0.9, text
        common = {h.id: h.score for h in a}
        for h in b:
            if h.id in common:  # same terms, same statistics, Lucene's length encoding on both
                assert h.score == pytest.approx(common[h.id], rel=1e-5), text


def test_lexical_match_sets_agree(pair: Pair) -> None:
    """Which documents match at all (any query term) is exactly the same."""
    for text in QUERIES[:5]:
        a = {h.id for h in pair.embedded.lexical_search(text, N, FILTERS["all"])}
        b = {h.id for h in pair.opensearch.lexical_search(text, N, FILTERS["all"])}
        assert a == b, text
        assert a, text


def test_stored_documents_agree(pair: Pair) -> None:
    ids = [p.id for p in pair.profiles[::50]]
    a = pair.embedded.get(ids)
    b = pair.opensearch.get(ids)
    assert sorted(a) == sorted(b) == sorted(ids)
    for i in ids:
        assert a[i].profile == b[i].profile
        assert a[i].content_hash == b[i].content_hash
        assert a[i].completeness == b[i].completeness
        assert np.allclose(a[i].vector, b[i].vector, atol=1e-6)  # the embedded backend re-normalises
    assert pair.embedded.content_hashes() == pair.opensearch.content_hashes()


