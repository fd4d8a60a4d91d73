"""Measure names (``ndcg@10``, ``map``, ``mrr``, ``p@5``, ``recall@100``, ``hit@10``) as typed values."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from eval.metrics.average_precision import average_precision
from eval.metrics.hit_rate import hit_rate
from eval.metrics.ndcg import ndcg
from eval.metrics.precision import precision
from eval.metrics.recall import recall
from eval.metrics.reciprocal_rank import reciprocal_rank
from indexer.errors import InvalidInputError, Problem


class MeasureKind(StrEnum):
    NDCG = "ndcg"
    MAP = "map"
    MRR = "mrr"
    PRECISION = "p"
    RECALL = "recall"
    HIT = "hit"


_ALIASES = {
    "ndcg": MeasureKind.NDCG,
    "map": MeasureKind.MAP,
    "ap": MeasureKind.MAP,
    "mrr": MeasureKind.MRR,
    "recip_rank": MeasureKind.MRR,
    "rr": MeasureKind.MRR,
    "p": MeasureKind.PRECISION,
    "precision": MeasureKind.PRECISION,
    "recall": MeasureKind.RECALL,
    "r": MeasureKind.RECALL,
    "hit": MeasureKind.HIT,
    "hit_rate": MeasureKind.HIT,
    "success": MeasureKind.HIT,
}
_NEEDS_K = {MeasureKind.PRECISION, MeasureKind.HIT}
_PATTERN = re.compile(r"^\s*([a-z_]+)\s*(?:@\s*(\d+))?\s*$")


@dataclass(frozen=True, slots=True)
class Measure:
    """A metric family and its cutoff (None: the whole ranking)."""

    kind: MeasureKind
    k: int | None = None

    @property
    def name(self) -> str:
        """Canonical name, e.g. ``ndcg@10`` or ``map``."""
        return self.kind.value if self.k is None else f"{self.kind.value}@{self.k}"

    @property
    def trec_name(self) -> str | None:
        """The trec_eval (pytrec_eval) measure computing the same value, if there is one."""
        k = self.k
        return {
            MeasureKind.NDCG: "ndcg" if k is None else f"ndcg_cut_{k}",
            MeasureKind.MAP: "map" if k is None else f"map_cut_{k}",
            MeasureKind.MRR: "recip_rank" if k is None else None,
            MeasureKind.PRECISION: f"P_{k}",
            MeasureKind.RECALL: None if k is None else f"recall_{k}",
            MeasureKind.HIT: f"success_{k}",
        }[self.kind]

    def function(self, threshold: int = 1) -> Callable[[Sequence[str], Mapping[str, int]], float]:
        """The per-query function ``f(ranking, judged) -> float`` of this measure."""
        k = self.k
        match self.kind:
            case MeasureKind.NDCG:
                return lambda r, j: ndcg(r, j, k)
            case MeasureKind.MAP:
                return lambda r, j: average_precision(r, j, k, threshold)
            case MeasureKind.MRR:
                return lambda r, j: reciprocal_rank(r, j, k, threshold)
            case MeasureKind.PRECISION:
                return lambda r, j: precision(r, j, k or 1, threshold)
            case MeasureKind.RECALL:
                return lambda r, j: recall(r, j, k, threshold)
            case MeasureKind.HIT:
                return lambda r, j: hit_rate(r, j, k or 1, threshold)

    @classmethod
    def parse(cls, text: str) -> Measure:
        """``"nDCG@10"`` → ``Measure(NDCG, 10)``; raises InvalidInputError on unknown names."""
        m = _PATTERN.match(text.lower())
        kind = _ALIASES.get(m.group(1)) if m else None
        if m is None or kind is None:
            raise InvalidInputError([Problem("measure", f"unknown measure {text!r} (known: {', '.join(sorted(_ALIASES))})")])
        k = int(m.group(2)) if m.group(2) else None
        if k is not None and k < 1:
            raise InvalidInputError([Problem("measure", f"cutoff must be >= 1 in {text!r}")])
        if k is None and kind in _NEEDS_K:
            raise InvalidInputError([Problem("measure", f"{kind.value} needs a cutoff, e.g. {kind.value}@10")])
        return cls(kind, k)


#: What ``eval run`` and ``eval titles`` report unless told otherwise.
DEFAULT_MEASURES = ("map", "ndcg@10", "mrr", "p@10", "recall@10", "recall@100", "hit@10")


def parse_measures(names: Iterable[str]) -> list[Measure]:
    """Parse several names, keeping their order and dropping duplicates."""
    out: list[Measure] = []
    for n in names:
        m = Measure.parse(n)
        if m not in out:
            out.append(m)
    return out
