"""The embedded backend's segment encoder as it was before the batch encoder (test oracle).

:func:`reference_encode` takes each profile apart one by one with the plain definitions
(:func:`indexer.backends.filters.filter_values`, :func:`indexer.analysis.analyze`,
``np.unique`` dictionary encoding). :func:`indexer.backends.embedded.encode.encode` must
produce exactly the same arrays; ``test_embedded_encode.py`` checks it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from indexer.analysis import analyze
from indexer.backends.embedded.encode import LANG_CODE, SCOPE_CODE
from indexer.backends.embedded.segment import CSR_GROUPS, Arrays, to_bytes
from indexer.backends.filters import IntervalField, KeywordField, RangeField, filter_values
from indexer.backends.protocol import IndexedProfile
from indexer.backends.reference import _cmp_value
from indexer.text import lexical_text


def dict_encode(values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(int32 codes, sorted unique strings) of ``values``, by ``np.unique``."""
    if not values:
        return np.zeros(0, np.int32), np.zeros(0, dtype="<U1")
    uniq, inv = np.unique(np.array(values, dtype=str), return_inverse=True)
    return inv.ravel().astype(np.int32), uniq


def _csr(a: Arrays, key: str, lists: Sequence[Sequence[str]]) -> None:
    """Store a list of strings per row as CSR group ``key`` (values dictionary-encoded)."""
    off = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lists], out=off[1:])
    a[f"{key}.off"] = off
    a[f"{key}.{CSR_GROUPS[key][0]}"], a[f"{key}.{CSR_GROUPS[key][0]}.dict"] = dict_encode(
        [v for x in lists for v in x]
    )


def analysed_terms(doc: IndexedProfile) -> tuple[int, Counter[str]]:
    """(number of analysed tokens, term → frequency) of the profile's lexical text."""
    terms = analyze(lexical_text(doc.profile), doc.profile.text_language)
    return len(terms), Counter(terms)


def reference_encode(docs: Sequence[IndexedProfile], slots: np.ndarray, dimension: int) -> Arrays:
    """Segment arrays for ``docs`` stored at ``slots``, the straightforward way (the oracle)."""
    n = len(docs)
    a: Arrays = {"slots": np.asarray(slots, dtype=np.int64)}
    a["ids"] = to_bytes([d.id for d in docs])
    a["hashes"] = to_bytes([d.content_hash for d in docs])
    a["comp"] = np.array([d.completeness.score for d in docs], dtype=np.float64)
    _csr(a, "miss", [d.completeness.missing for d in docs])
    vecs = np.zeros((n, dimension), dtype=np.float32)
    for i, d in enumerate(docs):
        vecs[i] = d.vector
    # cosine similarity is the inner product of L2-normalised vectors
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True).clip(min=np.finfo(np.float32).tiny)
    a["vectors"] = vecs

    values = [filter_values(d.profile) for d in docs]
    for f in KeywordField:
        _csr(a, f"kw.{f.value}", [fv.keywords.get(f, ()) for fv in values])
    for rf in RangeField:
        col = np.full(n, np.nan)
        for i, fv in enumerate(values):
            x = fv.ranges.get(rf)
            if x is not None:
                col[i] = _cmp_value(x)
        a[f"rg.{rf.value}"] = col
    for inf in IntervalField:
        rows, starts, ends, scopes = [], [], [], []
        for i, fv in enumerate(values):
            for iv in fv.intervals.get(inf, ()):
                rows.append(i)
                starts.append(iv.start.timestamp())
                ends.append(math.inf if iv.end is None else iv.end.timestamp())
                scopes.append(-1 if iv.scope is None else SCOPE_CODE[iv.scope])
        a[f"iv.{inf.value}.row"] = np.array(rows, dtype=np.int32)
        a[f"iv.{inf.value}.start"] = np.array(starts, dtype=np.float64)
        a[f"iv.{inf.value}.end"] = np.array(ends, dtype=np.float64)
        a[f"iv.{inf.value}.scope"] = np.array(scopes, dtype=np.int8)
    geo = np.full((n, 2), np.nan)
    for i, fv in enumerate(values):
        if fv.coordinates is not None:
            geo[i] = fv.coordinates
    a["geo"] = geo

    lang = np.zeros(n, dtype=np.int8)
    dl = np.zeros(n, dtype=np.int32)
    term_lists: list[list[str]] = []
    tf_lists: list[int] = []
    for i, d in enumerate(docs):
        lang[i] = LANG_CODE[d.profile.text_language]
        length, counts = analysed_terms(d)
        dl[i] = length
        term_lists.append(list(counts))
        tf_lists += counts.values()
    a["lex.lang"], a["lex.dl"] = lang, dl
    _csr(a, "lex", term_lists)
    a["lex.tf"] = np.array(tf_lists, dtype=np.int32)

    blobs = [d.profile.model_dump_json().encode() for d in docs]
    doc_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(b) for b in blobs], out=doc_off[1:])
    a["doc.off"] = doc_off
    a["doc.v"] = np.frombuffer(b"".join(blobs), dtype=np.uint8).copy()
    return a
