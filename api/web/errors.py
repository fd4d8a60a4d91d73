"""Errors on the web pages: the same exceptions as the JSON API, answered as pages.

Under ``/app`` a missing sign-in redirects to the sign-in page; a refused role, a stale form
or a suspended company gets a 403 page; a failed form action (a full contact list, a stale
shortlist version, rejected content...) goes back to the page it came from with the reason
shown on top; anything else renders an error page with its status. Other paths keep the
API's problem+json answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.responses import Response

from api.errors import ApiProblem
from api.web.render import gettext_for, redirect, render, safe_path, with_query
from api.web.session import SESSION_COOKIE, SignInRequired, cookie_options
from indexer.errors import (
    AuthenticationError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    TalentmatchError,
)

Handler = Callable[[Request, Exception], Response | Awaitable[Response]]
PREFIX = "/app"


def _status(exc: TalentmatchError) -> int:
    if isinstance(exc, ApiProblem):
        return exc.status
    for cls, status in ((InvalidInputError, 422), (NotFoundError, 404), (ConflictError, 409),
                        (PermissionDeniedError, 403), (AuthenticationError, 401)):
        if isinstance(exc, cls):
            return status
    return 500


def _detail(exc: TalentmatchError) -> str:
    if isinstance(exc, InvalidInputError):
        return "; ".join(f"{p.field}: {p.message}" for p in exc.problems[:10])
    return str(exc)


def _back(request: Request) -> str:
    ref = request.headers.get("referer")
    if ref:
        parts = urlsplit(ref)
        if parts.netloc in ("", request.url.netloc):
            return safe_path(parts.path + (f"?{parts.query}" if parts.query else ""))
    return "/app/"


def page_error(request: Request, exc: TalentmatchError) -> Response:
    """The page-side answer to ``exc`` (see the module docstring)."""
    _ = gettext_for(request)
    if isinstance(exc, SignInRequired) or (isinstance(exc, AuthenticationError)
                                          and not isinstance(exc, PermissionDeniedError)):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response = redirect(request, with_query("/app/signin", next=target),
                            flash=str(exc), kind="error")
        if request.cookies.get(SESSION_COOKIE):
            response.delete_cookie(SESSION_COOKIE, path=cookie_options(request)["path"])
        return response
    status = _status(exc)
    if request.method == "POST" and status < 500 and not isinstance(exc, PermissionDeniedError):
        return redirect(request, _back(request), flash=_detail(exc), kind="error")
    titles = {403: _("You may not open this page"), 404: _("Not found"),
              409: _("Not possible right now"), 422: _("Invalid input")}
    return render(request, "error.html",
                  {"status": status, "title": titles.get(status, _("Something went wrong")),
                   "detail": _detail(exc) if status < 500 else _("see the server log")},
                  status_code=status)


def _problems(errors: Sequence[Any]) -> list[Problem]:
    """Pydantic/FastAPI error entries as problems named by their form field."""
    out = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ()) if p not in ("body", "query")]
        out.append(Problem(".".join(loc) or "form", str(e.get("msg", "invalid value"))))
    return out


def install_page_errors(app: FastAPI) -> None:
    """Route errors under ``/app`` to :func:`page_error`, keep the API's handlers elsewhere."""
    api_handler: Handler = app.exception_handlers[TalentmatchError]
    validation_handler: Handler = app.exception_handlers[RequestValidationError]

    async def on_error(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(PREFIX) and isinstance(exc, TalentmatchError):
            return page_error(request, exc)
        result = api_handler(request, exc)
        return await result if isinstance(result, Awaitable) else result

    async def on_validation(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(PREFIX) and isinstance(exc, RequestValidationError):
            if any(e.get("loc", ("",))[0] == "path" for e in exc.errors()):
                return page_error(request, NotFoundError("no such page"))
            return page_error(request, InvalidInputError(_problems(exc.errors())))
        result = validation_handler(request, exc)
        return await result if isinstance(result, Awaitable) else result

    async def on_model_error(request: Request, exc: Exception) -> Response:
        # A form value a page turned into a model (a contact, a decision...) was refused.
        if request.url.path.startswith(PREFIX) and isinstance(exc, ValidationError):
            return page_error(request, InvalidInputError(_problems(exc.errors())))
        raise exc

    app.add_exception_handler(TalentmatchError, on_error)
    app.add_exception_handler(ValidationError, on_model_error)
    app.add_exception_handler(RequestValidationError, on_validation)
