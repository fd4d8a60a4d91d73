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


class ReferralStatus(StrEnum):
    """``new``: waiting for staff. ``accepted``: the platform takes the business on (possibly
    as a new client company). ``declined``: not pursued (with the reason)."""

    NEW = "new"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class MessageField(StrEnum):
    """The texts one user sends another: a client's contact message, a freelancer's reason
    for declining (shown to the client)."""

    MESSAGE = "message"
    DECLINE_REASON = "decline_reason"


class HeldMessageStatus(StrEnum):
    """``held``: waiting for staff. ``released``: delivered. ``withheld``: never delivered."""

    HELD = "held"
    RELEASED = "released"
    WITHHELD = "withheld"


class NewUserMessageReview(StrEnum):
    """Which of a new user's first messages wait for a moderator before delivery.

    ``all``: every one of them. ``flagged``: those the new-sender screen flags (contact
    details, links); the others are delivered at once after the automatic screening.
    """

    ALL = "all"
    FLAGGED = "flagged"


class ReviewRemovalStatus(StrEnum):
    """A request to remove a review: ``open`` until staff decide; then ``removed`` (the
    review is no longer shown) or ``kept``."""

    OPEN = "open"
    REMOVED = "removed"
    KEPT = "kept"


class ReviewRemovalDecision(StrEnum):
    REMOVE = "remove"
    KEEP = "keep"
