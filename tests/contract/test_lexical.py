"""Contract: BM25 lexical search with per-language analysis, filtered inside.

The oracle is a brute-force BM25 (Lucene's formula, k1 = 1.2, b = 0.75) computed here from
:func:`indexer.analysis.analyze` and :func:`indexer.text.lexical_text`, one field per language.
Texts stay under 24 tokens, where every engine stores document lengths exactly.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from indexer.analysis import analyze
from indexer.backends.filters import KeywordField, Terms
from indexer.backends.protocol import SearchBackend
from indexer.profile import Profile
from indexer.profile.enums import TextLanguage
from indexer.text import lexical_text
from tests.contract.conftest import Corpus, doc
from tests.factories import make_profile

K1, B = 1.2, 0.75


def bm25_oracle(profiles: list[Profile], query: str) -> dict[str, float]:
    """Brute-force BM25 of every matching profile (profiles without a match are absent)."""
    scores: dict[str, float] = {}
    for lang in TextLanguage:
        docs = {p.id: analyze(lexical_text(p), lang) for p in profiles if p.text_language is lang}
        if not docs:
            continue
        n_docs = len(docs)
        avgdl = sum(len(t) for t in docs.values()) / n_docs
        for term, qtf in Counter(analyze(query, lang)).items():
            df = sum(1 for t in docs.values() if term in t)
            if df == 0:
                continue
            idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
            for pid, terms in docs.items():
                tf = terms.count(term)
                if tf:
                    norm = K1 * (1 - B + B * len(terms) / avgdl)
                    scores[pid] = scores.get(pid, 0.0) + qtf * idf * tf / (tf + norm)
    return scores


def ranked(scores: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(scores.items(), key=lambda t: (-t[1], t[0]))


def _p(pid: str, lang: str, headline: str, description: str = "", skills: tuple[str, ...] = ()) -> Profile:
    return make_profile(
        pid, text_language=lang, headline=headline, description=description,
        skills=[{"name": s} for s in skills],
    )


SMALL = [
    _p("en1", "en", "Python developer", "I build APIs in Python and Python tooling", ("Python",)),
    _p("en2", "en", "Data engineer", "Developing pipelines with Spark", ("Spark", "Kafka")),
    _p("en3", "en", "Graphic designer", "Logos, brands and the printed page"),
    _p("en4", "en", "Running marketing campaigns", "Campaigns that run on budget", ("SEO",)),
    _p("en5", "en", "Senior backend developer", "Go and Python services for banks", ("Go", "Python")),
    _p("de1", "de", "Python Entwickler", "Ich entwickle Datenpipelines für Banken", ("Python",)),
    _p("de2", "de", "Grafikdesignerin", "Gestaltung von Marken und Logos"),
    _p("de3", "de", "Softwareentwicklerin", "Entwicklung von Software für die Bank"),
    _p("fr1", "fr", "Développeur Python", "Je développe des services web", ("Python",)),
    _p("fr2", "fr", "Graphiste", "Création de marques et de logos"),
    _p("es1", "es", "Desarrollador Python", "Desarrollo servicios web con Python", ("Python",)),
    _p("es2", "es", "Diseñadora gráfica", "Diseño de marcas y logotipos"),
]


@pytest.fixture
def small(backend: SearchBackend) -> SearchBackend:
    backend.upsert([doc(p, backend.dimension) for p in SMALL[:7]])
    backend.upsert([doc(p, backend.dimension) for p in SMALL[7:]])
    return backend


def ids(hits: list) -> list[str]:
    return [h.id for h in hits]


QUERIES = [
    "python", "python developer", "Python Python", "developing", "logos", "banken",
    "entwickler", "développeurs", "diseñadores", "marketing campaigns", "data pipelines spark",
    "graphiste logos", "services web", "c++ rust",
]


@pytest.mark.parametrize("query", QUERIES)
def test_bm25_matches_oracle(small: SearchBackend, query: str) -> None:
    want = ranked(bm25_oracle(SMALL, query))
    hits = small.lexical_search(query, 50)
    assert {h.id for h in hits} == {pid for pid, _ in want}
    oracle = dict(want)
    for h in hits:
        assert h.score == pytest.approx(oracle[h.id], rel=1e-3)
    # order: exact where scores are well separated
    got = ids(hits)
    for i in range(len(want) - 1):
        if want[i][1] > want[i + 1][1] * 1.01:
            assert got.index(want[i][0]) < got.index(want[i + 1][0])
    # top-k is a prefix of the full ranking
    if len(want) > 3 and want[2][1] > want[3][1] * 1.01:
        assert ids(small.lexical_search(query, 3)) == got[:3]


def test_stemming_per_language(small: SearchBackend) -> None:
    assert "en2" in ids(small.lexical_search("develop", 10))  # developing → develop
    assert "en4" in ids(small.lexical_search("runs", 10))  # running / run → run
    assert "de1" in ids(small.lexical_search("Bank", 10))  # Banken → bank (German)
    assert "de3" in ids(small.lexical_search("Entwickler", 10))  # Entwicklung → entwickl
    assert "fr1" in ids(small.lexical_search("développeurs", 10))
    assert "fr1" in ids(small.lexical_search("developpeur", 10))  # accents folded
    assert "es2" in ids(small.lexical_search("diseñadores", 10))


def test_stop_words_match_nothing(small: SearchBackend) -> None:
    assert small.lexical_search("the and of", 10) == []
    assert small.lexical_search("und die für", 10) == []


def test_only_matching_documents(small: SearchBackend) -> None:
    hits = small.lexical_search("kafka", 10)
    assert ids(hits) == ["en2"]
    assert small.lexical_search("kubernetes", 10) == []


def test_filter_inside_lexical(small: SearchBackend) -> None:
    f = Terms(KeywordField.TEXT_LANGUAGE, {"de", "es"})
    want = [pid for pid, _ in ranked(bm25_oracle(SMALL, "python"))
            if pid.startswith(("de", "es"))]
    assert ids(small.lexical_search("python", 1, f)) == want[:1]
    assert set(ids(small.lexical_search("python", 10, f))) == set(want)


def test_ties_break_on_id(backend: SearchBackend) -> None:
    dim = backend.dimension
    twins = [_p(i, "en", "Kotlin developer", "Android apps") for i in ["k3", "k1", "k2", "k0"]]
    backend.upsert([doc(p, dim) for p in twins])
    hits = backend.lexical_search("kotlin", 2)
    assert ids(hits) == ["k0", "k1"]
    assert hits[0].score == hits[1].score


def test_corpus_lexical_matches_oracle(corpus: Corpus) -> None:
    profiles = list(corpus.profiles.values())
    for query in ["python developer", "logos marken marques marcas", "Kampagnen campaigns"]:
        want = ranked(bm25_oracle(profiles, query))
        hits = corpus.backend.lexical_search(query, 20)
        assert len(hits) == min(20, len(want))
        for h in hits:
            assert h.score == pytest.approx(dict(want)[h.id], rel=1e-3)
        if len(want) > 20 and want[19][1] > want[20][1] * 1.01:
            assert {h.id for h in hits} == {pid for pid, _ in want[:20]}
