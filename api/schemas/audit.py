"""Audit log entries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from api.schemas.common import OutputModel


class AuditEntryPublic(OutputModel):
    id: int
    at: datetime
    actor_id: str
    actor_role: str
    action: str
    entity: str
    entity_id: str
    before: Any | None
    after: Any | None
