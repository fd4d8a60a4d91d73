"""Small helpers shared by the route modules."""

from __future__ import annotations

from typing import Any

from api.errors import problem_responses

#: Errors any authenticated route can answer (400: a body that is not UTF-8 JSON at all).
AUTH_ERRORS = problem_responses(400, 401, 403, 422)
NOT_FOUND = problem_responses(404)
CONFLICT = problem_responses(409)
EDIT_ERRORS = problem_responses(404, 409, 428)


def errors(*groups: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    out: dict[int | str, dict[str, Any]] = {}
    for g in groups:
        out.update(g)
    return out
