"""Turn indexed profiles into segment arrays: the only place profiles are taken apart.

Filter columns come only from :func:`indexer.backends.filters.filter_values_batch` (the
batch form of :func:`~indexer.backends.filters.filter_values`: the same normalised values the
OpenSearch backend indexes), lexical terms only from the analysis of
:func:`indexer.text.lexical_text` (through :func:`indexer.text.lexical_source`, a text with the same tokens,
and :class:`~indexer.backends.embedded.analyzer.CachedAnalyzer`, identical to
:func:`indexer.analysis.analyze`).

The batch is encoded column by column: each column is gathered for all rows in one pass and
converted to numpy once (the per-row work left is what Python must do per profile: the
filter values, the tokens, the JSON). The output is exactly that of the straightforward
row-by-row encoder kept as the test oracle (``tests/indexer/embedded_reference_encode.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import numpy as np

from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.lexical_encode import LANG_CODE as LANG_CODE
from indexer.backends.embedded.lexical_encode import LANGUAGES as LANGUAGES
from indexer.backends.embedded.lexical_encode import LexicalEncoder, lexical_arrays
from indexer.backends.embedded.profile_json import encode_documents
from indexer.backends.embedded.segment import Arrays, csr_encode, to_bytes
from indexer.backends.filters import (
    FilterValuesBatch,
    IntervalField,
    KeywordField,
    RangeField,
    concat_values,
    filter_values_batch,
)
from indexer.backends.protocol import IndexedProfile
from indexer.backends.reference import _cmp_value
from indexer.errors import InvalidInputError, Problem
from indexer.profile.enums import SanctionScope
from indexer.text import lexical_source

#: Codes of sanction scopes in interval ``scope`` columns (-1: untagged).
SCOPES: tuple[SanctionScope, ...] = tuple(SanctionScope)
SCOPE_CODE = {s: i for i, s in enumerate(SCOPES)}

#: Rows whose filter values and JSON are made together (see :func:`_values_and_documents`).
ROWS_TOGETHER = 256


def validate(docs: Sequence[IndexedProfile], dimension: int) -> None:
    """Reject the whole batch if any vector has the wrong shape or a non-finite value."""
    if _all_valid(docs, dimension):
        return
    problems: list[Problem] = []
    for i, d in enumerate(docs):
        if not isinstance(d, IndexedProfile):
            problems.append(
                Problem("document", f"expected IndexedProfile, got {type(d).__name__}", i + 1)
            )
            continue
        v = np.asarray(d.vector)
        if v.shape != (dimension,):
            problems.append(
                Problem(
                    "vector",
                    f"profile '{d.id}': vector has shape {v.shape}, expected ({dimension},)",
                    i + 1,
                )
            )
        elif not np.all(np.isfinite(v)):
            problems.append(
                Problem("vector", f"profile '{d.id}': vector has non-finite values", i + 1)
            )
        elif not np.any(v):
            problems.append(Problem("vector", f"profile '{d.id}': vector is all zeros", i + 1))
        elif not (0.0 <= d.completeness.score <= 1.0 and math.isfinite(d.completeness.score)):
            problems.append(
                Problem(
                    "completeness",
                    f"profile '{d.id}': score {d.completeness.score} outside [0, 1]",
                    i + 1,
                )
            )
    if problems:
        raise InvalidInputError(problems, source="upsert")


def _all_valid(docs: Sequence[IndexedProfile], dimension: int) -> bool:
    """The checks of :func:`validate` on the whole batch at once: ``True`` when every document
    passes (``False`` sends the batch through the row-by-row checks that name the problems)."""
    if not docs or not all(isinstance(d, IndexedProfile) for d in docs):
        return not docs
    try:
        vecs = np.stack([np.asarray(d.vector) for d in docs])
        scores = np.array([d.completeness.score for d in docs], dtype=np.float64)
        if vecs.shape != (len(docs), dimension) or vecs.dtype.kind not in "fiub":
            return False
        return bool(
            np.isfinite(vecs).all()
            and vecs.any(axis=1).all()
            and ((scores >= 0.0) & (scores <= 1.0)).all()
        )
    except (ValueError, TypeError):
        return False


def _record_columns(a: Arrays, docs: Sequence[IndexedProfile], dimension: int) -> None:
    """Ids, content hashes, completeness and the L2-normalised vectors."""
    a["ids"] = to_bytes([d.id for d in docs])
    a["hashes"] = to_bytes([d.content_hash for d in docs])
    a["comp"] = np.array([d.completeness.score for d in docs], dtype=np.float64)
    csr_encode(a, "miss", [d.completeness.missing for d in docs])
    vecs = np.zeros((len(docs), dimension), dtype=np.float32)
    if docs:
        vecs[:] = np.stack([np.asarray(d.vector) for d in docs])
    # cosine similarity is the inner product of L2-normalised vectors
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True).clip(min=np.finfo(np.float32).tiny)
    a["vectors"] = vecs


def _keyword_columns(a: Arrays, values: FilterValuesBatch) -> None:
    """One CSR group per keyword field."""
    for f in KeywordField:
        csr_encode(a, f"kw.{f.value}", values.keywords[f])


def _range_columns(a: Arrays, values: FilterValuesBatch) -> None:
    """One float64 column per range field (``NaN``: missing), as the reference compares."""
    for rf in RangeField:
        a[f"rg.{rf.value}"] = range_column(values.ranges[rf])


def range_column(col: list[Any]) -> np.ndarray:
    """``[nan if x is None else _cmp_value(x) for x in col]`` as float64, in C for the types
    of validated profiles: datetimes mapped with ``datetime.timestamp``, floats and ``None``
    converted by numpy (``None`` is NaN), dates (few distinct ones) converted once each."""
    types = set(map(type, col))
    if types <= {datetime}:
        return np.fromiter(map(datetime.timestamp, col), np.float64, len(col))
    if types <= {float, NONE}:
        return np.array(col, dtype=np.float64)
    if types <= {date, NONE}:
        memo = {x: math.nan if x is None else _cmp_value(x) for x in set(col)}
        return np.fromiter(map(memo.__getitem__, col), np.float64, len(col))
    return np.array([math.nan if x is None else _cmp_value(x) for x in col], dtype=np.float64)


NONE = type(None)


def _interval_columns(a: Arrays, values: FilterValuesBatch) -> None:
    """(row, start, end, scope) per interval; an open end is ``+inf``, no scope ``-1``."""
    for inf in IntervalField:
        rows, starts, ends, scopes = [], [], [], []
        for i, ivs in enumerate(values.intervals[inf]):
            for iv in ivs:
                rows.append(i)
                starts.append(iv.start.timestamp())
                ends.append(math.inf if iv.end is None else iv.end.timestamp())
                scopes.append(-1 if iv.scope is None else SCOPE_CODE[iv.scope])
        a[f"iv.{inf.value}.row"] = np.array(rows, dtype=np.int32)
        a[f"iv.{inf.value}.start"] = np.array(starts, dtype=np.float64)
        a[f"iv.{inf.value}.end"] = np.array(ends, dtype=np.float64)
        a[f"iv.{inf.value}.scope"] = np.array(scopes, dtype=np.int8)


def _geo_column(a: Arrays, values: FilterValuesBatch) -> None:
    geo = np.full((len(values), 2), np.nan)
    coordinates = values.coordinates
    rows = [i for i, c in enumerate(coordinates) if c is not None]
    if rows:
        geo[rows] = [coordinates[i] for i in rows]
    a["geo"] = geo


def _documents(docs: Sequence[IndexedProfile], buf: bytearray) -> list[int]:
    """Append the profiles' JSON (``model_dump_json``'s bytes, by :mod:`.profile_json`) to
    ``buf``; the end offset of each."""
    return encode_documents([d.profile for d in docs], buf)[1]


def _values_and_documents(docs: Sequence[IndexedProfile]) -> tuple[FilterValuesBatch, Arrays]:
    """The filter values and the JSON documents (with row offsets), :data:`ROWS_TOGETHER` rows
    at a time: both read every object of the profiles, and the JSON encoder finds them in the
    CPU caches where the filter values left them (a pass over 2,000 profiles reads them all
    from memory again)."""
    blob = bytearray()
    ends: list[int] = []
    parts: list[FilterValuesBatch] = []
    for i in range(0, len(docs), ROWS_TOGETHER):
        chunk = docs[i : i + ROWS_TOGETHER]
        parts.append(filter_values_batch([d.profile for d in chunk]))
        ends += _documents(chunk, blob)
    doc_off = np.zeros(len(docs) + 1, dtype=np.int64)
    doc_off[1:] = ends
    documents: Arrays = {"doc.off": doc_off, "doc.v": np.frombuffer(blob, dtype=np.uint8)}
    return concat_values(parts), documents


def encode(
    docs: Sequence[IndexedProfile],
    slots: np.ndarray,
    dimension: int,
    analyzer: CachedAnalyzer,
    lexical: LexicalEncoder | None = None,
) -> Arrays:
    """Segment arrays for ``docs`` stored at ``slots``. The lexical columns are computed by
    ``lexical`` (perhaps in its helper process, meanwhile the rest is encoded here) or, without
    one, here with ``analyzer``."""
    sources = [lexical_source(d.profile) for d in docs]
    languages = [d.profile.text_language for d in docs]
    if lexical is None:
        pending = lambda: lexical_arrays(sources, languages, analyzer)  # noqa: E731
    else:
        pending = lexical.submit(sources, languages)
    a: Arrays = {"slots": np.asarray(slots, dtype=np.int64)}
    _record_columns(a, docs, dimension)
    values, documents = _values_and_documents(docs)
    _keyword_columns(a, values)
    _range_columns(a, values)
    _interval_columns(a, values)
    _geo_column(a, values)
    a.update(pending())
    a.update(documents)
    return a
