"""Typed FastAPI dependencies: the app context, the caller, role checks, pagination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.auth.cache import CachedKey
from api.auth.keys import hash_key, same_key
from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import keys as key_repo
from api.db.repositories import sanctions as sanction_repo
from api.enums import Role, SanctionTarget
from api.errors import PreconditionRequired
from indexer.errors import AuthenticationError, PermissionDeniedError


async def get_context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


Ctx = Annotated[AppContext, Depends(get_context)]

_bearer = HTTPBearer(auto_error=False, description="An API key sent as a bearer token.")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")


def authenticate(
    ctx: Ctx,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> Principal:
    """The caller behind ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``.

    A suspended client company is identified but refused (403) while the suspension lasts.
    Lookups are cached per process for a few seconds (:mod:`api.auth.cache`).
    """
    key = _presented(bearer, api_key)
    found = _known(ctx, key)
    return _admitted(ctx, found if found is not None else _lookup(ctx, hash_key(key)))


async def authenticate_request(
    ctx: Ctx,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> Principal:
    """:func:`authenticate` as the routes' dependency: a cached key is answered on the event
    loop (no hop to a worker thread), an uncached one is looked up in the store from the
    thread pool."""
    key = _presented(bearer, api_key)
    found = _known(ctx, key)
    if found is None:
        found = await run_in_threadpool(_lookup, ctx, hash_key(key))
    return _admitted(ctx, found)


def _presented(bearer: HTTPAuthorizationCredentials | None, api_key: str | None) -> str:
    key = bearer.credentials if bearer is not None else api_key
    if not key:
        raise AuthenticationError("an API key is required (Authorization: Bearer <key>)")
    return key


def _known(ctx: AppContext, key: str) -> Principal | CachedKey | None:
    """The bootstrap admin, or the key's cached entry; None: ask the store."""
    boot = ctx.settings.bootstrap_admin_key
    if boot is not None and same_key(key, boot.get_secret_value()):
        return Principal(actor_id="bootstrap-admin", role=Role.ADMIN, name="bootstrap admin")
    return ctx.key_cache.get(hash_key(key))


def _admitted(ctx: AppContext, found: Principal | CachedKey) -> Principal:
    if isinstance(found, Principal):
        return found
    suspended, end = found.suspended_until(ctx.clock.now())
    if suspended:
        until = f" until {end.isoformat()}" if end is not None else " permanently"
        raise PermissionDeniedError(f"this client company is suspended{until}")
    return found.principal


def _lookup(ctx: AppContext, key_hash: str) -> CachedKey:
    """The key and (clients) the company's not-lifted suspensions from the store; cached."""
    generation = ctx.key_cache.generation()
    with ctx.db.read() as conn:
        row = key_repo.by_hash(conn, key_hash)
        if row is None or row["revoked_at"] is not None:
            raise AuthenticationError("the API key is unknown or revoked")
        principal = Principal(actor_id=row["id"], role=Role(row["role"]),
                              subject_id=row["subject_id"], name=row["name"])
        suspensions: tuple[tuple[datetime, datetime | None], ...] = ()
        if principal.role is Role.CLIENT and principal.subject_id is not None:
            suspensions = tuple(
                (s["start"], s["end"]) for s in sanction_repo.not_lifted(
                    conn, SanctionTarget.CLIENT, principal.subject_id))
    entry = CachedKey(principal=principal, suspensions=suspensions)
    ctx.key_cache.put(key_hash, entry, generation)
    return entry


Caller = Annotated[Principal, Depends(authenticate_request)]


def allow(*roles: Role) -> Any:
    """A dependency that admits only callers with one of ``roles`` (others get 403)."""
    allowed = frozenset(roles)
    names = ", ".join(sorted(r.value for r in allowed))

    async def check(principal: Caller) -> Principal:  # on the event loop: no thread hop
        if principal.role not in allowed:
            raise PermissionDeniedError(
                f"role '{principal.role.value}' may not do this (allowed: {names})")
        return principal

    return Depends(check)


AdminOnly = Annotated[Principal, allow(Role.ADMIN)]
Staff = Annotated[Principal, allow(Role.SOURCING, Role.ADMIN)]
ClientOnly = Annotated[Principal, allow(Role.CLIENT)]
ClientOrStaff = Annotated[Principal, allow(Role.CLIENT, Role.SOURCING, Role.ADMIN)]
FreelancerOnly = Annotated[Principal, allow(Role.FREELANCER)]
AccountHolder = Annotated[Principal, allow(Role.CLIENT, Role.FREELANCER)]


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=200, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


Paging = Annotated[PageParams, Depends(page_params)]


def if_match_version(
    if_match: Annotated[str | None, Header(
        description='The ETag read last (e.g. "v3"); a stale one gets 409.')] = None,
) -> int:
    """The version the client read, from ``If-Match: "v<n>"`` (required for edits)."""
    if if_match is None:
        raise PreconditionRequired(
            'send If-Match with the ETag of the version you edit (e.g. If-Match: "v3")')
    tag = if_match.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    if not tag.startswith("v") or not tag[1:].isdigit() or len(tag) > 12:
        raise PreconditionRequired(f"If-Match '{if_match}' is not an ETag of this API ('\"v3\"')")
    return int(tag[1:])


ExpectedVersion = Annotated[int, Depends(if_match_version)]


def etag(version: int) -> str:
    return f'"v{version}"'
