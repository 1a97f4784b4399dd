"""Precision first in the API: events below the minimum confidence (by default ``DEFAULT_MIN_CONFIDENCE``) are
left out of every list, map, total and export until the client lowers ``min_confidence``; a real-world
event's confidence is its most confident report that no reviewer rejected."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app
from newsevents.model import DEFAULT_MIN_CONFIDENCE

from .conftest import TOKEN
from .test_error_shape import assert_error

AUTH = {"Authorization": f"Bearer {TOKEN}"}
EVERYTHING = {"min_confidence": 0}


def _client(path: Path, samples: ModuleType, *extra: object) -> Iterator[TestClient]:
    samples.fill(str(path), extra=extra)
    with TestClient(create_app(str(path), token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture()
def client(tmp_path: Path, samples: ModuleType) -> Iterator[TestClient]:
    """The samples (confidence 0.8) and one doubtful report (0.2) of its own event, in Goma."""
    yield from _client(tmp_path / "doubtful.sqlite", samples, samples.DOUBTFUL)


def _articles(body: dict) -> set[str]:
    return {a for item in body["items"] for a in (item.get("articles") or [item["article"]["id"]])}


def test_the_default_is_the_documented_constant() -> None:
    assert 0 < DEFAULT_MIN_CONFIDENCE < 1
    assert 0.2 < DEFAULT_MIN_CONFIDENCE <= 0.8  # the samples' confidences straddle it


def test_health_gives_the_default(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["default_min_confidence"] == DEFAULT_MIN_CONFIDENCE
    assert (body["events"], body["reports"]) == (6, 6)  # what is stored, whatever its confidence


@pytest.mark.parametrize("path", ["/api/events", "/api/reports"])
def test_a_doubtful_report_is_hidden_by_default_and_shown_at_zero(client: TestClient, path: str) -> None:
    default = client.get(path).json()
    assert default["total"] == 5 and "goma-rumour" not in _articles(default)
    everything = client.get(path, params=EVERYTHING).json()
    assert everything["total"] == 6 and "goma-rumour" in _articles(everything)
    doubtful = next(i for i in everything["items"] if "goma-rumour" in _articles({"items": [i]}))
    confidence = doubtful["confidence"] if path == "/api/events" else doubtful["event"]["confidence"]
    assert confidence == 0.2
    stricter = client.get(path, params={"min_confidence": 0.9}).json()
    assert stricter["total"] == 0 and stricter["items"] == []


def test_map_points_follow_the_minimum(client: TestClient) -> None:
    default = client.get("/api/events/points").json()
    assert default["total"] == 5 and "Goma" not in {p["name"] for p in default["items"]}
    everything = client.get("/api/events/points", params=EVERYTHING).json()
    assert everything["total"] == 6
    goma = next(p for p in everything["items"] if p["name"] == "Goma")
    assert goma["confidence"] == 0.2


@pytest.mark.parametrize("level", ["events", "reports"])
def test_stats_and_places_follow_the_minimum(client: TestClient, level: str) -> None:
    stats = client.get("/api/stats", params={"level": level}).json()
    assert stats["total"] == 5 and "CD" not in {c["country_code"] for c in stats["per_country"]}
    assert "2022-01-18" not in {d["date"] for d in stats["per_day"]}
    stats = client.get("/api/stats", params={"level": level, **EVERYTHING}).json()
    assert stats["total"] == 6 and "CD" in {c["country_code"] for c in stats["per_country"]}
    assert "2022-01-18" in {d["date"] for d in stats["per_day"]}
    places = {p["name"] for p in client.get("/api/places", params={"level": level}).json()["items"]}
    assert "Goma" not in places and "Mopti" in places
    lowered = client.get("/api/places", params={"level": level, **EVERYTHING}).json()
    places = {p["name"] for p in lowered["items"]}
    assert "Goma" in places


@pytest.mark.parametrize("level", ["events", "reports"])
def test_exports_follow_the_minimum(client: TestClient, level: str) -> None:
    default = client.get("/api/export", params={"level": level})
    rows = list(csv.DictReader(io.StringIO(default.text)))
    assert len(rows) == 5 and default.headers["x-event-count"] == "5"
    assert "Goma" not in {r["location"] for r in rows}
    everything = client.get("/api/export", params={"level": level, **EVERYTHING})
    assert "Goma" in {r["location"] for r in csv.DictReader(io.StringIO(everything.text))}
    lines = client.get("/api/export", params={"level": level, "format": "jsonl", **EVERYTHING}).text
    assert len(lines.splitlines()) == 6
    lines = client.get("/api/export", params={"level": level, "format": "jsonl"}).text
    assert len(lines.splitlines()) == 5 and "Goma" not in lines


@pytest.mark.parametrize("value", ["2", "abc", "-0.1", "nan"])
@pytest.mark.parametrize(
    "path",
    ["/api/events", "/api/events/points", "/api/reports", "/api/stats", "/api/places", "/api/export",
     "/api/events/1"],
)
def test_a_minimum_outside_0_to_1_is_a_client_mistake(client: TestClient, path: str, value: str) -> None:
    response = client.get(path, params={"min_confidence": value})
    assert_error(response, 422, "invalid_request")
    assert "min_confidence" in response.json()["error"]["message"]


@pytest.fixture()
def march_client(tmp_path: Path, samples: ModuleType) -> Iterator[TestClient]:
    """The samples plus a less sure second outlet's report (0.25) of the Nairobi march (0.8)."""
    yield from _client(tmp_path / "march.sqlite", samples, replace(samples.SECOND_REPORT, confidence=0.25))


def _march(client: TestClient, **params: float) -> dict | None:
    found = client.get("/api/events", params={"country": "KE", "date_to": "2022-01-15", **params}).json()
    assert len(found["items"]) <= 1
    return found["items"][0] if found["items"] else None


def test_a_merged_event_is_as_confident_as_its_best_report_not_rejected(march_client: TestClient) -> None:
    march = _march(march_client)
    assert march is not None and march["n_reports"] == 2
    assert march["confidence"] == 0.8  # the most confident of 0.8 and 0.25
    detail = march_client.get(f"/api/events/{march['id']}").json()
    assert detail["confidence"] == 0.8
    by_article = {r["article"]["id"]: r["id"] for r in detail["reports"]}

    reject = {"action": "reject", "reviewer": "Ana"}
    surer = by_article["kenya-rally"]
    response = march_client.post(f"/api/reports/{surer}/review", json=reject, headers=AUTH)
    assert response.status_code == 201, response.text
    assert _march(march_client) is None  # left with its 0.25 report: below the default
    march = _march(march_client, **EVERYTHING)
    assert march is not None and march["confidence"] == 0.25 and march["status"] == "active"

    response = march_client.post(f"/api/reports/{by_article['kenya-rally-daily']}/review", json=reject,
                                 headers=AUTH)
    assert response.status_code == 201, response.text
    march = _march(march_client, **EVERYTHING)
    assert march is not None and march["confidence"] == 0 and march["status"] == "rejected"

    accept = {"action": "accept", "reviewer": "Ben"}
    response = march_client.post(f"/api/reports/{surer}/review", json=accept, headers=AUTH)
    assert response.status_code == 201, response.text
    march = _march(march_client)
    assert march is not None and march["confidence"] == 0.8  # the latest review counts


def test_an_event_page_lists_every_report_and_marks_those_below_the_minimum(march_client: TestClient) -> None:
    march = _march(march_client)
    assert march is not None
    detail = march_client.get(f"/api/events/{march['id']}").json()
    assert detail["min_confidence"] == DEFAULT_MIN_CONFIDENCE
    marks = {r["article"]["id"]: (r["event"]["confidence"], r["below_min_confidence"])
             for r in detail["reports"]}
    assert marks == {"kenya-rally": (0.8, False), "kenya-rally-daily": (0.25, True)}
    lowered = march_client.get(f"/api/events/{march['id']}", params={"min_confidence": 0.2}).json()
    assert [r["below_min_confidence"] for r in lowered["reports"]] == [False, False]
    assert lowered["min_confidence"] == 0.2
    # The low report itself stays reachable, and still names its event.
    low = next(r["id"] for r in detail["reports"] if r["below_min_confidence"])
    assert march_client.get(f"/api/reports/{low}").json()["merged_event"] == march["id"]
