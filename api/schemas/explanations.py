"""Explanations of a ranked result: the client-facing text, and the full one for staff."""

from __future__ import annotations

from typing import Any

from api.schemas.common import OutputModel


class ExplanationPublic(OutputModel):
    """Why a freelancer fits, in words; no scores, weights or policy rules."""

    summary: str


class SignalPublic(OutputModel):
    name: str
    value: float
    weight: float
    contribution: float


class ExplanationStaff(ExplanationPublic):
    """Everything the ranker said: score, each signal's contribution, the rules that admitted
    the profile, improvement hints, and whether it was shown in a new-profile slot."""

    score: float
    rank: int
    signals: list[SignalPublic]
    admitted_by: list[str]
    hints: list[str]
    new_profile_slot: bool

    @classmethod
    def of(cls, ranked: Any) -> ExplanationStaff:
        """From a ``ranking.RankedProfile``."""
        return cls(
            summary=ranked.explanation,
            score=float(ranked.score),
            rank=int(ranked.rank),
            signals=[
                SignalPublic(name=s.name, value=float(s.value), weight=float(s.weight),
                             contribution=float(s.contribution))
                for s in ranked.signals
            ],
            admitted_by=list(ranked.admitted_by),
            hints=list(ranked.hints),
            new_profile_slot=bool(ranked.new_profile_slot),
        )
