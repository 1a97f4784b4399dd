"""Stage newsevents_places: which names are places, which place each one is, and where it is in the text."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from tests.fixtures.docs import prefilled

from newsevents.gazetteer.distance import haversine_km
from newsevents.model import Place

Analyse = Callable[..., Doc]


def places(analyse: Analyse, text: str) -> tuple[Place, ...]:
    found: tuple[Place, ...] = analyse(text)._.ne_places
    for p in found:
        assert text[p.start:p.end] == p.text, "offsets index the original text"
    return found


def placed(stages: Language, marked: str) -> tuple[Place, ...]:
    """The places of a text whose entities are given (``[Aktau|GPE]``): resolution without the model."""
    doc = prefilled(stages, marked)
    found: tuple[Place, ...] = doc._.ne_places
    for p in found:
        assert doc.text[p.start:p.end] == p.text, "offsets index the original text"
    return found


def by_text(found: tuple[Place, ...]) -> dict[str, Place]:
    return {p.text: p for p in found}


def near(place: Place, lat: float, lon: float, km: float = 50) -> bool:
    return haversine_km(place.lat, place.lon, lat, lon) <= km


def test_kazakh_towns_and_country_resolve(stages: Language) -> None:
    text = (
        "Crowds of protesters gathered outside a regional administration office in [Aktau|GPE] on Tuesday.\n"
        "In [Almaty|GPE], police detained a demonstrator near the main square, the interior ministry of "
        "[Kazakhstan|GPE] reported."
    )
    found = by_text(placed(stages, text))
    assert near(found["Aktau"], 43.65, 51.2) and found["Aktau"].country_code == "KZ"
    assert near(found["Almaty"], 43.25, 76.92) and found["Almaty"].feature == "P"
    assert found["Almaty"].precision == 1
    kz = found["Kazakhstan"]
    assert kz.country_code == "KZ" and kz.feature == "A" and kz.precision == 3


def test_offsets_survive_odd_spacing_and_repeats(stages: Language) -> None:
    marked = (
        "Flooding hit  [Almaty|GPE]   again.\n\n[Almaty|GPE] residents, and people in [Aktau|GPE], were told "
        "to leave."
    )
    text = marked.replace("|GPE]", "").replace("[", "")
    found = placed(stages, marked)
    assert [text[p.start:p.end] for p in found if p.name == "Almaty"] == ["Almaty", "Almaty"]
    assert len({(p.start, p.end) for p in found}) == len(found)


def test_paris_follows_its_context(stages: Language) -> None:
    text = "Farmers blocked roads around [Paris|GPE] and [Lyon|GPE] as the strike spread over [France|GPE]."
    french = placed(stages, text)
    assert by_text(french)["Paris"].country_code == "FR"
    texan = placed(stages, "A tornado damaged homes in [Paris|GPE], [Texas|GPE], and storms moved on toward "
                           "[Dallas|GPE].")
    paris = by_text(texan)["Paris"]
    assert paris.country_code == "US" and paris.admin1 == "Texas"
    assert near(paris, 33.66, -95.55)


def test_a_state_abbreviation_picks_the_town(analyse: Analyse) -> None:
    found = by_text(places(analyse, "The Gainesville, Ga., man was charged with arson on Friday."))
    assert found["Gainesville"].admin1 == "Georgia"


def test_demonyms_and_adjectives_map_to_countries_but_are_not_locations(analyse: Analyse) -> None:
    found = places(analyse, "Kazakh officials welcomed the Russian-led force, and Americans watched closely.")
    assert {p.country_code for p in found} == {"KZ", "RU", "US"}
    assert {p.usage for p in found} == {"demonym"}


def test_person_names_are_not_places(analyse: Analyse) -> None:
    found = places(analyse, "Vladimir Putin spoke by phone with Kassym-Jomart Tokayev late on Thursday.")
    assert not found


def test_common_capitalised_words_are_not_places(analyse: Analyse) -> None:
    text = "Police said on Monday that Jan and Mobile units had been sent. Victory came later."
    found = places(analyse, text)
    assert not [p for p in found if p.text in ("Police", "Monday", "Jan", "Victory")]


def test_a_capital_that_speaks_is_not_a_location(analyse: Analyse) -> None:
    found = by_text(places(analyse, "Moscow said the troops would leave, and Washington warned of a cost."))
    assert found["Moscow"].usage == "metonym" and found["Washington"].usage == "metonym"
    found = by_text(places(analyse, "Thousands marched through Moscow on Saturday."))
    assert found["Moscow"].country_code == "RU" and found["Moscow"].usage == "literal"


def test_an_unknown_name_is_left_out_and_harms_nothing(stages: Language) -> None:
    text = (
        "Residents fled [Zorbivask|GPE] and reached [Almaty|GPE] by road, officials in [Kazakhstan|GPE] said."
    )
    found = by_text(placed(stages, text))
    assert "Zorbivask" not in found
    assert found["Almaty"].country_code == "KZ"


def test_a_place_inside_an_organisation_name_is_found(analyse: Analyse) -> None:
    found = by_text(places(analyse, "Air Zimbabwe cancelled its flights after the strike."))
    assert found["Zimbabwe"].country_code == "ZW"


def test_a_place_the_parser_missed_is_found_from_the_gazetteer(analyse: Analyse) -> None:
    text = "talks were held in Bishkek, then moved to Tashkent."
    found = by_text(places(analyse, text))
    assert found["Bishkek"].country_code == "KG" and found["Tashkent"].country_code == "UZ"


def test_short_forms_and_region_adjectives_are_found(analyse: Analyse) -> None:
    text = "EU ministers met as European airlines feared US tariffs and a U.S.-led plan."
    found = by_text(places(analyse, text))
    assert found["EU"].name == "European Union" and found["EU"].usage != "literal"
    assert found["European"].name == "Europe" and found["European"].usage == "demonym"
    assert found["US"].country_code == "US" and found["U.S."].country_code == "US"


def test_seas_and_world_regions_resolve(stages: Language) -> None:
    text = "Aid ships crossed the [Mediterranean|LOC] on their way to the [Middle East|LOC]."
    found = by_text(placed(stages, text))
    assert found["Mediterranean"].name == "Mediterranean Sea"
    assert found["Middle East"].country_code is None and near(found["Middle East"], 29.0, 41.0, km=800)


def test_a_name_found_once_is_found_everywhere_in_the_article(analyse: Analyse) -> None:
    text = "Greer, South Carolina, keeps growing. Greer officials expect more; Greer has two new schools."
    found = [p for p in places(analyse, text) if p.text == "Greer"]
    assert len(found) == 3 and {p.admin1 for p in found} == {"South Carolina"}


def test_neighbouring_towns_pick_each_other(stages: Language) -> None:
    text = "Farmers from [Watkinsville|GPE] drove into [Athens|GPE] to sell pumpkins."
    found = by_text(placed(stages, text))
    assert found["Athens"].country_code == "US" and found["Athens"].admin1 == "Georgia"


def test_a_group_acronym_is_not_the_small_town_that_shares_its_letters(analyse: Analyse) -> None:
    found = by_text(places(analyse, "Fighters of the banned BLA attacked a passenger train near Quetta on "
                                    "Tuesday, and officials in the US condemned the attack."))
    assert "BLA" not in found  # GeoNames has a town and a district "Bla" in Mali
    assert found["Quetta"].country_code == "PK"
    assert found["US"].country_code == "US"


def test_a_town_in_a_capitals_dateline_is_still_a_town(analyse: Analyse) -> None:
    found = by_text(places(analyse, "Soldiers patrol the north\n\nMUBI, Nigeria -- Soldiers patrolled the "
                                    "market on Tuesday after an attack on the road to the town."))
    assert found["MUBI"].country_code == "NG"


def test_a_district_named_like_a_person_keeps_its_town(analyse: Analyse) -> None:
    text = (
        "Fighters besieged a guest house in the town of Beledweyne for a day. "
        "Beledweyne District Commissioner Abdi Warsame told reporters the siege was over."
    )
    found = [p for p in places(analyse, text) if p.text == "Beledweyne"]
    assert found and found[0].start == text.index("Beledweyne") and found[0].country_code == "SO"


def test_a_name_before_a_division_word_is_that_division(analyse: Analyse) -> None:
    text = (
        "A roadside bomb hit a convoy in Balochistan's Kalat district on Monday. "
        "Traders in Kalat closed their shops, and elders in Ghazni province in Afghanistan condemned "
        "the blast."
    )
    found = places(analyse, text)
    district = next(p for p in found if p.text == "Kalat" and p.start < text.index("district"))
    town = next(p for p in found if p.text == "Kalat" and p.start > text.index("district"))
    assert district.feature == "A" and district.precision == 2 and district.country_code == "PK"
    assert town.feature == "P" and town.precision == 1
    ghazni = by_text(found)["Ghazni"]
    assert ghazni.feature == "A" and ghazni.precision == 3 and ghazni.country_code == "AF"


def test_places_carry_their_second_level_division(analyse: Analyse) -> None:
    text = "Firefighters put out a warehouse blaze in Brooklyn, New York, on Sunday."
    found = by_text(places(analyse, text))
    brooklyn = found["Brooklyn"]
    assert brooklyn.admin1 == "New York" and brooklyn.admin2 == "Kings County"
    assert brooklyn.to_dict()["admin2"] == "Kings County"
    assert Place.from_dict(brooklyn.to_dict()).admin2 == "Kings County"
    assert found["New York"].admin2 is None  # a first-level division lies in no second-level one
