"""A date mention's period (a season, quarter or half) is stored and read back, on both backends."""

from __future__ import annotations

from dataclasses import replace

from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.model import DateMention
from newsevents.store import Store


def test_a_date_period_round_trips(store: Store) -> None:
    article = make_article(0)
    quarter = DateMention("the first quarter of 2009", 0, 25, "2009", "year", "2009-Q1")
    day = DateMention("Monday", 30, 36, "2009-04-06", "day")
    result = replace(make_result(article, 0), dates=(quarter, day))
    store.add_result(article, result)
    found = store.article(article.id)
    assert found is not None
    assert found[1].dates == (quarter, day)
