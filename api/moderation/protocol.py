"""The hook a content classifier implements (word lists, an ML model, an external service)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a text is rejected: which classifier, the category and a human-readable reason."""

    classifier: str
    category: str
    reason: str


@runtime_checkable
class ContentClassifier(Protocol):
    @property
    def name(self) -> str: ...

    def classify(self, text: str) -> Verdict | None:
        """A verdict when the text must not be forwarded; ``None`` when it is acceptable."""
        ...
