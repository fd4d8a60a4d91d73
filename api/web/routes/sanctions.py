"""Sanctions: find a freelancer (by profile id) or a client company (by id or name), see its
sanctions, apply or lift one (admins), and see the effect on the listing at once: whether the
freelancer is listed in self-service and in curated search right now, and why not."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.db.repositories import clients as client_repo
from api.db.repositories import sanctions as sanction_repo
from api.deps import Ctx
from api.enums import SanctionTarget
from api.schemas.sanctions import SanctionCreate, SanctionLift, SanctionPublic
from api.services import sanctions
from api.web.forms import text_field
from api.web.render import gettext_for, redirect, render, with_query
from api.web.session import Form, WebAdmin, WebStaff
from indexer.errors import InvalidInputError, NotFoundError, Problem
from indexer.profile import SanctionKind, SanctionScope
from ranking import Brief, SearchMode

router = APIRouter(prefix="/app/sanctions", include_in_schema=False)

SanctionId = Annotated[str, Path(pattern=r"^san_[0-9a-f]{16}$")]
MAX_QUERY = 100


def _listing(ctx: Ctx, profile_id: str) -> list[dict[str, Any]]:
    """Is the freelancer listed now, per search mode (a brief on their own headline)?"""
    indexed = ctx.search.get([profile_id]).get(profile_id)
    if indexed is None:
        return []
    out = []
    for mode in (SearchMode.SELF_SERVICE, SearchMode.CURATED):
        brief = Brief(title=indexed.profile.headline[:200] or "freelancer", mode=mode)
        expl = ctx.search.explain(brief, profile_id, as_of=ctx.clock.now())
        out.append({"mode": mode.value, "eligible": expl.eligible, "reasons": list(expl.reasons)})
    return out


def _find(ctx: Ctx, q: str) -> list[dict[str, Any]]:
    """Targets matching ``q``: a profile id in the index, a client id or client names."""
    found: list[dict[str, Any]] = []
    if not q:
        return found
    indexed = ctx.search.get([q]).get(q)
    if indexed is not None:
        p = indexed.profile
        found.append({"kind": SanctionTarget.FREELANCER.value, "id": p.id,
                      "label": f"{p.name} — {p.headline}", "listing": _listing(ctx, p.id)})
    needle = q.casefold()
    with ctx.db.read() as conn:
        for row in client_repo.page(conn, status=None, limit=1000, offset=0).rows:
            if row["id"] == q or needle in str(row["name"]).casefold():
                found.append({"kind": SanctionTarget.CLIENT.value, "id": row["id"],
                              "label": f"{row['name']} ({row['status']})", "listing": []})
    return found[:20]


@router.get("", response_class=HTMLResponse)
def sanctions_page(request: Request, ctx: Ctx, user: WebStaff, q: str = "") -> HTMLResponse:
    q = q.strip()[:MAX_QUERY]
    targets = _find(ctx, q)
    now = ctx.clock.now()
    with ctx.db.read() as conn:
        if targets:
            rows = [r for t in targets for r in sanction_repo.page(
                conn, target_kind=t["kind"], target_id=t["id"], in_force_at=None,
                limit=200, offset=0).rows]
        else:
            rows = sanction_repo.page(conn, target_kind=None, target_id=None, in_force_at=now,
                                      limit=100, offset=0).rows
    items = [SanctionPublic.model_validate({**r, "in_force": sanctions.in_force(r, now)})
             for r in rows]
    return render(request, "staff/sanctions.html", {
        "q": q, "targets": targets, "sanctions": items, "is_admin": user.role.value == "admin",
        "kinds": list(SanctionKind), "scopes": list(SanctionScope),
        "searched": bool(q)})


def _end_of(value: str, field: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), time(0), tzinfo=UTC)
    except ValueError:
        raise InvalidInputError([Problem(field, f"'{value}' is not a date (YYYY-MM-DD)")]) from None


@router.post("")
def apply(request: Request, ctx: Ctx, user: WebAdmin, form: Form) -> RedirectResponse:
    _ = gettext_for(request)
    data = SanctionCreate.model_validate({
        "target_kind": text_field(form, "target_kind", max_chars=20),
        "target_id": text_field(form, "target_id", max_chars=64),
        "kind": text_field(form, "kind", max_chars=40),
        "scope": text_field(form, "scope", max_chars=20) or None,
        "reason": text_field(form, "reason", max_chars=500),
        "end": _end_of(text_field(form, "end", max_chars=10), "end")})
    sanctions.create(ctx, user, data)
    return redirect(request, with_query("/app/sanctions", q=data.target_id),
                    flash=_("Sanction applied; search results follow at once."))


@router.post("/{sanction_id}/lift")
def lift(request: Request, ctx: Ctx, user: WebAdmin, form: Form,
         sanction_id: SanctionId) -> RedirectResponse:
    _ = gettext_for(request)
    row = sanctions.lift(ctx, user, sanction_id,
                         SanctionLift.model_validate({"reason": text_field(form, "reason",
                                                                           max_chars=500)}))
    if row is None:
        raise NotFoundError(f"sanction '{sanction_id}' does not exist")
    return redirect(request, with_query("/app/sanctions", q=row["target_id"]),
                    flash=_("Sanction lifted."))
