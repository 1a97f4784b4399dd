"""The dates stage: detection, resolution against the publication day, tense, offsets, event date spans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsevents.model import DateMention, DateSpan
from newsevents.pipeline.dates import date_span_for, mention_bounds, resolve_text

MONDAY = "2022-01-10"  # the publication day of most examples: a Monday


Found = list[tuple[str, str, str]]


def dates(analyse: Callable[..., Doc], text: str, published: str | None = MONDAY) -> Found:
    doc = analyse(text, published=published)
    for m in doc._.ne_dates:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.value, m.precision) for m in doc._.ne_dates]


# --- the whole pipeline ---------------------------------------------------------------------------------


def test_weekday_in_past_reporting_is_the_latest_such_day(analyse: Callable[..., Doc]) -> None:
    found = dates(analyse, "The finance minister resigned on Thursday after a week of strikes.")
    assert found == [("Thursday", "2022-01-06", "day")]


def test_weekday_of_the_publication_day_is_that_day(analyse: Callable[..., Doc]) -> None:
    text = "Officials said on Monday that the border crossing had reopened. He spoke later Monday."
    found = dates(analyse, text)
    assert found == [("Monday", MONDAY, "day"), ("later Monday", MONDAY, "day")]


def test_weekday_after_a_future_verb_looks_ahead(analyse: Callable[..., Doc]) -> None:
    found = dates(analyse, "The envoy will travel to Geneva on Thursday for another round of talks.")
    assert found == [("Thursday", "2022-01-13", "day")]


def test_relative_weeks_months_and_years(analyse: Callable[..., Doc]) -> None:
    text = "Farmers blocked roads last week. Prices rose earlier this month and will rise again next year."
    assert dates(analyse, text) == [
        ("last week", "2022-W01", "week"),
        ("earlier this month", "2022-01", "month"),
        ("next year", "2023", "year"),
    ]


def test_day_without_year_takes_the_nearest_past_or_coming_one(analyse: Callable[..., Doc]) -> None:
    past = dates(analyse, "The sit-in began on Dec. 28 outside the parliament.")
    coming = dates(analyse, "The court will hear the appeal on Feb. 3, the lawyers said.")
    assert past == [("Dec. 28", "2021-12-28", "day")]
    assert ("Feb. 3", "2022-02-03", "day") in coming


def test_years_ago_is_a_year(analyse: Callable[..., Doc]) -> None:
    assert dates(analyse, "The party was founded 25 years ago in a small town.") == [
        ("25 years ago", "1997", "year")
    ]


def test_durations_are_not_dates(analyse: Callable[..., Doc]) -> None:
    text = "The curfew will last three days. Troops stay for a limited time period, for two weeks at most."
    assert dates(analyse, text) == []


def test_without_publication_date_only_absolute_dates_resolve(analyse: Callable[..., Doc]) -> None:
    text = "The walkout began on Monday, a month after the vote of March 4 , 2021 and before the 2023 season."
    assert dates(analyse, text, published=None) == [
        ("March 4 , 2021", "2021-03-04", "day"),
        ("2023", "2023", "year"),
    ]


def test_tokenised_text_with_spaces_before_commas(analyse: Callable[..., Doc]) -> None:
    text = "Shares fell sharply March 01 , 2008 and again in October 2009 ."
    assert dates(analyse, text) == [
        ("March 01 , 2008", "2008-03-01", "day"),
        ("October 2009", "2009-10", "month"),
    ]


def test_counts_and_names_are_not_dates(analyse: Callable[..., Doc]) -> None:
    text = (
        "About 2000 people marched. Theresa May said the Black Monday crash was a lesson. "
        "The 2019 poll held."
    )
    assert dates(analyse, text) == [("2019", "2019", "year")]


def test_month_named_without_year(analyse: Callable[..., Doc]) -> None:
    text = "Exports collapsed in October and the government will review them in March."
    assert dates(analyse, text) == [("October", "2021-10", "month"), ("March", "2022-03", "month")]


# --- resolution alone --------------------------------------------------------------------------------------


def test_range_gives_two_days() -> None:
    found = resolve_text("Talks were held Jan. 2-5 in the capital.", dt.date(2022, 1, 10))
    assert [(m.text, m.value) for m in found] == [("Jan. 2", "2022-01-02"), ("5", "2022-01-05")]


def test_last_week_across_the_new_year_is_an_iso_week() -> None:
    (found,) = resolve_text("last week", dt.date(2021, 1, 4))
    assert (found.value, found.precision) == ("2020-W53", "week")


def test_previous_year_counts_from_the_date_before_it() -> None:
    found = resolve_text("Sales fell last year , more than the year previous .", dt.date(2010, 1, 28))
    assert [m.value for m in found] == ["2009", "2008"]


def test_month_of_next_year_gives_month_and_year() -> None:
    found = resolve_text("Leases end after October of next year.", dt.date(2009, 5, 15))
    assert [(m.text, m.value) for m in found] == [("October", "2010-10"), ("next year", "2010")]


# --- event date spans --------------------------------------------------------------------------------------


def mention(value: str, precision: str) -> DateMention:
    return DateMention("x", 0, 1, value, precision)  # type: ignore[arg-type]


def test_date_span_for_one_day_week_and_month() -> None:
    assert date_span_for([mention("2022-01-02", "day")]) == DateSpan("2022-01-02", "2022-01-02", 1)
    assert date_span_for([mention("2022-W01", "week")]) == DateSpan("2022-01-03", "2022-01-09", 2)
    assert date_span_for([mention("2022-02", "month")]) == DateSpan("2022-02-01", "2022-02-28", 3)
    assert date_span_for([mention("2021", "year")]) == DateSpan("2021-01-01", "2021-12-31", 3)


def test_date_span_for_several_days_and_none() -> None:
    days = [mention("2022-01-05", "day"), mention("2022-01-02", "day")]
    assert date_span_for(days) == DateSpan("2022-01-02", "2022-01-05", 2)
    assert date_span_for([]) == DateSpan(None, None, None)
    assert mention_bounds(mention("2024-02", "month"))[1] == dt.date(2024, 2, 29)


def test_year_ranges_and_decades() -> None:
    found = resolve_text("Output doubled in 1999-2000 , unlike the 1990s or the late 1980 's .", None)
    assert [(m.text, m.value) for m in found] == [("1999", "1999"), ("2000", "2000")]


def test_same_month_a_year_before_repeats_the_month_mentioned() -> None:
    text = "Car sales dropped by a fifth in November , well below the same month a year ago ."
    found = resolve_text(text, dt.date(2022, 1, 10))
    assert [(m.text, m.value) for m in found] == [
        ("November", "2021-11"),
        ("the same month a year ago", "2020-11"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7/8/07", "7/8/07"), ("10.01.2022", "10.01.2022"), ("2022/01/10", "2022/01/10"),
     ("2022-01-10T10:00", "2022-01-10")],
)
def test_numeric_dates(text: str, expected: str) -> None:
    (found,) = resolve_text(f"The order is dated {text} and stamped.", None)
    value = "2007-07-08" if text == "7/8/07" else "2022-01-10"
    assert (found.text, found.value, found.precision) == (expected, value, "day")
