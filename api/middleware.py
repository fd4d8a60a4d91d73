"""ASGI middleware: the request body size limit.

Checked twice: a declared ``Content-Length`` above the limit is refused before the body is
read; a body sent without one (chunked) is counted while it streams and refused as soon as
it passes the limit. Either way the answer is a 413 problem+json and nothing is stored.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import PROBLEM_JSON


def _too_large(max_bytes: int) -> HTTPException:
    return HTTPException(
        status_code=413, detail=f"the request body is larger than the {max_bytes} bytes allowed"
    )


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_bytes:
                    await self._reject(scope, send)
                    return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the body read: the app's HTTPException handler turns it
                    # into the 413 problem+json response.
                    raise _too_large(self.max_bytes)
            return message

        await self.app(scope, limited_receive, send)

    async def _reject(self, scope: Scope, send: Send) -> None:
        body: dict[str, Any] = {
            "type": "urn:talentmatch:problem:payload-too-large",
            "title": "Request body too large",
            "status": 413,
            "detail": f"the request body is larger than the {self.max_bytes} bytes allowed",
            "instance": scope.get("path"),
        }
        raw = json.dumps(body).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", PROBLEM_JSON.encode()),
                                (b"content-length", str(len(raw)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": raw})
