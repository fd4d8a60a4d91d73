"""Projects and their moderation."""

from __future__ import annotations

from datetime import datetime

from api.enums import ModerationOutcome, ProjectService, ProjectStatus, StaffDecision
from api.schemas.common import InputModel, Name, OutputModel, Reason
from ranking.brief import Brief


class ProjectCreate(InputModel):
    """A project: its title, the service wanted and the brief (its search criteria)."""

    title: Name
    service: ProjectService = ProjectService.SELF_SERVICE
    brief: Brief


class ProjectPublic(OutputModel):
    id: str
    client_id: str
    title: str
    service: ProjectService
    status: ProjectStatus
    status_reason: str | None
    brief: Brief
    created_at: datetime
    updated_at: datetime
    version: int


class ModerationDecisionCreate(InputModel):
    decision: StaffDecision
    reason: Reason | None = None


class ModerationDecisionPublic(OutputModel):
    id: str
    project_id: str
    decision: ModerationOutcome
    reason: str | None
    decided_by: str
    decided_at: datetime


class ProjectStaff(ProjectPublic):
    moderation: list[ModerationDecisionPublic]
