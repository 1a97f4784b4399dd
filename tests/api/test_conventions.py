"""The API as people expect it (issue 15): one name per filter with the older names and ACLED's API names as
aliases, countries by name or ISO code, event types in any case, pages from 1, modality on every event and
filterable, and CORS off unless an origin is allowed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsevents.api import ApiSettings, create_app


def ids(client: TestClient, **params: Any) -> list[int]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def refused(client: TestClient, url: str = "/api/events", **params: Any) -> str:
    response = client.get(url, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_request"
    return str(response.json()["error"]["message"])


def test_a_country_by_name_iso2_iso3_or_acled_numeric_iso(client: TestClient) -> None:
    kenya = ids(client, country="KE")
    assert len(kenya) == 2
    for given in ("Kenya", "kenya", "KEN", "ke", "404"):
        assert ids(client, country=given) == kenya
    assert ids(client, iso="404") == kenya  # ACLED's API name
    assert ids(client, country="Kenya", iso="404") == kenya  # one filter under two names, alike
    assert "Narnia" in refused(client, country="Narnia")
    assert "not both" in refused(client, country="Kenya", iso="566")


def test_event_types_in_any_case_and_unknown_ones_refused(client: TestClient) -> None:
    protests = ids(client, event_type="Protests")
    assert protests and ids(client, event_type="protests") == protests == ids(client, event_type="PROTESTS")
    assert ids(client, sub_event_type="peaceful protest") == ids(client, sub_event_type="Peaceful protest")
    assert "one of" in refused(client, event_type="Protest marches")


def test_acled_event_date_ranges(client: TestClient) -> None:
    between = ids(client, event_date="2022-01-10|2022-01-12", event_date_where="BETWEEN")
    assert between == ids(client, date_from="2022-01-10", date_to="2022-01-12") and len(between) == 3
    assert ids(client, event_date="2022-01-12") == ids(client, date_from="2022-01-12", date_to="2022-01-12")
    assert ids(client, event_date="2022-01-12", event_date_where=">") == ids(client, date_from="2022-01-13")
    assert ids(client, event_date="2022-01-12", event_date_where="<=") == ids(client, date_to="2022-01-12")
    assert "BETWEEN" in refused(client, event_date="2022-01-10|2022-01-12")
    assert "not both" in refused(client, event_date="2022-01-10", date_from="2022-01-01")
    assert "needs event_date" in refused(client, event_date_where="BETWEEN")
    refused(client, event_date="2022-02-30")
    refused(client, event_date="2022-01-10", event_date_where="LIKE")


def test_text_is_the_filter_and_q_its_older_name(client: TestClient) -> None:
    teachers = ids(client, text="teachers")
    assert teachers and ids(client, q="teachers") == teachers
    assert "not both" in refused(client, text="teachers", q="nurses")


def test_pages_count_from_one_as_in_acleds_api(client: TestClient) -> None:
    every = ids(client, limit=50)
    assert ids(client, limit=2, page=1) == every[:2]
    assert ids(client, limit=2, page=2) == every[2:4] == ids(client, limit=2, offset=2)
    assert ids(client, limit=2, page=9) == []
    assert "page or offset" in refused(client, limit=2, page=2, offset=2)
    refused(client, page=0)


def test_modality_on_every_event_and_filterable_by_several(client: TestClient) -> None:
    items = client.get("/api/events").json()["items"]
    modality = {item["id"]: item["event"]["modality"] for item in items}
    assert sorted(modality.values()) == ["asserted"] * 4 + ["claimed"]
    claimed = [i for i, m in modality.items() if m == "claimed"]
    assert ids(client, modality="claimed") == claimed
    assert ids(client, modality="Claimed") == claimed
    assert sorted(ids(client, modality=["claimed", "asserted"])) == sorted(modality)
    assert client.get(f"/api/events/{claimed[0]}").json()["event"]["modality"] == "claimed"
    points = client.get("/api/events/points", params={"modality": "claimed"}).json()["items"]
    assert [(p["id"], p["modality"], p["geo_precision"]) for p in points] == [(claimed[0], "claimed", 1)]
    assert "one of" in refused(client, modality="rumoured")


def test_every_filtered_read_takes_the_same_names(client: TestClient) -> None:
    params = {"country": "Kenya", "event_type": "protests", "modality": "asserted"}
    assert client.get("/api/events", params=params).json()["total"] == 2
    assert client.get("/api/events/points", params=params).json()["total"] == 2
    assert client.get("/api/reports", params=params).json()["total"] == 2
    assert client.get("/api/stats", params=params).json()["total"] == 2
    assert len(client.get("/api/export", params={**params, "format": "jsonl"}).text.splitlines()) == 2
    refused(client, "/api/stats", country="Narnia")
    refused(client, "/api/export", event_type="nothing")


@pytest.fixture()
def cors_client(db: str) -> Iterator[TestClient]:
    settings = ApiSettings(cors_origins=("https://maps.example.org",))
    with TestClient(create_app(db, token=None, settings=settings)) as test_client:
        yield test_client


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/api/events", headers={"Origin": "https://maps.example.org"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/events", headers={"Origin": "https://maps.example.org",
                                                       "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_the_origins_given_and_no_other(cors_client: TestClient) -> None:
    allowed = cors_client.get("/api/events", headers={"Origin": "https://maps.example.org"})
    assert allowed.headers["access-control-allow-origin"] == "https://maps.example.org"
    assert "x-event-count" in allowed.headers["access-control-expose-headers"].lower()
    preflight = cors_client.options("/api/events", headers={"Origin": "https://maps.example.org",
                                                            "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://maps.example.org"
    other = cors_client.get("/api/events", headers={"Origin": "https://elsewhere.example.com"})
    assert "access-control-allow-origin" not in other.headers
