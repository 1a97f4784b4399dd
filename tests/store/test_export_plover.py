"""PLOVER JSON Lines: every record valid against a JSON Schema written from the PLOVER specification, in
the 2024 revision's vocabulary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from tests.fixtures.export_samples import fill

from newsevents.model import Plover
from newsevents.store import EventFilter, Store
from newsevents.store.export import iter_items
from newsevents.store.plover import plover_code, write_plover

SCHEMA = json.loads((Path(__file__).parent / "plover_2024.schema.json").read_text(encoding="utf-8"))


def records(store: Store, level: str = "events", **filters: object) -> list[dict]:  # type: ignore[type-arg]
    out = io.StringIO()
    write_plover(iter_items(store, level, EventFilter(**filters)), out)  # type: ignore[arg-type]
    return [json.loads(line) for line in out.getvalue().splitlines()]


def by_sub_type(found: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["newsevents"]["acled_sub_event_type"]: r for r in found}


@pytest.mark.parametrize("level", ["events", "reports"])
def test_every_record_validates_against_the_plover_schema(store: Store, level: str) -> None:
    fill(store)
    found = records(store, level)
    assert len(found) == 8
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for record in found:
        validator.validate(record)
    assert {r["event_type"] for r in found} <= set(SCHEMA["properties"]["event_type"]["enum"])


def test_the_schema_refuses_the_old_vocabulary() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    old = {"id": "x", "date": "2022-01-05", "actor": [], "event_type": "FIGHT"}
    assert not validator.is_valid(old)
    assert not validator.is_valid({**old, "event_type": "COERCE", "mode": "confiscate"})
    assert validator.is_valid({**old, "event_type": "COERCE", "mode": "seize"})


def test_old_labels_are_written_in_the_2024_vocabulary(store: Store) -> None:
    fill(store)
    found = by_sub_type(records(store))
    assert (found["Armed clash"]["event_type"], found["Armed clash"]["mode"]) == ("ASSAULT", "heavy-weapons")
    seized = found["Disrupted weapons use"]
    assert (seized["event_type"], seized["mode"]) == ("COERCE", "seize")
    assert seized["newsevents"]["codebook_plover"] == {"type": "COERCE", "mode": "confiscate"}
    assert (found["Looting/property destruction"]["event_type"],
            found["Looting/property destruction"]["mode"]) == ("ASSAULT", "destroy")
    assert plover_code(Plover("FIGHT", "CBRN")) == ("ASSAULT", None, "cbrn")
    assert plover_code(Plover("PROTEST", "demonstrate")) == ("PROTEST", None, None)  # not a listed mode


def test_actors_recipients_place_and_sizes(store: Store) -> None:
    fill(store)
    found = by_sub_type(records(store))
    force = found["Excessive force against protesters"]
    assert force["id"].startswith("KAZ") and force["date"] == "2022-01-05"
    assert [a["actor_text"] for a in force["actor"]] == ["Police Forces of Kazakhstan"]
    assert force["actor"][0]["code"] == "KAZ" and force["actor"][0]["sector"] == "COP"
    assert [a["actor_text"] for a in force["recipient"]] == ["Protesters (Kazakhstan)"]
    assert force["dead"] == 8
    assert force["event_loc"] == {
        "name": "Almaty", "geonameid": 1526384, "latitude": 43.2525, "longitude": 76.9115,
        "country_code": "KZ", "cc3": "KAZ", "admin1": "Almaty", "resolution": "city", "geo_precision": 1}
    clash = found["Armed clash"]  # two-sided violence: both sides are actors
    assert len(clash["actor"]) == 2 and clash["recipient"] == []
    assert clash["event_loc"]["resolution"] == "country" and clash["event_loc"]["cc3"] == "KAZ"
    assert found["Arrests"]["arrested"] == 120
    assert found["Peaceful protest"]["size"] == 300
    assert found["Diplomatic event"]["context"] == ["diplomatic"]
    assert found["Excessive force against protesters"]["event_text"] == [
        "Security forces opened fire on demonstrators in Almaty on Wednesday, killing at least eight people."]


def test_plover_honours_the_filters(store: Store) -> None:
    fill(store)
    found = records(store, country="US")
    assert [r["event_loc"]["cc3"] for r in found] == ["USA"]
