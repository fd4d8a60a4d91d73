"""The job-title benchmark: real human judgments, ranked through the real indexer and ranker.

A directory in the layout of ``shared/benchmarks/jobtitles/<lang>/`` (tab-separated, no
header) holds ``queries.tsv`` (``query_id  title``), ``corpus_documents.tsv`` (``doc_id
title``) and ``annotations.tsv`` (trec_eval qrels). Each corpus title becomes the headline of a
minimal **eligible** profile (active, published, created two years and logged in one day
before ``as_of``, text language = the set's language, nothing else), so every non-text signal
is the same for all profiles and only retrieval and text relevance decide the order. The
profiles go through :class:`indexer.pipeline.Indexer` with the configured embedder into an
embedded backend in a temporary directory; each query title becomes a self-service brief
ranked over the whole corpus (top ``k``, default 100); scores use :mod:`eval.metrics`.
``split`` (:mod:`eval.titles_split`) evaluates the dev or test half of the queries only, against
the whole corpus; ``splits`` adds the figures of several halves from one indexing and ranking.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from eval.formats._files import read_text_lines
from eval.formats.briefs import BriefRecord
from eval.formats.qrels import Qrels, read_qrels
from eval.metrics import evaluate, parse_measures
from indexer.errors import InputFileError, InvalidInputError, Problem
from indexer.profile import Profile, TextLanguage

#: The measures the benchmark reports (README of the data set).
TITLE_MEASURES = ("map", "ndcg@10", "mrr", "recall@10")
#: Reference points published with the data (``shared/benchmarks/jobtitles/README.md``): MAP and
#: nDCG@10 per language, top 100. For side-by-side printing only.
README_REFERENCES: dict[str, dict[str, tuple[float, float]]] = {
    "char-trigram TF-IDF (README)": {"en": (0.342, 0.570), "de": (0.298, 0.525), "fr": (0.308, 0.532)},
    "BM25 Snowball, bm25s (README)": {"en": (0.287, 0.518), "de": (0.130, 0.320), "fr": (0.261, 0.487)},
    "MiniLM dense (README)": {"en": (0.477, 0.653), "de": (0.256, 0.484), "fr": (0.288, 0.502)},
    "RRF(60) BM25+dense (README)": {"en": (0.473, 0.652), "de": (0.261, 0.484), "fr": (0.312, 0.522)},
}
#: Fixed evaluation time, so the benchmark is reproducible.
DEFAULT_AS_OF = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class TitleSet:
    """One language of the benchmark. ``profile_ids`` maps corpus doc id → profile id."""

    language: TextLanguage
    queries: dict[str, str]
    corpus: dict[str, str]
    qrels: Qrels

    @property
    def profile_ids(self) -> dict[str, str]:
        return {d: f"t{i:05d}" for i, d in enumerate(self.corpus)}


def _read_pairs(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise InputFileError("file does not exist (expected the jobtitles layout)", source=str(path))
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for lineno, line in enumerate(read_text_lines(path), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            problems.append(Problem("<line>", "expected 'id<TAB>title'", lineno))
        elif parts[0] in out:
            problems.append(Problem("id", f"'{parts[0]}' appears twice", lineno))
        elif len(parts[1]) > 200:
            problems.append(Problem("title", "longer than 200 characters", lineno))
        else:
            out[parts[0]] = parts[1].strip()
    if problems:
        raise InvalidInputError(problems, source=str(path))
    return out


def read_title_set(directory: Path | str, language: str | None = None) -> TitleSet:
    """Read a jobtitles directory; the language defaults to the directory's name (en/de/fr/es)."""
    directory = Path(directory)
    lang = language or directory.name
    try:
        text_language = TextLanguage(lang)
    except ValueError:
        raise InvalidInputError(
            [Problem("language", f"'{lang}' is not one of {', '.join(t.value for t in TextLanguage)}; pass it")],
            source=str(directory),
        ) from None
    queries = _read_pairs(directory / "queries.tsv")
    corpus = _read_pairs(directory / "corpus_documents.tsv")
    qrels = read_qrels(directory / "annotations.tsv")
    unknown = [
        Problem("doc_id", f"'{d}' (query '{q}') is not in corpus_documents.tsv")
        for q, judged in qrels.items() for d in judged if d not in corpus
    ]
    unknown += [Problem("query_id", f"'{q}' is not in queries.tsv") for q in qrels if q not in queries]
    if unknown:
        raise InvalidInputError(unknown, source=str(directory / "annotations.tsv"))
    # Judged queries only (trec_eval evaluates those); every query of the set is judged.
    return TitleSet(text_language, queries, corpus, qrels)


def title_profiles(titles: TitleSet, as_of: datetime) -> list[Profile]:
    """One minimal eligible profile per corpus title (see the module docstring)."""
    ids = titles.profile_ids
    return [
        Profile(
            id=ids[d],
            name=f"Title {i}",
            headline=t,
            text_language=titles.language,
            created_at=as_of - timedelta(days=730),
            last_login_at=as_of - timedelta(days=1),
        )
        for i, (d, t) in enumerate(titles.corpus.items())
    ]


def title_briefs(titles: TitleSet) -> list[BriefRecord]:
    """One self-service brief per query title."""
    from ranking import Brief, SearchMode

    return [BriefRecord(q, Brief(title=t, mode=SearchMode.SELF_SERVICE)) for q, t in titles.queries.items()]


def run_title_benchmark(
    directory: Path | str,
    *,
    systems: Sequence[str] = ("ranker",),
    k: int = 100,
    as_of: datetime = DEFAULT_AS_OF,
    language: str | None = None,
    model_path: Path | None = None,
    limit_queries: int | None = None,
    progress: bool = True,
    split: str = "all",
    splits: Sequence[str] = (),
) -> dict[str, object]:
    """Index the corpus, rank every query with each system, return the figures as plain data.

    ``systems``: ``ranker`` (the default ranking configuration) and/or the baselines ``bm25``,
    ``dense``, ``hybrid`` (:mod:`eval.systems`). ``limit_queries`` keeps the first n queries
    (for quick checks; the corpus stays whole). ``split``: ``dev``, ``test`` or ``all`` queries
    (:mod:`eval.titles_split`); ``splits``: also report these splits under ``by_split``.
    """
    from eval.experiment import run_system
    from eval.systems import BaselineKind, BaselineSystem, RankerSystem
    from eval.titles_split import TitleSplit, select_queries
    from indexer.backends import open_backend
    from indexer.embedding import load_embedder
    from indexer.pipeline import Indexer
    from indexer.settings import IndexerSettings

    titles = read_title_set(directory, language)
    wanted = [TitleSplit(s) for s in dict.fromkeys([split, *splits])]
    members = {s: set(select_queries(titles.queries, s)) for s in wanted}
    needed = set().union(*members.values())
    briefs = [b for b in title_briefs(titles) if b.query_id in needed]
    if limit_queries is not None:
        briefs = briefs[:limit_queries]
    back = {p: d for d, p in titles.profile_ids.items()}
    qrels = {b.query_id: titles.qrels.get(b.query_id, {}) for b in briefs}
    measures = parse_measures(TITLE_MEASURES)
    results: dict[TitleSplit, dict[str, dict[str, float]]] = {s: {} for s in wanted}
    with tempfile.TemporaryDirectory(prefix="talentmatch-titles-") as tmp:
        settings = IndexerSettings(data_dir=Path(tmp), model_path=model_path)
        embedder = load_embedder(settings)
        model_id = embedder.model_id
        backend = open_backend(settings, embedder.dimension)
        try:
            Indexer(backend, embedder, settings).index_profiles(
                title_profiles(titles, as_of), as_of=as_of, progress=progress
            )
            for name in systems:
                system = (
                    RankerSystem("ranker", backend, embedder)
                    if name == "ranker"
                    else BaselineSystem(BaselineKind(name), backend, embedder)
                )
                run = run_system(system, briefs, as_of=as_of, k=k, progress=progress)
                rankings = {q: [back[p] for p in docs] for q, docs in run.rankings.items()}
                for s, ids in members.items():
                    part = {q: qrels[q] for q in qrels if q in ids}
                    results[s][name] = evaluate(part, rankings, measures).means()
        finally:
            backend.close()
    main = TitleSplit(split)
    out: dict[str, object] = {
        "language": titles.language.value,
        "split": main.value,
        "queries": sum(1 for b in briefs if b.query_id in members[main]),
        "corpus": len(titles.corpus),
        "relevant_pairs": sum(
            1 for q in qrels if q in members[main] for g in qrels[q].values() if g >= 1
        ),
        "k": k,
        "as_of": as_of.isoformat(),
        "model": model_id,  # the embedder's id: weights, runtime, precision, concept expansion
        "systems": results[main],
    }
    if splits:
        out["by_split"] = {
            s.value: {"queries": sum(1 for b in briefs if b.query_id in members[s]), "systems": results[s]}
            for s in wanted
        }
    return out
