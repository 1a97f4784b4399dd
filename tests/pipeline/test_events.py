"""The events stage over the real pipeline, on short reports written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newsevents.model import Event

Analyse = Callable[..., Doc]

REPORT = (
    "Riot police in Karaganda detained 45 people on Saturday after thousands rallied against higher rents. "
    "The interior ministry said 3 people were killed when soldiers opened fire on a crowd in Shymkent.\n"
    "Later, the president held a phone call with his Turkish counterpart about the crisis."
)


def _events(doc: Doc) -> tuple[Event, ...]:
    events: tuple[Event, ...] = doc._.ne_events
    return events


def _by_sub(events: tuple[Event, ...], sub: str) -> list[Event]:
    return [e for e in events if e.sub_event_type == sub]


def test_several_events_with_counts_types_and_evidence(analyse_all: Analyse) -> None:
    doc = analyse_all(REPORT)
    events = _events(doc)
    subs = {e.sub_event_type for e in events}
    assert "Arrests" in subs
    assert "Diplomatic event" in subs
    arrests = _by_sub(events, "Arrests")[0]
    assert arrests.counts.arrested == 45
    assert arrests.plover.type == "COERCE"
    assert arrests.event_type == "Strategic developments"
    killed = [e for e in events if e.counts.killed == 3]
    assert killed, [e.to_dict() for e in events]
    call = _by_sub(events, "Diplomatic event")[0]
    assert call.plover.mode == "phone"
    for event in events:
        assert 0.0 <= event.confidence <= 1.0
        assert event.evidence
        for ev in event.evidence:
            assert 0 <= ev.start < ev.end <= len(REPORT)


def test_lower_case_text_still_yields_arrests(analyse: Analyse) -> None:
    text = "ahmedabad: the police arrested 12 persons on sunday for rioting in the old city area."
    events = _events(analyse(text, published="2002-03-04"))
    arrests = _by_sub(events, "Arrests")
    assert arrests and arrests[0].counts.arrested == 12


def test_repeated_mentions_merge_into_one_event(analyse: Analyse) -> None:
    text = (
        "An earthquake struck the northern province of the island on Tuesday. "
        "The earthquake destroyed dozens of homes, officials said."
    )
    quakes = _by_sub(_events(analyse(text)), "Natural disaster")
    assert len(quakes) == 1
    assert len(quakes[0].evidence) >= 2


def test_history_is_not_a_new_event(analyse: Analyse) -> None:
    text = "The country is calm, a week after the worst unrest it has seen since independence 25 years ago."
    assert not [e for e in _events(analyse(text)) if e.event_type in ("Protests", "Riots")]


def test_negated_and_planned_modality(analyse_all: Analyse) -> None:
    negated = _events(analyse_all("The minister said soldiers have never fired on peaceful protesters."))
    assert negated and all(e.modality == "negated" for e in negated if "protest" in e.sub_event_type.lower())
    planned = _events(analyse_all("The alliance will withdraw its troops from the region next month."))
    assert planned and planned[0].modality == "planned"


def test_caption_events_are_kept_with_lower_confidence(analyse_all: Analyse) -> None:
    body = "Police fired tear gas to break up a protest by farmers in the capital on Friday."
    caption = "Police fire tear gas to break up a protest by farmers in the capital. Reuters"
    doc = analyse_all(f"Farmers rally over prices\n\n{caption}\n\nThe story continues with no more events.")
    kept = [e for e in _events(doc) if e.sub_event_type == "Protest with intervention"]
    assert kept
    plain = [e for e in _events(analyse_all(body)) if e.sub_event_type == "Protest with intervention"]
    assert max(e.confidence for e in kept) < max(e.confidence for e in plain)


def test_no_trigger_no_event(analyse: Analyse) -> None:
    assert _events(analyse("The weather was mild and the shops opened as usual.")) == ()


def _arrests(doc: Doc) -> list[Event]:
    return [
        e
        for e in _events(doc)
        if e.modality in ("asserted", "claimed")
        and (e.sub_event_type == "Arrests" or (e.counts.arrested or 0) > 0)
    ]


def test_wanted_arrests_are_not_arrests(analyse: Analyse) -> None:
    demanded = "The opposition leader demanded a ban on the group and the arrest of its chiefs on Monday."
    assert not _arrests(analyse(demanded))
    ordered = "The court gave the police ten days to arrest the bank's former director."
    assert not _arrests(analyse(ordered))
    assert not _arrests(analyse("Nobody was arrested during the march, the district officer said."))


def test_other_senses_of_arrest_words_are_not_arrests(analyse: Analyse) -> None:
    assert not _arrests(analyse("Travellers booked rooms in lodges near the temple for the festival."))
    assert not _arrests(analyse("The residents said they were apprehending trouble after the speech."))
    assert not _arrests(analyse("The police held themselves back while the elders talked to the crowd."))
    assert _arrests(analyse("Police held twelve suspects after the raid on Sunday."))


def test_killed_in_police_firing_is_a_state_killing(analyse: Analyse) -> None:
    events = _events(analyse("A teenager was killed in police firing near the bus depot on Thursday."))
    killings = [e for e in events if (e.counts.killed or 0) > 0]
    assert killings
    assert all(e.sub_event_type != "Man-made disaster" for e in killings)
    assert any(a.type == "State forces" and a.role == "actor1" for e in killings for a in e.actors)


def test_vague_summary_toll_is_not_an_event(analyse: Analyse) -> None:
    text = (
        "The actress postponed her wedding because of the crisis, "
        "in which {} villagers have lost their lives."
    )
    assert not [e for e in _events(analyse(text.format("hundreds of"))) if (e.counts.killed or 0) > 0]
    # The same sentence with a toll one can count tells a happening.
    assert [e for e in _events(analyse(text.format("40"))) if e.counts.killed == 40]


def test_attack_on_soldiers_is_a_clash(analyse: Analyse) -> None:
    events = _events(analyse("Insurgents attacked an army checkpoint near the border on Friday."))
    assert "Armed clash" in [e.sub_event_type for e in events]


def test_what_a_protest_is_about_does_not_type_it(analyse: Analyse) -> None:
    text = "Hundreds of students marched peacefully on Sunday over the police shooting of a teenager."
    subs = [e.sub_event_type for e in _events(analyse(text))]
    assert "Peaceful protest" in subs
    assert "Excessive force against protesters" not in subs
