"""Rendering pages: the Jinja2 environment, the per-request template context, flash
messages across a POST-redirect-GET, and the security headers every page carries."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.web.i18n import Catalogues, Language, negotiate
from api.web.session import FLASH_COOKIE, LANG_COOKIE, cookie_options

TEMPLATE_DIR = Path(__file__).parent / "templates"

#: No scripts, no inline styles, no framing, forms only to this site.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class WebState:
    """What the pages need, built once per application (``app.state.web``)."""

    env: Environment
    catalogues: Catalogues

    @classmethod
    def build(cls, template_dir: Path = TEMPLATE_DIR) -> WebState:
        env = Environment(loader=FileSystemLoader(template_dir),
                          autoescape=select_autoescape(default=True),
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        env.filters["day"] = _day
        env.filters["money"] = _money
        env.filters["pct"] = lambda v: f"{100 * float(v):.0f} %"
        env.filters["num"] = lambda v, d=3: f"{float(v):.{d}f}"
        return cls(env=env, catalogues=Catalogues.load())


def _day(value: datetime | date | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC") if value.tzinfo else value.isoformat()
    return value.isoformat()


def _money(value: float | None, currency: str = "EUR") -> str:
    return "–" if value is None else f"{value:,.0f} {currency}"


def language(request: Request) -> Language:
    return negotiate(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))


def _read_flash(request: Request) -> dict[str, str] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(raw.encode()))
        if isinstance(data, dict) and {"kind", "text"} <= data.keys():
            return {"kind": str(data["kind"]), "text": str(data["text"])[:600]}
    except (ValueError, TypeError):
        pass
    return None


def render(request: Request, template: str, context: dict[str, Any] | None = None,
           *, status_code: int = 200) -> HTMLResponse:
    """Render ``template`` in the request's language, with the signed-in user, the CSRF
    token and a pending flash message (shown once)."""
    web: WebState = request.app.state.web
    lang = language(request)
    tr = web.catalogues.get(lang)
    flash = _read_flash(request)
    page = web.env.get_template(template).render(
        _=tr.gettext, ngettext=tr.ngettext, lang=lang.value, languages=list(Language),
        user=getattr(request.state, "web_principal", None),
        csrf=getattr(request.state, "csrf", ""), flash=flash, path=request.url.path,
        here=_here(request), **(context or {}))
    response = HTMLResponse(page, status_code=status_code, headers=SECURITY_HEADERS)
    if flash is not None:
        response.delete_cookie(FLASH_COOKIE, path=cookie_options(request)["path"])
    return response


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def gettext_for(request: Request) -> Any:
    web: WebState = request.app.state.web
    return web.catalogues.get(language(request)).gettext


def redirect(request: Request, url: str, *, flash: str | None = None,
             kind: str = "info") -> RedirectResponse:
    """303 to ``url`` (a path of this site), optionally carrying a message to show there."""
    response = RedirectResponse(safe_path(url), status_code=303)
    if flash is not None:
        payload = json.dumps({"kind": kind, "text": flash[:600]}).encode()
        response.set_cookie(FLASH_COOKIE, base64.urlsafe_b64encode(payload).decode(),
                            max_age=60, **cookie_options(request))
    return response


def safe_path(url: str | None, default: str = "/app/") -> str:
    """``url`` if it is a path under ``/app`` of this site, else ``default`` (no open redirect)."""
    if not url or not url.startswith("/app") or url.startswith("//") or "\\" in url:
        return default
    if any(c in url for c in "\r\n\t"):
        return default
    return url


def with_query(path: str, **params: Any) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")
