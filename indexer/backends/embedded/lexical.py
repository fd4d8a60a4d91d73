"""BM25 over the analysed profile texts, one "field" per text language.

Each profile is analysed in its own ``text_language`` and only populates that language's
field; a query is analysed in every language and the per-language scores add up (what an
OpenSearch ``multi_match`` of type ``most_fields`` over ``text_en``/``text_de``/... computes).
Per field, with Lucene's BM25 (k1 = 1.2, b = 0.75)::

    score(d, q) = Σ_{t ∈ q} idf(t) · tf / (tf + k1 · (1 - b + b · dl / avgdl))
    idf(t)      = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))

N is the number of live documents of the language, n_t those containing t, avgdl the mean
number of analysed tokens, and dl the document's token count *as Lucene stores it* (one byte,
``SmallFloat.intToByte4``: exact below 24 tokens, then 4 significant bits), so scores agree
with OpenSearch. A term repeated in the query counts once per occurrence (one clause each,
as in Lucene's boolean query).

Storage: term → (slots, tf) as an :class:`InvertedPairs`; document frequencies and field
statistics are maintained incrementally on every append and delete. The scoring loop is the
numba kernel in :mod:`~indexer.backends.embedded.maxscore` (top-k with MaxScore pruning; the
formula in :mod:`~indexer.backends.embedded.bm25_kernel`).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.encode import LANGUAGES
from indexer.backends.embedded.growable import GrowArray
from indexer.backends.embedded.inverted import InvertedPairs
from indexer.backends.embedded.maxscore import plan_clauses, search_clauses
from indexer.backends.embedded.segment import Arrays

#: Lengths below this are stored exactly by Lucene (SmallFloat.intToByte4's free values).
_LUCENE_FREE_LENGTHS = 24


def lucene_length(dl: np.ndarray) -> np.ndarray:
    """The document length Lucene's BM25 sees: ``byte4ToInt(intToByte4(dl))``.

    Lengths below 24 are exact; above, ``dl - 24`` keeps its 4 most significant bits.
    """
    out = np.asarray(dl, dtype=np.int64).copy()
    big = out >= _LUCENE_FREE_LENGTHS
    x = out[big] - _LUCENE_FREE_LENGTHS
    bits = np.zeros(len(x), dtype=np.int64)
    pos = x > 0
    bits[pos] = np.floor(np.log2(x[pos])).astype(np.int64) + 1
    shift = np.maximum(bits - 4, 0)
    out[big] = _LUCENE_FREE_LENGTHS + ((x >> shift) << shift)
    return out


class LexicalIndex:
    """Inverted index with incrementally maintained BM25 statistics."""

    def __init__(self, analyzer: CachedAnalyzer) -> None:
        self._analyzer = analyzer
        self._vocab: dict[tuple[int, str], int] = {}
        self._postings = InvertedPairs(np.uint16, forward=True)
        self._df = GrowArray(np.int64)
        self._lang = GrowArray(np.int8, fill=-1)
        self._dl = GrowArray(np.int32)  # analysed token count
        self._norm_dl = GrowArray(np.float32)  # as Lucene stores it
        self._pair_start = GrowArray(np.int64)
        self._pair_end = GrowArray(np.int64)
        self._n_docs = np.zeros(len(LANGUAGES), dtype=np.int64)
        self._sum_dl = np.zeros(len(LANGUAGES), dtype=np.float64)
        self._acc = np.zeros(0, dtype=np.float64)
        self._touched = np.zeros(0, dtype=np.int64)

    def _resize(self, n_slots: int) -> None:
        for g in (self._lang, self._dl, self._norm_dl, self._pair_start, self._pair_end):
            g.resize(n_slots)

    def append(self, a: Arrays, live: np.ndarray) -> None:
        """Index the rows of ``a``; ``live`` says which of them count in the statistics."""
        slots = a["slots"]
        if len(slots) == 0:
            return
        self._resize(int(slots.max()) + 1)
        lang, off, dl = a["lex.lang"], a["lex.off"], a["lex.dl"]
        inv, uniq = a["lex.terms"], a["lex.terms.dict"]
        self._lang.data[slots] = lang
        self._dl.data[slots] = dl
        self._norm_dl.data[slots] = lucene_length(dl)
        counts = np.diff(off)
        ids = np.zeros(len(inv), dtype=np.int32)
        if len(inv):
            n_terms = len(uniq)
            pair_lang = np.repeat(lang, counts).astype(np.int64)
            combo = pair_lang * n_terms + inv  # (language, term) pairs present
            # the distinct pairs ascending and each pair's rank among them (np.unique's
            # values and inverse), from a presence table instead of sorting every pair
            present = np.zeros(len(LANGUAGES) * n_terms, dtype=bool)
            present[combo] = True
            ucombo = np.flatnonzero(present)
            rank = np.cumsum(present, dtype=np.int64) - 1
            uterms = uniq.tolist()
            term_of = [uterms[t] for t in (ucombo % n_terms).tolist()]
            keys = list(zip((ucombo // n_terms).tolist(), term_of, strict=True))
            vocab = self._vocab
            found = list(map(vocab.get, keys))
            if None in found:  # new (language, term) pairs: the next ids, in order
                for i, key in enumerate(keys):
                    if found[i] is None:
                        found[i] = vocab[key] = len(vocab)
            ids = np.array(found, dtype=np.int32)[rank[combo]]
        base = len(self._postings)
        self._pair_start.data[slots] = base + off[:-1]
        self._pair_end.data[slots] = base + off[1:]
        tf = np.minimum(a["lex.tf"], np.iinfo(np.uint16).max).astype(np.uint16)
        self._postings.append(ids, np.repeat(slots, counts).astype(np.int32), tf)
        self._df.resize(len(self._vocab))
        pair_live = np.repeat(live, counts)
        self._df.data[:] += np.bincount(ids[pair_live], minlength=len(self._vocab))
        for code in range(len(LANGUAGES)):
            sel = live & (lang == code)
            self._n_docs[code] += int(sel.sum())
            self._sum_dl[code] += float(dl[sel].sum())

    def remove(self, slots: np.ndarray) -> None:
        """Take these (previously live) slots out of the statistics."""
        for s in np.asarray(slots).tolist():
            code = int(self._lang.data[s])
            self._n_docs[code] -= 1
            self._sum_dl[code] -= float(self._dl.data[s])
            ids = self._postings.forward_keys(int(self._pair_start.data[s]), int(self._pair_end.data[s]))
            self._df.data[ids] -= 1

    def search(
        self, text: str, k: int, mask: np.ndarray, *, prune: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """(slots, scores) of the documents in ``mask`` that can be among the ``k`` best
        matches: every document scoring at least the k-th best score is there, with its
        exact score (MaxScore pruning, :mod:`~indexer.backends.embedded.maxscore`). With
        ``prune=False``: every document matching at least one query term."""
        n_slots = len(mask)
        if len(self._acc) < n_slots:
            self._acc = np.zeros(max(n_slots, 2 * len(self._acc)), dtype=np.float64)
            self._touched = np.zeros(len(self._acc), dtype=np.int64)
        langs: list[int] = []
        keys: list[int] = []
        weights: list[float] = []
        avgdls: list[float] = []
        for code, language in enumerate(LANGUAGES):
            n_docs = int(self._n_docs[code])
            if n_docs == 0:
                continue
            avgdl = max(self._sum_dl[code] / n_docs, 1e-9)
            for term, qtf in Counter(self._analyzer.analyze(text, language)).items():
                tid = self._vocab.get((code, term))
                if tid is None:
                    continue
                df = int(self._df.data[tid])
                if df <= 0:
                    continue
                langs.append(code)
                keys.append(tid)
                weights.append(qtf * math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)))
                avgdls.append(avgdl)
        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        lang, weight = np.array(langs, dtype=np.int64), np.array(weights, dtype=np.float64)
        # the bounds need positive weights (idf > 0 whenever df <= N, as the statistics keep)
        prune = prune and bool(np.all(weight > 0.0))
        plan = plan_clauses(lang, weight, np.array(keys, dtype=np.int64))
        r = self._postings.ranges(np.array(keys, dtype=np.int64)[plan.perm])
        return search_clauses(
            r.base_slots, r.base_payload, r.start, r.stop, r.base_sorted,
            r.tail_slots, r.tail_payload, r.tail_off,
            weight[plan.perm], np.array(avgdls, dtype=np.float64)[plan.perm], plan.group_end,
            self._norm_dl.data, mask, int(k), prune, self._acc, self._touched,
        )  # fmt: skip

    def nbytes(self) -> int:
        return self._postings.nbytes() + self._df.nbytes() + self._norm_dl.nbytes() * 6
