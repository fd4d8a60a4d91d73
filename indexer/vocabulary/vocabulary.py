"""The skill vocabulary: canonical skill keys, their spellings, and how related skills are.

Ranking matches a brief's skills against profiles' skills on canonical keys, so "JS",
"JavaScript" and "ECMAScript" are the same skill, and credits related skills partially
(a search for Java can surface Kotlin developers, below exact matches).

* :meth:`SkillVocabulary.canonical` maps any spelling (alias, abbreviation, German / French /
  Spanish name, accent or hyphen variant) to the canonical key, which is
  ``normalise_skill(display name)`` (``"k8s"`` → ``"kubernetes"``, ``"Projektmanagement"`` →
  ``"project management"``); an unknown name comes back as its normalised self.
* :meth:`SkillVocabulary.related` gives related keys with a similarity in (0, 1). Relations
  are symmetric (declared once in the data files, mirrored on load) and never include the
  skill itself.

The default vocabulary is read from the TOML files next to this module (one per domain:
software, data, design, marketing, finance, consulting). Nothing is loaded at import time;
build one with :meth:`SkillVocabulary.default` and pass it around.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from indexer.errors import ConfigurationError
from indexer.profile.model import normalise_skill
from indexer.vocabulary.entries import (
    SkillEntry,
    build_lookup,
    build_relations,
    loose_key,
    parse_entries,
)


class CanonicalMemo(dict[str, str]):
    """``name -> of(name)`` for a pure ``of``, each computed when first read (``memo[name]``)
    and kept; holding ``max_size`` names, the memo starts afresh (profile skill names are free
    text: the set of names is unbounded, a memo must not be). Reads and stores are single
    dict operations (threads may compute one name twice, both storing the same key).

    A vocabulary is not changed once built, so its canonical keys can be remembered across
    queries: ranking a brief canonicalises the ~50 distinct skill names of its candidates,
    which then cost one dict lookup each instead of a normalisation and lookups (and a loose
    fold for names the vocabulary does not know)."""

    __slots__ = ("_max", "_of")

    def __init__(self, of: Callable[[str], str], max_size: int = 65_536) -> None:
        super().__init__()
        self._of, self._max = of, max_size

    def __missing__(self, name: str) -> str:
        key = self._of(name)
        if len(self) >= self._max:
            self.clear()
        self[name] = key
        return key


class SkillVocabulary:
    """Canonical skills with their spellings and symmetric similarity relations."""

    def __init__(self, entries: Iterable[SkillEntry], *, version: str = "custom") -> None:
        self._entries: dict[str, SkillEntry] = {}
        for entry in entries:
            if entry.key in self._entries:
                first = self._entries[entry.key]
                raise ConfigurationError(
                    f"skill vocabulary: '{entry.name}' ({entry.source}) is declared twice "
                    f"(also in {first.source})"
                )
            self._entries[entry.key] = entry
        self._exact, self._loose = build_lookup(self._entries.values())
        self._related = build_relations(self._entries.values(), self._exact, self._loose)
        self.version = version
        #: ``canonical_memo[name] == canonical(name)``, remembered when first read (see
        #: :class:`CanonicalMemo`); a mapping read at C speed (``map(memo.__getitem__, ...)``)
        self.canonical_memo = CanonicalMemo(self._canonical)

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def load(cls, paths: Sequence[Path]) -> SkillVocabulary:
        """A vocabulary from the given TOML files (format: see ``software.toml``)."""
        sources = []
        for path in paths:
            try:
                sources.append((path.name, path.read_bytes()))
            except OSError as exc:
                raise ConfigurationError(f"skill vocabulary {path}: cannot read: {exc}") from exc
        return cls.from_sources(sources)

    @classmethod
    def from_sources(cls, sources: Sequence[tuple[str, bytes]]) -> SkillVocabulary:
        """A vocabulary from (file name, TOML content) pairs; the version hashes them all."""
        entries: list[SkillEntry] = []
        digest = hashlib.sha256()
        for name, raw in sources:
            entries.extend(parse_entries(name, raw))
            digest.update(name.encode())
            digest.update(raw)
        return cls(entries, version=digest.hexdigest()[:12])

    @classmethod
    def default(cls) -> SkillVocabulary:
        """The vocabulary shipped with talentmatch (a few hundred skills, six domains), read
        as package data (works from a wheel or a zip as well as from a source tree)."""
        folder = resources.files("indexer.vocabulary")
        files = sorted(
            (item for item in folder.iterdir() if item.name.endswith(".toml")),
            key=lambda item: item.name,
        )
        return cls.from_sources([(item.name, item.read_bytes()) for item in files])

    # --- queries --------------------------------------------------------------------------
    def canonical(self, name: str) -> str:
        """The canonical key of ``name``; an unknown name is returned normalised."""
        return self.canonical_memo[name]

    def _canonical(self, name: str) -> str:
        """:meth:`canonical`, computed (an unknown name costs a loose-key fold, ~2 µs)."""
        key = normalise_skill(name)
        hit = self._exact.get(key)
        if hit is None:
            hit = self._loose.get(loose_key(key))
        return hit if hit is not None else key

    def known(self, name: str) -> bool:
        """Whether ``name`` (any spelling) is a skill of the vocabulary."""
        return self.canonical(name) in self._entries

    def related(self, name: str) -> dict[str, float]:
        """Related canonical keys → similarity in (0, 1), strongest first (ties by key).

        Symmetric: ``related(a)[b] == related(b)[a]``. Unknown skills have no relations.
        """
        found = self._related.get(self.canonical(name), {})
        return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))

    def similarity(self, a: str, b: str) -> float:
        """1.0 for the same skill, the relation's similarity for related skills, else 0.0."""
        ka, kb = self.canonical(a), self.canonical(b)
        if ka == kb:
            return 1.0
        return self._related.get(ka, {}).get(kb, 0.0)

    def entry(self, name: str) -> SkillEntry | None:
        """The entry of ``name`` (any spelling), or None when unknown."""
        return self._entries.get(self.canonical(name))

    def display_name(self, name: str) -> str:
        """The canonical display name ("Node.js" for "nodejs"); unknown names as given."""
        entry = self.entry(name)
        return entry.name if entry is not None else name

    def localised(self, name: str, lang: str) -> str:
        """The skill's usual name in ``lang`` (de/fr/es), else its display name."""
        entry = self.entry(name)
        if entry is None:
            return name
        return entry.local_names.get(lang, entry.name)

    def domain(self, name: str) -> str | None:
        """The domain the skill is filed under (software, data, design ...), or None."""
        entry = self.entry(name)
        return entry.domain if entry is not None else None

    def canonical_keys(self) -> tuple[str, ...]:
        """Every canonical key, sorted."""
        return tuple(sorted(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[SkillEntry]:
        return iter(self._entries[k] for k in self.canonical_keys())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.known(name)
