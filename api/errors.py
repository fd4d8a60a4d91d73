"""Errors as RFC 9457 problem+json responses.

The engine's hierarchy (:mod:`indexer.errors`) maps onto HTTP statuses; the API adds a few
subclasses that carry a specific problem type and extra members (the contact cap, a stale
version, a missing precondition, an oversized body). Validation errors list every field
with its path (``body.brief.languages.0.level``).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.errors import (
    AuthenticationError,
    BackendError,
    BackendUnavailableError,
    ConfigurationError,
    ConflictError,
    EmbeddingError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    TalentmatchError,
)

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
_TYPE_BASE = "urn:talentmatch:problem:"


class FieldProblem(BaseModel):
    """One invalid field: a dotted path from the request part (``body``, ``query``...)."""

    field: str
    message: str
    type: str | None = None


class ProblemDetail(BaseModel):
    """The body of every error response."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=["urn:talentmatch:problem:contact-cap-reached"])
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldProblem] | None = None


class ApiProblem(TalentmatchError):
    """Base of the API's own errors: a status, a problem type slug, extra members."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class ContactCapReached(ApiProblem, ConflictError):
    status = 409
    slug = "contact-cap-reached"
    title = "Contact limit reached for this project"


class StaleVersion(ApiProblem, ConflictError):
    status = 409
    slug = "stale-version"
    title = "The resource changed since you read it"


class StateConflict(ApiProblem, ConflictError):
    status = 409
    slug = "state-conflict"
    title = "Not possible in the current state"


class PreconditionRequired(ApiProblem):
    status = 428
    slug = "precondition-required"
    title = "If-Match header required"


class PayloadTooLarge(ApiProblem):
    status = 413
    slug = "payload-too-large"
    title = "Request body too large"


class ContentRejected(ApiProblem):
    status = 422
    slug = "content-rejected"
    title = "Content rejected by moderation"


_HIERARCHY: list[tuple[type[TalentmatchError], int, str, str]] = [
    (InvalidInputError, 422, "invalid-input", "Invalid input"),
    (NotFoundError, 404, "not-found", "Not found"),
    (ConflictError, 409, "conflict", "Conflict"),
    (PermissionDeniedError, 403, "forbidden", "Forbidden"),
    (AuthenticationError, 401, "unauthenticated", "Authentication required"),
    (BackendUnavailableError, 503, "backend-unavailable", "Search backend unavailable"),
    (BackendError, 502, "backend-error", "Search backend error"),
    (EmbeddingError, 503, "embedding-error", "Embedding model error"),
    (ConfigurationError, 500, "configuration-error", "Server misconfigured"),
]

_STATUS_TITLES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("invalid-input", "Invalid input"),
}


def problem_response(
    status: int,
    slug: str,
    title: str,
    detail: str | None,
    *,
    instance: str | None = None,
    errors: list[FieldProblem] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = ProblemDetail(
        type=_TYPE_BASE + slug, title=title, status=status, detail=detail, instance=instance,
        errors=errors, **extra,
    )
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


_RESERVED = frozenset({"type", "title", "status", "detail", "instance", "errors", "headers"})


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc)


def _talentmatch_handler(request: Request, exc: TalentmatchError) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer realm="talentmatch"'} if isinstance(
        exc, AuthenticationError) else None
    if isinstance(exc, ApiProblem):
        extra = {k: v for k, v in exc.extra.items() if k not in _RESERVED}
        return problem_response(exc.status, exc.slug, exc.title, exc.detail,
                                instance=request.url.path, headers=headers, **extra)
    for cls, status, slug, title in _HIERARCHY:
        if isinstance(exc, cls):
            errors = None
            if isinstance(exc, InvalidInputError):
                errors = [FieldProblem(field=p.field, message=p.message) for p in exc.problems]
            if status >= 500:
                log.error("request failed: %s", exc, exc_info=exc)
            detail = str(exc) if status < 500 or status == 503 else "internal error; see server log"
            return problem_response(status, slug, title, detail, instance=request.url.path,
                                    errors=errors, headers=headers)
    log.error("unmapped error", exc_info=exc)
    return problem_response(500, "internal", "Internal error", None, instance=request.url.path)


def _validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        FieldProblem(field=_loc(e.get("loc", ())), message=str(e.get("msg", "")),
                     type=str(e.get("type")) if e.get("type") else None)
        for e in exc.errors()
    ]
    n = len(errors)
    return problem_response(
        422, "invalid-input", "Invalid input",
        f"{n} invalid field{'s' if n != 1 else ''}: " + ", ".join(e.field for e in errors[:10]),
        instance=request.url.path, errors=errors,
    )


def _http_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    slug, title = _STATUS_TITLES.get(exc.status_code, ("http-error", "HTTP error"))
    return problem_response(exc.status_code, slug, title, str(exc.detail),
                            instance=request.url.path, headers=dict(exc.headers or {}) or None)


def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s", request.url.path, exc_info=exc)
    return problem_response(500, "internal", "Internal error", "internal error; see server log",
                            instance=request.url.path)


def install_error_handlers(app: FastAPI) -> None:
    # Starlette dispatches on the registered class, so the narrower parameter types hold.
    app.add_exception_handler(TalentmatchError, _talentmatch_handler)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_handler)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unhandled)


#: ``responses=`` entries for the OpenAPI document: every route can answer these.
def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        s: {"model": ProblemDetail, "content": {PROBLEM_JSON: {}},
            "description": _STATUS_TITLES.get(s, ("", "Error"))[1] if s in _STATUS_TITLES
            else {428: "Precondition required", 503: "Unavailable"}.get(s, "Error")}
        for s in statuses
    }
