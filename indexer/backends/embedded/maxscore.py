"""Top-k BM25 with MaxScore pruning, term-at-a-time, compiled with numba.

A query is a list of *clauses*, one per (language, term) of the analysed query, each with a
weight ``w = qtf · idf`` and a posting list (a range of the sorted base of
:class:`~indexer.backends.embedded.inverted.InvertedPairs` plus a small gathered tail part).
A clause adds ``w · tf / (tf + K)`` to a document (:func:`~.bm25_kernel.term_score`), and
``tf / (tf + K) < 1`` (K ≥ k1 · (1 - b) > 0), so ``w`` bounds what a clause can still add.

Clauses are grouped by language: a document has postings in its own language only (a slot's
language and its postings are written together and slots are never reused), so each group
scores a disjoint set of documents. Inside a group clauses are ordered by weight descending;
``suffix[c]`` is the sum of the weights of clause ``c`` and the ones after it in its group —
a bound on what a document not yet touched by the group's first clauses can still score.

Phase 1 visits the groups by their best possible score descending, each group's clauses in
order, and scores each clause fully into ``acc``. θ is a lower bound of the k-th largest
accumulated score, read off a histogram of the accumulated scores (kept up to date on every
addition; the lower edge of the bin where the count from the top reaches k). Scores only
grow, so θ is also a lower bound of the final k-th score. As soon as ``suffix[c] < θ`` for
the next clause ``c`` of a group, no document the group has not touched yet can reach the
final k-th score, not even to tie with it (a tie at the cut is decided by id, so anything
that can *reach* it must be kept): the group's remaining clauses are *deferred*.

Phase 2 finishes each deferred group on its candidates (the documents it touched, sorted by
slot): before deferred clause ``c``, a candidate with ``acc + suffix[c] < θ`` is dropped; the
survivors look their term frequency up in the clause's list (over the slot-sorted base: a
galloping search per candidate, or one merge pass when the list is at most MERGE_DENSITY
times longer than the candidates are many; one scan of the list if the base is not sorted by
slot; the small tail part is always scanned). What remains in the end carries its exact score; only documents
that reach the k-th best of them are returned.

Invariant: every document whose exhaustive score is at least the exhaustive k-th score is
returned, with exactly the exhaustive score (the same clause order per document, the same
arithmetic), so the caller's top-k, ties included, is that of exhaustive scoring. Comparisons
against θ keep a relative slack of ``EPS`` so floating-point rounding never drops a document.
With ``prune=False`` no clause is deferred and every match is returned: the exhaustive
reference the tests compare against.
"""

from __future__ import annotations

from typing import NamedTuple

import numba
import numpy as np

from indexer.backends.embedded.bm25_kernel import term_score

#: Relative slack on every comparison against θ (rounding errors are ~1e-15 relative).
EPS = 1e-9

#: Bins of the score histogram θ is read from (a lower bound within 1/HIST_BINS of the best score).
HIST_BINS = 4096

#: Candidates merge with a sorted list (instead of galloping) when it is at most this many
#: times longer than they are many.
MERGE_DENSITY = 32


@numba.njit(cache=True, nogil=True)
def ascending_within(ptr: np.ndarray, slots: np.ndarray) -> bool:
    """Whether every ``slots[ptr[i]:ptr[i + 1]]`` is non-decreasing."""
    for i in range(ptr.shape[0] - 1):
        for p in range(ptr[i] + 1, ptr[i + 1]):
            if slots[p] < slots[p - 1]:
                return False
    return True


@numba.njit(cache=True, nogil=True)
def suffix_bounds(weight: np.ndarray, group_end: np.ndarray) -> np.ndarray:
    """``suffix[c]`` = the sum of ``weight[c:group_end[c]]``."""
    n = weight.shape[0]
    suffix = np.zeros(n, dtype=np.float64)
    for c in range(n - 1, -1, -1):
        suffix[c] = weight[c] + (suffix[c + 1] if c + 1 < group_end[c] else 0.0)
    return suffix


@numba.njit(cache=True, nogil=True, inline="always")
def add_score(acc: np.ndarray, hist: np.ndarray, scale: float, s: int, v: float) -> None:
    """``acc[s] += v``, moving ``s`` to its new bin of the score histogram."""
    top_bin = hist.shape[0] - 1
    old = acc[s]
    if old > 0.0:
        hist[min(int(old * scale), top_bin)] -= 1
    new = old + v
    acc[s] = new
    hist[min(int(new * scale), top_bin)] += 1


@numba.njit(cache=True, nogil=True)
def hist_theta(hist: np.ndarray, scale: float, k: int) -> float:
    """A lower bound of the k-th largest score: the lower edge of the highest bin at which
    k scores are counted (0 if fewer). Every count is a document's accumulated score (a
    lower bound of its final score), so at least k final scores reach the edge."""
    count = 0
    for b in range(hist.shape[0] - 1, 0, -1):
        count += hist[b]
        if count >= k:
            return b / scale
    return 0.0


@numba.njit(cache=True, nogil=True)
def score_all(
    slots: np.ndarray,
    tf: np.ndarray,
    weight: float,
    dl: np.ndarray,
    avgdl: float,
    mask: np.ndarray,
    acc: np.ndarray,
    hist: np.ndarray,
    scale: float,
    touched: np.ndarray,
    n_touched: int,
) -> int:
    """Score every posting passing ``mask`` into ``acc`` (``acc[s] == 0``: untouched, since
    scores are > 0); return the new touched count."""
    for i in range(slots.shape[0]):
        s = slots[i]
        if not mask[s]:
            continue
        if acc[s] == 0.0:
            touched[n_touched] = s
            n_touched += 1
        add_score(acc, hist, scale, s, term_score(weight, tf[i], dl[s], avgdl))
    return n_touched


@numba.njit(cache=True, nogil=True)
def gallop(a: np.ndarray, lo: int, hi: int, x: int) -> int:
    """The first index in ``[lo, hi)`` with ``a[i] >= x`` (``hi`` if none); ``a[lo:hi]``
    ascending. Exponential steps from ``lo``, then binary search."""
    step = 1
    bound = lo
    while bound < hi and a[bound] < x:
        lo = bound + 1
        bound = lo + step
        step *= 2
    bound = min(bound, hi)
    while lo < bound:
        mid = (lo + bound) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            bound = mid
    return lo


@numba.njit(cache=True, nogil=True)
def probe_sorted(
    slots: np.ndarray,
    tf: np.ndarray,
    cands: np.ndarray,
    n: int,
    weight: float,
    dl: np.ndarray,
    avgdl: float,
    acc: np.ndarray,
    hist: np.ndarray,
    scale: float,
) -> None:
    """Add the clause's score to the ascending candidates ``cands[:n]`` found in the
    ascending list ``slots``."""
    p = 0
    hi = slots.shape[0]
    for i in range(n):
        s = cands[i]
        p = gallop(slots, p, hi, s)
        if p >= hi:
            return
        while p < hi and slots[p] == s:
            add_score(acc, hist, scale, s, term_score(weight, tf[p], dl[s], avgdl))
            p += 1


@numba.njit(cache=True, nogil=True)
def probe_merge(
    slots: np.ndarray,
    tf: np.ndarray,
    cands: np.ndarray,
    n: int,
    weight: float,
    dl: np.ndarray,
    avgdl: float,
    acc: np.ndarray,
    hist: np.ndarray,
    scale: float,
) -> None:
    """:func:`probe_sorted` by one merge pass (cheaper when the candidates are dense in
    the list)."""
    i = 0
    p = 0
    hi = slots.shape[0]
    while i < n and p < hi:
        s = cands[i]
        x = slots[p]
        if x < s:
            p += 1
        elif x > s:
            i += 1
        else:
            add_score(acc, hist, scale, s, term_score(weight, tf[p], dl[s], avgdl))
            p += 1


@numba.njit(cache=True, nogil=True)
def probe_scan(
    slots: np.ndarray,
    tf: np.ndarray,
    weight: float,
    dl: np.ndarray,
    avgdl: float,
    acc: np.ndarray,
    hist: np.ndarray,
    scale: float,
) -> None:
    """Add the clause's score to the live candidates (``acc > 0``) among ``slots``."""
    for i in range(slots.shape[0]):
        s = slots[i]
        if acc[s] > 0.0:
            add_score(acc, hist, scale, s, term_score(weight, tf[i], dl[s], avgdl))


@numba.njit(cache=True, nogil=True)
def keep_reachable(cands: np.ndarray, n: int, acc: np.ndarray, bound: float, theta: float) -> int:
    """Compact ``cands[:n]`` to those with ``acc + bound >= θ`` (with slack); the dropped
    ones are marked dead (``acc = -1``; they stay counted in the histogram at their last
    score, still a lower bound of a real document's score). Returns the new count."""
    cut = theta * (1.0 - EPS)
    m = 0
    for i in range(n):
        s = cands[i]
        if acc[s] + bound >= cut:
            cands[m] = s
            m += 1
        else:
            acc[s] = -1.0
    return m


@numba.njit(cache=True, nogil=True)
def radix_sort(a: np.ndarray) -> np.ndarray:
    """``a`` (non-negative integers) sorted ascending: LSD radix sort, 11 bits a pass."""
    n = a.shape[0]
    if n == 0:
        return a.copy()
    top = a.max()
    src = a.copy()
    dst = np.empty_like(a)
    shift = 0
    while (top >> shift) > 0:
        count = np.zeros(2049, dtype=np.int64)
        for i in range(n):
            count[((src[i] >> shift) & 2047) + 1] += 1
        for b in range(2048):
            count[b + 1] += count[b]
        for i in range(n):
            d = (src[i] >> shift) & 2047
            dst[count[d]] = src[i]
            count[d] += 1
        src, dst = dst, src
        shift += 11
    return src


@numba.njit(cache=True, nogil=True)
def finish_group(
    first: int,
    end: int,
    group_touched: np.ndarray,
    k: int,
    suffix: np.ndarray,
    base_slots: np.ndarray,
    base_tf: np.ndarray,
    start: np.ndarray,
    stop: np.ndarray,
    base_sorted: bool,
    tail_slots: np.ndarray,
    tail_tf: np.ndarray,
    tail_off: np.ndarray,
    weight: np.ndarray,
    avgdl: np.ndarray,
    norm_dl: np.ndarray,
    acc: np.ndarray,
    hist: np.ndarray,
    scale: float,
) -> None:
    """Phase 2 for one group: apply its deferred clauses ``first:end`` to its candidates,
    the documents its first clauses touched (``group_touched``)."""
    cands = group_touched.copy()
    n = keep_reachable(cands, cands.shape[0], acc, suffix[first], hist_theta(hist, scale, k))
    cands = radix_sort(cands[:n])
    for c in range(first, end):
        n = keep_reachable(cands, n, acc, suffix[c], hist_theta(hist, scale, k))
        if n == 0:
            return
        lo, hi = start[c], stop[c]
        w, a = weight[c], avgdl[c]
        if base_sorted and hi - lo <= MERGE_DENSITY * n:
            probe_merge(
                base_slots[lo:hi], base_tf[lo:hi], cands, n, w, norm_dl, a, acc, hist, scale
            )
        elif base_sorted:
            probe_sorted(
                base_slots[lo:hi], base_tf[lo:hi], cands, n, w, norm_dl, a, acc, hist, scale
            )
        else:
            probe_scan(base_slots[lo:hi], base_tf[lo:hi], w, norm_dl, a, acc, hist, scale)
        t0, t1 = tail_off[c], tail_off[c + 1]
        probe_scan(tail_slots[t0:t1], tail_tf[t0:t1], w, norm_dl, a, acc, hist, scale)


@numba.njit(cache=True, nogil=True)
def collect(
    acc: np.ndarray, touched: np.ndarray, n_touched: int, k: int, prune: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The live documents (``acc > 0``) and their scores — with ``prune``, only those that
    reach the k-th best score — resetting ``acc`` for every touched slot."""
    out_s = np.empty(n_touched, dtype=np.int64)
    out_v = np.empty(n_touched, dtype=np.float64)
    n = 0
    for i in range(n_touched):
        s = touched[i]
        if acc[s] > 0.0:
            out_s[n] = s
            out_v[n] = acc[s]
            n += 1
        acc[s] = 0.0
    if prune and n > k:
        cut = np.partition(out_v[:n].copy(), n - k)[n - k] * (1.0 - EPS)
        m = 0
        for i in range(n):
            if out_v[i] >= cut:
                out_s[m] = out_s[i]
                out_v[m] = out_v[i]
                m += 1
        n = m
    return out_s[:n].copy(), out_v[:n].copy()


@numba.njit(cache=True, nogil=True)
def search_clauses(
    base_slots: np.ndarray,
    base_tf: np.ndarray,
    start: np.ndarray,
    stop: np.ndarray,
    base_sorted: bool,
    tail_slots: np.ndarray,
    tail_tf: np.ndarray,
    tail_off: np.ndarray,
    weight: np.ndarray,
    avgdl: np.ndarray,
    group_end: np.ndarray,
    norm_dl: np.ndarray,
    mask: np.ndarray,
    k: int,
    prune: bool,
    acc: np.ndarray,
    touched: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(slots, scores) of the documents that can be in the top ``k`` (see the module doc).

    Clause ``c`` lists ``base_slots[start[c]:stop[c]]`` and ``tail_slots[tail_off[c]:
    tail_off[c + 1]]`` (term frequencies alongside); clauses are grouped by language
    (contiguous, ``group_end[c]`` one past the last clause of c's group), weight descending
    inside a group. ``acc`` (zeros, one per slot) and ``touched`` are scratch; ``acc`` is all
    zeros again on return. θ is read off a histogram of the accumulated scores (HIST_BINS bins
    up to the best possible score). A group's documents are touched while its clauses are
    scored, so they form one range of ``touched``: its phase-2 candidates.
    """
    suffix = suffix_bounds(weight, group_end)
    hist = np.zeros(HIST_BINS, dtype=np.int64)
    scale = HIST_BINS / (max(suffix.max(), 1e-300) * (1.0 + EPS))
    firsts = np.flatnonzero(np.diff(np.concatenate((np.zeros(1, np.int64), group_end))) != 0)
    firsts = firsts[firsts < weight.shape[0]]
    n_groups = firsts.shape[0]
    by_bound = np.argsort(-suffix[firsts], kind="mergesort")
    cut = np.empty(n_groups, dtype=np.int64)  # per group: its first deferred clause
    t_begin = np.zeros(n_groups, dtype=np.int64)
    t_end = np.zeros(n_groups, dtype=np.int64)
    n_touched = 0
    for g in by_bound:
        cut[g] = group_end[firsts[g]]
        t_begin[g] = n_touched
        for c in range(firsts[g], group_end[firsts[g]]):
            if prune and n_touched >= k and suffix[c] < hist_theta(hist, scale, k) * (1.0 - EPS):
                cut[g] = c
                break
            lo, hi = start[c], stop[c]
            w, a = weight[c], avgdl[c]
            n_touched = score_all(
                base_slots[lo:hi], base_tf[lo:hi], w, norm_dl, a, mask, acc, hist, scale, touched, n_touched
            )  # fmt: skip
            t0, t1 = tail_off[c], tail_off[c + 1]
            n_touched = score_all(
                tail_slots[t0:t1], tail_tf[t0:t1], w, norm_dl, a, mask, acc, hist, scale, touched, n_touched
            )  # fmt: skip
        t_end[g] = n_touched
    for g in by_bound:
        if cut[g] < group_end[firsts[g]]:
            finish_group(
                cut[g], group_end[firsts[g]], touched[t_begin[g] : t_end[g]], k, suffix,
                base_slots, base_tf, start, stop, base_sorted, tail_slots, tail_tf, tail_off,
                weight, avgdl, norm_dl, acc, hist, scale,
            )  # fmt: skip
    return collect(acc, touched, n_touched, k, prune)


class ClausePlan(NamedTuple):
    """How to lay clauses out for :func:`search_clauses`: ``perm`` puts them in group order
    (language, then weight descending, then key); ``group_end`` is in that layout."""

    perm: np.ndarray
    group_end: np.ndarray


def plan_clauses(lang: np.ndarray, weight: np.ndarray, key: np.ndarray) -> ClausePlan:
    """Group the clauses by language, weight descending inside a group (ties by key)."""
    perm = np.lexsort((key, -weight, lang))
    glang = lang[perm]
    bounds = np.flatnonzero(np.diff(glang)) + 1
    ends = np.append(bounds, len(perm)).astype(np.int64)
    group_end = np.repeat(ends, np.diff(np.concatenate(([0], ends))))
    return ClausePlan(perm, group_end)
