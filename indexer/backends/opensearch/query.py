"""The filter algebra compiled to OpenSearch query DSL, and the dense / lexical requests.

Every node keeps the reference semantics of :mod:`indexer.backends.reference`:

* ``Terms``: any value of the field is in the set (an empty set matches nothing);
* ``Range``: ``gte <= value <= lte`` on the doubles :mod:`.documents` stores; a missing value
  never matches, except ``AVAILABLE_FROM`` where missing means "now", i.e. it passes exactly
  when there is no lower bound;
* ``IntervalActive``: a nested interval with ``start <= at`` and (no end or ``at < end``),
  sanctions restricted to the given scopes;
* ``GeoWithin``: ``geo_distance`` (arc, on the mean earth radius 6371.0088 km, like the
  reference haversine);
* ``And`` / ``Or`` / ``Not`` / ``MatchAll`` as boolean queries (empty ``And`` matches all,
  empty ``Or`` nothing).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from indexer.analysis import analyze
from indexer.backends.filters import (
    And,
    Filter,
    GeoWithin,
    IntervalActive,
    IntervalField,
    MatchAll,
    Not,
    Or,
    Range,
    RangeField,
    Terms,
)
from indexer.backends.opensearch.mapping import (
    GEO_FIELD,
    ID_FIELD,
    VECTOR_FIELD,
    interval_path,
    keyword_field,
    range_field,
    text_field,
)
from indexer.backends.reference import _cmp_value
from indexer.profile.enums import TextLanguage

MATCH_ALL: dict[str, Any] = {"match_all": {}}
MATCH_NONE: dict[str, Any] = {"match_none": {}}

#: The HNSW beam (lucene engine: the k-NN query's ``k``) is at least this wide, so small
#: ``k`` still reach recall >= 0.95.
MIN_BEAM = 100
#: Extra dense candidates fetched beyond ``k`` so ties at the cut are decided by id.
TIE_MARGIN = 10
#: Hard cap of the k-NN query's ``k`` in OpenSearch.
MAX_KNN_K = 10_000


def compile_filter(f: Filter) -> dict[str, Any]:
    """The query DSL (filter context) equivalent to ``f``."""
    match f:
        case MatchAll():
            return MATCH_ALL
        case Terms(field=field, values=values):
            if not values:
                return MATCH_NONE
            return {"terms": {keyword_field(field): sorted(values)}}
        case Range(field=field, gte=gte, lte=lte):
            return _range(field, gte, lte)
        case IntervalActive(field=field, at=at, scopes=scopes):
            return _interval(field, _cmp_value(at), scopes)
        case GeoWithin(lat=lat, lon=lon, radius_km=r):
            return {
                "geo_distance": {
                    "distance": f"{r!r}km",
                    "distance_type": "arc",
                    GEO_FIELD: {"lat": lat, "lon": lon},
                }
            }
        case And(clauses=cs):
            if not cs:
                return MATCH_ALL
            return {"bool": {"filter": [compile_filter(c) for c in cs]}}
        case Or(clauses=cs):
            if not cs:
                return MATCH_NONE
            return {"bool": {"should": [compile_filter(c) for c in cs], "minimum_should_match": 1}}
        case Not(clause=c):
            return {"bool": {"must_not": [compile_filter(c)]}}
    raise TypeError(f"not a filter: {f!r}")


def _range(field: RangeField, gte: object, lte: object) -> dict[str, Any]:
    name = range_field(field)
    bounds: dict[str, float] = {}
    if gte is not None:
        bounds["gte"] = _cmp_value(gte)  # type: ignore[arg-type]
    if lte is not None:
        bounds["lte"] = _cmp_value(lte)  # type: ignore[arg-type]
    present = {"range": {name: bounds}} if bounds else {"exists": {"field": name}}
    if field is RangeField.AVAILABLE_FROM and gte is None:
        missing = {"bool": {"must_not": [{"exists": {"field": name}}]}}
        return {"bool": {"should": [present, missing], "minimum_should_match": 1}}
    return present


def _interval(field: IntervalField, at: float, scopes: frozenset[Any] | None) -> dict[str, Any]:
    path = interval_path(field)
    clauses: list[dict[str, Any]] = [
        {"range": {f"{path}.start": {"lte": at}}},
        {
            "bool": {
                "should": [
                    {"range": {f"{path}.end": {"gt": at}}},
                    {"bool": {"must_not": [{"exists": {"field": f"{path}.end"}}]}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]
    if field is IntervalField.SANCTIONS and scopes is not None:
        if not scopes:
            return MATCH_NONE
        clauses.append({"terms": {f"{path}.scope": sorted(s.value for s in scopes)}})
    return {"nested": {"path": path, "query": {"bool": {"filter": clauses}}, "score_mode": "none"}}


def _is_match_all(dsl: dict[str, Any]) -> bool:
    return dsl == MATCH_ALL


def dense_request(vector: list[float], k: int, filt: Filter | None) -> dict[str, Any]:
    """A filtered k-NN request for ``k`` hits plus a tie margin, ordered by score then id.

    The filter sits *inside* the k-NN query, so the lucene engine searches only passing
    documents (exactly when few pass) and returns ``k`` hits whenever ``k`` pass. The HNSW
    beam is the query's ``k`` (at least :data:`MIN_BEAM`). No ``_source`` is fetched: the
    score ``(1 + cos) / 2`` gives the cosine back (see :func:`cosine_from_score`).
    """
    fetch = min(k + TIE_MARGIN, MAX_KNN_K)  # the backend keeps k <= MAX_KNN_K - TIE_MARGIN
    knn: dict[str, Any] = {"vector": vector, "k": min(max(fetch, MIN_BEAM), MAX_KNN_K)}
    if filt is not None:
        dsl = compile_filter(filt)
        if not _is_match_all(dsl):
            knn["filter"] = dsl
    return {
        "size": fetch,
        "query": {"knn": {VECTOR_FIELD: knn}},
        "sort": [{"_score": {"order": "desc"}}, {ID_FIELD: {"order": "asc"}}],
        "track_scores": True,
        "_source": False,
    }


def cosine_from_score(score: float) -> float:
    """The lucene engine's cosinesimil score is ``(1 + cos) / 2``: invert it, within [-1, 1]."""
    return min(1.0, max(-1.0, 2.0 * score - 1.0))


def lexical_query(text: str) -> dict[str, Any] | None:
    """BM25 over the four language fields, the query analysed once per language by
    :func:`indexer.analysis.analyze`: one ``term`` clause per distinct term and language, boosted
    by its count in the query (a repeated query term counts once per occurrence). A profile
    fills one field, so its score is the BM25 of its own language. None when no term remains."""
    clauses: list[dict[str, Any]] = []
    for lang in TextLanguage:
        for term, qtf in sorted(Counter(analyze(text, lang)).items()):
            clauses.append({"term": {text_field(lang): {"value": term, "boost": float(qtf)}}})
    if not clauses:
        return None
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def lexical_request(text: str, k: int, filt: Filter | None) -> dict[str, Any] | None:
    """The filtered BM25 request ordered by score then id (exact tie-breaking at the cut);
    None when the text has no searchable term."""
    scored = lexical_query(text)
    if scored is None:
        return None
    query: dict[str, Any] = {"bool": {"must": [scored]}}
    if filt is not None:
        dsl = compile_filter(filt)
        if not _is_match_all(dsl):
            query["bool"]["filter"] = [dsl]
    return {
        "size": k,
        "query": query,
        "sort": [{"_score": {"order": "desc"}}, {ID_FIELD: {"order": "asc"}}],
        "track_scores": True,
        "_source": False,
    }


def count_request(filt: Filter | None) -> dict[str, Any]:
    return {"query": MATCH_ALL if filt is None else compile_filter(filt)}
