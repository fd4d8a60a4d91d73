"""Skill matching through the skill vocabulary: canonical keys, related skills, query expansion.

The ranker needs only two things from a vocabulary (``indexer.vocabulary.SkillVocabulary``
provides both): ``canonical(name)`` — the canonical key of a skill name, so synonyms match
(``"golang"`` and ``"go"``) — and ``related(key)`` — related canonical keys with a similarity
in (0, 1) (``java`` → ``kotlin`` 0.7). :class:`SkillRelations` is that protocol, so tests may
pass a small vocabulary of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from indexer.profile.model import normalise_skill
from indexer.vocabulary.vocabulary import CanonicalMemo


class SkillRelations(Protocol):
    def canonical(self, name: str) -> str: ...

    def related(self, key: str) -> Mapping[str, float]: ...


@dataclass(frozen=True, slots=True)
class AskedSkill:
    """A skill of the brief: as written, its canonical key, its related skills."""

    name: str
    key: str
    related: Mapping[str, float]
    must_have: bool
    #: Skill keys, as profiles store them (``normalise_skill(name)``), that mean this skill.
    forms: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """How one asked skill matched one profile: ``exact``, ``related`` via ``via``, or missing."""

    asked: AskedSkill
    value: float
    via: str | None = None  # the profile's skill name that matched (related matches)

    @property
    def exact(self) -> bool:
        return self.value >= 1.0

    @property
    def missing(self) -> bool:
        return self.value <= 0.0


class CanonicalCache:
    """``canonical`` of profile skill names, remembered (names repeat a lot): in the
    vocabulary's own memo when it has one (``canonical_memo``, as
    :class:`~indexer.vocabulary.vocabulary.SkillVocabulary` does: kept across queries), else
    in one of this cache's (one query). :attr:`keys` is that memo: ``keys[name]`` is
    ``canonical(name)`` for every name (a dict read at C speed, computed when first read)."""

    __slots__ = ("keys", "vocabulary")

    def __init__(self, vocabulary: SkillRelations) -> None:
        self.vocabulary = vocabulary
        shared = getattr(vocabulary, "canonical_memo", None)
        self.keys: Mapping[str, str] = (shared if shared is not None
                                        else CanonicalMemo(vocabulary.canonical))

    def __call__(self, name: str) -> str:
        return self.keys[name]


def asked_skills(
    must: tuple[str, ...], nice: tuple[str, ...], vocabulary: SkillRelations
) -> tuple[AskedSkill, ...]:
    out: list[AskedSkill] = []
    for names, is_must in ((must, True), (nice, False)):
        for name in names:
            key = vocabulary.canonical(name)
            rel = {k: v for k, v in vocabulary.related(key).items() if k != key}
            forms = {normalise_skill(name), key}
            entry = getattr(vocabulary, "entry", None)  # optional: spellings of the vocabulary
            found = entry(key) if entry is not None else None
            if found is not None:
                forms |= {normalise_skill(sp) for sp in found.spellings}
            out.append(
                AskedSkill(
                    name=name, key=key, related=rel, must_have=is_must, forms=frozenset(forms)
                )
            )
    return tuple(out)


def expansions(skills: tuple[AskedSkill, ...], min_similarity: float, per_skill: int) -> list[str]:
    """Related skill keys added to the lexical query, most similar first (ties by key)."""
    asked = {s.key for s in skills}
    out: list[str] = []
    for s in skills:
        ranked = sorted(
            ((k, v) for k, v in s.related.items() if v >= min_similarity and k not in asked),
            key=lambda kv: (-kv[1], kv[0]),
        )
        for k, _ in ranked[:per_skill]:
            if k not in out:
                out.append(k)
    return out


def surface_forms(skill: AskedSkill) -> set[str]:
    """Skill keys (as profiles store them) that count as having ``skill`` for a hard filter:
    the name as asked, its canonical key, and every spelling the vocabulary lists for it
    (aliases, German/French/Spanish names). Spellings the vocabulary only matches loosely
    (``springboot`` for ``spring boot``) are not among them."""
    return {normalise_skill(skill.name), skill.key, *skill.forms}
