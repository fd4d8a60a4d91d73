"""Client companies."""

from __future__ import annotations

from datetime import datetime

from api.enums import AccountStatus
from api.schemas.common import InputModel, Name, OutputModel


class ClientCreate(InputModel):
    name: Name


class ClientPublic(OutputModel):
    id: str
    name: str
    status: AccountStatus
    created_at: datetime


class ClientStaff(ClientPublic):
    deleted_at: datetime | None
    version: int
