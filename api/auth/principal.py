"""Who is calling: the identity every route and audit entry works with."""

from __future__ import annotations

from dataclasses import dataclass

from api.enums import STAFF, Role


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller.

    ``actor_id`` identifies the key (what the audit log records); ``subject_id`` is the client
    id for a client key and the profile id for a freelancer key (``None`` for staff).
    """

    actor_id: str
    role: Role
    subject_id: str | None = None
    name: str = ""

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF
