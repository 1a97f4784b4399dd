from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsevents.errors import ConfigError
from newsevents.events.lexicon import find_triggers, load_lexicon, parse_lexicon
from newsevents.events.ontology import load_ontology


def test_every_rule_names_a_codebook_sub_type() -> None:
    ontology = load_ontology()
    for rule in load_lexicon().rules:
        for reading in (rule.base, *rule.variants):
            assert ontology.lookup(reading.sub) is not None, reading.sub


def test_unknown_set_is_a_coded_error() -> None:
    with pytest.raises(ConfigError):
        parse_lexicon({"rules": [{"sub": "Arrests", "weight": 0.5, "phrases": ["$NOPE"]}]})


def _subs(doc: Doc) -> list[str]:
    return [t.reading.sub for s in doc.sents for t in find_triggers(s, load_lexicon())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes bombed a fuel depot outside the port on Sunday.", "Air/drone strike"),
        ("a suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("Riot police fired tear gas to disperse the protest in the square.", "Protest with intervention"),
        ("Officers arrested twelve men at the border crossing.", "Arrests"),
        ("The two leaders spoke in a phone call on Tuesday.", "Diplomatic event"),
    ],
)
def test_triggers_find_the_specific_reading(analyse: Callable[..., Doc], text: str, expected: str) -> None:
    assert expected in _subs(analyse(text))


def test_month_name_is_not_a_march(analyse: Callable[..., Doc]) -> None:
    assert "Peaceful protest" not in _subs(analyse("the meeting is set for march 15 in the capital."))


def test_patient_condition_reads_the_object(analyse: Callable[..., Doc]) -> None:
    rule = {"sub": "Arrests", "weight": 0.5, "phrases": ["hold", "held"], "patient": ["suspect"]}
    lexicon = parse_lexicon({"rules": [rule]})
    doc = analyse("Officers held two suspects overnight.")
    assert [t.reading.sub for s in doc.sents for t in find_triggers(s, lexicon)] == ["Arrests"]
    doc = analyse("Officers held a meeting overnight.")
    assert not [t for s in doc.sents for t in find_triggers(s, lexicon)]
