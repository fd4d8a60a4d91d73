"""The client's brief: the criteria of a project, typed and validated.

A brief is what a client (self-service) or the sourcing team (curated) asks for. It is frozen,
rejects unknown fields, and every invalid value fails with an error naming the field
(:func:`parse_brief` turns pydantic's errors into :class:`~indexer.errors.InvalidInputError`
problems such as ``field 'location.radius_km': Input should be greater than 0``).

Briefs come from JSON or TOML files (:func:`load_brief`), from CLI flags, or from the API.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from indexer.errors import InputFileError, InvalidInputError, Problem
from indexer.profile.enums import LanguageLevel, RemoteMode, Seniority
from indexer.profile.model import normalise_skill

#: Largest brief file read (a brief is a few hundred bytes; anything huge is a mistake or an attack).
MAX_BRIEF_BYTES = 256 * 1024

SkillName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


class SearchMode(StrEnum):
    """Who searches: a client on their own, or the sourcing team for the curated (Plus) service."""

    SELF_SERVICE = "self_service"
    CURATED = "curated"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class LanguageRequirement(_Model):
    """A language the freelancer must speak, at ``min_level`` or better."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    min_level: LanguageLevel = LanguageLevel.PROFESSIONAL


class LocationCriteria(_Model):
    """Where the work happens.

    ``remote`` is the working mode the client offers (``remote``: anywhere; ``onsite`` /
    ``hybrid``: at the place given by ``lat``/``lon`` or ``city``/``country``). ``radius_km``
    is the distance within which the location fit is full; beyond it the fit decays.
    """

    city: str | None = Field(default=None, min_length=1, max_length=100)
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    radius_km: float = Field(default=50.0, gt=0, le=20_000)
    remote: RemoteMode | None = None

    @model_validator(mode="after")
    def _coordinates_in_pairs(self) -> Self:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        return self

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


class Brief(_Model):
    """A project as the client describes it (see the module docstring)."""

    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=20_000)
    must_have_skills: tuple[SkillName, ...] = Field(default=(), max_length=30)
    nice_to_have_skills: tuple[SkillName, ...] = Field(default=(), max_length=30)
    languages: tuple[LanguageRequirement, ...] = Field(default=(), max_length=10)
    location: LocationCriteria | None = None
    max_daily_rate: float | None = Field(default=None, gt=0, le=100_000)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    start_date: date | None = None
    duration_days: int | None = Field(default=None, ge=1, le=3650)
    seniority: Seniority | None = None
    sector: Slug | None = None
    profile_type: Slug | None = None
    mode: SearchMode = SearchMode.SELF_SERVICE

    @field_validator("must_have_skills", "nice_to_have_skills")
    @classmethod
    def _unique_skills(cls, skills: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()
        for s in skills:
            if normalise_skill(s) in seen:
                raise ValueError(f"skill '{s}' is listed twice")
            seen.add(normalise_skill(s))
        return skills

    @field_validator("languages")
    @classmethod
    def _unique_languages(
        cls, langs: tuple[LanguageRequirement, ...]
    ) -> tuple[LanguageRequirement, ...]:
        codes = [lang.code for lang in langs]
        if len(codes) != len(set(codes)):
            raise ValueError("a language is listed twice")
        return langs

    @model_validator(mode="after")
    def _skills_not_both(self) -> Self:
        both = {normalise_skill(s) for s in self.must_have_skills} & {
            normalise_skill(s) for s in self.nice_to_have_skills
        }
        if both:
            raise ValueError(
                f"skills listed as both must-have and nice-to-have: {', '.join(sorted(both))}"
            )
        return self

    def with_mode(self, mode: SearchMode) -> Brief:
        """The same brief for another search mode."""
        return self.model_copy(update={"mode": mode})


def _problems(exc: ValidationError, prefix: str = "") -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "<brief>"
        out.append(Problem(field=f"{prefix}{loc}", message=err["msg"]))
    return out


def parse_brief(data: Any, *, source: str | None = None) -> Brief:
    """Validate plain data (a dict from JSON/TOML/the API) into a :class:`Brief`.

    Raises :class:`InvalidInputError` listing every problem with its field.
    """
    if not isinstance(data, dict):
        raise InvalidInputError(
            [Problem(field="<brief>", message=f"expected an object, got {type(data).__name__}")],
            source=source,
        )
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(_problems(exc), source=source) from None


def load_brief(path: Path) -> Brief:
    """Read a brief from a ``.json`` or ``.toml`` file."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputFileError(f"cannot read the brief: {exc.strerror}", source=source) from None
    if size > MAX_BRIEF_BYTES:
        raise InputFileError(
            f"the brief is {size} bytes, more than the {MAX_BRIEF_BYTES} allowed", source=source
        )
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
        if suffix == ".json":
            data = json.loads(raw.decode("utf-8"))
        elif suffix == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            raise InputFileError(
                f"unknown brief format '{suffix or '(none)'}': use .json or .toml", source=source
            )
    except UnicodeDecodeError:
        raise InputFileError("the brief is not UTF-8 text", source=source) from None
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", source=source
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(f"invalid TOML: {exc}", source=source) from None
    return parse_brief(data, source=source)
