"""The actors stage: actor mentions normalised to ACLED-style names, types and countries."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newsevents.errors import ConfigError
from newsevents.pipeline.actors import ActorLexicon, ActorMention

ACLED_TYPES = {
    "State forces",
    "Rebel groups",
    "Political militias",
    "Identity militias",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
}


def actors_of(analyse: Callable[..., Doc], text: str) -> list[tuple[str, str, str, str | None]]:
    doc = analyse(text)
    return [(m.text, m.name, m.type, m.country_code) for m in doc._.ne_actors]


def names_of(analyse: Callable[..., Doc], text: str) -> set[str]:
    return {m.name for m in analyse(text)._.ne_actors}


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


def test_lexicon_covers_the_world(lexicon: ActorLexicon) -> None:
    assert len(lexicon.countries) >= 200
    assert len(set(lexicon.demonyms.values())) >= 190
    assert lexicon.country_of_words("Kazakh") == "KZ"
    assert lexicon.country_of_words("Kazakhstan's") == "KZ"
    assert lexicon.country_of_words("indian") == "IN"
    assert lexicon.country_of_words("Burkinabe") == "BF"
    assert lexicon.country_of_words("United States") == "US"
    assert lexicon.country_of_words("table") is None
    assert {e.type for e in lexicon.generic} | {o.type for o in lexicon.organisations} <= ACLED_TYPES


def test_a_broken_lexicon_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "actors.json"
    path.write_text(json.dumps({"generic": []}), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        ActorLexicon.load(path)
    assert info.value.code == "E400"


def test_country_from_the_mention(analyse: Callable[..., Doc]) -> None:
    text = "Chile's Interior Ministry said Peruvian police had handed the suspects over at the border."
    assert actors_of(analyse, text) == [
        ("Chile's Interior Ministry", "Police Forces of Chile", "State forces", "CL"),
        ("Peruvian police", "Police Forces of Peru", "State forces", "PE"),
    ]


def test_country_from_the_article_focus(analyse: Callable[..., Doc]) -> None:
    text = (
        "Unrest spread across Bolivia on Sunday. In the capital, protesters blocked roads and soldiers "
        "cleared them. The government said Bolivia would hold talks."
    )
    assert actors_of(analyse, text) == [
        ("protesters", "Protesters (Bolivia)", "Protesters", "BO"),
        ("soldiers", "Military Forces of Bolivia", "State forces", "BO"),
        ("government", "Government of Bolivia", "State forces", "BO"),
    ]


def test_foreign_troops_are_external_forces(analyse: Callable[..., Doc]) -> None:
    text = (
        "Armenia asked for help as Armenian police fought rioters, and French-led troops arrived in Armenia."
    )
    found = {m.text: m for m in analyse(text)._.ne_actors}
    assert found["French-led troops"].name == "Military Forces of France"
    assert found["French-led troops"].type == "External/Other forces"
    assert found["Armenian police"].type == "State forces"
    assert found["rioters"].name == "Rioters (Armenia)"


def test_organisations_and_their_troops(analyse: Callable[..., Doc]) -> None:
    text = (
        "Fighting flared in Mali last week. The African Union has sent 900 troops to Mali, and AU "
        "peacekeepers patrolled the north."
    )
    found = [(m.text, m.name, m.type) for m in analyse(text)._.ne_actors]
    assert ("African Union", "AU: African Union", "External/Other forces") in found
    assert ("troops", "AU: African Union", "External/Other forces") in found
    assert ("AU peacekeepers", "AU: African Union", "External/Other forces") in found


def test_people_are_actors_only_as_victims(analyse: Callable[..., Doc]) -> None:
    text = "In Nepal, gunmen killed six people in a village. People said they feared more raids."
    assert actors_of(analyse, text) == [
        ("gunmen", "Unidentified Armed Group (Nepal)", "Political militias", "NP"),
        ("people", "Civilians (Nepal)", "Civilians", "NP"),
    ]


def test_lower_case_text(analyse: Callable[..., Doc]) -> None:
    text = "in india, police arrested 12 rioters after a mob set fire to shops; villagers were evacuated ."
    assert names_of(analyse, text) == {"Police Forces of India", "Rioters (India)", "Civilians (India)"}


def test_words_that_are_not_actors_here(analyse: Callable[..., Doc]) -> None:
    text = "Ghana opened a police station next to the military academy and government offices."
    assert actors_of(analyse, text) == []


def test_heads_of_government_only_when_acting(analyse: Callable[..., Doc]) -> None:
    said = analyse("In Kenya, President Mwangi said the curfew would end.")._.ne_actors
    acted = analyse("In Kenya, President Mwangi ordered a curfew in the capital.")._.ne_actors
    assert said == ()
    assert [(m.name, m.type) for m in acted] == [("Government of Kenya", "State forces")]


def test_no_country_known(analyse: Callable[..., Doc]) -> None:
    assert actors_of(analyse, "Police dispersed the protesters with water cannon.") == [
        ("Police", "Police Forces", "State forces", None),
        ("protesters", "Protesters", "Protesters", None),
    ]


def test_offsets_index_the_text(analyse: Callable[..., Doc]) -> None:
    text = "Clashes in Uganda:  Ugandan   security forces   detained dozens of students."
    doc = analyse(text)
    for mention in doc._.ne_actors:
        assert isinstance(mention, ActorMention)
        assert text[mention.start : mention.end] == mention.text
        assert mention.type in ACLED_TYPES
    assert [m.name for m in doc._.ne_actors] == ["Police Forces of Uganda", "Civilians (Uganda)"]
