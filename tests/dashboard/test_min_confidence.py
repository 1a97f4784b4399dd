"""Precision first in a real browser: the filter bar shows the API's default minimum confidence, a doubtful
event appears on the map, the timeline and the table only once the user lowers it, and an event's page
lists every report, marking those below the minimum."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.fixtures import samples

from newsevents.model import DEFAULT_MIN_CONFIDENCE
from newsevents.pipeline import Extractor

from .conftest import Served
from .test_dashboard import apply_filters, loaded, markers, timeline_events, wait_until

Page = Any


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Served]:
    """The samples (confidence 0.8), a doubtful report of its own event in Goma (0.2), and a less sure
    second outlet's report (0.25) of the Nairobi march."""
    db = str(tmp_path_factory.mktemp("min-confidence") / "events.sqlite")
    samples.fill(db, extra=(samples.DOUBTFUL, replace(samples.SECOND_REPORT, confidence=0.25)))
    server = Served(db, lambda: extractor)
    yield server
    server.stop()


def rows(page: Page) -> int:
    return int(page.locator("#events-table tbody tr").count())


def places(page: Page) -> list[str]:
    return list(page.locator("#events-table tbody tr td.place").all_inner_texts())


def test_lowering_the_minimum_shows_a_doubtful_event(page: Page, served: Served, output_dir: Path) -> None:
    page.goto(served.url + "/")
    loaded(page)
    field = page.locator("#f-min-confidence")
    assert float(field.input_value()) == DEFAULT_MIN_CONFIDENCE  # the API's default, shown
    assert (markers(page), timeline_events(page), rows(page)) == (5, 5, 5)
    assert not any("Goma" in p for p in places(page))
    assert f"confidence ≥ {DEFAULT_MIN_CONFIDENCE:g}" in page.inner_text("#table-count")

    field.fill("0")
    apply_filters(page)
    assert (markers(page), timeline_events(page), rows(page)) == (6, 6, 6)
    assert any("Goma" in p for p in places(page))
    assert "min_confidence=0" in page.evaluate("location.hash")
    assert field.input_value() == "0" and "confidence ≥ 0" in page.inner_text("#table-count")
    page.screenshot(path=str(output_dir / "dashboard-min-confidence-0.png"), full_page=True)

    field.fill("0.9")  # above every event
    apply_filters(page)
    assert (markers(page), timeline_events(page)) == (0, 0)
    assert page.inner_text("#events-table tbody") == "No events match."

    before = int(page.get_attribute("body", "data-loads") or 0)
    page.click("#f-reset")
    wait_until(page, f"Number(document.body.dataset.loads) > {before}")
    assert float(field.input_value()) == DEFAULT_MIN_CONFIDENCE
    assert (markers(page), rows(page)) == (5, 5)
    assert "min_confidence" not in page.evaluate("location.hash")
    assert page.problems == []


def test_a_minimum_in_the_address_is_kept(page: Page, served: Served) -> None:
    page.goto(served.url + "/#/?min_confidence=0.1&country=CD")
    loaded(page)
    assert page.locator("#f-min-confidence").input_value() == "0.1"
    assert (markers(page), rows(page)) == (1, 1)
    assert page.problems == []


def test_an_event_page_shows_every_report_and_marks_the_doubtful_one(page: Page, served: Served,
                                                                     output_dir: Path) -> None:
    page.goto(served.url + "/#/?country=KE&date_to=2022-01-15")
    loaded(page)
    assert rows(page) == 1  # the march: 0.8, from its surer report
    page.click("#events-table tbody tr a")
    page.wait_for_selector("#merged-reports")
    assert page.locator("#merged-reports tbody tr").count() == 2
    marked = page.locator("#merged-reports tbody tr.below-min")
    assert marked.count() == 1
    assert "Nairobi teachers rally for late wages" in marked.inner_text()
    assert "0.25 (below" in marked.locator("td.confidence").inner_text()
    assert "confidence 0.8" in page.inner_text("#merged-meta")
    page.screenshot(path=str(output_dir / "dashboard-merged-below-min.png"), full_page=True)

    page.goto(served.url + "/#/?country=KE&date_to=2022-01-15&min_confidence=0.2")
    loaded(page)
    page.click("#events-table tbody tr a")
    page.wait_for_selector("#merged-reports")
    assert page.locator("#merged-reports tbody tr").count() == 2
    assert page.locator("#merged-reports tbody tr.below-min").count() == 0
    assert page.problems == []
