"""Reviews: corrections are kept beside the machine's output, shown in the API and used by exports."""

from __future__ import annotations

import csv
import io
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from newsevents.errors import ReviewError
from newsevents.model import Counts
from newsevents.store import EventFilter, Store
from newsevents.store.review import EventCorrection, Reviews, apply_corrections


def event_id(client: TestClient, **params: object) -> int:
    items = client.get("/api/reports", params=params).json()["items"]
    assert len(items) == 1
    return int(items[0]["id"])


CORRECTION = {
    "action": "correct",
    "reviewer": "Ana",
    "note": "the march was a strike rally",
    "changes": {
        "sub_event_type": "Protest with intervention",
        "counts": {"protesters": 500, "arrested": 3},
        "location": {
            "name": "Mombasa",
            "country_code": "KE",
            "admin1": "Mombasa County",
            "lat": -4.05,
            "lon": 39.67,
        },
    },
}


def test_correction_is_kept_beside_the_machine_output(
    client: TestClient, auth: dict[str, str], db: str
) -> None:
    eid = event_id(client, event_type="Protests", date_to="2022-01-10")
    response = client.post(f"/api/reports/{eid}/review", json=CORRECTION, headers=auth)
    assert response.status_code == 201, response.text
    shown = client.get(f"/api/reports/{eid}").json()
    assert shown["status"] == "corrected"
    assert shown["event"]["sub_event_type"] == "Protest with intervention"
    assert shown["event"]["event_type"] == "Protests"  # filled in from the sub-event type
    assert shown["event"]["counts"] == {"protesters": 500, "arrested": 3}
    assert shown["event"]["location"]["name"] == "Mombasa"
    assert shown["machine"]["sub_event_type"] == "Peaceful protest"
    assert shown["machine"]["location"]["name"] == "Nairobi"
    assert [(r["reviewer"], r["action"]) for r in shown["history"]] == [("Ana", "correct")]
    assert shown["review"]["note"] == "the march was a strike rally"
    # The machine's row itself is untouched.
    with Store.open(db) as store:
        machine = next(e for e in store.events() if e.id == eid)
    assert machine.event.sub_event_type == "Peaceful protest"


def test_exports_use_corrections_and_leave_out_rejected(client: TestClient, auth: dict[str, str]) -> None:
    kenya = event_id(client, event_type="Protests", date_to="2022-01-10")
    dhaka = event_id(client, country="BD")
    client.post(f"/api/reports/{kenya}/review", json=CORRECTION, headers=auth)
    assert (
        client.post(
            f"/api/reports/{dhaka}/review", json={"action": "reject", "reviewer": "Ben"}, headers=auth
        ).status_code
        == 201
    )
    for level in ("events", "reports"):  # merged events follow the reviews of their reports
        rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"level": level}).text)))
        assert len(rows) == 4
        assert "Dhaka" not in {r["location"] for r in rows}
        assert "Mombasa" in {r["location"] for r in rows}
    listed = {i["id"]: i["status"] for i in client.get("/api/reports").json()["items"]}
    assert listed[dhaka] == "rejected" and listed[kenya] == "corrected"


def test_latest_review_counts_and_history_keeps_all(client: TestClient, auth: dict[str, str]) -> None:
    eid = event_id(client, country="NG")
    client.post(f"/api/reports/{eid}/review", json={"action": "reject", "reviewer": "Ana"}, headers=auth)
    client.post(f"/api/reports/{eid}/review", json={"action": "accept", "reviewer": "Ben"}, headers=auth)
    shown = client.get(f"/api/reports/{eid}").json()
    assert shown["status"] == "accepted"
    assert [r["reviewer"] for r in shown["history"]] == ["Ana", "Ben"]


@pytest.mark.parametrize(
    "body",
    [
        {"action": "accept", "reviewer": "Ana", "changes": {"event_type": "Riots"}},
        {"action": "correct", "reviewer": "Ana"},
        {
            "action": "correct",
            "reviewer": "Ana",
            "changes": {"event_type": "Riots", "sub_event_type": "Armed clash"},
        },
        {"action": "correct", "reviewer": "Ana", "changes": {"sub_event_type": "Tea party"}},
    ],
)
def test_invalid_reviews_are_refused(client: TestClient, auth: dict[str, str], body: dict) -> None:
    eid = event_id(client, country="NG")
    response = client.post(f"/api/reports/{eid}/review", json=body, headers=auth)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "E320"
    assert client.get(f"/api/reports/{eid}").json()["history"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"action": "correct", "reviewer": "Ana", "changes": {"counts": {"killed": -1}}},
        {
            "action": "correct",
            "reviewer": "Ana",
            "changes": {"location": {"name": "X", "country_code": "KE", "lat": 95, "lon": 0}},
        },
        {"action": "correct", "reviewer": "", "changes": {"event_type": "Riots"}},
        {"action": "correct", "reviewer": "Ana", "changes": {"colour": "red"}},
    ],
)
def test_malformed_reviews_are_422(client: TestClient, auth: dict[str, str], body: dict) -> None:
    eid = event_id(client, country="NG")
    assert client.post(f"/api/reports/{eid}/review", json=body, headers=auth).status_code == 422


def test_claim_speaker_correction(client: TestClient, auth: dict[str, str]) -> None:
    claim = client.get("/api/claims", params={"speaker": "police"}).json()["items"][0]
    response = client.post(
        f"/api/claims/{claim['id']}/review",
        json={"speaker": "Lagos State Police Command", "reviewer": "Ana"},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    shown = client.get("/api/claims", params={"article": "lagos-riot"}).json()["items"][0]
    assert shown["claim"]["speaker"] == "Lagos State Police Command"
    assert shown["machine_speaker"] == "the police"
    assert shown["review"]["reviewer"] == "Ana"
    assert (
        client.post(
            "/api/claims/999/review", json={"speaker": None, "reviewer": "Ana"}, headers=auth
        ).status_code
        == 404
    )


def test_apply_corrections_directly(db: str, samples: ModuleType) -> None:
    with Store.open(db) as store:
        reviews = Reviews(store)
        found = store.events(EventFilter(country="ML"))
        review = reviews.review_event(
            found[0].id, "correct", reviewer="Ana", correction=EventCorrection(counts=Counts(killed=9))
        )
        corrected = apply_corrections(found, {found[0].id: review})
        assert corrected[0].stored.event.counts.killed == 9
        assert corrected[0].machine.counts.killed == 12
        assert corrected[0].status == "corrected"
        assert apply_corrections(found, {})[0].status == "unreviewed"
        with pytest.raises(ReviewError):
            reviews.review_event(found[0].id, "correct", reviewer="Ana")
        assert store.schema_version >= 2
