"""The HTTP status of an error comes from its class in the coded tree, never from its message's words."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsevents import errors
from newsevents.api import create_app
from newsevents.api.errors import status_of

from .test_error_shape import assert_error


def _tree(root: type[errors.NewsEventsError]) -> list[type[errors.NewsEventsError]]:
    found = [root]
    for sub in root.__subclasses__():
        found += _tree(sub)
    return found


CODED = [cls for cls in _tree(errors.NewsEventsError) if cls.__module__ == "newsevents.errors"]
CLIENT_MISTAKES = (errors.InputError, errors.FilterError, errors.ReviewError, errors.ApiError)


@pytest.mark.parametrize("cls", CODED, ids=lambda cls: cls.__name__)
def test_every_coded_error_has_its_status_and_code(cls: type[errors.NewsEventsError]) -> None:
    assert re.fullmatch(r"E\d{3}", cls.code)
    if issubclass(cls, CLIENT_MISTAKES):
        assert 400 <= cls.http_status < 500
    else:
        assert cls.http_status == 500


def test_the_api_error_joins_the_coded_tree() -> None:
    refused = errors.InvalidRequest("limit: at most 500")
    assert isinstance(refused, errors.NewsEventsError)
    assert (refused.code, refused.http_status, refused.reason, refused.message) == (
        "E701", 422, "invalid_request", "limit: at most 500")
    assert errors.NotFound("no job 7").http_status == 404
    assert errors.Unauthorized("a token is needed").http_status == 401
    assert errors.ReadOnly("read-only").http_status == 403
    assert errors.UnsupportedMediaType("send JSON").http_status == 415


def test_the_words_of_a_message_do_not_choose_the_status() -> None:
    assert status_of(errors.ReviewError("no reviewer name was given")) == 422
    assert status_of(errors.RecordMissing("event 4242 is not stored")) == 404
    assert errors.RecordMissing("x").code == "E320"  # a review error: the code its answers always had
    assert status_of(errors.StoreError("no connection")) == 500


def _app_raising(error: errors.NewsEventsError, db: str) -> FastAPI:
    app = create_app(db, token=None)

    @app.get("/test/raise")
    def raise_it() -> None:
        raise error

    return app


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (errors.ReviewError("no reviewer name was given"), 422, "E320"),
        (errors.RecordMissing("claim 9 is not stored"), 404, "E320"),
        (errors.FilterError("no country 'Narnia'"), 422, "E310"),
        (errors.MalformedJSONL("line 3 is not JSON"), 422, "E110"),
        (errors.InvalidRequest("give page or offset, not both"), 422, "invalid_request"),
        (errors.NotFound("no job 3"), 404, "not_found"),
    ],
)
def test_a_raised_error_is_answered_with_its_class_status(db: str, error: errors.NewsEventsError,
                                                          status: int, code: str) -> None:
    with TestClient(_app_raising(error, db), raise_server_exceptions=False) as client:
        response = client.get("/test/raise")
    assert_error(response, status, code)
    assert response.json()["error"]["message"] == error.message


@pytest.mark.parametrize("error", [errors.PipelineError("no parser: /srv/models/x"),
                                   errors.ConfigError("no model at /srv/secret")])
def test_a_server_error_answers_500_without_its_message(db: str, error: errors.NewsEventsError) -> None:
    with TestClient(_app_raising(error, db), raise_server_exceptions=False) as client:
        response = client.get("/test/raise")
    assert_error(response, 500, error.code)
    assert "/srv" not in response.text


def test_unauthorized_keeps_its_challenge_header(db: str) -> None:
    with TestClient(create_app(db, token="t"), raise_server_exceptions=False) as client:
        response = client.post("/api/reports/1/review", json={"action": "accept", "reviewer": "ana"})
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
