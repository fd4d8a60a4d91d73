"""The benchmark's data set and queries: generated profiles tiled to any size, filters of
realistic selectivity, query vectors and query texts.

Row ``i`` of a data set of size N is generated profile ``i mod u`` (u unique profiles,
seed 7) under the id ``b<i>``, with vector ``i`` of :func:`benchmarks._vectors.realistic_vectors`
(around the real MiniLM embedding of that same profile) or of random unit vectors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np

from indexer.backends.filters import (
    And,
    Filter,
    IntervalActive,
    IntervalField,
    KeywordField,
    Not,
    Range,
    RangeField,
    Terms,
    filter_values,
)
from indexer.backends.protocol import Completeness, IndexedProfile
from indexer.backends.reference import matches
from indexer.generate import DEFAULT_AS_OF, generate_profiles
from indexer.profile import Profile, SanctionScope

AS_OF = DEFAULT_AS_OF

ELIGIBLE = And(
    Terms(KeywordField.ACCOUNT_STATUS, "active"),
    Terms(KeywordField.PUBLISHED, True),
    Not(IntervalActive(IntervalField.SANCTIONS, AS_OF, frozenset({SanctionScope.ALL}))),
    Range(RangeField.LAST_LOGIN_AT, gte=AS_OF - timedelta(days=365)),
)


def filters(profiles: list[Profile]) -> dict[str, Filter]:
    """Three filters: the eligibility filter (most pass), + a country and a language (about a
    tenth), + a mid-frequency skill and a rate cap (about 1 %)."""
    skill_counts: dict[str, int] = {}
    for p in profiles:
        for s in p.skill_keys:
            skill_counts[s] = skill_counts.get(s, 0) + 1
    # a skill held by ~3 % of profiles
    target = 0.03 * len(profiles)
    skill = min(skill_counts, key=lambda s: (abs(skill_counts[s] - target), s))
    return {
        "eligible": ELIGIBLE,
        "eligible+country+lang": And(
            ELIGIBLE, Terms(KeywordField.COUNTRY, "DE"), Terms(KeywordField.LANGUAGES, "en")
        ),
        "eligible+skill+rate": And(
            ELIGIBLE, Terms(KeywordField.SKILLS, skill), Range(RangeField.DAILY_RATE, lte=700)
        ),
    }


@dataclass
class Dataset:
    """N rows over ``unique`` generated profiles, with their vectors."""

    unique: list[Profile]
    vectors: np.ndarray  # (N, d) unit vectors
    vector_kind: str
    _masks: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.vectors)

    def row_id(self, i: int) -> str:
        return f"b{i:07d}"

    def docs(self, start: int = 0, stop: int | None = None) -> Iterator[IndexedProfile]:
        """Rows as indexed documents (profiles re-identified; vectors as given)."""
        u = len(self.unique)
        for i in range(start, self.n if stop is None else stop):
            p = self.unique[i % u].model_copy(update={"id": self.row_id(i)})
            yield IndexedProfile(p, self.vectors[i], Completeness(0.5, ()), f"{i:016x}")

    def mask(self, name: str, f: Filter) -> np.ndarray:
        """Which rows pass ``f``: the reference semantics on the unique profiles, tiled."""
        if name not in self._masks:
            base = np.array([matches(f, filter_values(p)) for p in self.unique])
            self._masks[name] = base[np.arange(self.n) % len(base)]
        return self._masks[name]


def unique_profiles(u: int) -> list[Profile]:
    return list(generate_profiles(u, seed=7))
