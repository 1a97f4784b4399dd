"""Speakers resolved over the whole article: names, titles, pronouns and continued quotes (texts written
for these tests)."""

from __future__ import annotations

from .test_claims import Analyse, claims_of, one_with, spoken


def test_surname_takes_the_full_name(analyse: Analyse) -> None:
    text = (
        "Harbour master Petra Lindqvist closed the northern pier on Wednesday.\n\n"
        "Lindqvist said the ferries would dock at the southern quay until the storm passed."
    )
    claim = one_with(claims_of(analyse, text), "ferries would dock")
    assert claim.speaker == "Petra Lindqvist"
    assert spoken(text, claim) == "Lindqvist"


def test_title_alone_resolves_to_the_person_named_with_it(analyse: Analyse) -> None:
    text = (
        "Transport ministry spokesperson Olek Varga said on Monday that the rail line would reopen soon. "
        "Farmers in the valley blocked the road for a second day.\n\n"
        "The spokesperson said the repairs would cost more than expected."
    )
    claim = one_with(claims_of(analyse, text), "repairs would cost")
    assert claim.speaker == "Olek Varga"
    assert spoken(text, claim) == "The spokesperson"


def test_indefinite_title_is_someone_new(analyse: Analyse) -> None:
    text = (
        "Transport ministry spokesperson Olek Varga said on Monday that the rail line would reopen soon.\n\n"
        "A spokesperson for the railway union said the workers would strike on Friday."
    )
    claim = one_with(claims_of(analyse, text), "workers would strike")
    assert claim.speaker != "Olek Varga"


def test_she_goes_to_the_woman_named_before(analyse: Analyse) -> None:
    text = (
        "Mayor Ines Kovac said she would ask the council for more buses. "
        "Her deputy, Mr. Tomas Hrbek, did not comment.\n\n"
        "The buses will run every ten minutes, she said."
    )
    claim = one_with(claims_of(analyse, text), "buses will run")
    assert claim.speaker == "Ines Kovac"
    assert spoken(text, claim) == "she"


def test_he_goes_to_the_preceding_person(analyse: Analyse) -> None:
    text = (
        "Coach Anders Molin named his squad on Thursday. "
        "He said the young players had earned their places."
    )
    claim = one_with(claims_of(analyse, text), "young players had earned")
    assert claim.speaker == "Anders Molin"
    assert spoken(text, claim) == "He"


def test_unattributed_quote_paragraph_continues_the_last_speaker(analyse: Analyse) -> None:
    text = (
        "“The water has reached the first floor of every house on this street,” said Karin Holt, who runs "
        "the village shelter.\n\n"
        "“We have blankets and food for two more nights, but after that we need help from the capital.”\n\n"
        "The river is expected to fall by the weekend."
    )
    claims = claims_of(analyse, text)
    assert one_with(claims, "reached the first floor").speaker == "Karin Holt"
    assert one_with(claims, "blankets and food").speaker == "Karin Holt"


def test_acronym_takes_the_organisation_s_full_name(analyse: Analyse) -> None:
    text = (
        "The Northern Farmers Union (NFU) organised the march through the city.\n\n"
        "The NFU said the new tax would ruin small dairies."
    )
    claim = one_with(claims_of(analyse, text), "new tax would ruin")
    assert claim.speaker == "Northern Farmers Union"


def test_unresolvable_speaker_stays_null(analyse: Analyse) -> None:
    text = "They said the bridge would stay closed for repairs until the end of the month."
    claim = one_with(claims_of(analyse, text), "bridge would stay closed")
    assert claim.speaker is None
    assert spoken(text, claim) == "They"


def test_lone_pronoun_with_no_person_before_stays_null(analyse: Analyse) -> None:
    text = "He said the harvest had been the worst in twenty years."
    claim = one_with(claims_of(analyse, text), "harvest had been")
    assert claim.speaker is None


def test_title_then_comma_then_name_names_the_person(analyse: Analyse) -> None:
    text = "Northern Fleet Chief of Staff, Admiral Karl Ostberg said the frigate had been towed back to port."
    claim = one_with(claims_of(analyse, text), "frigate had been towed")
    assert claim.speaker == "Karl Ostberg"


def test_the_group_is_the_organisation_named_before(analyse: Analyse) -> None:
    text = (
        "The Coastal Defence Front claimed the raid on the depot on Sunday.\n\n"
        "The group said its fighters would strike again if the arrests continued."
    )
    claim = one_with(claims_of(analyse, text), "fighters would strike")
    assert claim.speaker == "Coastal Defence Front"
    assert spoken(text, claim) == "The group"
