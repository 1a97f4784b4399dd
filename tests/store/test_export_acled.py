"""The ACLED CSV as ACLED's users load it: pandas with ACLED's column types, codes in ACLED's order, places
from the gazetteer, outlets by name, readable notes, content ids, ACLED's own types, no formulas."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from tests.fixtures.export_samples import HYPERLINK, fill

from newsevents.store import EventFilter, Store
from newsevents.store.export import (
    ACLED_COLUMNS,
    acled_types_only,
    actor_type_code,
    actor_types,
    evidence_sentence,
    interaction,
    iter_items,
    safe_cell,
    write_acled_csv,
)

# ACLED's column types, from its codebook (ACLED Codebook 2023 and acledR's column list): dates, integer
# codes and counts, decimal coordinates, text for the rest.
ACLED_DTYPES = {
    "event_id_cnty": "string", "year": "int64", "time_precision": "int64", "disorder_type": "string",
    "event_type": "string", "sub_event_type": "string", "actor1": "string", "assoc_actor_1": "string",
    "inter1": "int64", "actor2": "string", "assoc_actor_2": "string", "inter2": "int64",
    "interaction": "int64", "civilian_targeting": "string", "iso": "int64", "region": "string",
    "country": "string", "admin1": "string", "admin2": "string", "admin3": "string", "location": "string",
    "latitude": "float64", "longitude": "float64", "geo_precision": "int64", "source": "string",
    "source_scale": "string", "notes": "string", "fatalities": "int64", "tags": "string",
    "timestamp": "int64",
}


def export(store: Store, level: str = "events", *, extra_types: bool = False, **filters: object) -> str:
    out = io.StringIO()
    items = iter_items(store, level, EventFilter(**filters))  # type: ignore[arg-type]
    write_acled_csv(acled_types_only(items, extra_types), out)
    return out.getvalue()


def rows(store: Store, level: str = "events", **kwargs: object) -> dict[str, dict[str, str]]:
    """The rows by sub-event type."""
    return {r["sub_event_type"]: r for r in csv.DictReader(io.StringIO(export(store, level, **kwargs)))}


@pytest.mark.parametrize("level", ["events", "reports"])
def test_pandas_loads_the_export_with_acleds_dtypes(store: Store, level: str) -> None:
    fill(store)
    frame = pd.read_csv(io.StringIO(export(store, level, extra_types=True)), dtype=ACLED_DTYPES,
                        parse_dates=["event_date"], date_format="%Y-%m-%d", keep_default_na=False)
    assert list(frame.columns) == list(ACLED_COLUMNS)
    assert len(frame) == 8
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["event_date"].min() == pd.Timestamp("2022-01-05")
    for column, kind in ACLED_DTYPES.items():
        assert str(frame[column].dtype) in ({kind, "str"} if kind == "string" else {kind}), column
    assert set(frame["year"]) == {2022}
    assert frame["fatalities"].sum() == 8 + 2 + 5  # the arrests' deaths are not ACLED fatalities


def test_interaction_codes_are_in_acleds_order(store: Store) -> None:
    fill(store)
    attack = rows(store)["Attack"]
    # The pipeline spells the types in the plural: once that put Civilians before Political militias.
    assert (attack["actor1"], attack["inter1"], attack["inter2"]) == ("'@Gunmen", "3", "7")
    assert attack["interaction"] == "37"
    force = rows(store)["Excessive force against protesters"]
    assert (force["inter1"], force["inter2"], force["interaction"]) == ("1", "6", "16")
    assert interaction("Civilians", "Political militias") == 37
    assert interaction("Political militia", "civilians") == 37  # an older store's singular spelling
    assert interaction("Protesters", None) == 60
    assert interaction(None, None) == 0


def test_actor_types_have_one_home_in_acleds_order() -> None:
    assert actor_types() == ("State forces", "Rebel groups", "Political militias", "Identity militias",
                             "Rioters", "Protesters", "Civilians", "External/Other forces")
    lexicon = json.loads(resources.files("newsevents").joinpath("data", "actors.json").read_text("utf-8"))
    used = {e["type"] for e in lexicon["generic"] + lexicon["organisations"]}
    used |= {e["foreign_type"] for e in lexicon["generic"] if e.get("foreign_type")}
    assert all(actor_type_code(t) for t in used), used - set(actor_types())
    assert [actor_type_code(t) for t in actor_types()] == list(range(1, 9))


def test_admin_divisions_come_from_the_gazetteer(store: Store) -> None:
    fill(store)
    found = rows(store)
    assert found["Attack"]["admin1"] == "Zhambyl oblysy"  # the store had no admin1 for Taraz
    assert found["Arrests"]["admin1"] == "Almaty"
    assert (found["Peaceful protest"]["admin1"], found["Peaceful protest"]["admin2"]) == ("New York",
                                                                                          "Kings County")
    assert found["Armed clash"]["admin1"] == ""  # a country-level event has none


def test_source_names_the_outlet_and_its_scale(store: Store) -> None:
    fill(store)
    found = rows(store)
    assert (found["Arrests"]["source"], found["Arrests"]["source_scale"]) == ("Steppe Daily", "National")
    assert (found["Peaceful protest"]["source"], found["Peaceful protest"]["source_scale"]) == (
        "Borough Bulletin", "International")  # a .com outlet: not known to be national
    assert found["Armed clash"]["source"] == "Caspian Ledger"


def test_notes_are_the_evidence_sentence(store: Store) -> None:
    fill(store)
    note = rows(store)["Excessive force against protesters"]["notes"]
    assert note == ("Security forces opened fire on demonstrators in Almaty on Wednesday, killing at least "
                    "eight people.")


def test_the_note_is_the_trigger_sentence_whole() -> None:
    text = ('Officials met on Monday. "Gunmen attacked the U.S. embassy convoy," Gen. Dosov said. '
            "Talks resumed.")
    start = text.index("attacked")
    note = evidence_sentence(text, [(start, start + 8), (text.index("Talks"), len(text))])
    assert note == '"Gunmen attacked the U.S. embassy convoy," Gen. Dosov said.'
    long = "Crowds " + "gathered and " * 60 + "left."
    assert evidence_sentence(long, [(0, 6)]).endswith(" …") and len(evidence_sentence(long, [(0, 6)])) <= 402


def test_event_ids_come_from_content_and_match_across_stores(store: Store, tmp_path: Path) -> None:
    fill(store)
    with Store.open(str(tmp_path / "other.sqlite")) as other:
        fill(other, order=(3, 2, 1, 0))  # the same articles, stored the other way round
        theirs = {k: r["event_id_cnty"] for k, r in rows(other, extra_types=True).items()}
    ours = {k: r["event_id_cnty"] for k, r in rows(store, extra_types=True).items()}
    assert ours == theirs
    assert len(set(ours.values())) == 8
    assert ours["Attack"].startswith("KAZ") and len(ours["Attack"]) == 15
    assert ours["Peaceful protest"].startswith("USA")
    reports = {k: r["event_id_cnty"] for k, r in rows(store, "reports", extra_types=True).items()}
    assert reports == ours  # one report each: the same content, the same id


def test_only_acleds_own_sub_types_unless_asked(store: Store) -> None:
    fill(store)
    assert "Diplomatic event" not in rows(store)
    assert "Diplomatic event" in rows(store, extra_types=True)
    assert len(rows(store, "reports")) == 7


def test_fatalities_only_for_acleds_violent_types(store: Store) -> None:
    fill(store)
    found = rows(store)
    assert found["Arrests"]["fatalities"] == "0"  # two deaths in custody: not an ACLED fatality count
    assert found["Attack"]["fatalities"] == "2"
    assert found["Excessive force against protesters"]["fatalities"] == "8"


def test_an_implied_actor_is_named_as_acled_names_it(store: Store) -> None:
    fill(store)
    protest = rows(store)["Peaceful protest"]
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == ("Protesters (United States)",
                                                                             "6", "60")


def test_formula_cells_are_neutralised(store: Store) -> None:
    fill(store)
    found = rows(store)
    assert found["Attack"]["source"] == "'" + HYPERLINK
    assert found["Attack"]["actor1"] == "'@Gunmen"
    assert found["Peaceful protest"]["notes"].startswith("'- Tenants marched")
    assert found["Peaceful protest"]["longitude"] == "-73.9496"  # a number, not a formula
    for cell in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert safe_cell(cell) == "'" + cell
    assert safe_cell("Almaty") == "Almaty" and safe_cell(-3) == -3
