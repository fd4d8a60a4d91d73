"""Skill vocabulary: canonical skill keys, synonyms in four languages, related skills."""

from indexer.vocabulary.entries import LOCAL_LANGUAGES, SkillEntry, loose_key
from indexer.vocabulary.vocabulary import SkillVocabulary

__all__ = ["LOCAL_LANGUAGES", "SkillEntry", "SkillVocabulary", "loose_key"]
