"""Runs every configured classifier over a project's texts; the first verdict wins."""

from __future__ import annotations

from collections.abc import Sequence

from api.moderation.protocol import ContentClassifier, Verdict


class Moderator:
    def __init__(self, classifiers: Sequence[ContentClassifier]) -> None:
        self._classifiers = tuple(classifiers)

    def check(self, fields: dict[str, str]) -> tuple[str, Verdict] | None:
        """``(field, verdict)`` for the first field a classifier rejects, else ``None``."""
        for field, text in fields.items():
            if not text:
                continue
            for c in self._classifiers:
                verdict = c.classify(text)
                if verdict is not None:
                    return field, verdict
        return None
