"""What every metric needs: the cut ranking and the number of relevant documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: Grade from which a document counts as relevant for binary measures (trec_eval ``-l 1``).
DEFAULT_THRESHOLD = 1


def cut(ranking: Sequence[str], k: int | None) -> Sequence[str]:
    """The first ``k`` documents (all of them when ``k`` is None)."""
    if k is not None and k < 1:
        raise ValueError(f"cutoff k must be >= 1, got {k}")
    return ranking if k is None else ranking[:k]


def is_relevant(doc: str, judged: Mapping[str, int], threshold: int) -> bool:
    """Judged with a grade >= threshold; unjudged documents are non-relevant."""
    return judged.get(doc, 0) >= threshold


def num_relevant(judged: Mapping[str, int], threshold: int) -> int:
    """How many judged documents are relevant."""
    return sum(1 for g in judged.values() if g >= threshold)
