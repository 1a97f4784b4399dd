"""The counts stage: numbers of people and things, their category, and what is not a count."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.model import COUNT_FIELDS
from newsevents.pipeline.counts import CountMention, read_number


def counts_of(analyse: Callable[..., Doc], text: str) -> list[tuple[str, int, bool]]:
    doc = analyse(text)
    return [(c.category, c.value, c.approximate) for c in doc._.ne_counts]


@pytest.mark.parametrize(
    ("words", "value", "vague"),
    [
        ("7,939", 7939, False),
        ("two hundred", 200, False),
        ("1.5 million", 1_500_000, False),
        ("dozens", 12, True),
        ("scores", 20, True),
        ("hundreds", 100, True),
        ("thousands", 1000, True),
        ("tens of thousands", 10_000, True),
        ("dozen", 12, False),
        ("two lakh", 200_000, False),
        ("hundred and fifty", 150, False),
    ],
)
def test_read_number(words: str, value: int, vague: bool) -> None:
    doc = spacy.blank("en")(words)
    assert read_number(list(doc)) == (value, vague)


def test_read_number_rejects_words() -> None:
    doc = spacy.blank("en")("many people")
    assert read_number(list(doc)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said the shelling killed 23 people in the market.", [("killed", 23, False)]),
        ("Eleven villagers died when the bridge was blown up.", [("killed", 11, False)]),
        ("At least 9 people were wounded in the clashes.", [("injured", 9, True)]),
        ("The city police detained 412 people on Friday night.", [("arrested", 412, False)]),
        ("Nearly 3,000 people were arrested during the strike.", [("arrested", 3000, True)]),
        ("More than 600 soldiers were sent to the border region.", [("troops", 600, True)]),
        ("The alliance moved 40 tanks towards the frontier.", [("equipment", 40, False)]),
        ("Hundreds of students rallied outside the ministry.", [("protesters", 100, True)]),
        ("Police rounded up dozens of young men overnight.", [("arrested", 12, True)]),
        ("A dozen pilgrims were hurt when the stage collapsed.", [("injured", 12, False)]),
        ("Between 40 and 50 marchers were taken into custody.", [("arrested", 40, True)]),
        ("15 to 20 shoppers were injured by flying glass.", [("injured", 15, True)]),
        ("The death toll from the landslide has risen to 31.", [("killed", 31, False)]),
        ("Four guards lost their lives defending the depot.", [("killed", 4, False)]),
        ("Gunmen shot dead two farmers near the village.", [("killed", 2, False)]),
        (
            "the riot left 14 people dead and 30 injured in the old city .",
            [("killed", 14, False), ("injured", 30, False)],
        ),
        ("over 70 traders were arrested by the police in the market area .", [("arrested", 70, True)]),
        ("No one was hurt in the fire, the fire brigade said.", [("injured", 0, False)]),
    ],
)
def test_counts_and_categories(
    analyse: Callable[..., Doc], text: str, expected: list[tuple[str, int, bool]]
) -> None:
    assert counts_of(analyse, text) == expected


def test_relative_clause_count_keeps_its_subset_out(analyse: Callable[..., Doc]) -> None:
    text = "Flags flew at half mast for the storm, which officials say killed 52 people, including six boys."
    assert counts_of(analyse, text) == [("killed", 52, False)]


def test_conjoined_counts_each_get_their_category(analyse: Callable[..., Doc]) -> None:
    text = "The bloc has sent just over 1,500 troops and 90 pieces of military hardware, its chief said."
    assert counts_of(analyse, text) == [("troops", 1500, True), ("equipment", 90, False)]


@pytest.mark.parametrize(
    "text",
    [
        "The 52-year-old teacher was arrested on Monday.",
        "Prices rose 12 percent and fuel now costs 120 rupees a litre.",
        "The constitution was adopted 30 years ago under Article 5.",
        "The border crossing reopened on 3 March 2021 at 10 am.",
        "He was booked under section 302 of the penal code.",
        "Party leader Ram Prasad (61) was arrested by the police.",
    ],
)
def test_numbers_that_are_not_counts(analyse: Callable[..., Doc], text: str) -> None:
    assert counts_of(analyse, text) == []


def test_offsets_index_the_original_text(analyse: Callable[..., Doc]) -> None:
    text = "Witnesses said   about 200 demonstrators were detained near the square."
    doc = analyse(text)
    [count] = doc._.ne_counts
    assert text[count.start : count.end] == "about 200 demonstrators"
    assert text[count.number_start : count.number_end] == "200"
    assert count == CountMention(
        count.start, count.end, "arrested", 200, True, count.number_start, count.number_end
    )


def test_categories_are_contract_fields(analyse: Callable[..., Doc]) -> None:
    doc = analyse(
        "Troops killed 8 rebels; 20 soldiers and 3 helicopters were deployed; 200 protesters marched."
    )
    assert doc._.ne_counts
    assert {c.category for c in doc._.ne_counts} <= set(COUNT_FIELDS)


def test_furniture_is_skipped(analyse: Callable[..., Doc]) -> None:
    text = "Police arrested 40 people at the rally.\n\nRelated articles\n12 killed in bus crash on highway\n"
    doc = analyse(text)
    assert [(c.category, c.value) for c in doc._.ne_counts] == [("arrested", 40)]


def test_explicit_negation_is_a_zero_count(analyse: Callable[..., Doc]) -> None:
    text = "No arrests were made after the march, and nobody was injured."
    doc = analyse(text)
    assert [(text[c.start:c.end], c.category, c.value) for c in doc._.ne_counts] == [
        ("No arrests", "arrested", 0),
        ("nobody", "injured", 0),
    ]
