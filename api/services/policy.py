"""The eligibility policy and ranking configuration in force, and their reload by admins."""

from __future__ import annotations

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit
from api.schemas.system import PolicyInfo
from api.search_stack import build_ranker
from indexer.errors import ConfigurationError, InvalidInputError, Problem


def info(ctx: AppContext) -> PolicyInfo:
    r = ctx.search.ranker
    return PolicyInfo(policy_version=r.policy.version, config_version=r.config.version,
                      contact_cap=ctx.settings.contact_cap)


def reload(ctx: AppContext, actor: Principal) -> PolicyInfo:
    """Load the configured files; swap the ranker only if both are valid (audited)."""
    now = ctx.clock.now()
    before = info(ctx)
    try:
        ranker = build_ranker(ctx.settings, ctx.search.backend, ctx.search.embedder)
    except ConfigurationError as exc:
        raise InvalidInputError([Problem("policy", str(exc))]) from None
    ctx.search.replace_ranker(ranker)
    after = info(ctx)
    with ctx.db.write() as conn:
        audit.record(conn, actor, "policy.reload", "policy", "ranking", at=now,
                     before=before.model_dump(), after=after.model_dump())
    return after
