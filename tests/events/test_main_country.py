"""events.geo: the article's main country (one rule for the actors and events stages) and the one town."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import cast

from spacy.tokens import Doc

from newsevents.events.geo import main_country, sole_town
from newsevents.events.incidents import confidence_of
from newsevents.events.records import Mention
from newsevents.model import Location, Place, Zone


def place(start: int, code: str | None, usage: str = "literal") -> Place:
    return Place("x", start, start + 1, "x", 0.0, 0.0, None, code, usage=usage)


def test_the_country_its_places_name_most_often() -> None:
    places = [place(0, "KE"), place(10, "SO"), place(20, "KE"), place(30, None)]
    assert main_country(places, ()) == "KE"


def test_a_headline_counts_double_and_page_furniture_not_at_all() -> None:
    zones = (Zone(0, 9, "headline"), Zone(40, 60, "furniture"))
    places = [place(2, "SO"), place(20, "KE"), place(45, "KE"), place(50, "KE")]
    assert main_country(places, zones) == "SO"  # 2 for the headline's Somalia, 1 for the body's Kenya


def test_a_demonym_names_its_country_and_a_tie_goes_to_the_first_named() -> None:
    assert main_country([place(0, "IL", usage="demonym"), place(10, "PS")], ()) == "IL"
    assert main_country([], ()) is None


def test_generic_actors_take_the_country_the_events_stage_takes(analyse: Callable[..., Doc]) -> None:
    # Invented: a Kenyan story that first names Pakistan twice; most of its places are Kenya's. (The actors
    # stage used to count country names and demonyms again, on top of their places, and said Pakistan.)
    doc = analyse(
        "Pakistani diplomats were briefed after Pakistan asked about its citizens. "
        "Police said two bombs exploded on a road in Lamu on Tuesday. "
        "Police in Mombasa and Nairobi sent more officers to Lamu after the blasts."
    )
    places = tuple(doc._.ne_places)
    assert main_country(places, ()) == "KE"
    police = [a for a in doc._.ne_actors if a.type == "State forces"]
    assert police and all(a.country_code == "KE" for a in police), police


# --- the one town of a country-level event (events.geo.sole_town) ---------------------------------------


def town(start: int, name: str, code: str = "IQ") -> Place:
    return Place(name, start, start + len(name), name, 0.0, 0.0, hash(name) % 1000, code, feature="P")


def test_the_one_town_named_in_the_country() -> None:
    assert sole_town([town(10, "Mosul")], "IQ") is not None
    assert sole_town([town(10, "Mosul"), town(40, "Basra")], "IQ") is None  # two towns: the country stays
    assert sole_town([town(10, "Mosul")], "SY") is None


def test_a_borrowed_town_keeps_a_country_level_records_confidence() -> None:
    mention = cast(Mention, SimpleNamespace(weight=0.8, zone="body", date=None))
    country = Location("Iraq", "IQ", None, 33.0, 44.0, 99237, 3)
    town = Location("Mosul", "IQ", None, 36.3, 43.1, 99072, 2)
    assert confidence_of([mention], town, "asserted", borrowed=True) == confidence_of(
        [mention], country, "asserted"
    )
    assert confidence_of([mention], town, "asserted") > confidence_of([mention], country, "asserted")
