"""Web pages of talentmatch, served by the API application under ``/app``.

Why server-rendered pages: the sourcing team and clients need forms, lists and tables, not a
single-page app. Jinja2 templates rendered by the same FastAPI process call the same services
as the JSON API (one set of rules, one audit log), need no JavaScript at all (so they work
with the keyboard, screen readers and a strict Content-Security-Policy that allows no inline
script), no build step and no second server. Every form posts and redirects (POST-redirect-GET),
so reloading never repeats an action.

``install_web(app)`` mounts the pages, their static files and their error handling; it is
called by :func:`api.app.create_app`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web.errors import install_page_errors
from api.web.render import WebState
from api.web.routes import client, freelancer, moderation, sanctions, signin, sourcing

STATIC_DIR = Path(__file__).parent / "static"


def install_web(app: FastAPI) -> None:
    """Add the web pages to ``app`` (after the API's error handlers are installed)."""
    app.state.web = WebState.build()
    app.mount("/app/static", StaticFiles(directory=STATIC_DIR), name="web-static")
    for module in (signin, client, freelancer, sourcing, moderation, sanctions):
        app.include_router(module.router)
    app.include_router(signin.root)
    install_page_errors(app)
