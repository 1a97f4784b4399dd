"""Every error the API answers has one shape: {"error": {"code", "message", "status"}} and nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsevents.api import ApiSettings, create_app
from newsevents.api.app import Services


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_unknown_route_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "not_found")


def test_unknown_event_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/events/99999"), 404, "not_found")


def test_wrong_method_is_405(client: TestClient) -> None:
    assert_error(client.delete("/api/events"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    "url",
    [
        "/api/events?limit=0",
        "/api/events?date_from=yesterday",
        "/api/events?sort=random",
        "/api/events?bbox=1,2,3",
        "/api/events?country=Narnia",  # names and ISO codes are read; a country that is none is not
        "/api/events?min_confidence=2",
        "/api/events?min_confidence=abc",
        "/api/export?format=xlsx",
        "/api/events/abc",
    ],
)
def test_bad_parameters_are_422(client: TestClient, url: str) -> None:
    assert_error(client.get(url), 422, "invalid_request")


def test_invalid_review_body_is_422(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post("/api/reports/1/review", json={"action": "maybe", "reviewer": "ana"}, headers=auth)
    assert_error(response, 422, "invalid_request")
    assert "action" in response.json()["error"]["message"]


def test_coded_error_keeps_its_code(client: TestClient, auth: dict[str, str]) -> None:
    # An event type outside the ontology is refused by the review layer with its coded error.
    body = {"action": "correct", "reviewer": "ana", "changes": {"event_type": "Picnics"}}
    assert_error(client.post("/api/reports/1/review", json=body, headers=auth), 422, "E320")


def test_review_of_missing_event_is_404_with_code(client: TestClient, auth: dict[str, str]) -> None:
    assert_error(
        client.post("/api/reports/4242/review", json={"action": "accept", "reviewer": "ana"}, headers=auth),
        404,
        "E320",
    )


def test_unexpected_failure_is_500_without_details(db: str) -> None:
    app = create_app(db, token="t")

    class Broken:
        def summary(self) -> None:
            raise RuntimeError("secret path /etc/shadow")

    services: Services = app.state.services
    app.state.services = Services(Broken(), services.reviews, services.worker, services.settings)  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as broken:
        response = broken.get("/api/health")
    assert_error(response, 500, "internal_error")
    assert "shadow" not in response.text


def test_oversized_body_is_413(db: str) -> None:
    app = create_app(db, token="t", settings=ApiSettings(max_body_bytes=1_000, max_ingest_bytes=2_000))
    with TestClient(app, raise_server_exceptions=False) as small:
        headers = {"Authorization": "Bearer t"}
        big = {"action": "accept", "reviewer": "ana", "note": "x" * 1_500}
        assert_error(small.post("/api/reports/1/review", json=big, headers=headers), 413, "payload_too_large")
        page = b"<html><body>" + b"word " * 1_000 + b"</body></html>"
        response = small.post("/api/ingest", content=page, headers={**headers, "Content-Type": "text/html"})
        assert_error(response, 413, "payload_too_large")


def test_streamed_oversized_body_is_413(db: str) -> None:
    app = create_app(db, token="t", settings=ApiSettings(max_ingest_bytes=2_000))

    def chunks() -> Any:
        for _ in range(10):
            yield b"word " * 100

    with TestClient(app, raise_server_exceptions=False) as small:
        response = small.post(
            "/api/ingest",
            content=chunks(),
            headers={"Authorization": "Bearer t", "Content-Type": "text/plain"},
        )
    assert_error(response, 413, "payload_too_large")


def test_writes_need_the_token(client: TestClient) -> None:
    body = {"action": "accept", "reviewer": "ana"}
    assert_error(client.post("/api/reports/1/review", json=body), 401, "unauthorized")
    wrong = {"Authorization": "Bearer not-the-token"}
    assert_error(client.post("/api/reports/1/review", json=body, headers=wrong), 401, "unauthorized")
    assert_error(client.post("/api/ingest", json={"text": "x"}, headers=wrong), 401, "unauthorized")


def test_app_without_token_is_read_only(db: str) -> None:
    with TestClient(create_app(db, token=None), raise_server_exceptions=False) as read_only:
        assert read_only.get("/api/events").status_code == 200
        response = read_only.post(
            "/api/reports/1/review",
            json={"action": "accept", "reviewer": "ana"},
            headers={"Authorization": "Bearer anything"},
        )
        assert_error(response, 403, "read_only")
        assert_error(read_only.post("/api/ingest", json={"text": "x"}), 403, "read_only")
        assert read_only.get("/api/health").json()["writable"] is False
