"""Who is signed in to the web pages, and the protection of their forms.

Signing in exchanges nothing: the browser keeps the caller's API key in an ``HttpOnly``,
``SameSite=Strict`` cookie scoped to ``/app`` (``Secure`` when served over HTTPS), and each
request authenticates it exactly like the JSON API does, so roles, revocation and company
suspensions act on the pages at once. Every form carries a CSRF token derived from the key
(an HMAC, so nothing is stored server-side) that a POST must send back.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.datastructures import FormData

from api.auth.principal import Principal
from api.deps import Ctx, authenticate
from api.enums import Role
from indexer.errors import AuthenticationError, PermissionDeniedError

SESSION_COOKIE = "tm_key"
LANG_COOKIE = "tm_lang"
FLASH_COOKIE = "tm_flash"
COOKIE_PATH = "/app"
MAX_KEY_LENGTH = 512


class SignInRequired(AuthenticationError):
    """A page needs a signed-in user: the browser is sent to the sign-in page."""


class PageForbidden(PermissionDeniedError):
    """The signed-in user's role may not open this page (403, rendered as a page)."""


class CsrfRejected(PermissionDeniedError):
    """A form came back without the token of the signed-in user's session."""


def csrf_token(key: str) -> str:
    """The token every form of this session carries: HMAC-SHA256 of a fixed label under the key."""
    return hmac.new(key.encode(), b"talentmatch-web-csrf", hashlib.sha256).hexdigest()[:40]


def session_key(request: Request) -> str | None:
    key = request.cookies.get(SESSION_COOKIE)
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    return key


def cookie_options(request: Request) -> dict[str, Any]:
    return {"path": COOKIE_PATH, "httponly": True, "samesite": "strict",
            "secure": request.url.scheme == "https"}


def web_user(request: Request, ctx: Ctx) -> Principal:
    """The signed-in user, authenticated like an API call (:func:`api.deps.authenticate`)."""
    key = session_key(request)
    if key is None:
        raise SignInRequired("sign in to open this page")
    try:
        principal = authenticate(ctx, None, key)
    except PermissionDeniedError:
        raise
    except AuthenticationError:
        raise SignInRequired("your key is unknown or was revoked; sign in again") from None
    request.state.web_principal = principal
    request.state.csrf = csrf_token(key)
    return principal


WebUser = Annotated[Principal, Depends(web_user)]


def web_allow(*roles: Role) -> Any:
    """A page dependency admitting only ``roles`` (others get a 403 page)."""
    allowed = frozenset(roles)

    def check(user: WebUser) -> Principal:
        if user.role not in allowed:
            raise PageForbidden(f"your role ({user.role.value}) may not open this page")
        return user

    return Depends(check)


WebClient = Annotated[Principal, web_allow(Role.CLIENT)]
WebStaff = Annotated[Principal, web_allow(Role.SOURCING, Role.ADMIN)]
WebAdmin = Annotated[Principal, web_allow(Role.ADMIN)]
WebFreelancer = Annotated[Principal, web_allow(Role.FREELANCER)]


async def checked_form(request: Request, user: WebUser) -> FormData:
    """The submitted form, once its CSRF token matches the session (403 otherwise)."""
    form = await request.form(max_files=0, max_fields=200)
    sent = form.get("csrf")
    expected = getattr(request.state, "csrf", "")
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfRejected("the form is stale or did not come from this site; reload the page "
                           "and try again")
    return form


Form = Annotated[FormData, Depends(checked_form)]
