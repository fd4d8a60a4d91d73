"""MaxScore-pruned lexical top-k against exhaustive scoring.

The pruned search must return the exhaustive top-k exactly: same ids, same scores (bit for
bit: the same arithmetic in the same clause order), same tie order (score desc, id asc).
Checked on the kernel with synthetic posting lists (sorted and unsorted bases, tails, masks,
skewed frequencies, duplicated documents for ties at the cut) and end to end on the embedded
backend (languages, deletes, updates, appends after a rebuild, filters, every k).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.backends.embedded import EmbeddedBackend, inverted
from indexer.backends.embedded.maxscore import (
    plan_clauses,
    probe_merge,
    probe_scan,
    probe_sorted,
    radix_sort,
    search_clauses,
)
from indexer.backends.embedded.topk import top_hits
from indexer.backends.filters import KeywordField, Terms
from indexer.backends.protocol import IndexedProfile
from indexer.profile.enums import TextLanguage
from tests.factories import indexed, make_profile

DIM = 8
LANGS = [TextLanguage.EN, TextLanguage.DE, TextLanguage.FR, TextLanguage.ES]
WORDS = [f"{w}{i}" for i in range(6) for w in ("kotlin", "gradle", "figma", "sketch", "oracle")]


def _top(slots: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (slot, score) by score desc, slot asc (the backend order with slot as id)."""
    order = np.lexsort((slots, -scores))[:k]
    return [(int(slots[i]), float(scores[i])) for i in order]


@dataclass
class Case:
    """Synthetic documents and clauses (language, slots, term frequencies, weight)."""

    rng: np.random.Generator
    norm_dl: np.ndarray
    mask: np.ndarray
    clauses: list[tuple[int, np.ndarray, np.ndarray, float]]


def _synthetic(seed: int) -> Case:
    """Random clauses over random documents: per-language groups, Zipf-like list lengths,
    skewed term frequencies, copies of documents (exact ties), a base and a tail part."""
    rng = np.random.default_rng(seed)
    n_base_docs = int(rng.integers(1, 120))
    copies = rng.integers(1, 4, n_base_docs)  # each document exists 1-3 times
    doc_of = np.repeat(np.arange(n_base_docs), copies)
    n_slots = len(doc_of)
    base_lang = rng.integers(0, int(rng.integers(1, 5)), n_base_docs)
    base_dl = rng.integers(1, 60, n_base_docs).astype(np.float32)
    norm_dl = base_dl[doc_of]
    mask = rng.random(n_slots) < rng.choice([1.0, 0.7, 0.2])
    clauses = []
    for _ in range(int(rng.integers(1, 12))):
        lang = int(rng.integers(0, 4))
        members = np.flatnonzero(base_lang == lang)
        if len(members) == 0:
            continue
        share = min(1.0, float(rng.pareto(1.0)) * 0.1 + 0.02)
        picked = members[rng.random(len(members)) < share]
        tf = np.minimum(rng.zipf(2.0, len(picked)), rng.choice([5, 65_535]))
        slots = np.flatnonzero(np.isin(doc_of, picked))
        tfs = tf[np.searchsorted(picked, doc_of[slots])].astype(np.uint16)
        weight = float(rng.choice([1.0, 2.0, rng.uniform(0.1, 9.0)]))  # repeated weights: ties
        clauses.append((lang, slots, tfs, weight))
    return Case(rng, norm_dl, mask, clauses)


def _run(case: Case, k: int, prune: bool, shuffle_base: bool) -> tuple[np.ndarray, np.ndarray]:
    rng, clauses = case.rng, case.clauses
    lang = np.array([c[0] for c in clauses], dtype=np.int64)
    weight = np.array([c[3] for c in clauses], dtype=np.float64)
    plan = plan_clauses(lang, weight, np.arange(len(clauses), dtype=np.int64))
    base_s, base_t, start, stop, tail_s, tail_t, tail_off = [], [], [], [], [], [], [0]
    pos = 0
    for i in plan.perm:
        slots, tfs = clauses[i][1], clauses[i][2]
        cut = int(rng.integers(0, len(slots) + 1))  # base part, then the tail part
        b_order = rng.permutation(cut) if shuffle_base else np.arange(cut)
        base_s.append(slots[:cut][b_order])
        base_t.append(tfs[:cut][b_order])
        start.append(pos)
        pos += cut
        stop.append(pos)
        t_order = rng.permutation(len(slots) - cut)  # the tail is scanned, in any order
        tail_s.append(slots[cut:][t_order])
        tail_t.append(tfs[cut:][t_order])
        tail_off.append(tail_off[-1] + len(slots) - cut)
    n_slots = len(case.mask)
    avgdl = np.array([10.0, 20.0, 30.0, 40.0])[lang[plan.perm]]
    return search_clauses(
        np.concatenate(base_s).astype(np.int32), np.concatenate(base_t).astype(np.uint16),
        np.array(start, dtype=np.int64), np.array(stop, dtype=np.int64), not shuffle_base,
        np.concatenate(tail_s).astype(np.int32), np.concatenate(tail_t).astype(np.uint16),
        np.array(tail_off, dtype=np.int64), weight[plan.perm], avgdl, plan.group_end,
        case.norm_dl, case.mask, k, prune,
        np.zeros(n_slots, dtype=np.float64), np.zeros(n_slots, dtype=np.int64),
    )  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), k=st.integers(1, 400), shuffle_base=st.booleans())
def test_kernel_top_k_equals_exhaustive(seed: int, k: int, shuffle_base: bool) -> None:
    if not _synthetic(seed).clauses:
        return
    all_s, all_v = _run(_synthetic(seed), k, prune=False, shuffle_base=shuffle_base)
    got_s, got_v = _run(_synthetic(seed), k, prune=True, shuffle_base=shuffle_base)
    assert _top(got_s, got_v, k) == _top(all_s, all_v, k)
    # what the pruned search returns is a subset of the matches, with their exact scores
    exact = dict(zip(all_s.tolist(), all_v.tolist(), strict=True))
    assert all(exact[s] == v for s, v in zip(got_s.tolist(), got_v.tolist(), strict=True))
    assert len(set(got_s.tolist())) == len(got_s)


def test_kernel_prunes_a_skewed_query() -> None:
    """One rare heavy clause and one clause on every document: the pruned search returns the
    top k and leaves the common clause's non-candidates out (it does not return all matches)."""
    n = 5000
    rare = np.arange(0, n, 50, dtype=np.int32)
    every = np.arange(n, dtype=np.int32)
    slots = np.concatenate([rare, every])
    tf = np.ones(len(slots), dtype=np.uint16)
    start = np.array([0, len(rare)], dtype=np.int64)
    stop = np.array([len(rare), len(slots)], dtype=np.int64)
    empty_s, empty_t = np.zeros(0, np.int32), np.zeros(0, np.uint16)
    args = (slots, tf, start, stop, True, empty_s, empty_t, np.zeros(3, np.int64),
            np.array([9.0, 0.5]), np.array([20.0, 20.0]), np.array([2, 2], np.int64),
            np.full(n, 20.0, np.float32), np.ones(n, bool), 10)  # fmt: skip
    got = search_clauses(*args, True, np.zeros(n), np.zeros(n, np.int64))
    full = search_clauses(*args, False, np.zeros(n), np.zeros(n, np.int64))
    assert len(full[0]) == n
    assert len(got[0]) == len(rare)  # the rare clause's documents tie; nothing else can reach them
    assert _top(*got, 10) == _top(*full, 10)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_list=st.integers(0, 3000),
    n_cands=st.integers(0, 300),
    dup=st.booleans(),
)
def test_probes_agree(seed: int, n_list: int, n_cands: int, dup: bool) -> None:
    """Galloping, merging and scanning add the same scores to the same candidates (lists
    ascending, possibly with a slot twice; candidates ascending, unique)."""
    rng = np.random.default_rng(seed)
    n_slots = 4000
    slots = np.sort(rng.choice(n_slots, n_list, replace=dup)).astype(np.int32)
    tf = rng.integers(1, 9, n_list).astype(np.uint16)
    cands = np.unique(rng.choice(n_slots, n_cands)).astype(np.int64)
    dl = rng.integers(1, 90, n_slots).astype(np.float32)
    results = []
    for probe in ("sorted", "merge", "scan"):
        acc = np.zeros(n_slots)
        acc[cands] = 1.0  # live candidates
        hist = np.zeros(64, dtype=np.int64)
        hist[int(1.0 * 4)] = len(cands)
        if probe == "sorted":
            probe_sorted(slots, tf, cands, len(cands), 2.5, dl, 40.0, acc, hist, 4.0)
        elif probe == "merge":
            probe_merge(slots, tf, cands, len(cands), 2.5, dl, 40.0, acc, hist, 4.0)
        else:
            probe_scan(slots, tf, 2.5, dl, 40.0, acc, hist, 4.0)
        results.append((acc.tolist(), hist.tolist()))
    assert results[0] == results[1] == results[2]
    assert int(np.sum(results[0][1])) == len(cands)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(st.integers(0, 2**40), max_size=300))
def test_radix_sort(values: list[int]) -> None:
    a = np.array(values, dtype=np.int64)
    assert radix_sort(a).tolist() == sorted(values)


def _texts(rng: np.random.Generator, n: int) -> list[str]:
    """Texts over a small vocabulary with Zipf-skewed word frequencies (a few words are in
    almost every text, most are rare), repeated words included."""
    p = 1.0 / np.arange(1, len(WORDS) + 1) ** 1.1
    p /= p.sum()
    return [" ".join(rng.choice(WORDS, int(rng.integers(1, 12)), p=p)) for _ in range(n)]


def _profile(pid: str, text: str, rng: np.random.Generator) -> IndexedProfile:
    return indexed(
        make_profile(pid, headline=text[:60] or "x", description=text, skills=[],
                     text_language=LANGS[int(rng.integers(0, 4))],
                     country=["DE", "FR", "ES"][int(rng.integers(0, 3))]),
        dim=DIM,
    )  # fmt: skip


@settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(seed=st.integers(0, 2**32 - 1), tail_min=st.sampled_from([4, 16, 65_536]))
def test_backend_lexical_top_k_equals_exhaustive(seed: int, tail_min: int) -> None:
    rng = np.random.default_rng(seed)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        mp.setattr(inverted, "TAIL_MIN", tail_min)
        b = EmbeddedBackend.open(Path(tmp) / "i", DIM)
        try:
            n = int(rng.integers(5, 60))
            texts = _texts(rng, n)
            texts += [texts[int(i)] for i in rng.integers(0, n, n // 3)]  # copies: ties
            docs = [_profile(f"d{i:03d}", t, rng) for i, t in enumerate(texts)]
            for i in range(0, len(docs), 7):
                b.upsert(docs[i : i + 7])
            b.delete([f"d{i:03d}" for i in rng.choice(len(docs), len(docs) // 5, replace=False)])
            changed = _texts(rng, 5)  # updates: the old rows die, new ones land in the tail
            b.upsert([_profile(f"d{i:03d}", t, rng) for i, t in enumerate(changed)])
            queries = [*_texts(rng, 4), " ".join(WORDS[:3] * 2), WORDS[0]]
            for q in queries:
                for filt in (None, Terms(KeywordField.COUNTRY, "DE")):
                    mask = b._mask(filt).mask
                    all_s, all_v = b._lex.search(q, 1, mask, prune=False)
                    for k in sorted({1, 2, 3, 5, 10, len(all_s), len(all_s) + 3} - {0}):
                        want = top_hits(all_s, all_v, k, b._ids)
                        assert b.lexical_search(q, k, filt) == want
        finally:
            b.close()
