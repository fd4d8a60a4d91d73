"""BM25 over the analysed profile texts, one "field" per text language.

Each profile is analysed in its own ``text_language`` and only populates that language's
field; a query is analysed in every language and the per-language scores add up (what an
OpenSearch ``multi_match`` of type ``most_fields`` over ``text_en``/``text_de``/... computes).
Per field, with Lucene's BM25 (k1 = 1.2, b = 0.75)::

    score(d, q) = Σ_{t ∈ q} idf(t) · tf / (tf + k1 · (1 - b + b · dl / avgdl))
    idf(t)      = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))

N is the number of live documents of the language, n_t those containing t, dl the number of
analysed tokens of d and avgdl their mean. A term repeated in the query counts once per
occurrence (one clause each, as in Lucene's boolean query).

Storage: term → (slots, tf) as an :class:`InvertedPairs`; document frequencies and field
statistics are maintained incrementally on every append and delete.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from indexer.analysis import analyze
from indexer.backends.embedded.encode import LANGUAGES
from indexer.backends.embedded.growable import GrowArray
from indexer.backends.embedded.inverted import InvertedPairs
from indexer.backends.embedded.segment import Arrays

K1 = 1.2
B = 0.75


class LexicalIndex:
    """Inverted index with incrementally maintained BM25 statistics."""

    def __init__(self) -> None:
        self._vocab: dict[tuple[int, str], int] = {}
        self._postings = InvertedPairs()
        self._df = GrowArray(np.int64)
        self._lang = GrowArray(np.int8, fill=-1)
        self._dl = GrowArray(np.float32)
        self._pair_start = GrowArray(np.int64)
        self._pair_end = GrowArray(np.int64)
        self._n_docs = np.zeros(len(LANGUAGES), dtype=np.int64)
        self._sum_dl = np.zeros(len(LANGUAGES), dtype=np.float64)

    def _resize(self, n_slots: int) -> None:
        for g in (self._lang, self._dl, self._pair_start, self._pair_end):
            g.resize(n_slots)

    def append(self, a: Arrays, live: np.ndarray) -> None:
        """Index the rows of ``a``; ``live`` says which of them count in the statistics."""
        slots = a["slots"]
        if len(slots) == 0:
            return
        self._resize(int(slots.max()) + 1)
        lang, off, terms = a["lex.lang"], a["lex.off"], a["lex.terms"]
        self._lang.data[slots] = lang
        self._dl.data[slots] = a["lex.dl"]
        counts = np.diff(off)
        pair_lang = np.repeat(lang, counts)
        ids = np.zeros(len(terms), dtype=np.int32)
        if len(terms):
            keys = np.char.add(np.char.add(pair_lang.astype(str), "\x1f"), terms)
            uniq, inv = np.unique(keys, return_inverse=True)
            uid = np.empty(len(uniq), dtype=np.int32)
            for i, u in enumerate(uniq.tolist()):
                code, _, term = u.partition("\x1f")
                uid[i] = self._vocab.setdefault((int(code), term), len(self._vocab))
            ids = uid[inv.ravel()]
        base = len(self._postings)
        self._pair_start.data[slots] = base + off[:-1]
        self._pair_end.data[slots] = base + off[1:]
        self._postings.append(ids, np.repeat(slots, counts).astype(np.int32), a["lex.tf"].astype(np.float32))
        self._df.resize(len(self._vocab))
        pair_live = np.repeat(live, counts)
        np.add.at(self._df.data, ids[pair_live], 1)
        for code in range(len(LANGUAGES)):
            sel = live & (lang == code)
            self._n_docs[code] += int(sel.sum())
            self._sum_dl[code] += float(a["lex.dl"][sel].sum())

    def remove(self, slots: np.ndarray) -> None:
        """Take these (previously live) slots out of the statistics."""
        keys = self._postings.keys.data
        for s in np.asarray(slots).tolist():
            code = int(self._lang.data[s])
            self._n_docs[code] -= 1
            self._sum_dl[code] -= float(self._dl.data[s])
            ids = keys[self._pair_start.data[s] : self._pair_end.data[s]]
            self._df.data[ids] -= 1

    def search(self, text: str, k: int, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The candidates (slots, scores) matching ≥ 1 query term among ``mask``; at least the
        ``k`` best of them (possibly more on ties), unsorted."""
        all_slots: list[np.ndarray] = []
        all_w: list[np.ndarray] = []
        dl_all = self._dl.data
        for code, language in enumerate(LANGUAGES):
            n_docs = int(self._n_docs[code])
            if n_docs == 0:
                continue
            avgdl = self._sum_dl[code] / n_docs
            for term, qtf in Counter(analyze(text, language)).items():
                tid = self._vocab.get((code, term))
                if tid is None:
                    continue
                df = int(self._df.data[tid])
                if df <= 0:
                    continue
                idf = math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
                slots, tf = self._postings.lookup(tid)
                keep = mask[slots]
                slots, tf = slots[keep], tf[keep].astype(np.float64)
                if len(slots) == 0:
                    continue
                norm = K1 * (1.0 - B + B * dl_all[slots].astype(np.float64) / avgdl)
                all_slots.append(slots)
                all_w.append(qtf * idf * tf / (tf + norm))
        if not all_slots:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        slots = np.concatenate(all_slots)
        w = np.concatenate(all_w)
        uniq, inv = np.unique(slots, return_inverse=True)
        scores = np.bincount(inv.ravel(), weights=w, minlength=len(uniq))
        return uniq.astype(np.int64), scores

    def nbytes(self) -> int:
        return self._postings.nbytes() + self._df.nbytes() + self._dl.nbytes() * 6
