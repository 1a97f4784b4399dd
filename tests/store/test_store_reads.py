"""Store's reads by id and its totals agree with ``Store.events`` for the same filter."""

from __future__ import annotations

from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.store import EventFilter, Store


def test_reads_by_id_and_totals_agree_with_events(store: Store) -> None:
    for i in range(4):
        article = make_article(i)
        store.add_result(article, make_result(article, i))
    every = EventFilter(min_confidence=0)
    found = store.events(every)
    assert store.count_events(every) == len(found) == 8
    first = found[0]
    assert store.event(first.id) == first
    assert store.event(10**6) is None
    same_article = sorted((e for e in found if e.article_pk == first.article_pk), key=lambda e: e.id)
    assert store.article_events(first.article_pk) == same_article  # in stored order
    stored = store.article(first.article_pk)
    assert stored is not None
    assert [c.claim for c in store.article_claims(first.article_pk)] == list(stored[1].claims)
    assert store.article_text(first.article_pk) == stored[0].text
    assert store.count_articles() == 4
    assert sum(n for _, _, n in store.per_day(every)) == len([e for e in found if e.event.date.start])
    assert sum(n for _, n in store.per_country(every)) == len([e for e in found if e.event.location])
    ukraine = EventFilter(min_confidence=0, country="UA")
    assert store.count_events(ukraine) == len(store.events(ukraine)) > 0
