"""API keys."""

from __future__ import annotations

from datetime import datetime

from pydantic import model_validator

from api.enums import Role
from api.schemas.common import InputModel, Name, OutputModel, ProfileIdStr


class ApiKeyCreate(InputModel):
    """A new key. Client keys name the client id, freelancer keys the profile id."""

    name: Name
    role: Role
    subject_id: ProfileIdStr | None = None

    @model_validator(mode="after")
    def _subject_matches_role(self) -> ApiKeyCreate:
        needs = self.role in (Role.CLIENT, Role.FREELANCER)
        if needs and not self.subject_id:
            raise ValueError(f"subject_id is required for role '{self.role}'")
        if not needs and self.subject_id:
            raise ValueError(f"subject_id must be empty for role '{self.role}'")
        return self


class ApiKeyPublic(OutputModel):
    id: str
    name: str
    role: Role
    subject_id: str | None
    prefix: str
    created_at: datetime
    created_by: str
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    """Returned once, at creation: the only time the plaintext key is shown."""

    key: str
