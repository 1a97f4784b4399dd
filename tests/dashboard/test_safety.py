"""An article full of markup and script is ingested through the API and shown: nothing in it runs."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

from .conftest import TOKEN, Served
from .test_dashboard import loaded

Page = Any

TITLE = '<img src=x onerror="window.__pwned=\'title\'"><script>window.__pwned="title-script"</script> Kampala'
TEXT = (
    "<script>window.__pwned = 'text'; alert('text')</script> Police arrested 25 protesters in Kampala on "
    "Tuesday after a march against rising fuel prices, a police spokesman said. "
    "<img src=x onerror=\"window.__pwned='img'; alert('img')\"> The marchers had gathered near the "
    "parliament building. <a href=\"javascript:alert('link')\">Read more</a> "
    "<svg onload=\"window.__pwned='svg'\"></svg> <iframe src=\"javascript:alert('frame')\"></iframe>"
)
ARTICLE = {
    "id": "hostile",
    "title": TITLE,
    "text": TEXT,
    "published": "2022-01-11",
    "url": "javascript:alert('url')",
    "source": "<b onmouseover=alert('source')>Wire</b>",
}


def post(served: Served, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        served.url + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    with urllib.request.urlopen(request) as response:
        return dict(json.load(response))


def ingest(served: Served) -> int:
    job = post(served, "/api/ingest", ARTICLE)
    deadline = time.monotonic() + 120
    while job["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the ingest job did not finish"
        time.sleep(0.2)
        with urllib.request.urlopen(f"{served.url}/api/jobs/{job['id']}") as response:
            job = json.load(response)
    assert job["state"] == "done" and job["summary"]["stored"] == 1, job
    assert job["summary"]["events"] >= 1, job
    with urllib.request.urlopen(f"{served.url}/api/reports?q=parliament") as response:
        return int(json.load(response)["items"][0]["id"])


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("window.__pwned === undefined")
    assert dialogs == []
    for selector in ("img", "iframe", "svg script", "body script:not([src])"):
        found = page.locator(f"#event-page {selector}, #overview {selector}").count()
        assert found == 0, selector
    assert page.locator("a[href^='javascript']").count() == 0


def test_script_in_an_article_never_runs(page: Page, served: Served, output_dir: Any) -> None:
    event_id = ingest(served)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(served.url + "/#/?q=parliament")
    loaded(page)
    assert page.locator("#events-table tbody tr").count() >= 1
    if page.locator(".marker-cluster").count():  # events at one place: the cluster spreads them out
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(800)
    # A marker's circle (not a spider leg) opens its popup.
    page.locator("#map path.leaflet-interactive:not([fill='none'])").first.dispatch_event("click")
    page.wait_for_selector(".popup")
    assert_nothing_ran(page, dialogs)

    page.click(".popup a")  # the real-world event: its reports' titles are text too
    page.wait_for_selector("#merged-reports")
    assert "<img" in page.inner_text("#merged-reports")
    assert_nothing_ran(page, dialogs)

    page.goto(f"{served.url}/#/report/{event_id}")
    page.wait_for_selector("#article-text")
    assert page.inner_text("#article-title") == TITLE
    text = page.inner_text("#article-text")
    assert "<script>window.__pwned = 'text'" in text and "<iframe src=" in text
    assert "Wire" in page.inner_text(".meta") and "<b onmouseover" in page.inner_text(".meta")
    assert page.locator(".meta a").count() == 0  # a javascript: URL is not made a link
    page.screenshot(path=str(output_dir / "dashboard-hostile-article.png"), full_page=True)
    page.wait_for_timeout(300)  # time for any onerror/onload to have fired
    assert_nothing_ran(page, dialogs)
    assert page.problems == []
