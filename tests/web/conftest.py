"""Fixtures of the web page tests: the API test fixtures (a real embedded index of generated
profiles, a real SQLite workflow store, keys per role) plus a browser-like client per role
signed in through the sign-in page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import (  # noqa: F401  (fixtures re-exported for these tests)
    ADMIN_KEY,
    Keys,
    app,
    clock,
    data_dir,
    http,
    keys,
    profiles,
    template_dir,
)

CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


class Browser:
    """A cookie-keeping client signed in with one key; ``csrf()`` reads a page's token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def get(self, url: str, **kw: object) -> object:
        return self.client.get(url, **kw)  # type: ignore[arg-type]

    def csrf(self, page: str = "/app/") -> str:
        r = self.client.get(page, follow_redirects=True)
        m = CSRF.search(r.text)
        assert m, f"no CSRF token on {page}: {r.status_code} {r.text[:300]}"
        return m.group(1)

    def post(self, url: str, data: dict[str, str], *, page: str = "/app/",
             follow: bool = False) -> object:
        body = {"csrf": self.csrf(page), **data}
        return self.client.post(url, data=body, follow_redirects=follow,
                                headers={"Referer": f"http://testserver{page}"})


@pytest.fixture
def sign_in(app, http: TestClient) -> Callable[[str], Browser]:  # type: ignore[no-untyped-def]  # noqa: F811
    """``sign_in(key)``: a new cookie jar on the running app (started by ``http``), signed in
    with ``key`` through the sign-in form."""

    def make(key: str) -> Browser:
        c = TestClient(app, raise_server_exceptions=False)
        r = c.post("/app/signin", data={"key": key}, follow_redirects=False)
        assert r.status_code == 303, r.text[:500]
        return Browser(c)

    return make
