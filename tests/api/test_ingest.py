"""Ingest through the API: bodies of every kind become articles; a job extracts and stores them."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app
from newsevents.api.errors import ApiError
from newsevents.api.inputs import parse_body
from newsevents.model import Article, Rejected
from newsevents.pipeline import Extractor

from .conftest import TOKEN

REPORT = (
    "Police arrested 25 protesters in Kampala on Tuesday after a march against rising fuel prices, "
    "a police spokesman said. The marchers had gathered near the parliament building."
)
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Farmers block a highway</title><link>https://wire.example.org/1</link>
<description>Hundreds of farmers blocked a highway outside Pune on Friday to protest crop prices.
</description>
<pubDate>Fri, 14 Jan 2022 10:00:00 GMT</pubDate></item>
</channel></rss>"""


def parse(body: bytes, content_type: str) -> list[Article | Rejected]:
    return parse_body(body, content_type, item_id=None, url=None, published=None, max_bytes=1_000_000)


def test_one_article_a_batch_and_a_wrapped_batch() -> None:
    one = parse(
        json.dumps({"id": "a", "text": REPORT, "published": "2022-01-11"}).encode(), "application/json"
    )
    assert [a.id for a in one] == ["a"]
    batch = parse(
        json.dumps([{"id": "a", "text": REPORT}, {"text": "Another report."}]).encode(),
        "application/json; charset=utf-8",
    )
    assert batch[0].id == "a" and batch[1].id.startswith("api-")
    wrapped = parse(json.dumps({"articles": [{"id": "b", "text": REPORT}]}).encode(), "application/json")
    assert [a.id for a in wrapped] == ["b"]


def test_a_feed_and_plain_text() -> None:
    entries = parse(FEED, "application/rss+xml")
    assert len(entries) == 1 and isinstance(entries[0], Article)
    assert "farmers blocked a highway" in entries[0].text
    plain = parse(REPORT.encode(), "text/plain")
    assert isinstance(plain[0], Article) and plain[0].text == REPORT


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", "application/json", 422),
        (b'{"id": "x"}', "application/json", 422),
        (b'{"id": "x", "text": "t", "colour": "red"}', "application/json", 422),
        (b'{"id": 5, "text": "t"}', "application/json", 422),
        (b"[]", "application/json", 422),
        (b"   ", "text/plain", 422),
        (b"%PDF-1.4", "application/pdf", 415),
    ],
)
def test_bad_bodies(body: bytes, content_type: str, status: int) -> None:
    with pytest.raises(ApiError) as caught:
        parse(body, content_type)
    assert caught.value.http_status == status


@pytest.fixture()
def writer(db: str, extractor: Extractor) -> Iterator[TestClient]:
    app = create_app(db, token=TOKEN, extractor_factory=lambda: extractor)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def wait_for(client: TestClient, job_id: str, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.slow
def test_ingest_job_extracts_and_stores(writer: TestClient, auth: dict[str, str]) -> None:
    article = {"id": "kampala", "title": "Fuel protesters held", "text": REPORT, "published": "2022-01-11"}
    response = writer.post("/api/ingest", json=article, headers=auth)
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/api/jobs/{response.json()['id']}"
    job = wait_for(writer, response.json()["id"])
    assert job["state"] == "done", job
    assert job["summary"]["stored"] == 1 and job["articles"][0]["id"] == "kampala"
    stored = writer.get("/api/articles", params={"q": "Kampala"}).json()["items"]
    assert [a["id"] for a in stored] == ["kampala"]
    assert stored[0]["events"] == job["summary"]["events"] >= 1
    # The same article again is a duplicate, not a second copy.
    again = wait_for(writer, writer.post("/api/ingest", json=article, headers=auth).json()["id"])
    assert again["summary"]["duplicates"] == 1 and again["summary"]["stored"] == 0


@pytest.mark.slow
def test_ingest_html_page(writer: TestClient, auth: dict[str, str]) -> None:
    page = (
        f"<html><head><title>Kampala march</title></head><body><article><h1>Kampala march</h1>"
        f"<p>{REPORT}</p></article></body></html>"
    ).encode()
    response = writer.post(
        "/api/ingest",
        content=page,
        params={"id": "kampala-page", "published": "2022-01-11"},
        headers={**auth, "Content-Type": "text/html"},
    )
    job = wait_for(writer, response.json()["id"])
    assert job["state"] == "done" and job["summary"]["stored"] == 1, job


def test_unknown_job_is_404(client: TestClient) -> None:
    assert client.get("/api/jobs/" + "0" * 32).status_code == 404


def test_a_job_answers_a_frozen_typed_view_in_its_documented_shape() -> None:
    from datetime import UTC, datetime

    import pydantic

    from newsevents.api.jobs import Job, JobView, Outcome
    from newsevents.batch import IngestSummary

    moment = datetime(2030, 5, 7, 9, 30, tzinfo=UTC)
    job = Job("f" * 32, "done", moment, 2, started_at=moment, finished_at=moment,
              summary=IngestSummary(read=2, stored=1, duplicates=1, events=3, claims=1),
              outcomes=(Outcome("a", None, 3, 1),))
    view = job.view()
    with pytest.raises(pydantic.ValidationError):
        view.state = "failed"  # type: ignore[misc]
    assert view.model_dump(mode="json") == {
        "id": "f" * 32, "state": "done", "inputs": 2, "submitted_at": "2030-05-07T09:30:00+00:00",
        "started_at": "2030-05-07T09:30:00+00:00", "finished_at": "2030-05-07T09:30:00+00:00",
        "summary": {"read": 2, "stored": 1, "duplicates": 1, "rejected": 0, "failed": 0, "events": 3,
                    "claims": 1},
        "articles": [{"id": "a", "error": None, "events": 3, "claims": 1}], "error": None,
    }
    assert list(view.model_dump()) == list(JobView.model_fields)


def test_the_job_route_documents_its_answer(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    answer = spec["paths"]["/api/jobs/{job_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert answer["schema"] == {"$ref": "#/components/schemas/JobView"}
    assert list(spec["components"]["schemas"]["JobView"]["properties"]) == [
        "id", "state", "inputs", "submitted_at", "started_at", "finished_at", "summary", "articles", "error"]
