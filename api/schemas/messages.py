"""Messages of new users held for a moderator before delivery."""

from __future__ import annotations

from datetime import datetime

from api.enums import HeldMessageStatus, MessageField, StaffDecision
from api.schemas.common import InputModel, OutputModel, Reason


class HeldMessageDecision(InputModel):
    """``approve`` delivers the message; ``reject`` withholds it for good (with a reason)."""

    decision: StaffDecision
    reason: Reason | None = None


class HeldMessageStaff(OutputModel):
    id: str
    contact_id: str
    field: MessageField
    sender_id: str
    sender_role: str
    text: str
    flags: list[str]
    status: HeldMessageStatus
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    created_at: datetime
    version: int
