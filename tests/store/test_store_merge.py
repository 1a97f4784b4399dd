"""Merging reports in a real store (SQLite and PostgreSQL): incremental merging, reviewers' split and
join, provenance, concurrent merges."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from newsevents.errors import ReviewError, StoreError
from newsevents.model import (
    Actor,
    Article,
    Claim,
    Counts,
    DateSpan,
    Event,
    Evidence,
    Location,
    Plover,
    Result,
)
from newsevents.store import EventFilter, Store
from newsevents.store.merged import join, merge_new_reports, split
from newsevents.store.merged_read import merged_event, merged_event_of
from newsevents.store.merged_read import merged_events_list as merged_events

LAGOS = Location("Lagos", "NG", "Lagos", 6.45, 3.39, 2332459, 1)
NAIROBI = Location("Nairobi", "KE", "Nairobi Area", -1.29, 36.82, 184745, 1)


def _article(aid: str, text: str, source: str) -> Article:
    return Article(
        id=aid, text=text, published="2023-05-02", source=source, url=f"https://{source}.example/{aid}"
    )


def _event(
    text: str,
    needle: str,
    *,
    where: Location = LAGOS,
    sub: str = "Protest with intervention",
    counts: Counts | None = None,
    modality: str = "asserted",
    source_claim: int | None = None,
    day: str = "2023-05-02",
    actor: str = "Teachers",
) -> Event:
    start = text.index(needle)
    return Event(
        event_type="Protests",
        sub_event_type=sub,
        plover=Plover("PROTEST", "demo"),
        date=DateSpan(day, day, 1),
        location=where,
        actors=(
            Actor(actor, "actor1", "Protesters", None),
            Actor("Police", "actor2", "State forces", where.country_code),
        ),
        counts=counts or Counts(),
        modality=modality,  # type: ignore[arg-type]
        evidence=(Evidence(start, start + len(needle)),),
        source_claim=source_claim,
        confidence=0.8,
    )


def _claim(text: str, speaker: str, content: str, cue: str) -> Claim:
    c, s, q = text.index(content), text.index(speaker), text.index(cue)
    return Claim(
        speaker, (s, s + len(speaker)), cue, (q, q + len(cue)), content, (c, c + len(content)), False
    )


def lagos_reports() -> list[tuple[Article, Result]]:
    """Three outlets on one Lagos teachers' march (the police detained marchers), and a Nairobi march."""
    one = (
        "Teachers marched through Lagos on Tuesday over unpaid wages. Police detained 12 marchers near the "
        "assembly, a union leader said."
    )
    two = (
        "Police in Lagos broke up a teachers' march over unpaid wages on Tuesday and detained 30 people, the "
        "union said, though the police spokesman denied that anyone was detained. Schools stay shut."
    )
    three = (
        "Lagos teachers protesting unpaid wages clashed with police on Tuesday; at least 15 were detained "
        "near the state assembly."
    )
    four = "Nurses marched in Nairobi on Tuesday demanding hospital funding; police detained 4."
    a1, a2, a3, a4 = (
        _article("one", one, "daily"),
        _article("two", two, "herald"),
        _article("three", three, "wire"),
        _article("four", four, "star"),
    )
    return [
        (
            a1,
            Result(
                id="one",
                events=(
                    _event(
                        one,
                        "Teachers marched through Lagos on Tuesday over unpaid wages",
                        counts=Counts(arrested=12),
                    ),
                ),
            ),
        ),
        (
            a2,
            Result(
                id="two",
                events=(
                    _event(
                        two,
                        "Police in Lagos broke up a teachers' march over unpaid wages",
                        counts=Counts(arrested=30),
                        modality="claimed",
                        source_claim=0,
                    ),
                ),
                claims=(
                    _claim(
                        two,
                        "the union",
                        "Police in Lagos broke up a teachers' march over unpaid wages on "
                        "Tuesday and detained 30 people",
                        "said",
                    ),
                    _claim(two, "the police spokesman", "that anyone was detained", "denied"),
                ),
            ),
        ),
        (
            a3,
            Result(
                id="three",
                events=(
                    _event(
                        three,
                        "Lagos teachers protesting unpaid wages clashed with police",
                        counts=Counts(arrested=15),
                    ),
                ),
            ),
        ),
        (
            a4,
            Result(
                id="four",
                events=(
                    _event(
                        four,
                        "Nurses marched in Nairobi on Tuesday demanding hospital funding",
                        where=NAIROBI,
                        actor="Nurses",
                        counts=Counts(arrested=4),
                    ),
                ),
            ),
        ),
    ]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A new store on SQLite, and on PostgreSQL."""
    with Store.open(store_url) as opened:
        yield opened


def _partition(store: Store) -> set[frozenset[tuple[str, int]]]:
    """The merged events as sets of (article id, report index): the same in any store."""
    by_id = {e.id: (e.article_id, e.index) for e in store.events()}
    return {frozenset(by_id[r] for r in m.reports) for m in merged_events(store)}


def test_every_report_lands_in_exactly_one_merged_event(store: Store) -> None:
    for article, result in lagos_reports():
        store.add_result(article, result)
    summary = merge_new_reports(store)
    assert summary.reports == 4
    assert _partition(store) == {frozenset({("one", 0), ("two", 0), ("three", 0)}), frozenset({("four", 0)})}
    assert all(merged_event_of(store, e.id) is not None for e in store.events())
    assert merge_new_reports(store).reports == 0  # nothing new: nothing done


def test_two_processes_merging_at_once_put_each_report_in_one_event(store_url: str) -> None:
    # Two stores on one database stand for two ingest processes finishing together.
    with Store.open(store_url) as first, Store.open(store_url) as second:
        for article, result in lagos_reports():
            first.add_result(article, result)
        with ThreadPoolExecutor(2) as pool:
            summaries = list(pool.map(merge_new_reports, [first, second]))
        assert sorted(s.reports for s in summaries) == [0, 4]  # one merged them all, the other found none
        expected = {frozenset({("one", 0), ("two", 0), ("three", 0)}), frozenset({("four", 0)})}
        assert _partition(first) == expected


def test_merged_fields_are_traceable_to_reports(store: Store) -> None:
    for article, result in lagos_reports():
        store.add_result(article, result)
    merge_new_reports(store)
    lagos = next(m for m in merged_events(store) if m.country_code == "NG")
    event = merged_event(store, lagos.id or 0)
    assert event is not None
    assert event.n_reports == 3 and event.n_outlets == 3
    # ACLED's conservative rule: the lowest well-sourced figure (the claimed 30 is not well sourced).
    assert event.counts.arrested == 12
    assert sorted(f.value for f in event.figures if f.field == "arrested") == [12, 15, 30]
    stored = {e.id: e for e in store.events()}
    arrested_from = event.source_of("arrested")
    assert arrested_from is not None and stored[arrested_from.report_id].article_id == "one"
    for source in event.sources:
        assert source.report_id in event.reports
        assert stored[source.report_id].article_id == source.article_id
    # Who asserted it, and who denied it, from the article that reported it through a claim.
    assert "the union" in event.asserted_by
    assert "the police spokesman" in event.denied_by


def test_incremental_merge_attaches_a_later_report_without_reclustering(store: Store) -> None:
    items = lagos_reports()
    for article, result in items[:2]:
        store.add_result(article, result)
    merge_new_reports(store)
    before = {m.id for m in merged_events(store)}
    for article, result in items[2:]:
        store.add_result(article, result)
    summary = merge_new_reports(store)
    assert summary.grown_events == 1 and summary.new_events == 1
    assert before <= {m.id for m in merged_events(store)}  # stored events kept their ids
    assert _partition(store) == {frozenset({("one", 0), ("two", 0), ("three", 0)}), frozenset({("four", 0)})}


def test_storing_in_another_order_gives_the_same_events(tmp_path: Path) -> None:
    items = lagos_reports()
    partitions = []
    for n, order in enumerate((items, items[::-1], [items[2], items[0], items[3], items[1]])):
        with Store.open(tmp_path / f"order{n}.sqlite") as store:
            for article, result in order:
                store.add_result(article, result)
            merge_new_reports(store)
            partitions.append(_partition(store))
    assert partitions[0] == partitions[1] == partitions[2]


def test_split_and_join_keep_every_report(store: Store) -> None:
    for article, result in lagos_reports():
        store.add_result(article, result)
    merge_new_reports(store)
    lagos = next(m for m in merged_events(store) if m.n_reports == 3)
    assert lagos.id is not None
    moved = lagos.reports[0]
    new_id = split(store, lagos.id, [moved])
    after_split = {m.id: m for m in merged_events(store)}
    assert after_split[new_id].reports == (moved,)
    assert moved not in after_split[lagos.id].reports and after_split[lagos.id].n_reports == 2
    assert join(store, lagos.id, new_id) == lagos.id
    rejoined = merged_event(store, lagos.id)
    assert rejoined is not None and set(rejoined.reports) == set(lagos.reports)
    assert merged_event(store, new_id) is None
    assert sum(m.n_reports for m in merged_events(store)) == 4


def test_reviewer_mistakes_are_refused_with_a_coded_error(store: Store) -> None:
    for article, result in lagos_reports():
        store.add_result(article, result)
    merge_new_reports(store)
    lagos = next(m for m in merged_events(store) if m.n_reports == 3)
    nairobi = next(m for m in merged_events(store) if m.n_reports == 1)
    assert lagos.id is not None and nairobi.id is not None
    with pytest.raises(ReviewError) as caught:
        split(store, lagos.id, list(lagos.reports))  # all of them: nothing would be left
    assert caught.value.code == "E320"
    with pytest.raises(StoreError):
        split(store, lagos.id, list(nairobi.reports))  # not its members
    with pytest.raises(StoreError):
        join(store, lagos.id, 999_999)


def test_one_articles_two_happenings_stay_apart_until_a_reviewer_joins_them(store: Store) -> None:
    text = "Teachers marched in Lagos on Tuesday. A week later, nurses marched in Lagos."
    article = _article("double", text, "daily")
    result = Result(
        id="double",
        events=(
            _event(text, "Teachers marched in Lagos"),
            _event(text, "nurses marched in Lagos", actor="Nurses", day="2023-05-12"),
        ),
    )
    store.add_result(article, result)
    merge_new_reports(store)
    events = merged_events(store)
    assert len(events) == 2  # ten days apart: two events
    joined = join(store, events[0].id or 0, events[1].id or 0, reviewer="Ana")
    assert merged_event(store, joined).n_reports == 2  # type: ignore[union-attr]


def test_a_merged_events_confidence_is_its_best_report_not_rejected(store: Store) -> None:
    from newsevents.store.review import Reviews

    items = lagos_reports()
    confidences = {"one": 0.7, "two": 0.9, "three": 0.3, "four": 0.2}
    for article, result in items:
        events = tuple(replace(e, confidence=confidences[article.id]) for e in result.events)
        store.add_result(article, replace(result, events=events))
    merge_new_reports(store)
    everything = EventFilter(min_confidence=0)
    lagos = next(m for m in merged_events(store, everything) if m.n_reports == 3)
    assert lagos.id is not None
    assert lagos.confidence == 0.9
    assert [m.confidence for m in merged_events(store, EventFilter(min_confidence=0.25))] == [0.9]
    assert sorted(m.confidence for m in merged_events(store, everything)) == [0.2, 0.9]
    report = {e.article_id: e.id for e in store.events(everything)}

    Reviews(store).review_event(report["two"], "reject", reviewer="Ana")
    assert (merged_event(store, lagos.id) or lagos).confidence == 0.7
    moved = split(store, lagos.id, [report["one"]])  # left: "two" (rejected) and "three"
    assert (merged_event(store, lagos.id) or lagos).confidence == 0.3
    assert (merged_event(store, moved) or lagos).confidence == 0.7
    join(store, lagos.id, moved)
    assert (merged_event(store, lagos.id) or lagos).confidence == 0.7
    Reviews(store).review_event(report["one"], "reject", reviewer="Ana")
    Reviews(store).review_event(report["three"], "reject", reviewer="Ana")
    assert (merged_event(store, lagos.id) or lagos).confidence == 0.0  # every report rejected
    assert lagos.id not in {m.id for m in merged_events(store, EventFilter(min_confidence=0.1))}


def test_a_reviewers_figure_is_credited_to_the_reviewer_and_the_outlets_own_is_kept(store: Store) -> None:
    from newsevents.model import Counts
    from newsevents.store.review import EventCorrection, Reviews

    for article, result in lagos_reports():
        store.add_result(article, result)
    merge_new_reports(store)
    report = {e.article_id: e.id for e in store.events()}
    Reviews(store).review_event(report["one"], "correct", reviewer="Ana",
                                correction=EventCorrection(counts=Counts(arrested=14)))
    lagos = next(m for m in merged_events(store) if m.country_code == "NG")
    event = merged_event(store, lagos.id or 0)
    assert event is not None
    arrested = {(f.value, f.reviewer, f.superseded) for f in event.figures
                if f.field == "arrested" and f.report_id == report["one"]}
    assert arrested == {(14, "Ana", False), (12, None, True)}
    # The outlet's replaced 12 is shown, not used: the lowest well-sourced figure is now the reviewer's 14.
    assert event.counts.arrested == 14


def test_a_quotation_inside_a_claim_is_not_listed_twice_on_the_event(store: Store) -> None:
    items = lagos_reports()
    article, result = items[1]
    union = result.claims[0]
    start = article.text.index("broke up")
    inner = replace(union, content="broke up a teachers' march", content_span=(start, start + 26),
                    direct=True, within=0)
    store.add_result(article, replace(result, claims=(*result.claims, inner)))
    merge_new_reports(store)
    (event,) = merged_events(store, with_claims=True)
    assert "the union" in event.asserted_by
    assert [c.claim_index for c in event.claims if c.speaker == "the union"] == [0]
