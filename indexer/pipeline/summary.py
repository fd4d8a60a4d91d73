"""What one indexing run did."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """Counts of one run. ``embedded`` counts texts the model actually encoded (cache misses)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    elapsed_s: float = 0.0
    embedded: int = 0

    @property
    def written(self) -> int:
        """Documents sent to the backend (added + updated)."""
        return self.added + self.updated

    @property
    def seen(self) -> int:
        """Profiles in the input."""
        return self.added + self.updated + self.unchanged
