"""The publication day is read once, when the Article is made, and every stage uses that one reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsevents.errors import WARN_BAD_PUBLISHED
from newsevents.ingest.validate import check_published
from newsevents.model import Article

DATED = "Police arrested twelve protesters in Lahore on Monday after a march on the provincial assembly."
UNDATED = "Police arrested twelve protesters in Lahore after a march on the provincial assembly."


def test_day_first_publication_date_dates_the_mention_and_the_undated_event(
    analyse: Callable[..., Doc],
) -> None:
    # 14 March 2024, a Thursday, written day first: the dates stage and the events stage read the same day.
    dated = analyse(DATED, published="14-03-2024")
    assert [(m.text, m.value) for m in dated._.ne_dates] == [("Monday", "2024-03-11")]
    undated = analyse(UNDATED, published="14-03-2024")
    assert undated._.ne_events, "the arrest is an event"
    day = {"start": "2024-03-14", "end": "2024-03-14", "precision": 2}
    assert [e.date.to_dict() for e in undated._.ne_events] == [day] * len(undated._.ne_events)


@pytest.mark.parametrize(
    ("published", "text", "day"),
    [
        ("2024-03-14", "", dt.date(2024, 3, 14)),
        ("2024-03-14T23:30:00-05:00", "", dt.date(2024, 3, 14)),  # the writer's own day, not UTC's
        ("14-03-2024", "", dt.date(2024, 3, 14)),  # only one order is a real day
        ("03-14-2024", "", dt.date(2024, 3, 14)),
        ("14.03.2024", "", dt.date(2024, 3, 14)),
        ("03-02-2009", "Car sales slump February 03 , 2009 Sales fell", dt.date(2009, 2, 3)),
        ("03-02-2009", "Talks resumed on 2 March 2009 in Oslo", dt.date(2009, 3, 2)),
        ("03-02-2009", "No dateline here", None),  # either order is a day: unknown
        ("yesterday", "", None),
        (None, "", None),
    ],
)
def test_published_day_is_one_typed_reading(published: str | None, text: str, day: dt.date | None) -> None:
    assert Article("a", text, published=published).published_day == day


def test_an_ambiguous_publication_date_is_dropped_with_a_warning() -> None:
    checked = check_published(Article("a", "No dateline here.", published="03-02-2009"))
    assert checked.published is None and checked.published_day is None
    assert checked.published_raw == "03-02-2009"
    assert [w.code for w in checked.warnings] == [WARN_BAD_PUBLISHED]


def test_a_non_iso_publication_date_is_stored_as_the_day_it_was_read_as() -> None:
    checked = check_published(Article("a", "Text.", published="14-03-2024"))
    assert (checked.published, checked.published_day) == ("2024-03-14", dt.date(2024, 3, 14))
    assert checked.published_raw == "14-03-2024" and checked.warnings == ()
