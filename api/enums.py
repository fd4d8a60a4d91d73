"""Closed sets of values of the curation workflow."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who is calling. Clients and freelancers act on their own records only."""

    CLIENT = "client"
    SOURCING = "sourcing"
    ADMIN = "admin"
    FREELANCER = "freelancer"


STAFF: frozenset[Role] = frozenset({Role.SOURCING, Role.ADMIN})


class ProjectService(StrEnum):
    SELF_SERVICE = "self_service"
    CURATED = "curated"


class ProjectStatus(StrEnum):
    """``pending_review``: a new client's first curated project, waiting for staff.
    ``active``: may be forwarded to freelancers. ``rejected``: never forwarded."""

    PENDING_REVIEW = "pending_review"
    ACTIVE = "active"
    REJECTED = "rejected"
    CLOSED = "closed"


class ModerationOutcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    AUTO_REJECTED = "auto_rejected"


class StaffDecision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class SourcingStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"


class CandidateOrigin(StrEnum):
    RANKER = "ranker"
    MANUAL = "manual"


class CandidateDecision(StrEnum):
    PENDING = "pending"
    KEEP = "keep"
    REJECT = "reject"


class ContactChannel(StrEnum):
    SELF_SERVICE = "self_service"
    CURATED = "curated"


class ContactStatus(StrEnum):
    """``pending`` and ``accepted`` contacts are open and count towards the cap."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CLOSED = "closed"


OPEN_CONTACT_STATUSES: tuple[ContactStatus, ...] = (ContactStatus.PENDING, ContactStatus.ACCEPTED)


class AccountStatus(StrEnum):
    ACTIVE = "active"
    DELETED = "deleted"


class SanctionTarget(StrEnum):
    FREELANCER = "freelancer"
    CLIENT = "client"


class ReportTarget(StrEnum):
    PROJECT = "project"
    CLIENT = "client"
    FREELANCER = "freelancer"


class ReportStatus(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"
    DISMISSED = "dismissed"
