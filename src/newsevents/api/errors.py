"""One JSON error shape for every error the API answers: ``{"error": {"code", "message", "status"}}``.

``code`` is a newsevents error code (``E320``) for coded library errors, else a short word for the HTTP
failure (``not_found``, ``invalid_request``, ``unauthorized``...): the ``reason`` of the API's own errors
(``newsevents.errors.ApiError``) and of HTTP failures. ``tests/api/test_error_shape.py`` locks it. The status
is the error class's ``http_status`` (``tests/api/test_error_status.py``).

A 500 never shows internals: its message is generic and the details (SQL, parameters, traceback) go to the
server's log. ``ContainErrors`` answers an exception no handler took without letting it reach the server,
which would drop the keep-alive connection.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.errors import ApiError, NewsEventsError

__all__ = ["CODE_BY_STATUS", "INTERNAL_MESSAGE", "ApiError", "error_body", "error_response", "install",
           "status_of"]

log = logging.getLogger(__name__)

CODE_BY_STATUS = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid_request", 429: "too_many_requests", 500: "internal_error", 503: "unavailable",
}
INTERNAL_MESSAGE = "an unexpected error occurred; the details are in the server's log"


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "status": status}}


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


def status_of(exc: NewsEventsError) -> int:
    """The HTTP status the error's class answers with (4xx: a client's mistake; else 500)."""
    return exc.http_status


def _location(loc: Any) -> str:
    return ".".join(str(part) for part in loc) if isinstance(loc, list | tuple) else str(loc)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, RecursionError | ValueError):
        # FastAPI answers 400 to a JSON body its parser gives up on: a client mistake like any invalid body.
        why = ("nested too deeply to be read" if isinstance(exc.__cause__, RecursionError)
               else "not valid JSON in UTF-8")
        return error_response(422, "invalid_request", f"the body is {why}")
    code = CODE_BY_STATUS.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return error_response(exc.status_code, code, message, getattr(exc, "headers", None))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [f"{_location(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()[:10]]
    return error_response(422, "invalid_request", "; ".join(problems) or "invalid request")


async def _coded_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NewsEventsError)
    status = status_of(exc)
    if status >= 500:
        # The message of a store error may hold SQL and its parameters: it goes to the log only.
        log.error("newsevents error answering a request: %s %s", exc, exc.context, exc_info=exc)
        return error_response(status, exc.code, INTERNAL_MESSAGE)
    if isinstance(exc, ApiError):
        return error_response(status, exc.reason, exc.message, exc.headers)
    return error_response(status, exc.code, exc.message)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    # The details go to the log, not to the client: they may show paths or SQL.
    log.error("unexpected error answering a request", exc_info=exc)
    return error_response(500, "internal_error", INTERNAL_MESSAGE)


class ContainErrors:
    """ASGI middleware: an exception no handler took is logged and answered 500 in the error shape, and goes
    no further. (Starlette's outermost middleware answers it too but then re-raises it to the server, which
    closes the connection, failing the client's next request on it.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            if started:  # half an answer is out: only the server can end it
                raise
            log.error("unexpected error answering %s %s", scope.get("method"), scope.get("path"),
                      exc_info=exc)
            await error_response(500, "internal_error", INTERNAL_MESSAGE)(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(NewsEventsError, _coded_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(ContainErrors)
