"""Where an event record is placed: at the finest place the text ties to the happening (a town in the
trigger's clause, a same-time clause, a named district or province before its country), with
ACLED's geo_precision (1 the town, 2 near a town or a district, 3 a region or the country) and the
second-level division where the gazetteer knows it; never at a place the text names for something else
(a speaking capital, the object of "linking ... with", where people fled to).

Every text here is written for these tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from newsevents.events.incidents import detect_events
from newsevents.events.lexicon import load_lexicon
from newsevents.events.ontology import load_ontology
from newsevents.gazetteer.distance import haversine_km
from newsevents.model import Event, Location
from newsevents.pipeline.events import read_inputs

PUBLISHED = "2025-03-14"
Analyse = Callable[..., Doc]


def records(analyse: Analyse, text: str) -> tuple[Doc, tuple[Event, ...]]:
    doc = analyse(text, published=PUBLISHED)
    return doc, tuple(doc._.ne_events)


def told_by(doc: Doc, events: Sequence[Event], phrase: str) -> list[Event]:
    start = doc.text.index(phrase)
    end = start + len(phrase)
    return [e for e in events if any(ev.start < end and start < ev.end for ev in e.evidence)]


def where(events: Sequence[Event]) -> Location:
    assert events, "no record tells the phrase"
    locations = {e.location for e in events}
    assert len(locations) == 1, locations
    found = locations.pop()
    assert found is not None
    return found


def near(loc: Location, lat: float, lon: float, km: float = 25) -> bool:
    return haversine_km(loc.lat, loc.lon, lat, lon) <= km


KANDAHAR = (31.61, 65.71)


def test_a_town_in_the_events_sentence_places_it_at_the_town(analyse_all: Analyse) -> None:
    text = "Gunmen attacked a police station in Kandahar on Tuesday, killing four officers."
    doc, events = records(analyse_all, text)
    loc = where(told_by(doc, events, "attacked"))
    assert loc.country_code == "AF" and near(loc, *KANDAHAR)
    assert loc.geo_precision == 1


def test_a_town_named_only_as_near_gives_precision_two(analyse_all: Analyse) -> None:
    text = "Rebels ambushed an army convoy near Kandahar on Tuesday, killing six soldiers."
    doc, events = records(analyse_all, text)
    loc = where(told_by(doc, events, "ambushed"))
    assert near(loc, *KANDAHAR) and loc.geo_precision == 2


def test_a_bare_participle_shares_its_main_clauses_town(analyse_all: Analyse) -> None:
    text = "Militants stopped a passenger bus on Tuesday near Kandahar, taking twenty travellers hostage."
    doc, events = records(analyse_all, text)
    kind = "Abduction/forced disappearance"
    hostage = [e for e in told_by(doc, events, "hostage") if e.sub_event_type == kind]
    loc = where(hostage)
    assert near(loc, *KANDAHAR) and loc.geo_precision == 2


def test_a_same_time_clause_gives_its_town_to_the_main_clause(analyse_all: Analyse) -> None:
    text = "A supply convoy came under a rocket attack on Monday while crossing a bridge near Kandahar."
    doc, events = records(analyse_all, text)
    loc = where([e for e in told_by(doc, events, "attack") if e.location and e.location.country_code == "AF"])
    assert near(loc, *KANDAHAR) and loc.geo_precision == 2


def test_a_province_is_finer_than_its_country(analyse_all: Analyse) -> None:
    text = "In Pakistan, gunmen attacked a market on Monday in the restive Balochistan province."
    doc, events = records(analyse_all, text)
    loc = where(told_by(doc, events, "attacked"))
    assert loc.name == "Balochistan" and loc.country_code == "PK" and loc.geo_precision == 3


def test_an_event_known_only_by_its_country_is_precision_three_at_the_country(analyse_all: Analyse) -> None:
    text = "Soldiers clashed with insurgents in Afghanistan on Tuesday, officials said."
    doc, events = records(analyse_all, text)
    loc = where(told_by(doc, events, "clashed"))
    assert loc.name == "Afghanistan" and loc.country_code == "AF"
    assert loc.geo_precision == 3 and loc.admin2 is None


def test_a_speaking_capital_is_not_where_the_event_happened(analyse_all: Analyse) -> None:
    text = "Ankara said its soldiers killed twelve militants in clashes on Tuesday."
    doc, events = records(analyse_all, text)
    found = told_by(doc, events, "clashes")
    assert found
    for event in found:
        assert event.location is None or event.location.name != "Ankara"


def test_the_object_of_linking_with_is_not_a_place_of_the_event(analyse_all: Analyse) -> None:
    text = "The army linked Tuesday's attack on a train in Balochistan province with Afghanistan."
    doc, events = records(analyse_all, text)
    loc = where(told_by(doc, events, "attack"))
    assert loc.name == "Balochistan" and loc.country_code == "PK"


def test_where_people_fled_to_is_not_where_they_were_attacked(analyse_all: Analyse) -> None:
    text = "Hundreds of villagers fled to camps in Chad when gunmen attacked their homes in Sudan on Monday."
    doc, events = records(analyse_all, text)
    for event in told_by(doc, events, "attacked"):
        assert event.location is None or event.location.country_code != "TD"


def test_the_event_location_carries_the_towns_second_level_division(analyse_all: Analyse) -> None:
    doc, events = records(analyse_all, "Police arrested two men in Brooklyn on Tuesday after a robbery.")
    loc = where(told_by(doc, events, "arrested"))
    assert loc.name == "Brooklyn" and loc.geo_precision == 1
    assert loc.admin2 == "Kings County"
    assert loc.to_dict()["admin2"] == "Kings County"
    assert Location.from_dict(loc.to_dict()) == loc


HARARE = (-17.83, 31.05)


def with_sole_town(doc: Doc) -> tuple[Event, ...]:
    """The events stage's records with its ``one_town`` setting on (off in the packaged config)."""
    return detect_events(doc, load_lexicon(), load_ontology(), read_inputs(doc), one_town=True)


def test_an_event_placed_only_by_its_country_takes_the_one_town_named_there(analyse_all: Analyse) -> None:
    text = (
        "Lawyers gathered outside a court in Harare on Monday. "
        "Police in Zimbabwe arrested three journalists on Tuesday, their union said."
    )
    doc, events = records(analyse_all, text)
    assert where(told_by(doc, events, "arrested")).geo_precision == 3  # the packaged setting: off
    loc = where(told_by(doc, with_sole_town(doc), "arrested"))
    assert loc.country_code == "ZW" and near(loc, *HARARE)
    assert loc.geo_precision == 2


def test_with_two_towns_named_in_the_country_the_event_stays_at_the_country(analyse_all: Analyse) -> None:
    text = (
        "Lawyers gathered outside courts in Harare and Bulawayo on Monday. "
        "Police in Zimbabwe arrested three journalists on Tuesday, their union said."
    )
    doc, _ = records(analyse_all, text)
    loc = where(told_by(doc, with_sole_town(doc), "arrested"))
    assert loc.name == "Zimbabwe" and loc.geo_precision == 3
