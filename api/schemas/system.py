"""Health and policy information."""

from __future__ import annotations

from api.enums import Role
from api.schemas.common import OutputModel


class Health(OutputModel):
    status: str
    schema_version: int
    indexed_profiles: int


class PolicyInfo(OutputModel):
    policy_version: str
    config_version: str
    contact_cap: int


class AccountDeleted(OutputModel):
    role: Role
    subject_id: str
    deleted: bool
