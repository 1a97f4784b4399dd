"""Real-world events in the API: merged from several outlets' reports, shown with their provenance, split
and joined by reviewers, exported one row each."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app

from .conftest import TOKEN


@pytest.fixture()
def client(tmp_path: Path, samples: ModuleType) -> Iterator[TestClient]:
    path = str(tmp_path / "merged.sqlite")
    samples.fill(path, extra=(samples.SECOND_REPORT,))
    with TestClient(create_app(path, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


def march(client: TestClient) -> dict:
    found = client.get("/api/events", params={"country": "KE", "date_to": "2022-01-15"}).json()["items"]
    assert len(found) == 1
    return found[0]


def test_two_outlets_reports_are_one_event(client: TestClient) -> None:
    assert client.get("/api/events").json()["total"] == 5
    assert client.get("/api/reports").json()["total"] == 6
    item = march(client)
    assert (item["n_reports"], item["n_outlets"]) == (2, 2)
    assert set(item["outlets"]) == {"example news", "daily example"}
    assert set(item["articles"]) == {"kenya-rally", "kenya-rally-daily"}
    assert item["event"]["counts"] == {"protesters": 200}  # ACLED's rule: the lowest figure
    assert item["event"]["actors"][0]["name"] == "Teachers"
    assert (item["first_report"], item["last_report"]) == ("2022-01-10", "2022-01-11")


def test_event_detail_traces_every_field_to_a_report(client: TestClient) -> None:
    body = client.get(f"/api/events/{march(client)['id']}").json()
    report_ids = {r["id"] for r in body["reports"]}
    assert len(report_ids) == 2
    fields = {s["field"] for s in body["sources"]}
    assert fields >= {"sub_event_type", "date", "location", "protesters", "actor1"}
    assert all(s["report_id"] in report_ids for s in body["sources"])
    figures = {(f["value"], f["outlet"]) for f in body["figures"] if f["field"] == "protesters"}
    assert figures == {(300, "Example News"), (200, "Daily Example")}
    assert body["history"] == []
    for report in body["reports"]:  # the way down: each report's own page names this event
        assert client.get(f"/api/reports/{report['id']}").json()["merged_event"] == body["id"]


def test_reviewer_splits_and_joins_with_the_token(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    event = march(client)
    second = next(r["id"] for r in client.get(f"/api/events/{event['id']}").json()["reports"]
                  if r["article"]["id"] == "kenya-rally-daily")
    body = {"reports": [second], "reviewer": "Ana", "note": "different day"}
    assert client.post(f"/api/events/{event['id']}/split", json=body).status_code == 401
    response = client.post(f"/api/events/{event['id']}/split", json=body, headers=auth)
    assert response.status_code == 201, response.text
    new_id = response.json()["new_event"]["id"]
    assert response.json()["event"]["n_reports"] == 1
    assert client.get("/api/events").json()["total"] == 6
    history = client.get(f"/api/events/{new_id}").json()["history"]
    assert [(h["action"], h["reviewer"], h["report_ids"]) for h in history] == [("split", "Ana", [second])]

    joined = client.post(f"/api/events/{event['id']}/join", json={"other": new_id, "reviewer": "Ben"},
                         headers=auth)
    assert joined.status_code == 200, joined.text
    assert joined.json()["event"]["n_reports"] == 2
    assert client.get(f"/api/events/{new_id}").status_code == 404
    actions = [h["action"] for h in client.get(f"/api/events/{event['id']}").json()["history"]]
    assert actions == ["split", "join"]


def test_bad_splits_and_joins_are_refused_with_codes(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    event = march(client)
    everything = {"reports": event["reports"], "reviewer": "Ana"}
    refused = client.post(f"/api/events/{event['id']}/split", json=everything, headers=auth)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "E320"
    missing = client.post("/api/events/9999/split", json={"reports": [1], "reviewer": "Ana"}, headers=auth)
    assert missing.status_code == 404
    itself = client.post(f"/api/events/{event['id']}/join", json={"other": event["id"], "reviewer": "Ana"},
                         headers=auth)
    assert itself.status_code == 422
    assert client.get("/api/events").json()["total"] == 5  # nothing changed


def test_acled_export_has_one_row_per_real_world_event(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"country": "KE"}).text)))
    assert len(rows) == 2
    nairobi_march = next(r for r in rows if r["event_date"] == "2022-01-10")
    assert set(nairobi_march["source"].split("; ")) == {"Example News", "Daily Example"}  # outlets as named
    assert nairobi_march["tags"] == "crowd size=200"
    reports = client.get("/api/export", params={"country": "KE", "level": "reports"}).text
    assert len(list(csv.DictReader(io.StringIO(reports)))) == 3


def test_a_correction_of_a_report_changes_its_event(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    event = march(client)
    second = next(r for r in client.get(f"/api/events/{event['id']}").json()["reports"]
                  if r["article"]["id"] == "kenya-rally-daily")
    fix = {"action": "correct", "reviewer": "Ana", "changes": {"counts": {"protesters": 250}}}
    assert client.post(f"/api/reports/{second['id']}/review", json=fix, headers=auth).status_code == 201
    assert march(client)["event"]["counts"] == {"protesters": 250}
    reject = {"action": "reject", "reviewer": "Ana"}
    assert client.post(f"/api/reports/{second['id']}/review", json=reject, headers=auth).status_code == 201
    assert march(client)["event"]["counts"] == {"protesters": 300}  # a rejected report gives nothing


def test_map_points_carry_only_what_a_map_draws(client: TestClient) -> None:
    body = client.get("/api/events/points", params={"country": "KE"}).json()
    assert body["total"] == 2 and len(body["items"]) == 2
    point = next(p for p in body["items"] if p["date"]["start"] == "2022-01-10")
    assert (point["name"], point["n_reports"], point["n_outlets"]) == ("Nairobi", 2, 2)
    assert client.get(f"/api/events/{point['id']}").json()["n_reports"] == 2
    assert client.get("/api/events/points", params={"limit": 0}).status_code == 422
