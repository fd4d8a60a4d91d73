"""End-to-end fixtures: the whole application served by uvicorn on 127.0.0.1 (a real embedded
index of generated profiles, a real SQLite workflow store), keys per role created over HTTP,
and Debian's Chromium driven headless by Playwright.

Every test saves a screenshot of each page it visits under ``test-output/screenshots/``.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from api.clock import ManualClock
from tests.api.conftest import (  # noqa: F401  (session fixtures reused)
    ADMIN_KEY,
    START,
    make_app,
    profiles,
    template_dir,
)

CHROMIUM = Path(os.environ.get("TALENTMATCH_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveApp:
    base: str
    admin: httpx.Client

    def key(self, role: str, subject_id: str | None = None) -> str:
        body = {"name": f"e2e {role}", "role": role}
        if subject_id:
            body["subject_id"] = subject_id
        r = self.admin.post("/keys", json=body)
        r.raise_for_status()
        return str(r.json()["key"])

    def client_key(self, name: str) -> tuple[str, str]:
        r = self.admin.post("/clients", json={"name": name})
        r.raise_for_status()
        cid = r.json()["id"]
        return cid, self.key("client", cid)


@pytest.fixture
def live(tmp_path: Path, template_dir: Path) -> Iterator[LiveApp]:  # noqa: F811
    """The app on a free loopback port, on a copy of the indexed sample."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(template_dir, data)
    app = make_app(data, ManualClock(START))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start on 127.0.0.1")
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {ADMIN_KEY}"},
                      timeout=30) as admin:
        yield LiveApp(base=base, admin=admin)
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/browser.sh install")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                               args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


class Shots:
    """Numbered screenshots of one test: ``shots(page, "search-results")``."""

    def __init__(self, test_name: str) -> None:
        self.prefix = re.sub(r"[^A-Za-z0-9_-]+", "_", test_name)
        self.n = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Page, step: str) -> Path:
        self.n += 1
        path = SCREENSHOTS / f"{self.prefix}-{self.n:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    return Shots(request.node.name)


def signed_in(browser: Browser, live: LiveApp, key: str, *, locale: str = "en-GB") -> Page:
    """A fresh browser context signed in through the sign-in form, typing the key."""
    context = browser.new_context(base_url=live.base, locale=locale)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/app/signin")
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page
