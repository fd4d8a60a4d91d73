"""Property-based tests of the whole HTTP surface against its own OpenAPI document.

Schemathesis generates valid and invalid requests for every operation (bounded: a few
examples each, derandomised so runs repeat) and sends them to the real app served by uvicorn
on loopback, over the real embedded backend. Every response must: not be a server error, use
a documented status code and content type, and match the documented schema; invalid input
must be rejected. Each request carries the key of a role allowed on that route (from the
401/403 table), so the generated data reaches the handlers instead of stopping at 403.
"""

from __future__ import annotations

import copy
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.clock import ManualClock
from tests.api.conftest import START, create_client_with_key, create_key, listed_profile, make_app
from tests.api.test_auth_matrix import EXPECTED, PUBLIC

pytestmark = [pytest.mark.slow]

#: Examples per operation and generation mode (bounded so the module runs in a minute or two).
MAX_EXAMPLES = 40

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance, negative_data_rejection]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, template_dir: Path,
                profiles: list[Any]) -> Iterator[dict[str, Any]]:
    """The app under uvicorn on 127.0.0.1, with a key per role."""
    import shutil

    data = tmp_path_factory.mktemp("schemathesis") / "data"
    shutil.copytree(template_dir, data)
    app = make_app(data, ManualClock(START))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    else:
        raise RuntimeError("the API did not start")
    http = httpx.Client(base_url=base)
    _, client_key = create_client_with_key(http, "Schema Corp")  # type: ignore[arg-type]
    keys = {
        "admin": "test-bootstrap-admin-key-0123456789abcdef",
        "sourcing": create_key(http, "sourcing"),  # type: ignore[arg-type]
        "client": client_key,
        "freelancer": create_key(http, "freelancer", listed_profile(profiles).id),  # type: ignore[arg-type]
    }
    http.close()
    yield {"base_url": base, "keys": keys, "openapi": _without_security(app.openapi())}
    server.should_exit = True
    thread.join(timeout=10)


def _without_security(doc: dict[str, Any]) -> dict[str, Any]:
    """The document without its security schemes: each request carries a real key of an
    allowed role (:func:`_key_for`), so schemathesis must not generate (or, in negative mode,
    mutate) the ``Authorization`` / ``X-API-Key`` headers itself. Otherwise a case whose only
    invalid parts were those headers (replaced by the real key) plus a query value that
    serialises to a valid one is reported as accepted invalid data."""
    out = copy.deepcopy(doc)
    out.get("components", {}).pop("securitySchemes", None)
    out.pop("security", None)
    for ops in out["paths"].values():
        for op in ops.values():
            if isinstance(op, dict):
                op.pop("security", None)
    return out


def _cases() -> list[tuple[str, str, GenerationMode]]:
    """(method, path, mode) for every operation of the app's OpenAPI document; negative
    generation only where the operation takes input (parameters or a body)."""
    doc = make_app(Path("unused"), ManualClock(START)).openapi()
    out = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if (method.upper(), path) == ("DELETE", "/me"):
                continue
            out.append((method.upper(), path, GenerationMode.POSITIVE))
            if op.get("parameters") or op.get("requestBody"):
                out.append((method.upper(), path, GenerationMode.NEGATIVE))
    return sorted(out)


def _key_for(live_server: dict[str, Any], method: str, path: str) -> dict[str, str]:
    """The key of the least privileged role allowed on the route (client-facing routes then
    see client data)."""
    allowed = EXPECTED[(method, path)]
    if allowed == PUBLIC:
        return {}
    for role in ("client", "freelancer", "sourcing", "admin"):
        if role in allowed:
            return {"Authorization": f"Bearer {live_server['keys'][role]}"}
    raise AssertionError(f"no role for {method} {path}")


@pytest.mark.parametrize(("method", "path", "mode"), _cases(),
                         ids=lambda x: x.value if isinstance(x, GenerationMode) else x)
def test_openapi_conformance(live_server: dict[str, Any], method: str, path: str,
                             mode: GenerationMode) -> None:
    """``DELETE /me`` is left out: deleting the shared accounts would end the run (the
    workflow and matrix tests cover it)."""
    schema = schemathesis.openapi.from_dict(live_server["openapi"])
    operation = schema[path][method]
    headers = _key_for(live_server, method, path)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    def run(case: Any) -> None:
        case.call_and_validate(base_url=live_server["base_url"], headers=headers,
                               checks=CHECKS, timeout=30)

    run()
