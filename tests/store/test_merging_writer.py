"""MergingWriter: the one "store, then merge" step of ``newsevents ingest`` and ``newsevents load``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.batch import ingest
from newsevents.merge.settings import merge_settings
from newsevents.model import Article, Rejected, Result
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


def test_ingest_merges_by_the_settings_it_is_given(tmp_path: Path) -> None:
    """``newsevents ingest --config`` passes its file's [merge] section: here one that merges nothing."""
    articles = [make_article(i) for i in range(4)]
    results = {a.id: make_result(a, i) for i, a in enumerate(articles)}

    def extract(items: Iterable[Article | Rejected]) -> Iterator[Result]:
        for item in items:
            yield results[item.id]

    strict = replace(merge_settings(), threshold=1.01, floor=1.01, same_article=False)
    with Store.open(tmp_path / "default.sqlite") as store:
        by_default = ingest(articles, store, extract)
    with Store.open(tmp_path / "strict.sqlite") as store:
        kept_apart = ingest(articles, store, extract, settings=strict)
    assert by_default.events == kept_apart.events == 8
    assert kept_apart.merged_new == 8  # every report its own real-world event
    assert by_default.merged_new < 8
