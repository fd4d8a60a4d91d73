"""Sanctions against freelancers and client companies."""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, model_validator

from api.enums import SanctionTarget
from api.schemas.common import InputModel, OutputModel, ProfileIdStr, Reason
from indexer.profile import SanctionKind, SanctionScope


class SanctionCreate(InputModel):
    """``start`` defaults to now; no ``end`` means permanent. ``scope`` defaults per kind.
    Client companies can only be suspended (temporary or permanent); before a permanent
    suspension the company is informed of the facts and invited to talk (domain.md), so it
    needs ``informed_at``, when that happened (not in the future)."""

    target_kind: SanctionTarget
    target_id: ProfileIdStr
    kind: SanctionKind
    scope: SanctionScope | None = None
    reason: Reason
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    informed_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _check(self) -> SanctionCreate:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError("end must be after start")
        if self.target_kind is SanctionTarget.CLIENT and self.kind not in (
            SanctionKind.TEMPORARY_SUSPENSION, SanctionKind.PERMANENT_SUSPENSION
        ):
            raise ValueError("a client company can only be suspended")
        if self.kind is SanctionKind.TEMPORARY_SUSPENSION and self.end is None:
            raise ValueError("a temporary suspension needs an end")
        if self.kind is SanctionKind.PERMANENT_SUSPENSION and self.end is not None:
            raise ValueError("a permanent suspension has no end")
        if self.informed_at is not None and self.target_kind is not SanctionTarget.CLIENT:
            raise ValueError("informed_at applies to client companies only")
        return self


class SanctionLift(InputModel):
    reason: Reason


class SanctionPublic(OutputModel):
    id: str
    target_kind: SanctionTarget
    target_id: str
    kind: SanctionKind
    scope: SanctionScope
    reason: str
    start: datetime
    end: datetime | None
    lifted_at: datetime | None
    lift_reason: str | None
    informed_at: datetime | None = None
    created_by: str
    created_at: datetime
    version: int
    in_force: bool
