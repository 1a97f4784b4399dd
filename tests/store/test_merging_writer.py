"""MergingWriter: the one "store, then merge" step of ``newsevents ingest`` and ``newsevents load``."""

from __future__ import annotations

from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.store import EventFilter, Store
from newsevents.store.merged import MergingWriter
from newsevents.store.merged_read import merged_event_of


def _unmerged(store: Store) -> int:
    return sum(merged_event_of(store, e.id) is None for e in store.events(EventFilter(min_confidence=0)))


def test_reports_are_merged_after_every_n_stored_articles_and_when_asked(store: Store) -> None:
    writer = MergingWriter(store, merge_every=2)
    articles = [make_article(i) for i in range(3)]
    assert writer.add(articles[0], make_result(articles[0], 0))
    assert _unmerged(store) == 2  # one article stored: not merged yet
    assert writer.add(articles[1], make_result(articles[1], 1))
    assert _unmerged(store) == 0  # the second one: both merged
    assert not writer.add(articles[1], make_result(articles[1], 1))  # already stored: nothing to merge
    assert writer.add(articles[2], make_result(articles[2], 2))
    assert _unmerged(store) == 2
    step = writer.merge()
    assert _unmerged(store) == 0
    assert step.reports == 2
    assert writer.merged.reports == 6  # every merge added up
    assert writer.merged.new_events + writer.merged.grown_events >= 2


def test_without_merge_every_it_merges_only_when_asked(store: Store) -> None:
    writer = MergingWriter(store, merge_every=None)
    for i in range(3):
        article = make_article(i)
        writer.add(article, make_result(article, i))
    assert _unmerged(store) == 6
    assert writer.merge().reports == 6
    assert _unmerged(store) == 0
