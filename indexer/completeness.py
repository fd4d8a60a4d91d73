"""Profile completeness: a score in [0, 1] and the list of what is missing.

Components and their defaults follow Malt's published profile requirements:

* help.malt.com, "Visibility of my profile" (guide "What are the criteria to be visible?"): a
  profile is complete with a profile photo, tags (skills), a description of at least 200
  words, a title and a visible average daily rate; the freelancer must have said they are
  available.
* help.malt.com, "What's a good profile?": a professional photo; a selection of keywords of
  which 7 "major" ones carry more weight in search; a portfolio for creative work; a rate
  that reflects the expertise; keeping one's availability up to date.

From these the engine takes nine components (:class:`Component`): photo, headline,
description (>= ``description_min_words`` words, default 200), skills (>= ``min_skills``,
default 7), a daily rate, availability confirmed within ``availability_max_age_days`` (default
7, "up to date" made concrete), spoken languages, location (city and country) and portfolio.

Formula (``w_c`` the configured weight, ``s_c`` in [0, 1] the component's satisfaction)::

    score = sum_c(w_c * s_c) / sum_c(w_c)

``s_c`` is 1 or 0, except for the two counted components which earn partial credit when
``partial_credit`` is on (the default): ``min(1, words / description_min_words)`` and
``min(1, n_skills / min_skills)``. A component is *missing* when ``s_c < 1``; missing keys
come in :class:`Component` order. Weights are equal by default: Malt publishes the
requirements, not their relative importance. Everything is configurable through
:class:`CompletenessConfig` (a TOML file, see :meth:`CompletenessConfig.load`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from indexer.backends.protocol import Completeness
from indexer.errors import ConfigurationError
from indexer.profile.model import Profile


class Component(StrEnum):
    """What a complete profile has (the keys listed in ``Completeness.missing``)."""

    PHOTO = "photo"
    HEADLINE = "headline"
    DESCRIPTION = "description"
    SKILLS = "skills"
    DAILY_RATE = "daily_rate"
    AVAILABILITY = "availability"
    LANGUAGES = "languages"
    LOCATION = "location"
    PORTFOLIO = "portfolio"


class CompletenessConfig(BaseModel):
    """Weights and thresholds of the completeness score (defaults: see the module docstring).

    TOML form::

        description_min_words = 200
        min_skills = 7
        availability_max_age_days = 7
        partial_credit = true

        [weights]
        photo = 1.0
        portfolio = 0.5   # components not listed keep weight 1.0; 0 switches one off
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[Component, float] = Field(default_factory=lambda: dict.fromkeys(Component, 1.0))
    description_min_words: int = Field(default=200, ge=1)
    min_skills: int = Field(default=7, ge=1)
    availability_max_age_days: float = Field(default=7, gt=0)
    partial_credit: bool = True

    @field_validator("weights")
    @classmethod
    def _check_weights(cls, weights: dict[Component, float]) -> dict[Component, float]:
        for comp, w in weights.items():
            if w < 0:
                raise ValueError(f"weight of '{comp}' must not be negative")
        full = {**dict.fromkeys(Component, 1.0), **weights}
        if sum(full.values()) <= 0:
            raise ValueError("at least one weight must be positive")
        return full

    @classmethod
    def load(cls, path: Path) -> CompletenessConfig:
        """Read a TOML file; a missing file or a bad value is a :class:`ConfigurationError`."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigurationError(
                f"{path}: cannot read completeness configuration: {exc}"
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigurationError(f"{path}: not valid TOML: {exc}") from exc
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            details = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '<config>'}: {e['msg']}"
                for e in exc.errors()
            )
            raise ConfigurationError(
                f"{path}: invalid completeness configuration: {details}"
            ) from exc


_DEFAULT = CompletenessConfig()


def _ratio(have: int, need: int, partial: bool) -> float:
    if have >= need:
        return 1.0
    return have / need if partial else 0.0


def component_scores(
    profile: Profile, as_of: datetime, config: CompletenessConfig
) -> dict[Component, float]:
    """Each component's satisfaction ``s_c`` in [0, 1] for ``profile`` at time ``as_of``."""
    confirmed = profile.availability.confirmed_at
    max_age = timedelta(days=config.availability_max_age_days)
    return {
        Component.PHOTO: float(profile.has_photo),
        Component.HEADLINE: float(bool(profile.headline.strip())),
        Component.DESCRIPTION: _ratio(
            len(profile.description.split()), config.description_min_words, config.partial_credit
        ),
        Component.SKILLS: _ratio(len(profile.skills), config.min_skills, config.partial_credit),
        Component.DAILY_RATE: float(profile.daily_rate is not None),
        Component.AVAILABILITY: float(confirmed is not None and as_of - confirmed <= max_age),
        Component.LANGUAGES: float(bool(profile.languages)),
        Component.LOCATION: float(
            bool(profile.city and profile.city.strip()) and profile.country is not None
        ),
        Component.PORTFOLIO: float(bool(profile.portfolio)),
    }


def completeness(
    profile: Profile, as_of: datetime, config: CompletenessConfig | None = None
) -> Completeness:
    """The completeness of ``profile`` at ``as_of`` (see the module docstring for the formula)."""
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    cfg = config or _DEFAULT
    scores = component_scores(profile, as_of, cfg)
    total = sum(cfg.weights[c] for c in Component)
    score = sum(cfg.weights[c] * s for c, s in scores.items()) / total
    missing = tuple(c.value for c in Component if scores[c] < 1.0 and cfg.weights[c] > 0)
    return Completeness(score=min(1.0, max(0.0, score)), missing=missing)


def completeness_hints(
    missing: Iterable[str], config: CompletenessConfig | None = None
) -> list[str]:
    """One English sentence per missing component, telling the freelancer what to add.

    Unknown keys are ignored (they may come from an index built by a newer version).
    """
    cfg = config or _DEFAULT
    hints = {
        Component.PHOTO: "Add a profile photo: clients contact profiles with a professional photo far more often.",
        Component.HEADLINE: "Add a title (headline) that says what you do, e.g. 'Senior data engineer, Spark and Airflow'.",
        Component.DESCRIPTION: f"Describe your experience and how you work in at least {cfg.description_min_words} words.",
        Component.SKILLS: f"List at least {cfg.min_skills} skills, the most important ones first.",
        Component.DAILY_RATE: "Show your daily rate.",
        Component.AVAILABILITY: f"Confirm your availability (at least every {cfg.availability_max_age_days:g} days).",
        Component.LANGUAGES: "Add the languages you work in and your level in each.",
        Component.LOCATION: "Add your city and country, so clients nearby and on-site projects can find you.",
        Component.PORTFOLIO: "Add portfolio items that show your past work.",
    }
    out: list[str] = []
    for key in missing:
        try:
            out.append(hints[Component(key)])
        except ValueError:
            continue
    return out
