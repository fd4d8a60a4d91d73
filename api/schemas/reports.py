"""Reports of content that breaks the rules, and their recorded outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from api.enums import ReportStatus, ReportTarget
from api.schemas.common import InputModel, OutputModel, ProfileIdStr, Reason


class ReportCreate(InputModel):
    target_kind: ReportTarget
    target_id: ProfileIdStr
    reason: Reason


class ReportResolve(InputModel):
    status: Literal[ReportStatus.UPHELD, ReportStatus.DISMISSED]
    outcome: Reason


class ReportPublic(OutputModel):
    id: str
    target_kind: ReportTarget
    target_id: str
    reason: str
    status: ReportStatus
    outcome: str | None
    handled_at: datetime | None
    created_at: datetime
    version: int


class ReportStaff(ReportPublic):
    reporter_id: str
    reporter_role: str
    handled_by: str | None
