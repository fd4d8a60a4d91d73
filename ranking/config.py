"""The ranking configuration: weights, fusion, candidates, skills, exposure, FX (TOML, versioned).

Shipped defaults live in ``ranking/defaults/ranking.toml``; :meth:`RankingConfig.load` reads
another file. Every ranked result carries ``version`` so evaluations can tell configurations
apart.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from indexer.errors import InvalidInputError, Problem
from ranking.signals import SignalName
from ranking.tomlconfig import default_toml, read_toml, validate

CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class FusionMethod(StrEnum):
    """How the lexical and dense candidate lists are merged."""

    RRF = "rrf"  # reciprocal rank fusion: sum of w / (k + rank)
    NORMALISED = "normalised"  # min-max normalised scores, weighted sum


class MustHaveMode(StrEnum):
    """``hard``: a profile lacking a must-have skill (or a synonym) is not retrieved at all.
    ``soft``: it is retrieved and loses skill coverage."""

    HARD = "hard"
    SOFT = "soft"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FusionConfig(_Model):
    method: FusionMethod = FusionMethod.RRF
    rrf_k: float = Field(default=60.0, gt=0)
    lexical_weight: float = Field(default=1.0, ge=0)
    dense_weight: float = Field(default=1.0, ge=0)

    @model_validator(mode="after")
    def _some_weight(self) -> Self:
        if self.lexical_weight + self.dense_weight <= 0:
            raise ValueError("lexical_weight and dense_weight cannot both be 0")
        return self


class SkillConfig(_Model):
    must_have: MustHaveMode = MustHaveMode.SOFT
    must_have_weight: float = Field(default=2.0, ge=0)
    nice_to_have_weight: float = Field(default=1.0, ge=0)
    #: Credit of a related skill relative to its similarity (< 1: exact beats related).
    related_credit: float = Field(default=0.8, ge=0, lt=1)
    #: Related skills at least this similar are added to the lexical query.
    expansion_min_similarity: float = Field(default=0.5, ge=0, le=1)
    max_expansions_per_skill: int = Field(default=4, ge=0, le=50)


class ExposureConfig(_Model):
    """New-profile exposure: slots on the first page kept for recently joined profiles."""

    new_profile_slots: int = Field(default=2, ge=0, le=50)
    first_page_size: int = Field(default=20, ge=1, le=200)
    new_profile_days: int = Field(default=30, ge=1, le=3650)

    @model_validator(mode="after")
    def _slots_fit(self) -> Self:
        if self.new_profile_slots > self.first_page_size:
            raise ValueError("new_profile_slots cannot exceed first_page_size")
        return self


class SignalParams(_Model):
    """Parameters of the signal formulas (see each module under ``ranking/signals``)."""

    language_partial: float = Field(default=0.5, ge=0, le=1)
    location_decay_km: float = Field(default=100.0, gt=0)
    location_same_country: float = Field(default=0.6, ge=0, le=1)
    location_elsewhere: float = Field(default=0.2, ge=0, le=1)
    location_unknown: float = Field(default=0.3, ge=0, le=1)
    rate_tolerance: float = Field(default=0.25, gt=0)
    rate_unknown: float = Field(default=0.5, ge=0, le=1)
    availability_decay_days: float = Field(default=30.0, gt=0)
    availability_partial: float = Field(default=0.7, ge=0, le=1)
    availability_fresh_days: float = Field(default=30.0, ge=0)
    availability_stale: float = Field(default=0.85, ge=0, le=1)
    review_prior_mean: float = Field(default=4.3, ge=1, le=5)
    review_prior_count: float = Field(default=10.0, gt=0)
    recommendation_scale: float = Field(default=5.0, gt=0)
    recommendation_share: float = Field(default=0.2, ge=0, le=1)
    response_half_minutes: float = Field(default=240.0, gt=0)
    response_share_weight: float = Field(default=0.7, ge=0, le=1)
    response_unknown: float = Field(default=0.5, ge=0, le=1)
    #: Below this value a weighted signal is called weak (explanations and hints).
    weak_below: float = Field(default=0.5, ge=0, le=1)


class RankingConfig(_Model):
    """See the module docstring and ``ranking/defaults/ranking.toml``."""

    version: str = Field(min_length=1, max_length=100)
    #: Candidates taken from each retriever and, after fusion, scored.
    candidates: int = Field(default=200, ge=1, le=10_000)
    #: Words of the brief's description added to the BM25 query (the dense leg reads all of it).
    lexical_description_words: int = Field(default=20, ge=0, le=5000)
    #: Count all eligible profiles for each query (one extra filtered count on the backend).
    count_eligible: bool = True
    #: Query embeddings kept in the LRU cache (0: no cache).
    query_cache_size: int = Field(default=1024, ge=0, le=1_000_000)
    weights: dict[SignalName, Annotated[float, Field(ge=0, le=100)]]
    fusion: FusionConfig = FusionConfig()
    skills: SkillConfig = SkillConfig()
    exposure: ExposureConfig = ExposureConfig()
    signals: SignalParams = SignalParams()
    #: Units of each currency per 1 EUR (a documented static table; EUR must be 1).
    fx: dict[CurrencyCode, Annotated[float, Field(gt=0)]] = {"EUR": 1.0}

    @field_validator("weights")
    @classmethod
    def _weights(cls, w: dict[SignalName, float]) -> dict[SignalName, float]:
        if sum(w.values()) <= 0:
            raise ValueError("at least one weight must be positive")
        return {name: float(w.get(name, 0.0)) for name in SignalName}

    @field_validator("fx")
    @classmethod
    def _eur(cls, fx: dict[str, float]) -> dict[str, float]:
        if fx.get("EUR") != 1.0:
            raise ValueError("the FX table must contain EUR = 1.0 (rates are per 1 EUR)")
        return fx

    @classmethod
    def load(cls, path: Path) -> Self:
        return validate(cls, read_toml(path), str(path))

    @classmethod
    def default(cls) -> Self:
        return validate(cls, default_toml("ranking.toml"), "ranking/defaults/ranking.toml")

    def to_eur(self, amount: float, currency: str, *, field: str = "currency") -> float:
        """``amount`` in EUR. An unknown currency is an input error naming ``field``."""
        rate = self.fx.get(currency)
        if rate is None:
            raise InvalidInputError(
                [
                    Problem(
                        field=field,
                        message=f"unknown currency '{currency}'; known: {', '.join(sorted(self.fx))}",
                    )
                ]
            )
        return amount / rate
