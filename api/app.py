"""The FastAPI application of the curation workflow: ``create_app(settings)``.

Everything the app uses is built in its lifespan and hung off ``app.state.ctx``: the
database (migrated at start-up), the search stack (backend, embedder, ranker, indexer), the
moderator and the clock. Nothing is created at import time, so an app can be started,
stopped and started again on the same data directory (and tests run many side by side).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.clock import Clock, SystemClock
from api.context import AppContext, SearchStackFactory
from api.db.engine import Database
from api.db.migrations import migrate
from api.errors import install_error_handlers
from api.middleware import BodySizeLimit
from api.moderation import ContentClassifier, Moderator, WordListClassifier
from api.routes import (
    clients,
    freelancers,
    keys,
    me,
    moderation,
    projects,
    referrals,
    reports,
    sanctions,
    search,
    sourcing,
    system,
)
from api.settings import ApiSettings
from api.web import install_web
from indexer.errors import TalentmatchError

log = logging.getLogger(__name__)

DESCRIPTION = """
Self-service search, curated sourcing with human review, shortlists, moderation, sanctions.

Authenticate with an API key: `Authorization: Bearer <key>` (or `X-API-Key: <key>`).
Roles: **client**, **sourcing**, **admin**, **freelancer**. Errors are
`application/problem+json` (RFC 9457); lists are paginated with `limit`/`offset` and carry
`total`. Edits of a sourcing request need `If-Match` with the ETag last read.
"""


def create_app(
    settings: ApiSettings | None = None,
    *,
    search_factory: SearchStackFactory | None = None,
    clock: Clock | None = None,
    classifiers: Sequence[ContentClassifier] = (),
    serving: bool = False,
) -> FastAPI:
    """Build the application.

    ``search_factory`` builds the search stack at start-up (default: the configured backend
    and the real embedding model); ``clock`` supplies "now" (default: the system clock);
    ``classifiers`` are extra moderation hooks run after the built-in word lists.
    ``serving`` (``talentmatch serve``: the app owns its process): while it runs, threads
    hand Python's interpreter lock over every ``settings.thread_switch_interval_ms``
    (:func:`sys.setswitchinterval`, restored at shutdown), so a cached search answered on the
    event loop does not wait out a ranking's 5 ms slices (measured, ``bench_api --briefs 200``
    at 100k profiles: p99 367-465 ms with Python's 5 ms, 29-100 ms with 1 ms; new briefs:
    the same throughput); once started, warm the ranker up (:meth:`ranking.Ranker.warm_up`:
    two built-in searches) and move every object alive (the loaded index, millions of
    long-lived objects, and what the first searches create) out of the garbage collector's
    reach (:func:`gc.freeze`), so a full collection triggered by a request does not walk them
    all (a p99 pause). Off by default: a process that creates many apps (tests) would keep
    them.
    """
    cfg = settings if settings is not None else ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from api.search_stack import open_search_stack
        from api.services.sanctions import reconcile

        db = Database(cfg.resolved_database_url())
        try:
            applied = migrate(db)
            if applied:
                log.info("applied schema migrations %s", applied)
            stack = (search_factory or open_search_stack)(cfg)
        except Exception:
            db.dispose()
            raise
        moderator = Moderator([WordListClassifier.default(cfg.extra_wordlist_dir),
                               *classifiers])
        ctx = AppContext(settings=cfg, db=db, search=stack, moderator=moderator,
                         clock=clock or SystemClock())
        app.state.ctx = ctx
        switch_interval = sys.getswitchinterval()
        try:
            reconcile(ctx)
            if serving:
                sys.setswitchinterval(cfg.thread_switch_interval_ms / 1000.0)
                try:  # what the first searches would create, now
                    ctx.search.ranker.warm_up()
                except TalentmatchError as exc:  # serve anyway; searches report it themselves
                    log.warning("ranker warm-up failed: %s", exc)
                gc.collect()
                gc.freeze()
            workers = cfg.resolved_search_workers(serving=serving)
            if workers:
                stack.start_workers(workers, pin=cfg.pin_search_workers,
                                    nice=cfg.search_worker_nice)
                log.info("ranking in %d worker processes", workers)
            yield
        finally:
            sys.setswitchinterval(switch_interval)
            stack.close()
            db.dispose()

    app = FastAPI(
        title="talentmatch curation API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=cfg.max_request_bytes)
    for module in (system, keys, clients, search, projects, moderation, sourcing, me,
                   freelancers, sanctions, reports, referrals):
        app.include_router(module.router)
    install_web(app)
    return app
