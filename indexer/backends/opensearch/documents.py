"""An :class:`IndexedProfile` as an OpenSearch document, and back.

Filter fields come only from :func:`indexer.backends.filters.filter_values` and lexical text
only from :func:`indexer.text.lexical_text` analysed by :func:`indexer.analysis.analyze`, so
both backends index the same values and terms.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.filters import IntervalField, KeywordField, RangeField, filter_values
from indexer.backends.opensearch.mapping import (
    GEO_FIELD,
    HASH_FIELD,
    ID_FIELD,
    STORED_FIELD,
    VECTOR_FIELD,
    interval_path,
    text_field,
)
from indexer.backends.protocol import Completeness, IndexedProfile
from indexer.backends.reference import _cmp_value
from indexer.errors import InvalidInputError, Problem
from indexer.profile.model import Profile
from indexer.text import lexical_text

#: Field names by enum member (``.value`` through the enum descriptor is slow in bulk loops).
_KW_NAMES = {f: f.value for f in KeywordField}
_RANGE_NAMES = {f: f.value for f in RangeField}


def validate(docs: Sequence[IndexedProfile], dimension: int) -> None:
    """Reject the whole batch before anything is sent if a document cannot be stored."""
    problems: list[Problem] = []
    for i, d in enumerate(docs):
        if not isinstance(d, IndexedProfile):
            problems.append(Problem("document", f"expected IndexedProfile, got {type(d).__name__}", i + 1))
            continue
        v = np.asarray(d.vector)
        if v.shape != (dimension,):
            problems.append(Problem("vector", f"profile '{d.id}': vector has shape {v.shape}, expected ({dimension},)", i + 1))
        elif not np.all(np.isfinite(v)):
            problems.append(Problem("vector", f"profile '{d.id}': vector has non-finite values", i + 1))
        elif not float(np.linalg.norm(v)) > 0.0:
            problems.append(Problem("vector", f"profile '{d.id}': zero vector has no cosine similarity", i + 1))
        elif not (math.isfinite(d.completeness.score) and 0.0 <= d.completeness.score <= 1.0):
            problems.append(Problem("completeness", f"profile '{d.id}': score {d.completeness.score} outside [0, 1]", i + 1))
    if problems:
        raise InvalidInputError(problems, source="upsert")


def to_document(doc: IndexedProfile, analyzer: CachedAnalyzer) -> dict[str, Any]:
    """The OpenSearch ``_source`` of one indexed profile.

    ``analyzer`` is :func:`indexer.analysis.analyze` with a per-token memo (identical output,
    shared with the embedded backend's bulk path), kept by the backend for its lifetime.
    """
    p = doc.profile
    fv = filter_values(p)
    vector = np.asarray(doc.vector, dtype=np.float32)
    source: dict[str, Any] = {
        ID_FIELD: p.id,
        HASH_FIELD: doc.content_hash,
        VECTOR_FIELD: vector.tolist(),
        text_field(p.text_language): " ".join(analyzer.analyze(lexical_text(p), p.text_language)),
        "kw": {_KW_NAMES[f]: list(vals) for f, vals in fv.keywords.items() if vals and f is not KeywordField.ID},
        "rng": {_RANGE_NAMES[f]: _cmp_value(v) for f, v in fv.ranges.items() if v is not None},
        interval_path(IntervalField.SANCTIONS): [
            {"start": _cmp_value(iv.start), "end": None if iv.end is None else _cmp_value(iv.end),
             "scope": None if iv.scope is None else iv.scope.value}
            for iv in fv.intervals[IntervalField.SANCTIONS]
        ],
        interval_path(IntervalField.AWAY): [
            {"start": _cmp_value(iv.start), "end": None if iv.end is None else _cmp_value(iv.end)}
            for iv in fv.intervals[IntervalField.AWAY]
        ],
        STORED_FIELD: {
            "profile": p.model_dump(mode="json"),
            "completeness": {"score": doc.completeness.score, "missing": list(doc.completeness.missing)},
            "vector": _pack(vector),
        },
    }
    if fv.coordinates is not None:
        source[GEO_FIELD] = {"lat": fv.coordinates[0], "lon": fv.coordinates[1]}
    return source


def _pack(vector: np.ndarray) -> str:
    return base64.b64encode(vector.astype("<f4").tobytes()).decode("ascii")


def _unpack(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)


def with_vector(source: dict[str, Any]) -> dict[str, Any]:
    """A stored ``_source`` (vector excluded) made indexable again (re-index copies)."""
    return {**source, VECTOR_FIELD: _unpack(source[STORED_FIELD]["vector"]).tolist()}


def from_source(source: dict[str, Any]) -> IndexedProfile:
    """The :class:`IndexedProfile` stored in a document's ``_source``."""
    stored = source[STORED_FIELD]
    comp = stored["completeness"]
    return IndexedProfile(
        profile=Profile.model_validate(stored["profile"]),
        vector=_unpack(stored["vector"]),
        completeness=Completeness(float(comp["score"]), tuple(comp["missing"])),
        content_hash=str(source[HASH_FIELD]),
    )
