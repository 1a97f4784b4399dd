"""Hostile inputs a client may send: impossible dates, integers no column holds, NUL characters, JSON nested
deeper than any parser goes. Each is a client mistake, answered 4xx in the one error shape (never 500), on
SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .conftest import TOKEN
from .test_error_shape import assert_error

AUTH = {"Authorization": f"Bearer {TOKEN}"}
BEYOND_INT32 = 2**31  # PostgreSQL's integer columns stop at 2**31 - 1
BEYOND_INT64 = 2**63  # SQLite's at 2**63 - 1

FILTERED = ["/api/events", "/api/events/points", "/api/reports", "/api/stats", "/api/places", "/api/export",
            "/api/stats?level=reports", "/api/export?level=reports&format=jsonl"]


def _with(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _answers(client: TestClient, urls: list[str]) -> dict[str, tuple[int, str]]:
    """Each URL's status and error code (or "" when the answer is no error)."""
    found = {}
    for url in urls:
        response = client.get(url)
        is_json = response.headers.get("content-type", "").startswith("application/json")
        body = response.json() if is_json else {}
        found[url] = (response.status_code, body.get("error", {}).get("code", ""))
    return found


def _refused(client: TestClient, urls: list[str]) -> None:
    for url in urls:
        assert_error(client.get(url), 422, "invalid_request")


@pytest.mark.parametrize("query", ["date_from=2024-02-30", "date_to=0000-00-00", "date_from=2023-13",
                                   "date_to=0000", "date_from=2023-00-10"])
def test_impossible_dates_are_422(any_client: TestClient, query: str) -> None:
    answers = _answers(any_client, [_with(url, query) for url in FILTERED])
    assert {url: a for url, a in answers.items() if a != (422, "invalid_request")} == {}
    response = any_client.get(_with("/api/events", query))
    assert_error(response, 422, "invalid_request")
    assert query.split("=")[0] in response.json()["error"]["message"]


def test_real_dates_still_filter(any_client: TestClient) -> None:
    leap = any_client.get("/api/events?date_from=2024-02-29&date_to=2024-02")
    assert leap.status_code == 200
    assert any_client.get("/api/events?date_from=2022-01").json()["total"] > 0


INT_URLS = ["/api/events/{}", "/api/reports/{}", "/api/articles/{}", "/api/claims?report={}",
            "/api/events?offset={}", "/api/articles?offset={}", "/api/events/points?limit={}"]


@pytest.mark.parametrize("number", [BEYOND_INT32, BEYOND_INT64, 10**30])
def test_integers_beyond_the_columns_are_422(any_client: TestClient, number: int) -> None:
    answers = _answers(any_client, [url.format(number) for url in INT_URLS])
    assert {url: a for url, a in answers.items() if a != (422, "invalid_request")} == {}
    _refused(any_client, [INT_URLS[0].format(number)])


def test_largest_stored_id_is_a_plain_404(any_client: TestClient) -> None:
    for url in ("/api/events/2147483647", "/api/reports/2147483647", "/api/articles/2147483647"):
        assert_error(any_client.get(url), 404, "not_found")


@pytest.mark.parametrize(("url", "body"), [
    ("/api/reports/{}/review", {"action": "accept", "reviewer": "ana"}),
    ("/api/claims/{}/review", {"speaker": None, "reviewer": "ana"}),
    ("/api/events/{}/join", {"other": 1, "reviewer": "ana"}),
    ("/api/events/{}/split", {"reports": [1], "reviewer": "ana"}),
])
@pytest.mark.parametrize("number", [BEYOND_INT32, BEYOND_INT64])
def test_integers_beyond_the_columns_in_write_paths_are_422(any_client: TestClient, url: str,
                                                            body: dict[str, Any], number: int) -> None:
    assert_error(any_client.post(url.format(number), json=body, headers=AUTH), 422, "invalid_request")


@pytest.mark.parametrize("body", [
    {"action": "correct", "reviewer": "ana", "changes": {"counts": {"killed": BEYOND_INT64}}},
    {"action": "correct", "reviewer": "ana", "changes": {"counts": {"protesters": BEYOND_INT32}}},
    {"action": "correct", "reviewer": "ana", "changes": {"location": {
        "name": "Somewhere", "country_code": "KE", "lat": 0, "lon": 0, "geonames_id": BEYOND_INT32}}},
])
def test_integers_beyond_the_columns_in_review_bodies_are_422(any_client: TestClient,
                                                              body: dict[str, Any]) -> None:
    assert_error(any_client.post("/api/reports/1/review", json=body, headers=AUTH), 422, "invalid_request")


def test_integers_beyond_the_columns_in_merge_bodies_are_422(any_client: TestClient) -> None:
    split = {"reports": [BEYOND_INT64], "reviewer": "ana"}
    assert_error(any_client.post("/api/events/1/split", json=split, headers=AUTH), 422, "invalid_request")
    joined = {"other": BEYOND_INT32, "reviewer": "ana"}
    assert_error(any_client.post("/api/events/1/join", json=joined, headers=AUTH), 422, "invalid_request")


NUL_FILTERS = [
    "/api/events?actor=a%00b", "/api/events?admin1=a%00b", "/api/events?event_type=a%00b",
    "/api/events?sub_event_type=%00", "/api/events?q=a%00b", "/api/events?bbox=%00",
    "/api/reports?actor=%00", "/api/stats?admin1=%00", "/api/places?event_type=%00",
    "/api/export?actor=%00", "/api/events/points?actor=%00", "/api/claims?speaker=a%00b",
    "/api/claims?q=%00", "/api/claims?article=a%00b", "/api/articles?source=a%00b", "/api/articles?q=%00",
]


def test_nul_in_a_filter_is_422(any_client: TestClient) -> None:
    answers = _answers(any_client, NUL_FILTERS)
    assert {url: a for url, a in answers.items() if a != (422, "invalid_request")} == {}
    _refused(any_client, NUL_FILTERS[:1])


@pytest.mark.parametrize("body", [
    {"action": "accept", "reviewer": "a\x00b"},
    {"action": "accept", "reviewer": "ana", "note": "\x00"},
    {"action": "correct", "reviewer": "ana", "changes": {"actors": [
        {"name": "x\x00", "role": "actor1", "type": "Civilians"}]}},
])
def test_nul_in_a_review_is_422(any_client: TestClient, body: dict[str, Any]) -> None:
    assert_error(any_client.post("/api/reports/1/review", json=body, headers=AUTH), 422, "invalid_request")


def test_nul_in_a_claim_review_is_422(any_client: TestClient) -> None:
    body = {"speaker": "some\x00one", "reviewer": "ana"}
    assert_error(any_client.post("/api/claims/1/review", json=body, headers=AUTH), 422, "invalid_request")


DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 100_000 + b"1" + b"}" * 100_000


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
@pytest.mark.parametrize("url", ["/api/ingest", "/api/reports/1/review", "/api/events/1/join"])
def test_deeply_nested_json_is_422(any_client: TestClient, url: str, body: bytes) -> None:
    response = any_client.post(url, content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert_error(response, 422, "invalid_request")
    assert "nested" in response.json()["error"]["message"]


@pytest.mark.parametrize("url", ["/api/ingest", "/api/reports/1/review", "/api/events/1/join"])
def test_json_that_is_not_utf8_is_422(any_client: TestClient, url: str) -> None:
    body = '{"reviewer": "Zoë", "other": 1, "action": "accept", "text": "Zoë"}'.encode("latin-1")
    response = any_client.post(url, content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert_error(response, 422, "invalid_request")


def test_the_app_answers_normally_after_deep_json(any_client: TestClient) -> None:
    any_client.post("/api/ingest", content=DEEP, headers={**AUTH, "Content-Type": "application/json"})
    assert any_client.get("/api/events").status_code == 200


def _correct_date(client: TestClient, date: dict[str, Any]) -> Any:
    body = {"action": "correct", "reviewer": "ana", "changes": {"date": date}}
    return client.post("/api/reports/1/review", json=body, headers=AUTH)


@pytest.mark.parametrize("date", [
    {"start": "2024-02-30"}, {"start": "0000-00-00"}, {"start": "2023-06-01", "end": "2023-06-31"},
    {"start": "2023-13-01", "end": "2023-12-01"},
])
def test_review_with_an_impossible_date_is_422(any_client: TestClient, date: dict[str, Any]) -> None:
    response = _correct_date(any_client, date)
    assert_error(response, 422, "E320")
    assert "date" in response.json()["error"]["message"]


def test_review_starting_after_it_ends_is_422(any_client: TestClient) -> None:
    response = _correct_date(any_client, {"start": "2023-06-10", "end": "2023-06-01"})
    assert_error(response, 422, "E320")
    assert "after" in response.json()["error"]["message"]
    history = any_client.get("/api/reports/1").json()["history"]
    assert history == []  # nothing was kept


def test_review_with_a_real_span_is_kept(any_client: TestClient) -> None:
    response = _correct_date(any_client, {"start": "2024-02-28", "end": "2024-02-29", "precision": 2})
    assert response.status_code == 201, response.text
    assert response.json()["event"]["event"]["date"] == {"start": "2024-02-28", "end": "2024-02-29",
                                                         "precision": 2}
