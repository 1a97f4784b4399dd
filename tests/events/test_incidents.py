"""What an article's event records say: tolls split between coordinated happenings and added up when
conjoined or told as more, one named person held, the narrative's day, dates and places only within a
trigger's reach, history kept as background, summary tolls and comparisons dropped, mentions of one
happening grouped into one record, and the stage's default minimum confidence.

Every text here is written for these tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from spacy.tokens import Doc

from newsevents.events.incidents import dates_meet, places_meet
from newsevents.model import DEFAULT_MIN_CONFIDENCE, DateMention, Event, Place

PUBLISHED = "2025-03-14"  # a Friday
TUESDAY = "2025-03-11"
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}

Analyse = Callable[..., Doc]


def records(analyse: Analyse, text: str) -> tuple[Doc, tuple[Event, ...]]:
    doc = analyse(text, published=PUBLISHED)
    return doc, tuple(doc._.ne_events)


def holding(doc: Doc, events: Sequence[Event], phrase: str) -> list[Event]:
    """The records whose evidence overlaps the (single) occurrence of ``phrase`` in the text."""
    start = doc.text.index(phrase)
    assert doc.text.count(phrase) == 1, phrase
    end = start + len(phrase)
    return [e for e in events if any(ev.start < end and start < ev.end for ev in e.evidence)]


def only(found: list[Event]) -> Event:
    assert len(found) == 1, found
    return found[0]


def sentence_index(doc: Doc, offset: int) -> int:
    return next(i for i, s in enumerate(doc.sents) if s.start_char <= offset < s.end_char)


# -- 1. tolls of coordinated clauses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "first_toll", "second", "second_toll"),
    [
        (
            "Soldiers killed five gunmen who had stormed a school in Kano and later killed 40 fighters in "
            "airstrikes.",
            "five gunmen", 5, "40 fighters", 40,
        ),
        (
            "Troops killed six attackers who had besieged a hotel in Mosul and later killed 30 militants in "
            "airstrikes.",
            "six attackers", 6, "30 militants", 30,
        ),
    ],
)
def test_coordinated_tolls_are_separate_happenings(
    analyse_all: Analyse, text: str, first: str, first_toll: int, second: str, second_toll: int
) -> None:
    doc, events = records(analyse_all, text)
    one = only(holding(doc, events, first))
    other = only(holding(doc, events, second))
    assert one is not other
    assert one.counts.killed == first_toll
    assert other.counts.killed == second_toll
    assert other is only(holding(doc, events, "airstrikes"))
    assert other.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(
    ("text", "violence"),
    [
        ("Gunmen attacked a bus near Peshawar on Monday, killing 12 passengers.", "attacked"),
        ("A bomb exploded at a market in Peshawar on Monday, killing 12 shoppers.", "exploded"),
    ],
)
def test_toll_that_is_the_outcome_of_its_clause_joins_the_violence(
    analyse_all: Analyse, text: str, violence: str
) -> None:
    doc, events = records(analyse_all, text)
    violent = [e for e in events if e.event_type in VIOLENT_TYPES]
    assert len(violent) == 1, violent
    assert violent[0].counts.killed == 12
    assert violent[0] is only(holding(doc, events, violence))
    assert violent[0] is only(holding(doc, events, "12"))


# -- 2. conjoined counts ------------------------------------------------------------------------------------


def test_conjoined_counts_add_up(analyse_all: Analyse) -> None:
    text = "At least 9 villagers and 3 policemen died in the attack near Bamako on Sunday."
    doc, events = records(analyse_all, text)
    attack = only(holding(doc, events, "attack"))
    assert attack.counts.killed == 12


# -- 3. "also" adds -----------------------------------------------------------------------------------------


def test_victims_told_as_also_killed_add_to_the_toll(analyse_all: Analyse) -> None:
    text = (
        "Fighting broke out between the army and militants near Mosul on Wednesday. "
        "The army said it killed 20 militants. Four soldiers were also killed in the fighting."
    )
    doc, events = records(analyse_all, text)
    battle = only([e for e in events if e.sub_event_type == "Armed clash"])
    assert holding(doc, events, "Four soldiers") == [battle]
    assert battle.counts.killed == 24


# -- 4. one named person held -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested the journalist Ana Ruiz in Quito.",
        "Police arrested the journalist Ana Ruiz in Quito on Monday.",
    ],
)
def test_one_named_person_held_counts_one_arrest(analyse_all: Analyse, text: str) -> None:
    _, events = records(analyse_all, text)
    arrest = only([e for e in events if e.sub_event_type == "Arrests"])
    assert arrest.counts.arrested == 1


@pytest.mark.parametrize(
    "text", ["Police arrested journalists in Quito.", "Police arrested journalists in Quito on Monday."]
)
def test_people_held_without_a_number_give_no_arrest_count(analyse_all: Analyse, text: str) -> None:
    _, events = records(analyse_all, text)
    arrest = only([e for e in events if e.sub_event_type == "Arrests"])
    assert arrest.counts.arrested is None


# -- 5. the narrative's day ---------------------------------------------------------------------------------


def test_undated_violence_takes_the_narratives_day(analyse_all: Analyse) -> None:
    text = "Militants attacked a village near Kano on Tuesday. The army said it killed 15 attackers."
    doc, events = records(analyse_all, text)
    attack = only(holding(doc, events, "attacked"))
    killing = only(holding(doc, events, "15 attackers"))
    assert killing is not attack  # its day cannot come from a mention of its own record
    assert killing.counts.killed == 15
    assert killing.date.start == TUESDAY
    assert killing.date.start != PUBLISHED


def test_the_day_of_a_diplomatic_event_does_not_date_a_following_attack(analyse_all: Analyse) -> None:
    text = (
        "The president met the visiting prime minister in Abuja on Tuesday. "
        "Gunmen attacked a village near Kano, killing seven people."
    )
    doc, events = records(analyse_all, text)
    meeting = only(holding(doc, events, "met"))
    assert meeting.sub_event_type == "Diplomatic event"
    assert meeting.date.start == TUESDAY
    attack = only(holding(doc, events, "attacked"))
    assert attack.date.start != TUESDAY
    assert attack.date.start == PUBLISHED and attack.date.precision == 2  # undated news: within a week


# -- 6. dates out of reach ----------------------------------------------------------------------------------


def test_a_possessive_day_dates_its_own_noun_not_the_speech(analyse_all: Analyse) -> None:
    text = "Officials confirmed Friday that 30 people died in Tuesday's bombing in Peshawar."
    doc, events = records(analyse_all, text)
    bombing = only(holding(doc, events, "bombing"))
    assert bombing.date.start == TUESDAY
    assert bombing.counts.killed == 30


@pytest.mark.parametrize(
    "text",
    [
        "Monday has been declared a day of remembrance for the families hit by the unrest.",
        "Monday was declared a day of remembrance for the families hit by the unrest.",
    ],
)
def test_a_day_that_is_a_subject_does_not_date_the_unrest(analyse_all: Analyse, text: str) -> None:
    doc, events = records(analyse_all, text)
    unrest = holding(doc, events, "unrest")
    assert unrest, "the unrest is still a record"
    for event in unrest:
        assert event.date.start != "2025-03-10"
        assert not any(doc.text[e.start : e.end] == "Monday" for e in event.evidence)


# -- 7. places out of reach ---------------------------------------------------------------------------------


def test_a_place_in_another_clause_does_not_locate_the_airstrikes(analyse_all: Analyse) -> None:
    text = (
        "Troops killed six attackers who had besieged a hotel in Mosul and later killed 30 militants in "
        "airstrikes."
    )
    doc, events = records(analyse_all, text)
    strikes = only(holding(doc, events, "airstrikes"))
    assert strikes.counts.killed == 30
    assert strikes.location is None or strikes.location.name != "Mosul"
    assert strikes.location is None or strikes.location.geo_precision == 3  # the country at most
    besieged = only(holding(doc, events, "six attackers"))
    assert besieged.location is not None and besieged.location.name == "Mosul"


# -- 8. background ------------------------------------------------------------------------------------------


def test_history_told_with_its_own_year_is_background(analyse_all: Analyse) -> None:
    text = (
        "Gunmen attacked a market in Mogadishu on Wednesday, killing eight people. "
        "In 2019, a car bomb killed 25 people in Mogadishu."
    )
    doc, events = records(analyse_all, text)
    old = only(holding(doc, events, "car bomb"))
    assert old.background is True
    assert old.date.start == "2019-01-01"
    assert old.date.precision == 3  # a year
    assert old.date.start != PUBLISHED
    assert old.counts.killed == 25
    current = only(holding(doc, events, "attacked"))
    assert current.background is False
    assert current.date.start == "2025-03-12"
    assert current.counts.killed == 8


# -- 9. summary tolls ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("The war that killed 100,000 people ended in 1995.", 100_000),
        ("Nearly 400 people were killed in more than 500 attacks in 2024.", 400),
    ],
)
def test_summary_tolls_are_not_events(analyse_all: Analyse, text: str, toll: int) -> None:
    _, events = records(analyse_all, text)
    assert not [e for e in events if e.event_type in VIOLENT_TYPES]
    assert not [e for e in events if e.counts.killed == toll]


# -- 10. comparisons ----------------------------------------------------------------------------------------


def test_a_comparison_of_attacks_is_no_attack(analyse_all: Analyse) -> None:
    _, events = records(analyse_all, "The city has suffered more attacks than any other town in the country.")
    assert not [e for e in events if e.sub_event_type == "Attack"]
    assert not [e for e in events if e.event_type in VIOLENT_TYPES]


# -- 11. incident grouping ----------------------------------------------------------------------------------


def test_two_sentences_about_one_protest_make_one_record(analyse_all: Analyse) -> None:
    text = (
        "Hundreds of teachers protested in Kano on Monday over unpaid wages. "
        "The protesters in Kano marched to the governor's office on Monday."
    )
    doc, events = records(analyse_all, text)
    protests = [e for e in events if e.event_type == "Protests"]
    assert len(protests) == 1
    sentences = {sentence_index(doc, ev.start) for ev in protests[0].evidence}
    assert sentences == {0, 1}
    assert protests[0].date.start == "2025-03-10"
    assert protests[0].location is not None and protests[0].location.name == "Kano"


def test_one_kind_of_protest_in_two_distant_towns_makes_two_records(analyse_all: Analyse) -> None:
    text = (
        "Hundreds of teachers protested in Kano on Monday over unpaid wages. "
        "Nurses also protested in Lagos on Monday over unpaid wages."
    )
    _, events = records(analyse_all, text)
    protests = [e for e in events if e.event_type == "Protests"]
    assert len(protests) == 2
    assert len({e.sub_event_type for e in protests}) == 1
    assert {e.location.name for e in protests if e.location is not None} == {"Kano", "Lagos"}


def place(
    name: str, lat: float, lon: float, *, admin1: str | None, feature: str = "P", precision: int = 1
) -> Place:
    return Place(name, 0, len(name), name, lat, lon, None, "NG", admin1, feature=feature, precision=precision)


KANO = place("Kano", 12.0001, 8.5167, admin1="Kano")
LAGOS = place("Lagos", 6.4541, 3.3947, admin1="Lagos")  # some 830 km from Kano
NIGERIA = place("Nigeria", 10.0, 8.0, admin1=None, feature="A", precision=3)


def test_places_meet() -> None:
    assert places_meet(KANO, NIGERIA) and places_meet(NIGERIA, KANO)  # a country holds its towns
    assert places_meet(KANO, place("Kano", 12.0, 8.52, admin1="Kano"))
    assert not places_meet(KANO, LAGOS)
    assert not places_meet(LAGOS, KANO)
    abroad = Place("Niamey", 0, 6, "Niamey", 13.5, 2.1, None, "NE", "Niamey")
    assert not places_meet(abroad, NIGERIA)


def day(value: str, precision: str = "day") -> DateMention:
    return DateMention(value, 0, len(value), value, precision)  # type: ignore[arg-type]


def test_dates_meet() -> None:
    assert dates_meet(day("2025-W11", "week"), day("2025-03-12"))  # week 11 is 10-16 March
    assert dates_meet(day("2025-03-12"), day("2025-W11", "week"))
    assert not dates_meet(day("2025-03-01"), day("2025-03-12"))
    assert not dates_meet(day("2025-W11", "week"), day("2025-03-17"))
    assert dates_meet(day("2025-03", "month"), day("2025-03-01"))


# -- 13. the stage's minimum --------------------------------------------------------------------------------

DOUBTFUL = (
    "Gunmen attacked a market in Kano on Wednesday, killing eight people. Residents fled to nearby villages. "
    "The governor visited the wounded in hospital. "
    "Opposition leaders said they could possibly organise protests."
)


def test_default_minimum_leaves_out_doubtful_records(analyse: Analyse, analyse_all: Analyse) -> None:
    _, kept = records(analyse, DOUBTFUL)
    _, every = records(analyse_all, DOUBTFUL)
    assert kept, "the attack clears the minimum"
    assert all(e.confidence >= DEFAULT_MIN_CONFIDENCE for e in kept)
    assert set(kept) <= set(every)
    dropped = [e for e in every if e not in kept]
    assert dropped, "the doubtful protest is below the minimum"
    assert all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in dropped)
    assert any(e.modality != "asserted" for e in dropped)
