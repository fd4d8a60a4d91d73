"""How the generator writes a skill on a profile: canonical name, localised or re-spelled.

Freelancers do not all write "JavaScript": some write "JS", a German consultant lists
"Projektmanagement" rather than "Project Management". The generator reproduces that so the
skill vocabulary (:mod:`indexer.vocabulary`) has real work to do, while every name it emits is
one the vocabulary resolves to the role's canonical skill.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from indexer.profile.model import normalise_skill
from indexer.vocabulary import LOCAL_LANGUAGES, SkillVocabulary

#: Chance that a skill with known alternative spellings is written with one of them.
VARIANT_RATE = 0.08
#: Chance that a skill with a name in the profile's language is written with it.
LOCALISED_RATE = 0.5


@dataclass(frozen=True)
class SkillNamer:
    """Chooses the written form of canonical skills (see module docstring)."""

    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    localised: dict[str, dict[str, str]] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def default(cls) -> SkillNamer:
        """Common re-spellings (below) and the local names of the default skill vocabulary."""
        return cls.from_vocabulary(SkillVocabulary.default())

    @classmethod
    def from_vocabulary(cls, vocabulary: SkillVocabulary) -> SkillNamer:
        localised = {
            entry.key: {
                lang: name
                for lang, name in entry.local_names.items()
                if lang in LOCAL_LANGUAGES and normalise_skill(name) != entry.key
            }
            for entry in vocabulary
        }
        return cls(variants=dict(_VARIANTS), localised={k: v for k, v in localised.items() if v})

    def display(self, canonical: str, lang: str, rnd: random.Random) -> str:
        """The name as this freelancer writes it (a draw from ``rnd``)."""
        key = self.key(canonical)
        names = self.localised.get(key)
        if lang != "en" and names and lang in names and rnd.random() < LOCALISED_RATE:
            return names[lang]
        options = self.variants.get(key)
        if options and rnd.random() < VARIANT_RATE:
            return rnd.choice(options)
        return canonical

    def key(self, name: str) -> str:
        """``normalise_skill(name)``, memoised (the generator asks for the same few hundred)."""
        found = self._keys.get(name)
        if found is None:
            found = self._keys[name] = normalise_skill(name)
        return found


_VARIANTS: dict[str, tuple[str, ...]] = {
    "javascript": ("JS", "Javascript", "ECMAScript"),
    "typescript": ("TS",),
    "kubernetes": ("K8s",),
    "postgresql": ("Postgres",),
    "node.js": ("NodeJS", "Node"),
    "react": ("React.js", "ReactJS"),
    "vue.js": ("Vue", "VueJS"),
    "google cloud platform": ("GCP", "Google Cloud"),
    "microsoft azure": ("Azure",),
    "c#": ("C Sharp",),
    "go": ("Golang",),
    "machine learning": ("ML",),
    "seo": ("Search Engine Optimization",),
    "sem": ("SEA", "Search Engine Marketing"),
    "power bi": ("PowerBI",),
    "apache kafka": ("Kafka",),
    "apache spark": ("Spark", "PySpark"),
    "apache airflow": ("Airflow",),
    "user research": ("UX Research",),
    "ci/cd": ("Continuous Integration",),
}
