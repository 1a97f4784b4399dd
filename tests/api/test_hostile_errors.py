"""A real 500 shows no internals (SQL, parameters, tracebacks), logs them on the server, and leaves the
client's keep-alive connection open for its next request. The failures are real: a test-only route asks
the store for an id no integer column holds (SQLite overflows, PostgreSQL refuses with its SQL)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsevents.api import create_app
from newsevents.api.app import Services
from newsevents.errors import StoreError
from newsevents.pipeline import Extractor

from .conftest import TOKEN
from .test_error_shape import assert_error

INTERNALS = ("SELECT", "[SQL", "parameters", "Traceback", "OverflowError", "DataError", "psycopg", "sqlite",
             str(2**63))


def _failing_app(db: str) -> FastAPI:
    """The real app, read-only, with routes that fail inside the store as no valid request can."""
    app = create_app(db, token=None)

    @app.get("/test/overflow")
    def overflow() -> dict[str, Any]:
        services: Services = app.state.services
        return {"event": services.store.event(2**63)}  # beyond every backend's integer columns

    @app.get("/test/coded")
    def coded() -> None:
        raise StoreError("store read failed: [SQL: SELECT secret FROM articles] [parameters: {'x': 1}]")

    return app


def _internals(text: str) -> list[str]:
    return [word for word in INTERNALS if word in text]


@pytest.mark.parametrize("route", ["/test/overflow", "/test/coded"])
def test_a_500_shows_no_internals_and_logs_them(any_db: str, route: str,
                                                caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(_failing_app(any_db), raise_server_exceptions=False) as client:
        response = client.get(route)
    assert response.status_code == 500
    code = response.json()["error"]["code"]
    assert code in ("internal_error", "E300")
    assert_error(response, 500, code)
    assert _internals(response.text) == []
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "SELECT" in logged or "Overflow" in logged


def test_a_500_keeps_the_security_headers(db: str) -> None:
    with TestClient(_failing_app(db), raise_server_exceptions=False) as client:
        response = client.get("/test/overflow")
    assert response.status_code == 500
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.fixture()
def served(any_db: str) -> Iterator[str]:
    """The failing app served by a real uvicorn on a free port; its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_failing_app(any_db), log_level="critical", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _local_port(response: httpx.Response) -> int:
    stream = response.extensions["network_stream"]
    return int(stream.get_extra_info("client_addr")[1])


@pytest.mark.parametrize("route", ["/test/overflow", "/test/coded"])
def test_the_connection_outlives_a_500(served: str, route: str) -> None:
    with httpx.Client(base_url=served, timeout=10) as client:
        failed = client.get(route)
        assert failed.status_code == 500
        assert _internals(failed.text) == []
        first = _local_port(failed)
        after = client.get("/api/health")
        assert after.status_code == 200
        # One keep-alive connection served both: the server did not close it after the 500.
        assert _local_port(after) == first
        again = client.get(route)
        assert again.status_code == 500
        assert _local_port(again) == first


def test_a_failed_job_shows_no_internals(any_db: str, caplog: pytest.LogCaptureFixture) -> None:
    # A real failure on the server's side: the pipeline's configuration cannot be read.
    hidden = "/nowhere/private-folder/pipeline.cfg"
    app = create_app(any_db, token=TOKEN, extractor_factory=lambda: Extractor.from_config(hidden))
    with TestClient(app, raise_server_exceptions=False) as client:
        posted = client.post("/api/ingest", json={"text": "Farmers marched to the capital on Friday."},
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 202
        job_id = posted.json()["id"]
        services: Services = app.state.services
        assert services.worker.wait(job_id, 30) is not None
        job = client.get(f"/api/jobs/{job_id}").json()  # no token needed to read a job
    assert job["state"] == "failed"
    assert job["error"]["code"] == "E400"
    assert "private-folder" not in str(job)
    assert any("private-folder" in (r.getMessage() + (r.exc_text or "")) for r in caplog.records)
