"""Index settings and mapping: the layout of a talentmatch index in OpenSearch.

Lexical analysis happens in Python, with the one definition in :mod:`indexer.analysis`
(pattern tokenizer on ``TOKEN_SPLIT``, lowercase, the explicit stop lists, Snowball stemming,
ASCII folding). OpenSearch receives the analysed terms, space-separated, in the text field of
the profile's own ``text_language`` (``text_en`` ...), and the field's analyzer only splits
on spaces. Queries are analysed the same way, once per language (see :mod:`.query`).

Why not OpenSearch's own ``snowball`` filter: Lucene ships an older Snowball German stemmer
than PyStemmer (``entwicklerin``, ``geleitet``, ``kubernetes`` and the ``ue``→``ü`` rule stem
differently, in both ``German`` and ``German2``), and Java's lowercasing/folding differ from
Python's on rare letters (``İ``, ``Ⅻ``). Analysing once, in Python, makes the terms, the
document lengths and therefore BM25 identical on both backends by construction.
:func:`server_analyzers` still declares the closest server-side chain per language (same
tokenizer, lowercase, stop list, ``snowball``, ``asciifolding``) for ad-hoc use in
OpenSearch Dashboards; talentmatch itself never relies on it.

Filter fields come from :func:`indexer.backends.filters.filter_values`: keywords under
``kw.<field>``, numbers and instants under ``rng.<field>`` as doubles holding exactly the
values the reference semantics compare (:func:`indexer.backends.reference._cmp_value`:
seconds since the epoch for instants), intervals as nested documents, coordinates as a
``geo_point``. The profile itself travels in ``stored`` (not indexed) so ``get`` returns it,
with the vector as base64 little-endian float32 (bit-exact, and a third of its JSON size).
"""

from __future__ import annotations

from typing import Any

from indexer.analysis import SNOWBALL_NAME, STOPWORDS, TOKEN_SPLIT
from indexer.backends.filters import IntervalField, KeywordField, RangeField
from indexer.profile.enums import TextLanguage

#: Bumped whenever the mapping or the analysis changes; an index with another version is a
#: mapping conflict (re-index it).
SCHEMA_VERSION = 3

#: HNSW graph parameters of the lucene engine (m: links per node; ef_construction: beam width
#: while building). m=16/ef_construction=128 keeps indexing fast on small machines while the
#: query side widens its beam (see :mod:`.query`) for recall >= 0.95.
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 128

#: BM25 parameters (the same as the embedded backend's).
BM25_K1 = 1.2
BM25_B = 0.75
#: OpenSearch 2.x implements ``"type": "BM25"`` with Lucene's *legacy* BM25, which multiplies
#: every term score by (k1 + 1); the backend divides it out so both backends report the same
#: BM25 (Lucene's current formula, without the constant factor).
LEGACY_BM25_FACTOR = 1.0 + BM25_K1

#: Largest ``from + size`` of a search (OpenSearch's ``index.max_result_window``).
MAX_RESULT_WINDOW = 20_000

VECTOR_FIELD = "vec"
ID_FIELD = "id"
HASH_FIELD = "content_hash"
STORED_FIELD = "stored"
GEO_FIELD = "geo"


def text_field(language: TextLanguage) -> str:
    """Name of the text field analysed in ``language``."""
    return f"text_{language.value}"


def keyword_field(field: KeywordField) -> str:
    return ID_FIELD if field is KeywordField.ID else f"kw.{field.value}"


def range_field(field: RangeField) -> str:
    return f"rng.{field.value}"


def interval_path(field: IntervalField) -> str:
    return f"iv_{field.value}"


def _analyzer_name(language: TextLanguage) -> str:
    return f"tm_{language.value}"


#: Analyzer of the text fields: the terms arrive analysed, only spaces separate them.
TERMS_ANALYZER = "tm_terms"


def server_analyzers() -> tuple[dict[str, Any], dict[str, Any]]:
    """(token filters, analyzers): the server-side approximation of :func:`indexer.analysis.analyze`
    per language, named ``tm_<lang>`` (not used by talentmatch's own queries)."""
    filters: dict[str, Any] = {}
    analyzers: dict[str, Any] = {}
    for lang in TextLanguage:
        filters[f"tm_stop_{lang.value}"] = {
            "type": "stop",
            "stopwords": sorted(STOPWORDS[lang]),
            "ignore_case": False,
        }
        filters[f"tm_snowball_{lang.value}"] = {
            "type": "snowball",
            "language": SNOWBALL_NAME[lang].capitalize(),
        }
        analyzers[_analyzer_name(lang)] = {
            "type": "custom",
            "tokenizer": "tm_tokens",
            "filter": ["lowercase", f"tm_stop_{lang.value}", f"tm_snowball_{lang.value}", "asciifolding"],
        }
    return filters, analyzers


def analysis_settings() -> dict[str, Any]:
    """The ``tm_terms`` analyzer of the text fields plus the ``tm_<lang>`` approximations."""
    filters, analyzers = server_analyzers()
    analyzers[TERMS_ANALYZER] = {"type": "custom", "tokenizer": "tm_space"}
    return {
        "tokenizer": {
            "tm_tokens": {"type": "pattern", "pattern": TOKEN_SPLIT},
            "tm_space": {"type": "whitespace", "max_token_length": 4096},
        },
        "filter": filters,
        "analyzer": analyzers,
    }


def index_settings() -> dict[str, Any]:
    """Settings of one physical index: one shard, no replica, k-NN on, BM25 k1=1.2 b=0.75.

    No periodic refresh: every ``upsert``/``delete`` refreshes when it is done (that is when
    writes must become visible), so bulk loads build few, large segments instead of one per
    second that HNSW merges would have to rebuild.
    """
    return {
        "index": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "refresh_interval": "-1",
            "knn": True,
            "max_result_window": MAX_RESULT_WINDOW,
        },
        "similarity": {"tm_bm25": {"type": "BM25", "k1": BM25_K1, "b": BM25_B}},
        "analysis": analysis_settings(),
    }


def mappings(dimension: int) -> dict[str, Any]:
    """The strict mapping of a talentmatch index holding ``dimension``-long vectors."""
    keyword_props = {f.value: {"type": "keyword"} for f in KeywordField if f is not KeywordField.ID}
    range_props = {f.value: {"type": "double"} for f in RangeField}
    props: dict[str, Any] = {
        ID_FIELD: {"type": "keyword"},
        HASH_FIELD: {"type": "keyword", "index": False},
        VECTOR_FIELD: {
            "type": "knn_vector",
            "dimension": dimension,
            "method": {
                "name": "hnsw",
                "engine": "lucene",
                "space_type": "cosinesimil",
                "parameters": {"m": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION},
            },
        },
        "kw": {"properties": keyword_props},
        "rng": {"properties": range_props},
        interval_path(IntervalField.SANCTIONS): {
            "type": "nested",
            "properties": {
                "start": {"type": "double"},
                "end": {"type": "double"},
                "scope": {"type": "keyword"},
            },
        },
        interval_path(IntervalField.AWAY): {
            "type": "nested",
            "properties": {"start": {"type": "double"}, "end": {"type": "double"}},
        },
        GEO_FIELD: {"type": "geo_point"},
        STORED_FIELD: {"type": "object", "enabled": False},
    }
    for lang in TextLanguage:
        props[text_field(lang)] = {
            "type": "text",
            "analyzer": TERMS_ANALYZER,
            "similarity": "tm_bm25",
            "norms": True,
        }
    return {
        "dynamic": "strict",
        # the vector lives in the HNSW graph and, exactly, as base64 float32 in ``stored``;
        # keeping its JSON floats out of _source saves ~5 KB per profile at 384 dimensions
        "_source": {"excludes": [VECTOR_FIELD]},
        "_meta": {"talentmatch": {"schema_version": SCHEMA_VERSION, "dimension": dimension}},
        "properties": props,
    }


def layout_problem(mapping: dict[str, Any], dimension: int) -> str | None:
    """Why an existing index's mapping does not fit ``dimension``-long vectors, else None."""
    meta = (mapping.get("_meta") or {}).get("talentmatch")
    if not isinstance(meta, dict):
        return "it was not created by talentmatch (no _meta.talentmatch in its mapping)"
    if meta.get("schema_version") != SCHEMA_VERSION:
        return f"its schema version is {meta.get('schema_version')}, this talentmatch writes {SCHEMA_VERSION}"
    vec = (mapping.get("properties") or {}).get(VECTOR_FIELD) or {}
    if vec.get("type") != "knn_vector":
        return f"field '{VECTOR_FIELD}' is not a knn_vector"
    if vec.get("dimension") != dimension:
        return f"its vectors have dimension {vec.get('dimension')}, expected {dimension}"
    return None
