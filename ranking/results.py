"""What the ranker returns: ranked, explained profiles (pydantic models, so the API and the
CLI can serialise them with ``model_dump(mode="json")``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from indexer.profile.model import Profile
from ranking.signals import SignalName


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class SignalContribution(_Model):
    """One signal of one result: raw value in [0, 1], effective weight, weight × value."""

    name: SignalName
    value: float
    weight: float
    contribution: float


class RankedProfile(_Model):
    profile_id: str
    rank: int
    score: float
    signals: list[SignalContribution]
    admitted_by: list[str]
    explanation: str
    hints: list[str]
    new_profile_slot: bool
    profile: Profile
    policy_version: str
    config_version: str


class RankingResult(_Model):
    results: list[RankedProfile]
    as_of: datetime
    policy_version: str
    config_version: str
    #: Profiles passing the eligibility filter and the brief's hard criteria (None: not counted).
    total_eligible_candidates: int | None
    #: Candidates scored in full (after fusion, at most the configured top N; with pruning,
    #: only those that could reach the results asked for, see ranking.pruning).
    scored_candidates: int = 0


class ProfileExplanation(_Model):
    """Why one profile is (not) listed for a brief, and where it ranks if it is."""

    profile_id: str
    eligible: bool
    reasons: list[str]
    ranked: RankedProfile | None
    hints: list[str]
