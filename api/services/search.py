"""Self-service search and "why am I not listed" for freelancers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from api.auth.principal import Principal
from api.context import AppContext
from api.schemas.explanations import ExplanationPublic
from api.schemas.freelancers import WhyNotListedResponse
from api.schemas.profiles import ProfilePublic
from api.schemas.search import SearchHitPublic, SearchRequest, SearchResponse
from api.services.public_explanation import public_summary
from api.services.search_json import search_response_json
from indexer.errors import InvalidInputError, NotFoundError, Problem
from ranking import Brief, RankingResult, SearchMode
from ranking.records import RecordRanking


def self_service(ctx: AppContext, req: SearchRequest) -> SearchResponse:
    """Ranked, publicly explained results; the search mode is always self-service."""
    brief, result = _ranked(ctx, req)
    return _response(brief, result)


@dataclass(frozen=True)
class _SelfServiceJson:
    """The response of a ranking for ``brief``, serialised (a plain object, not a closure:
    it travels to the ranking worker processes, :mod:`api.ranking_workers`)."""

    brief: Brief

    def __call__(self, ranking: RecordRanking) -> bytes:
        return search_response_json(self.brief, ranking)


def _json_builder(brief: Brief) -> Callable[[RecordRanking], bytes]:
    return _SelfServiceJson(brief)


def self_service_json(ctx: AppContext, req: SearchRequest) -> bytes:
    """:func:`self_service` serialised as JSON (the same bytes as its ``model_dump_json``),
    written from the ranking's records, without the staff explanations or the validation of
    the full profiles (:meth:`ranking.ranker.Ranker.rank_records`,
    :mod:`api.services.search_json`). A ranking served again from the ranker's result cache
    (an identical brief, same index generation, at most 30 s old) is serialised once: its
    response is a function of the ranking alone (the brief and the limit are part of the
    ranking's cache key), kept next to it as bytes
    (:meth:`ranking.ranker.Ranker.rank_records_derived`)."""
    brief, limit = _checked(ctx, req)
    return ctx.search.rank_records_derived(brief, _SELF_SERVICE, _json_builder(brief),
                                           k=limit, as_of=ctx.clock.now())


def cached_self_service_json(
    ctx: AppContext, req: SearchRequest
) -> tuple[bytes | None, Callable[[], None] | None]:
    """:func:`self_service_json` if the result cache holds it (else None), cheap and never
    blocking, for the event loop; with it, the refresh of that entry if one is due and now
    claimed (``ranking.resultcache``, *Refresh ahead*), to run after the response is sent."""
    brief, limit = _checked(ctx, req)
    body, ticket = ctx.search.cached_derived(brief, _SELF_SERVICE, k=limit,
                                             as_of=ctx.clock.now())
    if ticket is None:
        return body, None

    def refresh() -> None:
        ctx.search.refresh_records_derived(ticket, brief, _SELF_SERVICE, _json_builder(brief),
                                           k=limit, as_of=ctx.clock.now())

    return body, refresh


_SELF_SERVICE = "api.self_service"


def _checked(ctx: AppContext, req: SearchRequest) -> tuple[Brief, int]:
    brief = req.brief.with_mode(SearchMode.SELF_SERVICE)
    if req.limit > ctx.settings.search_max_results:
        raise InvalidInputError([Problem(
            "body.limit", f"at most {ctx.settings.search_max_results} results per search")])
    return brief, req.limit


def _ranked(ctx: AppContext, req: SearchRequest) -> tuple[Brief, RankingResult]:
    brief, limit = _checked(ctx, req)
    return brief, ctx.search.rank(brief, k=limit, as_of=ctx.clock.now())


def _response(brief: Brief, result: RankingResult) -> SearchResponse:
    return SearchResponse(
        as_of=result.as_of,
        total_eligible=int(result.total_eligible_candidates
                           if result.total_eligible_candidates is not None
                           else len(result.results)),
        results=[
            SearchHitPublic(rank=r.rank,
                            profile=ProfilePublic.of(r.profile, as_of=result.as_of),
                            explanation=ExplanationPublic(summary=public_summary(brief, r)))
            for r in result.results
        ],
    )


def why_not_listed(ctx: AppContext, actor: Principal, brief: Brief) -> WhyNotListedResponse:
    """For the calling freelancer: listed or not for ``brief``, the policy reasons, and hints."""
    pid = actor.subject_id or ""
    try:
        expl = ctx.search.explain(brief, pid, as_of=ctx.clock.now())
    except NotFoundError:
        raise NotFoundError("your profile is not in the search index (not published yet, or "
                            "the account was deleted)") from None
    return WhyNotListedResponse(
        profile_id=pid,
        listed=expl.eligible,
        rank=expl.ranked.rank if expl.ranked is not None else None,
        reasons=list(expl.reasons),
        hints=list(expl.hints),
    )
