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


def test_pronoun_after_a_speaker_goes_to_that_speaker_not_an_older_subject(analyse: Analyse) -> None:
    """Whatever the tagger takes "Ilves" for, "Ilves says he ..." shows a person: the next "he said" is his.
    """
    text = (
        "Opposition leader Tomas Reyes said the vote had been rigged. "
        "The commission rejected the complaint on Friday.\n\n"
        "Ilves, a farmer from the north, says he lost the whole harvest to the floods. "
        '"We have nothing left to sell this winter," he said.'
    )
    claim = one_with(claims_of(analyse, text), "nothing left to sell")
    assert claim.speaker != "Tomas Reyes"
    assert claim.speaker is not None and claim.speaker.endswith("Ilves")


def test_opening_title_is_the_person_named_right_after(analyse: Analyse) -> None:
    text = (
        "The harbour workers walked out on Tuesday. "
        "The head of the Coastal Medics Alliance told reporters that two of its clinics had closed. "
        '"We cannot reach the islands by boat any more," said director Ingrid Salo.'
    )
    claim = one_with(claims_of(analyse, text), "two of its clinics had closed")
    assert claim.speaker == "Ingrid Salo"


def test_bare_title_after_a_quote_is_the_last_speaker(analyse: Analyse) -> None:
    text = (
        "Foreign Minister Anton Kell spoke after the summit on Sunday. "
        '"The talks went better than anyone expected," Kell told journalists. '
        '"We will meet again within the month," the veteran diplomat added.'
    )
    claim = one_with(claims_of(analyse, text), "meet again within the month")
    assert claim.speaker == "Anton Kell"


def test_a_title_with_an_organisation_of_its_own_is_not_the_last_speaker(analyse: Analyse) -> None:
    text = (
        '"The river has never risen so fast," Governor Lena Brandt told reporters on Monday. '
        "The head of the Red Valley Water Board said that the dams would hold."
    )
    claim = one_with(claims_of(analyse, text), "dams would hold")
    assert claim.speaker != "Lena Brandt"


def test_a_report_speaks_for_whoever_issued_it(analyse: Analyse) -> None:
    text = (
        "A study from the National Statistics Office said that prices rose by 9 percent in March. "
        "The study said that rents rose fastest in the capital."
    )
    claims = claims_of(analyse, text)
    assert one_with(claims, "prices rose").speaker == "National Statistics Office"
    assert one_with(claims, "rents rose fastest").speaker == "National Statistics Office"


def test_vague_sources_leave_the_speaker_null_with_a_reason(analyse: Analyse) -> None:
    text = "Some say that the bridge collapsed because of poor welding. The inquiry opens next week."
    claim = one_with(claims_of(analyse, text), "bridge collapsed")
    assert claim.speaker is None
    assert claim.speaker_reason == "vague_source"
    assert spoken(text, claim) == "Some"


def test_every_null_speaker_has_a_reason_and_no_named_one_does(analyse: Analyse) -> None:
    from newsevents.model import SPEAKER_REASONS

    text = (
        "They said the road would stay closed. Villagers celebrated what they called a victory. "
        '"The water is still rising in the lower town and nobody knows when it will stop."\n\n'
        "Mayor Olga Petrenko said the school would reopen on Monday."
    )
    claims = claims_of(analyse, text)
    assert claims
    for claim in claims:
        if claim.speaker is None:
            assert claim.speaker_reason in SPEAKER_REASONS
        else:
            assert claim.speaker_reason is None
    assert one_with(claims, "a victory").speaker == "Villagers"
    assert one_with(claims, "road would stay closed").speaker_reason == "unresolved_pronoun"


def test_a_capital_speaks_for_its_country(analyse: Analyse) -> None:
    text = "Nairobi rejected the report on Tuesday, saying that the border had stayed open all week."
    claim = one_with(claims_of(analyse, text), "border had stayed open")
    assert claim.speaker == "Kenya"


def test_members_of_a_named_group_speak_for_it(analyse: Analyse) -> None:
    text = (
        "Fighters belonging to the banned Northern Liberation Front claimed that they had taken the bridge."
    )
    claim = one_with(claims_of(analyse, text), "taken the bridge")
    assert claim.speaker == "Northern Liberation Front"


def test_a_bare_title_repeats_the_unnamed_description_used_last(analyse: Analyse) -> None:
    text = (
        "Prime Minister Sara Holt opened the new port on Monday. "
        "On Wednesday the country's information minister published a letter from the editor. "
        "The minister said the editor had written it himself."
    )
    claim = one_with(claims_of(analyse, text), "editor had written")
    assert claim.speaker != "Sara Holt"
    assert claim.speaker is not None and claim.speaker.endswith("minister")
