"""Offences named by a charge or trial are not events; what someone urges is wanted, not done."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc


def _events(doc: Doc) -> list[tuple[str, str]]:
    return [(e.sub_event_type, e.modality) for e in doc._.ne_events]


@pytest.mark.parametrize(
    "text",
    [
        "The former mayor was charged with robbing shops and kidnapping a trader.",
        "The commander faces murder charges in the capital.",
    ],
)
def test_offence_in_a_charge_is_not_an_event(analyse: Callable[..., Doc], text: str) -> None:
    subs = {sub for sub, _ in _events(analyse(text))}
    assert not subs & {"Attack", "Abduction/forced disappearance", "Looting/property destruction"}


def test_the_crime_itself_is_still_an_event(analyse: Callable[..., Doc]) -> None:
    assert ("Attack", "asserted") in _events(analyse("Gunmen killed two farmers in the village on Monday."))


def test_arrest_for_a_murder_keeps_both(analyse: Callable[..., Doc]) -> None:
    subs = {sub for sub, _ in _events(analyse("Police arrested three men for the murder of a shopkeeper."))}
    assert {"Arrests", "Attack"} <= subs


def test_urged_truce_is_planned(analyse_all: Callable[..., Doc]) -> None:
    assert _events(analyse_all("Ministers urged the rebels to accept a truce on Friday.")) == [
        ("Agreement", "planned")
    ]


def test_a_wish_is_less_sure_than_a_deal(analyse_all: Callable[..., Doc]) -> None:
    (wish,) = analyse_all("Ministers urged the rebels to accept a truce on Friday.")._.ne_events
    (deal,) = analyse_all("Ministers and the rebels agreed a truce on Friday.")._.ne_events
    assert (wish.modality, deal.modality) == ("planned", "asserted")
    assert wish.confidence < deal.confidence
