"""The tables of the workflow store (SQLAlchemy Core).

Every mutable aggregate carries a ``version`` column for optimistic concurrency; every state
change also appends a row to ``audit_log`` in the same transaction (see ``repositories.audit``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from api.db.types import UTCDateTime

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("subject_id", String(64)),  # client id for clients, profile id for freelancers
    Column("prefix", String(20), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("revoked_at", UTCDateTime),
)

clients = Table(
    "clients",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False),  # active | deleted
    Column("created_at", UTCDateTime, nullable=False),
    Column("deleted_at", UTCDateTime),
    Column("version", Integer, nullable=False),
)

freelancer_accounts = Table(
    "freelancer_accounts",
    metadata,
    Column("profile_id", String(64), primary_key=True),
    Column("email", String(320)),
    Column("phone", String(40)),
    Column("status", String(20), nullable=False),  # active | deleted
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

projects = Table(
    "projects",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("client_id", String(40), ForeignKey("clients.id"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("service", String(20), nullable=False),  # self_service | curated
    Column("status", String(20), nullable=False),
    Column("status_reason", Text),
    Column("brief", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_projects_client", "client_id"),
    Index("ix_projects_status", "status"),
)

moderation_decisions = Table(
    "moderation_decisions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("project_id", String(40), ForeignKey("projects.id"), nullable=False),
    Column("decision", String(20), nullable=False),  # approved | rejected | auto_rejected
    Column("reason", Text),
    Column("decided_by", String(64), nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    Index("ix_moderation_project", "project_id"),
)

sourcing_requests = Table(
    "sourcing_requests",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("project_id", String(40), ForeignKey("projects.id"), nullable=False),
    Column("status", String(20), nullable=False),  # draft | sent
    Column("as_of", UTCDateTime, nullable=False),
    Column("policy_version", String(100), nullable=False),
    Column("config_version", String(100), nullable=False),
    Column("total_eligible", Integer, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("version", Integer, nullable=False),
    Index("ix_sourcing_project", "project_id"),
)

sourcing_candidates = Table(
    "sourcing_candidates",
    metadata,
    Column("request_id", String(40), ForeignKey("sourcing_requests.id"), primary_key=True),
    Column("profile_id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("origin", String(20), nullable=False),  # ranker | manual
    Column("decision", String(20), nullable=False),  # pending | keep | reject
    Column("decision_reason", Text),
    Column("note", Text),
    Column("eligible", Boolean, nullable=False),
    Column("override_reason", Text),
    Column("score", Float),
    Column("snapshot", JSON, nullable=False),  # the ranked profile as it was at as_of
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("project_id", String(40), ForeignKey("projects.id"), nullable=False),
    Column("profile_id", String(64), nullable=False),
    Column("channel", String(20), nullable=False),  # self_service | curated
    Column("status", String(20), nullable=False),  # pending | accepted | declined | closed
    Column("message", Text),
    Column("decline_reason", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_contacts_project_status", "project_id", "status"),
    Index("ix_contacts_profile", "profile_id"),
)

sanctions = Table(
    "sanctions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("target_kind", String(20), nullable=False),  # freelancer | client
    Column("target_id", String(64), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("scope", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("start", UTCDateTime, nullable=False),
    Column("end", UTCDateTime),
    Column("lifted_at", UTCDateTime),
    Column("lift_reason", Text),
    # When a client company was informed of the facts and invited to talk (required before
    # a permanent suspension of a client; migration 3).
    Column("informed_at", UTCDateTime),
    Column("created_by", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_sanctions_target", "target_kind", "target_id"),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("target_kind", String(20), nullable=False),  # project | client | freelancer
    Column("target_id", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("reporter_id", String(64), nullable=False),
    Column("reporter_role", String(20), nullable=False),
    Column("status", String(20), nullable=False),  # open | upheld | dismissed
    Column("outcome", Text),
    Column("handled_by", String(64)),
    Column("handled_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("profile_id", String(64), nullable=False),
    Column("author_id", String(40)),  # NULL once the author's account is deleted
    Column("author_name", String(200), nullable=False),
    Column("anonymised", Boolean, nullable=False),
    Column("rating", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    # Removed on request (exaggerated, insulting or unlawful; migration 4): never listed again.
    Column("removed_at", UTCDateTime),
    Column("removal_id", String(40)),
    Index("ix_reviews_profile", "profile_id"),
    Index("ix_reviews_author", "author_id"),
)

referrals = Table(
    "referrals",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("referrer_id", String(64), nullable=False),  # the referring freelancer's profile id
    Column("company_name", String(200), nullable=False),
    Column("contact_name", String(200)),
    Column("contact_email", String(320)),
    Column("description", Text, nullable=False),
    Column("status", String(20), nullable=False),  # new | accepted | declined
    Column("outcome", Text),
    Column("client_id", String(40)),  # the client company created from it, if any
    Column("handled_by", String(64)),
    Column("handled_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_referrals_referrer", "referrer_id"),
    Index("ix_referrals_status", "status"),
)

held_messages = Table(
    "held_messages",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("contact_id", String(40), ForeignKey("contacts.id"), nullable=False),
    Column("field", String(20), nullable=False),  # message | decline_reason
    Column("sender_id", String(64), nullable=False),  # "client:<id>" / "freelancer:<id>"
    Column("sender_role", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("flags", JSON, nullable=False),  # why it was held (list of strings)
    Column("status", String(20), nullable=False),  # held | released | withheld
    Column("decided_by", String(64)),
    Column("decided_at", UTCDateTime),
    Column("decision_reason", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_held_messages_status", "status"),
    Index("ix_held_messages_sender", "sender_id"),
    Index("ix_held_messages_contact", "contact_id"),
)

review_removals = Table(
    "review_removals",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("review_id", String(40), ForeignKey("reviews.id"), nullable=False),
    Column("requested_by", String(64), nullable=False),  # "client:<id>", "freelancer:<id>", key
    Column("requester_role", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", String(20), nullable=False),  # open | removed | kept
    Column("outcome", Text),
    Column("handled_by", String(64)),
    Column("handled_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_review_removals_status", "status"),
    Index("ix_review_removals_review", "review_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", String(80), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Index("ix_audit_entity", "entity", "entity_id"),
)

