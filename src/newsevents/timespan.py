"""Days a date mention covers and the ``DateSpan`` of an event: pure functions over the model's date types,
shared by the dates stage (``pipeline.dates``) and event building (``events.incidents``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from newsevents.model import DateMention, DateSpan


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# The first month and the length in months of each period a date mention may name (``DateMention.period``).
PERIOD_MONTHS = {
    "Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6),
    "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3),
}


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period ("2009-Q1", "2009-H2", "2009-SU"; winter runs into next year)."""
    year, code = int(period[:4]), period[5:]
    first_month, months = PERIOD_MONTHS[code]
    end_year, end_month = add_months(year, first_month, months)
    return dt.date(year, first_month, 1), dt.date(end_year, end_month, 1) - dt.timedelta(days=1)


def mention_bounds(mention: DateMention) -> tuple[dt.date, dt.date]:
    """The first and last day a mention covers ("2022-W01" is Monday 3 to Sunday 9 January 2022; a period
    "2009-Q1" is January to March 2009, "2009-WI" December 2009 to February 2010)."""
    if mention.period is not None:
        return period_bounds(mention.period)
    value = mention.value
    if mention.precision == "week":
        iso_year, iso_week_number = value.split("-W")
        first = dt.date.fromisocalendar(int(iso_year), int(iso_week_number), 1)
        return first, first + dt.timedelta(days=6)
    if mention.precision == "month":
        year, month = (int(p) for p in value.split("-")[:2])
        next_year, next_month = add_months(year, month, 1)
        return dt.date(year, month, 1), dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    if mention.precision == "year":
        return dt.date(int(value[:4]), 1, 1), dt.date(int(value[:4]), 12, 31)
    day = dt.date.fromisoformat(value)
    return day, day


def date_span_for(mentions: Iterable[DateMention]) -> DateSpan:
    """The span an event's date mentions cover, with ACLED time_precision: 1 for one day, 2 for a week or a
    few days, 3 for a month or vaguer. No mentions give an unknown date."""
    bounds = [mention_bounds(m) for m in mentions]
    if not bounds:
        return DateSpan(None, None, None)
    start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
    days = (end - start).days + 1
    precision = 1 if days == 1 else 2 if days <= 7 else 3
    return DateSpan(start.isoformat(), end.isoformat(), precision)
