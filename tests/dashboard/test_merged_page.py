"""The real-world event page in a real browser: two outlets' reports shown as one event with where each
field came from, and a reviewer splitting them apart and merging them back with the token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.fixtures import samples

from newsevents.pipeline import Extractor

from .conftest import TOKEN, Served
from .test_dashboard import loaded, wait_until

Page = Any


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Served]:
    """The samples plus a second outlet's report of the Nairobi march."""
    db = str(tmp_path_factory.mktemp("merged-page") / "events.sqlite")
    samples.fill(db, extra=(samples.SECOND_REPORT,))
    server = Served(db, lambda: extractor)
    yield server
    server.stop()


def open_march(page: Page, served: Served) -> None:
    page.goto(served.url + "/#/?country=KE&date_to=2022-01-15")
    loaded(page)
    assert page.locator("#events-table tbody tr").count() == 1
    assert page.inner_text("#events-table .n-reports") == "2 reports, 2 outlets"
    page.click("#events-table tbody tr a")
    page.wait_for_selector("#merged-reports")


def test_event_page_shows_sources_figures_and_reports(page: Page, served: Served, output_dir: Path) -> None:
    open_march(page, served)
    assert page.locator("#merged-reports tbody tr").count() == 2
    assert "2 reports, 2 outlets" in page.inner_text("#merged-meta")
    protesters = page.locator("#sources tr[data-field='protesters']")
    assert protesters.locator("td").first.inner_text() == "200"  # ACLED's lowest figure
    assert protesters.locator("a").inner_text() == "Daily Example"
    assert page.locator("#figures tbody tr").count() == 2
    page.screenshot(path=str(output_dir / "dashboard-merged-event.png"), full_page=True)
    page.click("#sources tr[data-field='protesters'] a")  # down to the report the figure came from
    page.wait_for_selector("#article-text")
    assert page.inner_text("#article-title") == "Nairobi teachers rally for late wages"
    page.click("#to-merged")
    page.wait_for_selector("#merged-reports")
    assert page.problems == []


def test_reviewer_splits_then_merges_back(page: Page, served: Served) -> None:
    open_march(page, served)
    march_id = page.evaluate("location.hash").rsplit("/", 1)[1]
    page.locator("#merged-reports input[name=report]").nth(1).check()
    page.fill("#rv-reviewer", "Ana Tester")
    page.fill("#rv-token", TOKEN)
    page.click("#mg-split")
    wait_until(page, "document.querySelectorAll('#merged-reports tbody tr').length === 1")
    history = page.inner_text("#merge-history")
    assert "Ana Tester" in history and "split reports" in history
    new_id = history.rsplit("#", 1)[1].strip()

    page.fill("#mg-other", new_id)
    page.fill("#rv-token", TOKEN)
    page.click("#mg-join")
    wait_until(page, "document.querySelectorAll('#merged-reports tbody tr').length === 2")
    assert page.locator("#merge-history li").count() == 2
    assert page.evaluate("location.hash").endswith("/" + march_id)
    assert page.problems == []
