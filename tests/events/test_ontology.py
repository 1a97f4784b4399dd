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
