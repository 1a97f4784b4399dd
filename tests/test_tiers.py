"""The tiers tests/conftest.py gives the collected tests (docs/testing.md), checked on this run's tests."""

from __future__ import annotations

import pytest
import spacy

HEAVY = ("model", "postgres", "browser", "app", "slow")


def marks(item: pytest.Item) -> set[str]:
    return {mark.name for mark in item.iter_markers()}


def test_this_test_is_fast(request: pytest.FixtureRequest) -> None:
    assert "fast" in marks(request.node)


def test_every_test_is_fast_or_heavy_never_both(request: pytest.FixtureRequest) -> None:
    for item in request.session.items:
        heavy = marks(item) & set(HEAVY)
        assert bool(heavy) != ("fast" in marks(item)), (item.nodeid, heavy)


def test_what_a_test_needs_gives_its_tier(request: pytest.FixtureRequest) -> None:
    for item in request.session.items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"extractor", "analyse", "analyse_all"}:
            assert "model" in marks(item), item.nodeid
        if fixtures & {"browser", "page"}:
            assert "browser" in marks(item), item.nodeid
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store_url") == "postgresql":
            assert "postgres" in marks(item), item.nodeid


def test_a_fast_test_may_not_load_a_trained_model() -> None:
    with pytest.raises(pytest.fail.Exception, match="use the `extractor`"):
        spacy.load("en_core_web_md")
