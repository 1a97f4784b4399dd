from __future__ import annotations

import pytest

from newsevents.errors import ConfigError
from newsevents.events.ontology import load_ontology, normalise_label

ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def test_codebook_has_acled_and_extra_sub_types() -> None:
    ontology = load_ontology()
    assert len(ontology.sub_event_types) == 30
    assert set(ontology.event_types) == ACLED_TYPES
    assert {s.event_type for s in ontology.sub_event_types} == ACLED_TYPES
    assert len({s.case_code for s in ontology.sub_event_types}) == 30
    for extra in (
        "Diplomatic event",
        "Attribution of responsibility",
        "Organized crime",
        "Natural disaster",
        "Man-made disaster",
    ):
        assert ontology.get(extra).definition


def test_lookup_by_name_code_and_loose_spelling() -> None:
    ontology = load_ontology()
    assert ontology.get("AIR_STRIKE").name == "Air/drone strike"
    assert ontology.get("air drone strike").case_code == "AIR_STRIKE"
    assert ontology.get("Arrests").plover.type == "COERCE"
    assert ontology.get("Peaceful protest").plover.type == "PROTEST"
    assert normalise_label("Looting/property destruction") == "looting property destruction"


def test_unknown_sub_type_is_a_coded_error() -> None:
    with pytest.raises(ConfigError):
        load_ontology().get("Alien invasion")


# --- the codebook's other facts, read from ontology.json alone --------------------------------------------


def test_violent_types_are_the_codebooks() -> None:
    assert load_ontology().violent_types == frozenset(
        {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
    )


def test_actor_types_in_acleds_inter_code_order() -> None:
    ontology = load_ontology()
    assert ontology.actor_types == (
        "State forces", "Rebel groups", "Political militias", "Identity militias",
        "Rioters", "Protesters", "Civilians", "External/Other forces",
    )
    assert [ontology.actor_code(t) for t in ontology.actor_types] == list(range(1, 9))
    # An older store's singular spelling, and any case, name the same type; an unknown or missing type is 0.
    assert ontology.actor_code("State force") == ontology.actor_code("state FORCES") == 1
    assert ontology.actor_code("Protester") == 6
    assert ontology.actor_code("Journalists") == ontology.actor_code(None) == 0
    assert ontology.organised_actor_types == frozenset(
        {"State forces", "Rebel groups", "Political militias", "Identity militias", "External/Other forces"}
    )


def test_interaction_puts_the_lower_inter_code_first() -> None:
    ontology = load_ontology()
    # State forces (1) and Protesters (6) are 16 whichever of them is actor1, in either spelling.
    assert ontology.interaction("State forces", "Protesters") == 16
    assert ontology.interaction("Protesters", "State forces") == 16
    assert ontology.interaction("Protester", "State force") == 16
    assert ontology.interaction("Civilians", "Rebel groups") == 27
    assert ontology.interaction("Rioters", None) == 50  # a sole actor's code times ten
    assert ontology.interaction(None, None) == 0


def test_the_five_extra_sub_types_are_not_acleds() -> None:
    assert load_ontology().extra_sub_types == frozenset(
        {"Diplomatic event", "Attribution of responsibility", "Organized crime", "Natural disaster",
         "Man-made disaster"}
    )
