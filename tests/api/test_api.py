"""The read API over a real store file of made-up articles."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

LEVELS = ("/api/events", "/api/reports")  # real-world (merged) events, event reports


def events(client: TestClient, path: str = "/api/reports", **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids_of(body: dict) -> list[str]:
    """The article ids of a page of reports or of merged events."""
    return [a for item in body["items"] for a in (item.get("articles") or [item["article"]["id"]])]


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert (body["articles"], body["events"], body["reports"], body["writable"]) == (5, 5, 5, True)


@pytest.mark.parametrize("path", LEVELS)
def test_events_newest_first_with_total(client: TestClient, path: str) -> None:
    body = events(client, path)
    assert body["total"] == 5
    assert next(i["event"]["date"]["start"] for i in body["items"]) == "2022-01-20"
    assert body["items"][0]["status"] == ("active" if path == "/api/events" else "unreviewed")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event_type": "Protests"}, {"kenya-rally", "nairobi-sitin"}),
        ({"sub_event_type": "Armed clash"}, {"sahel-clash"}),
        ({"country": "ng"}, {"lagos-riot"}),
        ({"admin1": "nairobi county"}, {"kenya-rally", "nairobi-sitin"}),
        (
            {"date_from": "2022-01-12", "date_to": "2022-01-15"},
            {"lagos-riot", "sahel-clash", "dhaka-arrests"},
        ),
        (
            {"date_from": "2022-01"},
            {"kenya-rally", "lagos-riot", "sahel-clash", "dhaka-arrests", "nairobi-sitin"},
        ),
        ({"actor": "bangladesh"}, {"dhaka-arrests"}),
        ({"modality": "claimed"}, {"sahel-clash"}),
        ({"q": "stalls"}, {"lagos-riot"}),
        ({"q": "NEAR OR *"}, set()),  # full-text operators are plain words, not syntax
        ({"bbox": "30,-5,40,5"}, {"kenya-rally", "nairobi-sitin"}),
        ({"event_type": "Protests", "date_to": "2022-01-15"}, {"kenya-rally"}),
    ],
)
@pytest.mark.parametrize("path", LEVELS)
def test_event_filters(client: TestClient, path: str, params: dict, expected: set[str]) -> None:
    body = events(client, path, **params)
    assert set(ids_of(body)) == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("path", LEVELS)
def test_pagination_keeps_the_total(client: TestClient, path: str) -> None:
    first = events(client, path, limit=2, offset=0, sort="date")
    second = events(client, path, limit=2, offset=2, sort="date")
    last = events(client, path, limit=2, offset=4, sort="date")
    assert first["total"] == second["total"] == last["total"] == 5
    seen = ids_of(first) + ids_of(second) + ids_of(last)
    assert len(seen) == len(set(seen)) == 5
    assert ids_of(first)[0] == "kenya-rally"


@pytest.mark.parametrize("path", LEVELS)
def test_page_size_is_bounded(client: TestClient, path: str) -> None:
    assert client.get(path, params={"limit": 5001}).status_code == 422


def test_report_detail_has_text_evidence_and_claims(client: TestClient) -> None:
    sahel = events(client, sub_event_type="Armed clash")["items"][0]
    body = client.get(f"/api/reports/{sahel['id']}").json()
    text = body["text"]
    fields = {h["field"] for h in body["highlights"]}
    assert {"evidence", "place", "date", "count", "claim"} <= fields
    place = next(h for h in body["highlights"] if h["field"] == "place")
    assert text[place["start"] : place["end"]] == "Mopti"
    count = next(h for h in body["highlights"] if h["field"] == "count")
    assert text[count["start"] : count["end"]] == "12"
    # The event rests on the army's claim (source_claim), which the detail links.
    assert [c["claim"]["speaker"] for c in body["claims"]] == ["the army"]
    assert body["article"]["title"] == "Soldiers and gunmen fight near Mopti"
    assert body["history"] == []
    merged = client.get(f"/api/events/{body['merged_event']}").json()
    assert [r["id"] for r in merged["reports"]] == [sahel["id"]]


def test_actor_names_found_in_the_text_are_highlighted(client: TestClient) -> None:
    lagos = events(client, country="NG")["items"][0]
    body = client.get(f"/api/reports/{lagos['id']}").json()
    actors = {
        body["text"][h["start"] : h["end"]].lower() for h in body["highlights"] if h["field"] == "actor"
    }
    assert actors == {"traders", "police"}


def test_claims_by_speaker_and_by_report(client: TestClient) -> None:
    by_speaker = client.get("/api/claims", params={"speaker": "wanjiru"}).json()
    assert [c["claim"]["speaker"] for c in by_speaker["items"]] == ["Mary Wanjiru"]
    kenya = events(client, event_type="Protests", date_to="2022-01-10")["items"][0]
    by_event = client.get("/api/claims", params={"report": kenya["id"]}).json()
    assert by_event["total"] == 0  # the union leader's words do not overlap the march's evidence
    sahel = events(client, sub_event_type="Armed clash")["items"][0]
    linked = client.get("/api/claims", params={"report": sahel["id"]}).json()
    assert [c["claim"]["speaker"] for c in linked["items"]] == ["the army"]


def test_articles_list_and_detail(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"limit": 2}).json()
    assert listed["total"] == 5 and len(listed["items"]) == 2
    assert listed["items"][0]["id"] == "nairobi-sitin"  # newest first
    found = client.get("/api/articles", params={"q": "tyres"}).json()
    assert [a["id"] for a in found["items"]] == ["lagos-riot"]
    detail = client.get(f"/api/articles/{found['items'][0]['pk']}").json()
    assert detail["text"].startswith("Market traders clash")
    assert len(detail["events"]) == 1 and len(detail["claims"]) == 1
    assert detail["result"]["places"][0]["name"] == "Lagos"
    assert client.get("/api/articles/999").status_code == 404


@pytest.mark.parametrize("level", ["events", "reports"])
def test_places_and_stats(client: TestClient, level: str) -> None:
    places = client.get("/api/places", params={"level": level}).json()["items"]
    assert places[0]["name"] == "Nairobi" and places[0]["events"] == 2
    stats = client.get("/api/stats", params={"country": "KE", "level": level}).json()
    assert stats["total"] == 2
    assert stats["per_day"] == [
        {"date": "2022-01-10", "event_type": "Protests", "events": 1},
        {"date": "2022-01-20", "event_type": "Protests", "events": 1},
    ]
    assert stats["per_country"] == [{"country_code": "KE", "events": 2}]
    assert "Battles" in stats["event_types"]


def test_export_acled_csv_of_a_filtered_set(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "acled-csv", "event_type": "Protests"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["event_type"] for r in rows} == {"Protests"} and len(rows) == 2
    assert {r["country"] for r in rows} == {"Kenya"}


@pytest.mark.parametrize("level", ["events", "reports"])
def test_export_jsonl(client: TestClient, level: str) -> None:
    response = client.get("/api/export", params={"format": "jsonl", "country": "ML", "level": level})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) == 1
    assert lines[0]["sub_event_type"] == "Armed clash" and lines[0]["counts"] == {"killed": 12}


@pytest.mark.parametrize("level", ["events", "reports"])
def test_export_parquet(client: TestClient, level: str) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    response = client.get("/api/export", params={"format": "parquet", "level": level})
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == 5
    rows = table.to_pylist()
    mali = next(r for r in rows if r["location"] == "Mopti")
    assert mali["fatalities"] == 12 and isinstance(mali["latitude"], float)
    assert response.headers["x-event-count"] == "5"


def test_openapi_and_docs_are_local(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/events" in schema["paths"] and "/api/ingest" in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", docs.text)
    assert urls and all(u.startswith("/") for u in urls), urls
    assert "cdn" not in docs.text.lower()
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_dashboard_is_served_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert page.headers["x-content-type-options"] == "nosniff"
    for url in re.findall(r"""(?:src|href)=["'](/[^"']+)""", page.text):
        assert client.get(url).status_code == 200, url
    world = client.get("/static/vendor/countries-110m.json").json()
    assert world["type"] == "Topology" and "countries" in world["objects"]
