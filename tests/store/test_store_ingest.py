from __future__ import annotations

from dataclasses import replace

import pytest
from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.errors import StoreError
from newsevents.model import ErrorInfo, Rejected, Result
from newsevents.store import ArticleFilter, Store


def test_result_round_trips_exactly(store: Store) -> None:
    article = make_article(0)  # i=0: article and result both carry warnings
    result = make_result(article, 0, events=3)
    assert store.add_result(article, result)
    found = store.article(article.id)
    assert found is not None
    stored_article, stored_result = found
    assert stored_result == result
    assert stored_article == article
    assert store.article(store.articles()[0].id) == found


def test_same_article_twice_is_stored_once(store: Store) -> None:
    article = make_article(1)
    result = make_result(article, 1)
    assert store.add_result(article, result) is True
    assert store.add_result(article, result) is False
    assert store.contains(article)
    summary = store.summary()
    counts = (summary.articles, summary.events, summary.claims, summary.places, summary.dates)
    assert counts == (1, 2, 1, 1, 1)


def test_same_text_under_another_id_and_url_is_a_duplicate(store: Store) -> None:
    first = make_article(1)
    store.add_result(first, make_result(first, 1))
    copy = replace(first, id="syndicated-copy", url="https://elsewhere.example/copy")
    assert store.contains(copy)
    assert not store.add_result(copy, make_result(copy, 1))
    assert store.summary().articles == 1


def test_same_url_with_different_text_is_stored_once(store: Store) -> None:
    first = make_article(1)
    store.add_result(first, make_result(first, 1))
    updated = replace(first, id="art-1-updated", text=first.text + " The march ended peacefully.")
    assert store.contains(updated)
    assert not store.add_result(updated, make_result(updated, 1))
    assert store.summary().articles == 1


def test_articles_without_url_are_told_apart_by_text(store: Store) -> None:
    for i in range(3):
        article = make_article(i, url=None)
        assert store.add_result(article, make_result(article, i))
    assert store.summary().articles == 3


def test_a_failed_result_is_kept_with_its_error(store: Store) -> None:
    article = make_article(4)
    failed = Result(article.id, error=ErrorInfo("E200", "the claims stage failed"))
    assert store.add_result(article, failed)
    summary = store.summary()
    assert (summary.articles, summary.failed, summary.events) == (1, 1, 0)
    found = store.article(article.id)
    assert found is not None and found[1] == failed
    assert store.articles()[0].error_code == "E200"


def test_result_for_another_article_is_refused(store: Store) -> None:
    article = make_article(1)
    with pytest.raises(StoreError, match="is not for article"):
        store.add_result(article, make_result(make_article(2), 2))
    assert store.summary().articles == 0


def test_rejections_are_recorded_once(store: Store) -> None:
    rejected = Rejected("feed-7", ErrorInfo("E101", "the article has no text"), "feeds/a.xml", "")
    assert store.add_rejected(rejected) is True
    assert store.add_rejected(rejected) is False
    other = Rejected("feed-7", ErrorInfo("E104", "not English"), "feeds/a.xml", "Bonjour")
    assert store.add_rejected(other) is True
    stored = store.rejected()
    assert [s.rejected for s in stored] == [rejected, other]
    assert all(s.rejected_at.tzinfo is not None for s in stored)
    assert store.summary().rejected == 2


def test_articles_listing_counts_what_was_found(store: Store) -> None:
    for i in range(4):
        article = make_article(i)
        store.add_result(article, make_result(article, i, events=i))
    listed = store.articles()
    assert [a.external_id for a in listed] == ["art-0", "art-1", "art-2", "art-3"]
    assert [a.events for a in listed] == [0, 1, 2, 3]
    assert [a.claims for a in listed] == [1, 1, 1, 1]
    newest = store.articles(ArticleFilter(newest_first=True, limit=2))
    assert [a.external_id for a in newest] == ["art-3", "art-2"]
    assert [r.id for r in store.results()] == ["art-0", "art-1", "art-2", "art-3"]


def test_unknown_article_is_none(store: Store) -> None:
    assert store.article("nope") is None
    assert store.article(12345) is None
