"""API keys, client companies and freelancer accounts, including account deletion.

Deleting a freelancer account removes the profile from the search index (through the
indexer, so both backends behave the same) and closes their open contacts. Deleting a client
account anonymises the reviews its people wrote (the freelancer keeps their benefit) instead
of deleting them, closes its projects and revokes its keys.
"""

from __future__ import annotations

from typing import Any

from api.auth.keys import generate_key
from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, clients, contacts, freelancers, keys, projects, reviews
from api.db.repositories.common import new_id
from api.enums import (
    OPEN_CONTACT_STATUSES,
    AccountStatus,
    ContactStatus,
    ProjectStatus,
    Role,
)
from api.errors import StateConflict
from api.schemas.clients import ClientCreate
from api.schemas.freelancers import ContactDetailsUpdate
from api.schemas.keys import ApiKeyCreate
from indexer.errors import NotFoundError

ANONYMOUS_AUTHOR = "Former member"


def _redacted(account: dict[str, Any] | None) -> dict[str, Any] | None:
    """An account row for the audit log: whether contact details exist, never the details."""
    if account is None:
        return None
    return {"profile_id": account["profile_id"], "status": account["status"],
            "email_set": account["email"] is not None, "phone_set": account["phone"] is not None,
            "version": account["version"]}


def profile_exists(ctx: AppContext, profile_id: str) -> bool:
    return profile_id in ctx.search.get([profile_id])


def create_key(ctx: AppContext, actor: Principal, data: ApiKeyCreate) -> tuple[dict[str, Any], str]:
    """A new key; returns its record and the plaintext (shown once, never stored)."""
    now = ctx.clock.now()
    if data.role is Role.FREELANCER and data.subject_id and not profile_exists(ctx, data.subject_id):
        raise NotFoundError(f"profile '{data.subject_id}' is not in the index")
    plaintext, prefix, digest = generate_key()
    with ctx.db.write() as conn:
        if data.role is Role.CLIENT:
            client = clients.get(conn, data.subject_id or "")
            if client is None or client["status"] != AccountStatus.ACTIVE:
                raise NotFoundError(f"client '{data.subject_id}' does not exist")
        if data.role is Role.FREELANCER and data.subject_id:
            account = freelancers.get(conn, data.subject_id)
            if account is not None and account["status"] == AccountStatus.DELETED:
                raise StateConflict(f"the account of '{data.subject_id}' was deleted")
            if account is None:
                freelancers.upsert(conn, data.subject_id, status=AccountStatus.ACTIVE.value,
                                   updated_at=now)
        row = keys.create(conn, id=new_id("key"), name=data.name, role=data.role.value,
                          subject_id=data.subject_id, prefix=prefix, key_hash=digest,
                          created_at=now, created_by=actor.actor_id)
        public = {k: v for k, v in row.items() if k != "key_hash"}
        audit.record(conn, actor, "api_key.create", "api_key", row["id"], at=now, after=public)
    return row, plaintext


def revoke_key(ctx: AppContext, actor: Principal, key_id: str) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        row = keys.get(conn, key_id)
        if row is None:
            raise NotFoundError(f"API key '{key_id}' does not exist")
        if row["revoked_at"] is not None:
            raise StateConflict(f"API key '{key_id}' is already revoked")
        keys.revoke(conn, key_id, now)
        after = keys.get(conn, key_id) or {}
        audit.record(conn, actor, "api_key.revoke", "api_key", key_id, at=now,
                     before={"revoked_at": None}, after={"revoked_at": after.get("revoked_at")})
    ctx.key_cache.invalidate_key(key_id)
    return after


def create_client(ctx: AppContext, actor: Principal, data: ClientCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    cid = new_id("cli")
    with ctx.db.write() as conn:
        clients.create(conn, id=cid, name=data.name, status=AccountStatus.ACTIVE.value,
                       created_at=now, version=1)
        row = clients.get(conn, cid) or {}
        audit.record(conn, actor, "client.create", "client", cid, at=now, after=row)
    return row


def get_client(ctx: AppContext, actor: Principal, client_id: str) -> dict[str, Any]:
    if actor.role is Role.CLIENT and actor.subject_id != client_id:
        raise NotFoundError(f"client '{client_id}' does not exist")
    with ctx.db.read() as conn:
        row = clients.get(conn, client_id)
    if row is None:
        raise NotFoundError(f"client '{client_id}' does not exist")
    return row


def delete_client(ctx: AppContext, actor: Principal, client_id: str) -> dict[str, Any]:
    """Delete a client company's account: reviews anonymised, projects closed, keys revoked."""
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        before = clients.get(conn, client_id, for_update=True)
        if before is None or before["status"] == AccountStatus.DELETED:
            raise NotFoundError(f"client '{client_id}' does not exist")
        n_reviews = reviews.anonymise_author(conn, client_id, ANONYMOUS_AUTHOR)
        for pid in projects.ids_for_client(conn, client_id):
            project = projects.get(conn, pid) or {}
            if project.get("status") in (ProjectStatus.ACTIVE, ProjectStatus.PENDING_REVIEW):
                projects.update_versioned(conn, pid, project["version"],
                                          status=ProjectStatus.CLOSED.value,
                                          status_reason="client account deleted", updated_at=now)
            for c in contacts.for_project(conn, pid):
                if c["status"] in OPEN_CONTACT_STATUSES:
                    contacts.update_versioned(conn, c["id"], c["version"],
                                              status=ContactStatus.CLOSED.value, updated_at=now)
        n_keys = keys.revoke_for_subject(conn, Role.CLIENT.value, client_id, now)
        clients.set_values(conn, client_id, status=AccountStatus.DELETED.value, deleted_at=now,
                           version=before["version"] + 1)
        after = clients.get(conn, client_id) or {}
        audit.record(conn, actor, "client.delete", "client", client_id, at=now, before=before,
                     after={**after, "reviews_anonymised": n_reviews, "keys_revoked": n_keys})
    ctx.key_cache.invalidate_subject(Role.CLIENT, client_id)
    return after


def delete_freelancer(ctx: AppContext, actor: Principal, profile_id: str) -> dict[str, Any]:
    """Delete a freelancer's account: the profile leaves the index, contact details are erased,
    open contacts close, keys are revoked, the reviews about the freelancer are deleted (they
    are kept only as long as the freelancer uses the marketplace). Re-running after a failure
    converges."""
    now = ctx.clock.now()
    with ctx.db.read() as conn:
        account = freelancers.get(conn, profile_id)
    in_index = profile_exists(ctx, profile_id)
    if not in_index and (account is None or account["status"] == AccountStatus.DELETED):
        raise NotFoundError(f"freelancer '{profile_id}' does not exist")
    if in_index:
        with ctx.search.writing():
            ctx.search.indexer.delete([profile_id])
    with ctx.db.write() as conn:
        before = freelancers.get(conn, profile_id)
        freelancers.upsert(conn, profile_id, status=AccountStatus.DELETED.value, email=None,
                           phone=None, updated_at=now)
        closed = contacts.close_all_for_profile(conn, profile_id, OPEN_CONTACT_STATUSES,
                                                status=ContactStatus.CLOSED.value,
                                                updated_at=now)
        n_keys = keys.revoke_for_subject(conn, Role.FREELANCER.value, profile_id, now)
        # Reviews are kept as long as the freelancer uses the marketplace (domain.md).
        n_reviews = reviews.delete_about(conn, profile_id)
        after = freelancers.get(conn, profile_id) or {}
        audit.record(conn, actor, "freelancer.delete", "freelancer", profile_id, at=now,
                     before=_redacted(before),
                     after={**(_redacted(after) or {}), "removed_from_index": in_index,
                                           "contacts_closed": len(closed), "keys_revoked": n_keys,
                                           "reviews_deleted": n_reviews})
    ctx.key_cache.invalidate_subject(Role.FREELANCER, profile_id)
    return after


def set_contact_details(ctx: AppContext, actor: Principal,
                        data: ContactDetailsUpdate) -> dict[str, Any]:
    now = ctx.clock.now()
    pid = actor.subject_id or ""
    with ctx.db.write() as conn:
        before = freelancers.get(conn, pid)
        if before is not None and before["status"] == AccountStatus.DELETED:
            raise StateConflict("this account was deleted")
        freelancers.upsert(conn, pid, email=data.email, phone=data.phone,
                           status=AccountStatus.ACTIVE.value, updated_at=now)
        after = freelancers.get(conn, pid) or {}
        audit.record(conn, actor, "freelancer.contact_details", "freelancer", pid, at=now,
                     before=_redacted(before), after=_redacted(after))
    return after
