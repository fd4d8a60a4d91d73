"""Content moderation of projects: word lists in en/de/fr/es plus pluggable classifiers."""

from api.moderation.protocol import ContentClassifier, Verdict
from api.moderation.service import Moderator
from api.moderation.wordlist import WordListClassifier

__all__ = ["ContentClassifier", "Moderator", "Verdict", "WordListClassifier"]
