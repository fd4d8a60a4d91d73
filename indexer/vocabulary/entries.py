"""Reading the skill vocabulary's TOML files into checked entries and relations.

Each file (``software.toml``, ``data.toml`` ...) holds a ``domain`` and a ``[skills]`` table
keyed by the skill's display name; see ``software.toml`` for the format. Loading checks
everything and raises :class:`~indexer.errors.ConfigurationError` naming the file and skill:
unknown fields, an alias claimed by two skills, a relation to an unknown skill or to itself,
a similarity outside (0, 1), and a pair declared twice with different similarities.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from indexer.errors import ConfigurationError
from indexer.profile.model import normalise_skill

#: Languages a skill may have its own name in (besides the English display name).
LOCAL_LANGUAGES: tuple[str, ...] = ("de", "fr", "es")

_ENTRY_FIELDS = {"aliases", "related", "de", "fr", "es"}


def loose_key(name: str) -> str:
    """A forgiving form of a skill name for matching spellings: the normalised key without
    accents, spaces, hyphens or underscores (``"Spring-Boot"`` and ``"springboot"`` agree,
    ``"Gestión de proyectos"`` and ``"gestion de proyectos"`` too). ``.``, ``#``, ``+`` and
    ``/`` are kept, so ``C``, ``C#`` and ``C++`` stay apart."""
    folded = unicodedata.normalize("NFKD", normalise_skill(name))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return "".join(ch for ch in folded if ch not in " -_")


@dataclass(frozen=True, slots=True)
class SkillEntry:
    """One canonical skill: its key, display name, domain, names and declared relations."""

    key: str
    name: str
    domain: str
    aliases: tuple[str, ...] = ()
    local_names: dict[str, str] = field(default_factory=dict)
    related: dict[str, float] = field(default_factory=dict)  # as written (names, not keys)
    source: str = ""

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every name that means this skill: display name, aliases, local names."""
        return (self.name, *self.aliases, *self.local_names.values())


def _fail(source: str, skill: str | None, message: str) -> ConfigurationError:
    where = f"{source}: skill '{skill}'" if skill else source
    return ConfigurationError(f"skill vocabulary {where}: {message}")


def _entry(source: str, domain: str, name: str, raw: Any) -> SkillEntry:
    if not isinstance(raw, dict):
        raise _fail(source, name, "expected a table { aliases = [...], related = {...} }")
    unknown = sorted(set(raw) - _ENTRY_FIELDS)
    if unknown:
        raise _fail(source, name, f"unknown field(s) {', '.join(unknown)}")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise _fail(source, name, "'aliases' must be a list of non-empty strings")
    local = {}
    for lang in LOCAL_LANGUAGES:
        if lang in raw:
            if not isinstance(raw[lang], str) or not raw[lang].strip():
                raise _fail(source, name, f"'{lang}' must be a non-empty string")
            local[lang] = raw[lang].strip()
    related = raw.get("related", {})
    if not isinstance(related, dict):
        raise _fail(source, name, "'related' must be a table of name = similarity")
    for other, value in related.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
            raise _fail(source, name, f"similarity to '{other}' must be in (0, 1), got {value!r}")
    return SkillEntry(
        key=normalise_skill(name),
        name=name.strip(),
        domain=domain,
        aliases=tuple(a.strip() for a in aliases),
        local_names=local,
        related={str(k): float(v) for k, v in related.items()},
        source=source,
    )


def parse_entries(source: str, raw: bytes) -> list[SkillEntry]:
    """The entries of one vocabulary file's content (``source`` names it in errors)."""
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _fail(source, None, f"cannot read: {exc}") from exc
    unknown = sorted(set(data) - {"domain", "skills"})
    if unknown:
        raise _fail(source, None, f"unknown top-level key(s) {', '.join(unknown)}")
    domain = data.get("domain")
    if not isinstance(domain, str) or not domain:
        raise _fail(source, None, "'domain' must be a non-empty string")
    skills = data.get("skills")
    if not isinstance(skills, dict) or not skills:
        raise _fail(source, None, "a non-empty [skills] table is required")
    return [_entry(source, domain, name, raw) for name, raw in skills.items()]


def build_lookup(entries: Iterable[SkillEntry]) -> tuple[dict[str, str], dict[str, str]]:
    """Exact (normalised) and loose spelling → canonical key; a spelling claimed by two
    different skills is an error."""
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    owner: dict[str, SkillEntry] = {}
    for entry in entries:
        for spelling in entry.spellings:
            for table, form in ((exact, normalise_skill(spelling)), (loose, loose_key(spelling))):
                seen = table.get(form)
                if seen is not None and seen != entry.key:
                    raise _fail(
                        entry.source,
                        entry.name,
                        f"spelling '{spelling}' also means '{owner[seen].name}' "
                        f"({owner[seen].source})",
                    )
                table[form] = entry.key
        owner[entry.key] = entry
    return exact, loose


def build_relations(
    entries: Iterable[SkillEntry], resolve: dict[str, str], loose: dict[str, str]
) -> dict[str, dict[str, float]]:
    """Symmetric relation table key → {related key: similarity} from the declared pairs."""
    out: dict[str, dict[str, float]] = {}
    for entry in entries:
        for other_name, value in entry.related.items():
            other = resolve.get(normalise_skill(other_name)) or loose.get(loose_key(other_name))
            if other is None:
                raise _fail(entry.source, entry.name, f"related skill '{other_name}' is unknown")
            if other == entry.key:
                raise _fail(entry.source, entry.name, "a skill cannot be related to itself")
            previous = out.get(entry.key, {}).get(other)
            if previous is not None and previous != value:
                raise _fail(
                    entry.source,
                    entry.name,
                    f"relation to '{other_name}' declared twice ({previous} and {value})",
                )
            out.setdefault(entry.key, {})[other] = value
            out.setdefault(other, {})[entry.key] = value
    return out
