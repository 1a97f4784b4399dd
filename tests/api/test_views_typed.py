"""The API's answers are built as typed, frozen models (``api.models``); the OpenAPI document shows them."""

from __future__ import annotations

import pydantic
import pytest
from fastapi.testclient import TestClient

from newsevents.api import models, views
from newsevents.api.app import Services


def test_views_build_frozen_models(client: TestClient) -> None:
    services: Services = client.app.state.services  # type: ignore[attr-defined]
    reviewed = services.reviews.reviewed(services.store.article_events(1))
    view = views.event_view(reviewed[0])
    assert isinstance(view, models.EventView) and isinstance(view.article, models.ArticleRef)
    with pytest.raises(pydantic.ValidationError):
        view.status = "rejected"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("path", "model"),
    [("/api/reports/1", models.ReportDetail), ("/api/events/1", models.MergedDetail),
     ("/api/articles/1", models.ArticleView)],
)
def test_an_answer_has_its_models_fields_in_order(client: TestClient, path: str,
                                                  model: type[pydantic.BaseModel]) -> None:
    body = client.get(path).json()
    assert list(body) == list(model.model_fields)
    model.model_validate(body)


def test_the_openapi_document_names_the_answers(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    answer = spec["paths"]["/api/reports/{report_id}"]["get"]["responses"]["200"]["content"]
    assert answer["application/json"]["schema"]["$ref"].endswith("/ReportDetail")
    highlight = spec["components"]["schemas"]["Highlight"]["properties"]["field"]
    assert set(highlight["enum"]) == {"evidence", "place", "date", "actor", "count", "claim"}


@pytest.mark.parametrize(
    ("path", "item"),
    [("/api/articles", models.ArticleSummary), ("/api/events", models.MergedSummary),
     ("/api/reports", models.EventView), ("/api/claims", models.ClaimView)],
)
def test_a_listing_is_a_typed_page(client: TestClient, path: str, item: type[pydantic.BaseModel]) -> None:
    body = client.get(path).json()
    assert list(body) == ["items", "total", "limit", "offset"]
    models.Page[item].model_validate(body)  # type: ignore[valid-type]
    assert body["items"] and all(list(i) == list(item.model_fields) for i in body["items"])


@pytest.mark.parametrize(
    ("path", "model"),
    [("/api/health", models.Health), ("/api/stats", models.Stats), ("/api/stats?level=reports", models.Stats),
     ("/api/ontology", models.OntologyOut), ("/api/events/points", models.Points),
     ("/api/places", models.Places)],
)
def test_the_other_reads_answer_their_models(client: TestClient, path: str,
                                             model: type[pydantic.BaseModel]) -> None:
    body = client.get(path).json()
    assert list(body) == list(model.model_fields)
    model.model_validate(body)
