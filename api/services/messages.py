"""The first messages a new user sends are moderated before delivery (domain.md, Projects
offered by clients), so they may arrive late.

Messages are the texts one user sends another through the API: a client's message when it
contacts a freelancer, a freelancer's reason for declining a proposal (the client reads it).
Every message goes through the automatic moderation (word lists + classifiers; abusive text
is refused outright). A user's first ``new_user_moderated_messages`` (3) messages are in
addition a *new user's* messages and may be held for a moderator:

* review mode ``flagged`` (default): held when the new-sender screen
  (:mod:`api.moderation.new_sender`: contact details, links, messengers) flags it; the
  others are delivered at once;
* review mode ``all``: every one of them is held.

A held message is stored apart (``held_messages``) and the contact carries no text for that
field until staff approve it (the text is then delivered into the contact) or reject it (it
is never delivered). The recipient sees that a message is waiting (``message_held``). The
sender is the client company or the freelancer (not the key), and a message counts towards
the sender's first messages whatever became of it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from api.auth.principal import Principal
from api.context import AppContext
from api.db import schema
from api.db.repositories import audit, contacts, held_messages
from api.db.repositories.common import new_id
from api.enums import HeldMessageStatus, MessageField, NewUserMessageReview, StaffDecision
from api.errors import StaleVersion, StateConflict
from api.moderation.new_sender import screen
from api.schemas.messages import HeldMessageDecision
from indexer.errors import InvalidInputError, NotFoundError, Problem


def sender_identity(actor: Principal) -> str:
    """``client:<client id>`` or ``freelancer:<profile id>``: who sent it, whatever key."""
    return f"{actor.role.value}:{actor.subject_id}"


def _previous_messages(conn: Connection, actor: Principal, field: MessageField) -> int:
    """Messages this sender sent before: delivered ones plus held / withheld ones."""
    c = schema.contacts
    if field is MessageField.MESSAGE:
        p = schema.projects
        stmt = select(func.count()).select_from(c.join(p, p.c.id == c.c.project_id)).where(
            p.c.client_id == actor.subject_id, c.c.message.is_not(None))
    else:
        stmt = select(func.count()).select_from(c).where(
            c.c.profile_id == actor.subject_id, c.c.decline_reason.is_not(None))
    h = schema.held_messages
    not_delivered = select(func.count()).select_from(h).where(
        h.c.sender_id == sender_identity(actor), h.c.status != HeldMessageStatus.RELEASED.value)
    return int(conn.scalar(stmt) or 0) + int(conn.scalar(not_delivered) or 0)


def hold_reasons(ctx: AppContext, conn: Connection, actor: Principal, field: MessageField,
                 text: str | None) -> list[str] | None:
    """Why this message must wait for a moderator, or ``None`` when it is delivered now.

    Call inside the write transaction that stores the message (the count must not race).
    """
    limit = ctx.settings.new_user_moderated_messages
    if not text or limit == 0 or actor.subject_id is None:
        return None
    previous = _previous_messages(conn, actor, field)
    if previous >= limit:
        return None
    flags = screen(text)
    if ctx.settings.new_user_message_review is NewUserMessageReview.ALL:
        return [f"new user: message {previous + 1} of the first {limit}", *flags]
    return flags or None


def hold(conn: Connection, actor: Principal, *, contact_id: str, field: MessageField,
         text: str, reasons: list[str], now: datetime) -> dict[str, Any]:
    """Store a held message (the contact itself carries no text for ``field``)."""
    mid = new_id("msg")
    held_messages.create(conn, id=mid, contact_id=contact_id, field=field.value,
                         sender_id=sender_identity(actor), sender_role=actor.role.value,
                         text=text, flags=reasons, status=HeldMessageStatus.HELD.value,
                         created_at=now, version=1)
    row = held_messages.get(conn, mid) or {}
    audit.record(conn, actor, "message.hold", "message", mid, at=now, after=row)
    return row


def held_fields(conn: Connection, contact_ids: list[str]) -> dict[str, set[str]]:
    """contact id -> the fields whose text still waits for a moderator."""
    return held_messages.pending_for_contacts(conn, contact_ids)


def decide(ctx: AppContext, actor: Principal, message_id: str,
           data: HeldMessageDecision) -> dict[str, Any]:
    """Staff approve (deliver) or reject (never deliver, with a reason) a held message."""
    now = ctx.clock.now()
    approve = data.decision is StaffDecision.APPROVE
    if not approve and not data.reason:
        raise InvalidInputError([Problem("body.reason", "a rejection needs a reason")])
    with ctx.db.write() as conn:
        before = held_messages.get(conn, message_id)
        if before is None:
            raise NotFoundError(f"message '{message_id}' does not exist")
        if before["status"] != HeldMessageStatus.HELD:
            raise StateConflict(f"message '{message_id}' was already {before['status']}",
                                current_status=before["status"])
        status = HeldMessageStatus.RELEASED if approve else HeldMessageStatus.WITHHELD
        if not held_messages.update_versioned(conn, message_id, before["version"],
                                              status=status.value, decided_by=actor.actor_id,
                                              decided_at=now, decision_reason=data.reason):
            raise StaleVersion(f"message '{message_id}' changed meanwhile")
        if approve:
            contact = contacts.get(conn, before["contact_id"]) or {}
            if not contacts.update_versioned(conn, before["contact_id"], contact["version"],
                                             **{before["field"]: before["text"]},
                                             updated_at=now):
                raise StaleVersion("the contact changed meanwhile; try again")
            audit.record(conn, actor, "contact.message_delivered", "contact",
                         before["contact_id"], at=now, before=contact,
                         after=contacts.get(conn, before["contact_id"]))
        after = held_messages.get(conn, message_id) or {}
        audit.record(conn, actor, f"message.{'release' if approve else 'withhold'}", "message",
                     message_id, at=now, before=before, after=after)
    return after
