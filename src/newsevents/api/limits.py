"""Bounded request bodies: a declared Content-Length over the limit is refused before anything is read,
and a streamed body is cut off as soon as it passes the limit."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.api.errors import error_response


class BodyLimit:
    """ASGI middleware: at most ``limit_for(path)`` bytes of request body."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await error_response(413, "payload_too_large", _message(limit))(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI re-raises an HTTPException met while reading the body: the handlers answer it.
                    raise HTTPException(413, _message(limit))
            return message

        await self.app(scope, limited, send)


def _message(limit: int) -> str:
    return f"the request body is larger than the limit of {limit:,} bytes"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
