"""The date grammar: expressions composed from parts (numbers, units, weekdays, seasons, quarters, relative
words, edges), one resolver, and anaphoric dates counted from the paragraph's narrative time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsevents.model import DateMention, DateSpan
from newsevents.pipeline.dates import date_span_for, resolve_text

MONDAY = dt.date(2022, 1, 10)


def found(text: str, published: dt.date | None = MONDAY) -> list[tuple[str, str, str | None]]:
    mentions = resolve_text(text, published)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.value, m.period) for m in mentions]


def test_quarters_and_halves_keep_their_period() -> None:
    text = "Profits rose in the first quarter of last year, fell in Q3 2021 and in the second half of 2020."
    assert found(text) == [
        ("the first quarter of last year", "2021", "2021-Q1"),
        ("Q3 2021", "2021", "2021-Q3"),
        ("the second half of 2020", "2020", "2020-H2"),
    ]


def test_a_quarter_without_a_year_is_the_latest_begun_in_past_reporting() -> None:
    assert found("The carmaker reported third-quarter losses.", dt.date(2009, 10, 20)) == [
        ("third-quarter", "2009", "2009-Q3")
    ]


def test_seasons_with_a_relative_word_or_a_year() -> None:
    text = "Exports slowed last summer and may recover by the spring of 2023, or in early autumn."
    assert found(text) == [
        ("last summer", "2021", "2021-SU"),
        ("the spring of 2023", "2023", "2023-SP"),
        ("early autumn", "2021", "2021-FA"),
    ]


def test_conjunctions_and_final_days_are_not_dates() -> None:
    text = (
        "On March 3, 2021 talks ended. By the time the envoy left, on the last day of the session, all went."
    )
    assert found(text) == [("March 3, 2021", "2021-03-03", None)]


def test_a_season_word_needs_a_time_cue() -> None:
    assert found("Prices fall when summer tourists leave; the winter coats sold out.") == []


def test_anaphoric_dates_count_from_the_narrative_time() -> None:
    text = (
        "The rebels entered the town on March 3, 2021. The next day they left, and three days later the "
        "army returned. That night the power failed."
    )
    assert found(text) == [
        ("March 3, 2021", "2021-03-03", None),
        ("The next day", "2021-03-04", None),
        ("three days later", "2021-03-07", None),
        ("That night", "2021-03-07", None),
    ]


def test_periods_and_weekdays_of_the_narrative() -> None:
    text = "Sales slumped in 2019, above all in the first half of the year."
    assert found(text)[-1] == ("the first half of the year", "2019", "2019-H1")
    text = "The vote was held on 12 March 2021; the previous Friday, the polls had closed early."
    assert found(text)[-1] == ("the previous Friday", "2021-03-05", None)


def test_the_narrative_time_is_the_last_date_fine_enough() -> None:
    # "since 1998" lies between the day and "the same day" but cannot be counted from in days.
    text = "Shares fell on Friday, the worst drop since 1998. The same day, the bank cut rates."
    assert found(text) == [
        ("Friday", "2022-01-07", None),
        ("1998", "1998", None),
        ("The same day", "2022-01-07", None),
    ]


def test_without_a_date_in_its_paragraph_an_anaphor_counts_from_publication() -> None:
    text = "Talks began on 3 March 2021.\nThe same day, a second round was announced."
    assert found(text) == [("3 March 2021", "2021-03-03", None), ("The same day", "2022-01-10", None)]


def test_at_that_time_is_the_narrative_date_itself() -> None:
    text = "A price is due by June 10, 2021. If none is agreed by that time, the deal lapses."
    assert found(text) == [("June 10, 2021", "2021-06-10", None), ("that time", "2021-06-10", None)]
    assert found("Nobody knew at the time.") == []  # no date to be the same as


def test_the_year_and_the_day_of_the_narrative() -> None:
    text = "In 2019 the plant closed; by the end of the year 500 jobs were gone."
    assert found(text) == [("2019", "2019", None), ("the end of the year", "2019", None)]
    closed = found("The index closed the day 2 % lower, having opened higher.")
    assert closed == [("the day", "2022-01-10", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unions struck late last year.", ("late last year", "2021")),
        ("The law passed twelve years ago.", ("twelve years ago", "2010")),
        ("Fighting resumed late Friday night.", ("late Friday night", "2022-01-07")),
        ("Prices rose earlier this week.", ("earlier this week", "2022-W02")),
        ("He was freed the day before.", ("the day before", "2022-01-09")),
        ("A deal may come next quarter.", ("next quarter", "2022")),
        ("Rebels attacked over the weekend.", ("the weekend", "2022-W01")),
        ("He left the day before yesterday.", ("the day before yesterday", "2022-01-08")),
        ("The envoy called a couple of days ago.", ("a couple of days ago", "2022-01-08")),
    ],
)
def test_parts_compose(text: str, expected: tuple[str, str]) -> None:
    assert [(text_, value) for text_, value, _ in found(text)] == [expected]


def test_holidays_resolve_like_days_without_a_year() -> None:
    text = (
        "Shops shut on Christmas Eve and reopened after New Year's Day; last Easter was calm, and Easter "
        "2009 fell on 12 April. The Christmas Island camp stayed open."
    )
    assert [(t, v) for t, v, _ in found(text)] == [
        ("Christmas Eve", "2021-12-24"),
        ("New Year's Day", "2022-01-01"),
        ("last Easter", "2021-04-04"),
        ("Easter 2009", "2009-04-12"),
        ("12 April", "2021-04-12"),
    ]


def test_an_ordinal_day_is_of_the_narratives_month() -> None:
    text = "Talks opened on March 3, 2021 and broke down on the 5th. The 3rd Battalion took the 11th bridge."
    assert found(text) == [("March 3, 2021", "2021-03-03", None), ("the 5th", "2021-03-05", None)]


def test_compound_numbers_and_hours() -> None:
    text = "The bridge fell forty-eight hours ago; the dam was built twenty-five years ago."
    assert [(t, v) for t, v, _ in found(text)] == [
        ("forty-eight hours ago", "2022-01-08"),
        ("twenty-five years ago", "1997"),
    ]


def test_a_quarter_is_an_event_span_of_three_months() -> None:
    quarter = DateMention("the first quarter of 2009", 0, 25, "2009", "year", "2009-Q1")
    winter = DateMention("winter 2009", 0, 11, "2009", "year", "2009-WI")
    assert date_span_for([quarter]) == DateSpan("2009-01-01", "2009-03-31", 3)
    assert date_span_for([winter]) == DateSpan("2009-12-01", "2010-02-28", 3)


def test_period_is_written_only_when_set() -> None:
    quarter = DateMention("Q1 2009", 0, 7, "2009", "year", "2009-Q1")
    assert quarter.to_dict()["period"] == "2009-Q1"
    assert DateMention.from_dict(quarter.to_dict()) == quarter
    assert "period" not in DateMention("2009", 0, 4, "2009", "year").to_dict()


def test_the_stage_reads_the_grammar_with_the_tense(analyse: Callable[..., Doc]) -> None:
    text = "The plant will reopen in the second quarter, the owners said on Thursday."
    doc = analyse(text, published="2022-01-10")
    assert [(m.text, m.value, m.period) for m in doc._.ne_dates] == [
        ("the second quarter", "2022", "2022-Q2"),
        ("Thursday", "2022-01-06", None),
    ]
