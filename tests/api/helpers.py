"""Small HTTP helpers shared by the API tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import auth

PYTHON_BRIEF: dict[str, Any] = {
    "title": "Python backend developer",
    "description": "Build and run Python APIs with PostgreSQL on AWS.",
    "must_have_skills": ["Python"],
    "nice_to_have_skills": ["PostgreSQL"],
}


def search(http: TestClient, key: str, brief: dict[str, Any] | None = None,
           limit: int = 20) -> dict[str, Any]:
    r = http.post("/search", json={"brief": brief or PYTHON_BRIEF, "limit": limit},
                  headers=auth(key))
    assert r.status_code == 200, r.text
    return dict(r.json())


def result_ids(body: dict[str, Any]) -> list[str]:
    return [h["profile"]["id"] for h in body["results"]]


def submit_project(http: TestClient, key: str, *, service: str = "self_service",
                   title: str = "Payments API", brief: dict[str, Any] | None = None) -> Any:
    return http.post("/projects", json={"title": title, "service": service,
                                        "brief": brief or PYTHON_BRIEF}, headers=auth(key))


def assert_problem(r: Any, status: int, slug: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers
    body = dict(r.json())
    assert body["status"] == status and body["title"]
    if slug is not None:
        assert body["type"] == f"urn:talentmatch:problem:{slug}", body
    return body
