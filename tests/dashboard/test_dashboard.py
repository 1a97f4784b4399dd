"""The dashboard in a real browser (Debian's chromium through Playwright), with no network beyond the app:
filters change the map and the timeline, an event shows its evidence, a correction is saved and kept."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

from .conftest import TOKEN, Served

Page = Any  # playwright.sync_api.Page, imported lazily by conftest


def wait_until(page: Page, expression: str, timeout: float = 15.0) -> None:
    """Poll ``expression`` in the page (wait_for_function evals a string, which the page's CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)


def loaded(page: Page) -> None:
    page.wait_for_selector("body[data-loading='0']")
    page.wait_for_selector("#map[data-countries]")


def markers(page: Page) -> int:
    return int(page.get_attribute("#map", "data-markers"))


def timeline_events(page: Page) -> int:
    return int(page.get_attribute("#timeline", "data-events") or 0)


def open_report(page: Page) -> None:
    """From the overview: the first real-world event, then its first report."""
    page.click("#events-table tbody tr a")
    page.wait_for_selector("#merged-reports")
    page.click("#merged-reports a.report-link")
    page.wait_for_selector("#article-text")


def apply_filters(page: Page) -> None:
    before = int(page.get_attribute("body", "data-loads") or 0)
    page.click("#f-apply")
    wait_until(page, f"Number(document.body.dataset.loads) > {before}")


def test_filters_change_map_timeline_and_table(page: Page, served: Served, output_dir: Path) -> None:
    page.goto(served.url + "/")
    loaded(page)
    assert markers(page) == 5
    assert timeline_events(page) == 5
    assert page.locator("#timeline rect.bar").count() == 5  # one per (day, type)
    assert page.locator("#events-table tbody tr").count() == 5
    assert int(page.get_attribute("#map", "data-countries")) > 150
    page.screenshot(path=str(output_dir / "dashboard-overview.png"), full_page=True)

    page.select_option("#f-type", "Protests")
    apply_filters(page)
    assert markers(page) == 2
    assert timeline_events(page) == 2
    assert set(page.locator("#timeline rect.bar").evaluate_all("bars => bars.map(b => b.dataset.type)")) == {
        "Protests"
    }
    assert page.locator("#events-table tbody tr").count() == 2

    page.select_option("#f-type", "")
    page.fill("#f-from", "2022-01-12")
    page.fill("#f-to", "2022-01-15")
    apply_filters(page)
    assert markers(page) == 3
    dates = page.locator("#timeline rect.bar").evaluate_all("bars => bars.map(b => b.dataset.date)")
    assert set(dates) == {"2022-01-12", "2022-01-15"}
    assert "date_from=2022-01-12" in page.evaluate("location.hash")
    page.screenshot(path=str(output_dir / "dashboard-filtered.png"), full_page=True)

    page.fill("#f-q", "stalls")
    apply_filters(page)
    assert "text=stalls" in page.evaluate("location.hash")  # the API's name for the filter
    assert markers(page) == 1
    assert page.locator("#events-table tbody tr").count() == 1
    assert page.problems == []


def test_event_page_highlights_evidence_and_keeps_a_correction(
    page: Page, served: Served, output_dir: Path
) -> None:
    page.goto(served.url + "/#/?country=NG")
    loaded(page)
    open_report(page)
    assert page.inner_text("#article-title") == "Market traders clash with police in Lagos"
    assert "Lagos" in page.locator("#article-text mark.hl-place").all_inner_texts()
    assert "Wednesday" in page.locator("#article-text mark.hl-date").all_inner_texts()
    evidence = "".join(page.locator("#article-text mark.hl-evidence").all_inner_texts())
    assert evidence.startswith("Angry traders set fire to tyres")
    assert page.inner_text("#review-status") == "unreviewed"

    page.select_option("#rv-action", "correct")
    page.fill("#rv-injured", "5")
    page.fill("#rv-reviewer", "Ana Tester")
    page.fill("#rv-note", "the hospital gave five")
    page.fill("#rv-token", TOKEN)
    page.click("#rv-submit")
    page.wait_for_selector("#review-status.status-corrected")
    counts = page.locator("#fields tr[data-field='Counts']")
    assert counts.locator("td.machine").inner_text() == "injured 2"
    assert counts.locator("td.current").inner_text() == "injured 5"
    assert "Ana Tester" in page.inner_text("#history")
    page.screenshot(path=str(output_dir / "dashboard-event-corrected.png"), full_page=True)

    # Kept: a fresh load shows it, and so does the API, beside the machine's count.
    page.reload()
    page.wait_for_selector("#review-status.status-corrected")
    event_id = page.evaluate("location.hash").rsplit("/", 1)[1]
    with urllib.request.urlopen(f"{served.url}/api/reports/{event_id}") as response:
        body = json.load(response)
    assert body["event"]["counts"] == {"injured": 5} and body["machine"]["counts"] == {"injured": 2}
    assert page.problems == []


def test_a_wrong_token_saves_nothing(page: Page, served: Served) -> None:
    page.goto(served.url + "/#/?country=BD")
    loaded(page)
    open_report(page)
    page.select_option("#rv-action", "reject")
    page.fill("#rv-reviewer", "Mallory")
    page.fill("#rv-token", "guessed")
    page.click("#rv-submit")
    wait_until(page, "document.getElementById('rv-msg').textContent.startsWith('Not saved')")
    assert page.inner_text("#review-status") == "unreviewed"
    page.problems.clear()  # the browser logs the refused request (401) as a console error
    assert page.problems == []


def test_phone_width(page: Page, served: Served, output_dir: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served.url + "/")
    loaded(page)
    assert markers(page) == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # nothing wider than the screen
    page.screenshot(path=str(output_dir / "dashboard-phone.png"), full_page=True)
    page.click("#events-table tbody tr a")
    page.wait_for_selector("#merged-reports")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.click("#merged-reports a.report-link")
    page.wait_for_selector("#article-text")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.screenshot(path=str(output_dir / "dashboard-phone-event.png"), full_page=True)
    assert page.problems == []


def test_api_docs_load_offline(page: Page, served: Served) -> None:
    page.goto(served.url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".opblock-summary-path").count() >= 10
    assert page.problems == []
