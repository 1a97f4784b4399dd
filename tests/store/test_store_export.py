from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.model import Actor, Result
from newsevents.store import EventFilter, Store
from newsevents.store.export import (
    ACLED_COLUMNS,
    acled_types_only,
    country_info,
    interaction,
    iter_items,
    write_acled_csv,
    write_jsonl,
)


def _fill(store: Store, n: int = 3) -> list[Result]:
    results = []
    for i in range(n):
        article = make_article(i)
        result = make_result(article, i)
        store.add_result(article, result)
        results.append(result)
    return results


def test_jsonl_round_trips_through_the_contract(store: Store) -> None:
    results = _fill(store)
    out = io.StringIO()
    assert write_jsonl(store.results(), out) == 3
    lines = out.getvalue().splitlines()
    assert [Result.from_dict(json.loads(line)) for line in lines] == results
    assert json.loads(lines[0])["schema_version"] == 1


def test_acled_csv_has_acleds_31_columns_in_order(store: Store) -> None:
    _fill(store)
    out = io.StringIO()
    assert write_acled_csv(iter_items(store, "reports", EventFilter()), out) == 6
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert len(rows[0]) == 31
    assert rows[0][:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert rows[0][-3:] == ["fatalities", "tags", "timestamp"]
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert all(len(r) == 31 for r in rows[1:])


def test_acled_row_values(store: Store) -> None:
    _fill(store)
    rows = _rows(store)
    intervention = next(r for r in rows if r["sub_event_type"] == "Protest with intervention")
    assert intervention["event_id_cnty"].startswith("UKR")
    assert (intervention["event_date"], intervention["year"], intervention["time_precision"]) == (
        "2022-03-08", "2022", "1")
    assert intervention["disorder_type"] == "Demonstrations"
    assert (intervention["actor1"], intervention["inter1"]) == ("Protesters (Kharkiv)", "6")
    assert (intervention["actor2"], intervention["inter2"]) == ("Police Forces (Kharkiv)", "1")
    assert intervention["assoc_actor_1"] == "Teachers union"
    assert intervention["interaction"] == "16"
    place = (intervention["iso"], intervention["country"], intervention["region"])
    assert place == ("804", "Ukraine", "Europe")
    assert (intervention["location"], intervention["latitude"], intervention["longitude"]) == (
        "Kharkiv", "49.9800", "36.2500")
    assert intervention["fatalities"] == "0"
    assert intervention["notes"].startswith("Hundreds of teachers marched through Kharkiv on Tuesday")
    assert int(intervention["timestamp"]) > 1_600_000_000
    peaceful = next(r for r in rows if r["sub_event_type"] == "Peaceful protest" and r["iso"] == "566")
    assert peaceful["interaction"] == "60"
    assert peaceful["tags"] == "crowd size=300"
    assert peaceful["region"] == "Western Africa"


def _rows(store: Store) -> list[dict[str, str]]:
    out = io.StringIO()
    write_acled_csv(iter_items(store, "reports", EventFilter()), out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_violence_against_civilians_and_extra_types(store: Store) -> None:
    article = make_article(1)
    base = make_result(article, 1).events[1]
    attack = replace(base, event_type="Violence against civilians", sub_event_type="Attack",
                     counts=replace(base.counts, killed=4),
                     actors=(Actor("Unidentified Armed Group (Nigeria)", "actor1", "Political militia", None),
                             Actor("Civilians (Nigeria)", "actor2", "Civilians", "NG")))
    talks = replace(base, event_type="Strategic developments", sub_event_type="Diplomatic event", actors=())
    store.add_result(article, Result(article.id, events=(attack, talks)))
    rows = _rows(store)
    assert rows[0]["civilian_targeting"] == "Civilian targeting"
    assert rows[0]["disorder_type"] == "Political violence"
    assert rows[0]["fatalities"] == "4"
    assert rows[0]["interaction"] == "37"  # the singular spelling of an older store reads the same
    assert rows[1]["disorder_type"] == "Strategic developments"
    assert rows[1]["interaction"] == "0"
    out = io.StringIO()
    assert write_acled_csv(acled_types_only(iter_items(store, "reports", EventFilter())), out) == 1


def test_interaction_orders_by_acled_code() -> None:
    assert interaction("Civilians", "State forces") == 17
    assert interaction("Rioters", None) == 50
    assert interaction(None, None) == 0


def test_country_info_uses_acled_names_and_regions() -> None:
    congo = country_info("cd")
    assert congo is not None
    assert (congo.name, congo.alpha3, congo.numeric, congo.region) == (
        "Democratic Republic of Congo", "COD", 180, "Middle Africa")
    assert country_info("SY") is not None and country_info("SY").region == "Middle East"  # type: ignore[union-attr]
    assert country_info("GE") is not None and country_info("GE").region == "Caucasus and Central Asia"  # type: ignore[union-attr]
    assert country_info("ZZ") is None
