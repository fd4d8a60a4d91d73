"""Sign-in and sign-out, the language switch, and the start page of each role."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import Ctx, authenticate
from api.enums import Role
from api.web.i18n import Language
from api.web.render import redirect, render, safe_path
from api.web.session import (
    LANG_COOKIE,
    MAX_KEY_LENGTH,
    SESSION_COOKIE,
    WebUser,
    cookie_options,
    csrf_token,
)
from api.web.session import (
    Form as CheckedForm,
)
from indexer.errors import AuthenticationError, PermissionDeniedError

router = APIRouter(prefix="/app", include_in_schema=False)

HOME = {Role.CLIENT: "/app/search", Role.SOURCING: "/app/sourcing",
        Role.ADMIN: "/app/sourcing", Role.FREELANCER: "/app/me"}


root = APIRouter(include_in_schema=False)


@root.get("/")
def site_root() -> RedirectResponse:
    """The site's root opens the web pages."""
    return RedirectResponse("/app/", status_code=307)


@router.get("/", response_class=HTMLResponse)
def home(user: WebUser) -> RedirectResponse:
    return RedirectResponse(HOME[user.role], status_code=303)


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str = "") -> HTMLResponse:
    return render(request, "signin.html", {"next": safe_path(next, ""), "error": None})


@router.post("/signin", response_class=HTMLResponse)
def signin(request: Request, ctx: Ctx, key: Annotated[str, Form(max_length=MAX_KEY_LENGTH)] = "",
           next: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """Check the key like an API call; on success keep it in the session cookie."""
    key = key.strip()
    try:
        if not key:
            raise AuthenticationError("enter your API key")
        user = authenticate(ctx, None, key)
    except (AuthenticationError, PermissionDeniedError) as exc:
        return render(request, "signin.html", {"next": safe_path(next, ""), "error": str(exc)},
                      status_code=401 if isinstance(exc, AuthenticationError) else 403)
    response = RedirectResponse(safe_path(next, HOME[user.role]), status_code=303)
    response.set_cookie(SESSION_COOKIE, key, **cookie_options(request))
    request.state.csrf = csrf_token(key)
    return response


@router.post("/signout")
def signout(request: Request, _: CheckedForm) -> RedirectResponse:
    response = redirect(request, "/app/signin")
    response.delete_cookie(SESSION_COOKIE, path=cookie_options(request)["path"])
    return response


@router.post("/language")
def set_language(request: Request, lang: Annotated[Language, Form()],
                 back: Annotated[str, Form(max_length=2000)] = "/app/") -> RedirectResponse:
    """Switch the page language (kept in a cookie; no sign-in needed)."""
    response = RedirectResponse(safe_path(back), status_code=303)
    response.set_cookie(LANG_COOKIE, lang.value, max_age=365 * 86400,
                        **{**cookie_options(request), "httponly": False})
    return response
