from __future__ import annotations

from dataclasses import replace

import pytest
from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.errors import StoreError
from newsevents.model import DEFAULT_MIN_CONFIDENCE, Actor, Event, Evidence, Result
from newsevents.store import ArticleFilter, ClaimFilter, EventFilter, Store


@pytest.fixture
def filled(store: Store) -> Store:
    """Six articles: i=0,3 in Kharkiv (UA), 1,4 in Lagos (NG), 2,5 in Santiago (CL); article i happens
    on 2022-03-0{i+1}; each has two events (a peaceful protest and a protest with police intervention)."""
    for i in range(6):
        article = make_article(i)
        store.add_result(article, make_result(article, i, day=f"2022-03-0{i + 1}"))
    riot = replace(make_article(6, text="Youths burned tyres and clashed with residents in Lagos overnight."),
                   title="Night of unrest")
    base = make_result(make_article(1), 1).events[1]
    event = replace(
        base, event_type="Riots", sub_event_type="Mob violence",
        date=replace(base.date, start="2021-12-31", end="2022-01-02"),
        actors=(Actor("Rioters (Nigeria)", "actor1", "Rioters", "NG"),), evidence=(Evidence(0, 22),),
    )
    store.add_result(riot, Result(riot.id, events=(event,)))
    return store


def _articles(found: list) -> list[str]:  # type: ignore[type-arg]
    return sorted({s.article_id for s in found})


def test_no_filter_returns_every_event_newest_first(filled: Store) -> None:
    found = filled.events(EventFilter(min_confidence=0))
    assert len(found) == 13
    starts = [s.event.date.start or "" for s in found]
    assert starts == sorted(starts, reverse=True)
    assert found[0].article_title == "Teachers march in Santiago (5)"
    assert found[0].article_url == "https://news.example/5"
    assert found[0].article_source == "Example News"


def test_filter_by_country_admin1_and_types(filled: Store) -> None:
    assert _articles(filled.events(EventFilter(country="ng"))) == ["art-1", "art-4", "art-6"]
    assert _articles(filled.events(EventFilter(admin1="kharkivska"))) == ["art-0", "art-3"]
    riots = filled.events(EventFilter(event_type="Riots"))
    assert [s.article_id for s in riots] == ["art-6"]
    peaceful = filled.events(EventFilter(sub_event_type="Peaceful protest", country="CL"))
    assert _articles(peaceful) == ["art-2", "art-5"]
    assert all(s.event.sub_event_type == "Peaceful protest" for s in peaceful)


def test_date_range_keeps_overlapping_events(filled: Store) -> None:
    found = filled.events(EventFilter(date_from="2022-03-02", date_to="2022-03-03"))
    assert _articles(found) == ["art-1", "art-2"]
    # The riot spans New Year: it overlaps January 2022 and December 2021.
    assert _articles(filled.events(EventFilter(date_from="2022-01", date_to="2022-01"))) == ["art-6"]
    assert _articles(filled.events(EventFilter(date_to="2021"))) == ["art-6"]
    with pytest.raises(StoreError, match="not a date"):
        filled.events(EventFilter(date_from="March 2022"))


def test_filter_by_actor_modality_and_bbox(filled: Store) -> None:
    police = filled.events(EventFilter(actor="police forces (lagos"))
    assert [(s.article_id, s.index) for s in police] == [("art-4", 1), ("art-1", 1)]
    claimed = filled.events(EventFilter(modality="claimed"))
    assert claimed == []  # make_result marks only a third event "claimed"; each article has two
    # Around Nigeria: (min_lon, min_lat, max_lon, max_lat).
    assert _articles(filled.events(EventFilter(bbox=(2.0, 4.0, 15.0, 14.0)))) == ["art-1", "art-4", "art-6"]


def test_full_text_over_title_and_text(filled: Store) -> None:
    assert _articles(filled.events(EventFilter(text="tyres"))) == ["art-6"]
    # Stemmed: "marching" finds "marched"; every word must appear; case is ignored.
    assert len(_articles(filled.events(EventFilter(text="Marching teachers")))) == 6
    assert _articles(filled.events(EventFilter(text="teachers tyres"))) == []
    assert _articles(filled.events(EventFilter(text="Santiago", country="CL"))) == ["art-2", "art-5"]
    # FTS syntax typed by a user is read as words, not operators.
    assert _articles(filled.events(EventFilter(text='"tyres*" (:'))) == ["art-6"]
    assert filled.events(EventFilter(text="tyres OR teachers")) == []  # OR is a word here, not an operator
    assert filled.events(EventFilter(text="   ")) == []
    assert [a.external_id for a in filled.articles(ArticleFilter(text="tyres"))] == ["art-6"]


def test_order_limit_and_offset(filled: Store) -> None:
    oldest = filled.events(EventFilter(order="date"))
    assert oldest[0].article_id == "art-6"
    by_confidence = [s.event.confidence for s in filled.events(EventFilter(order="-confidence"))]
    assert by_confidence == sorted(by_confidence, reverse=True)
    page1 = filled.events(EventFilter(order="stored", limit=5))
    page2 = filled.events(EventFilter(order="stored", limit=5, offset=5))
    assert [s.id for s in page1 + page2] == sorted(s.id for s in filled.events(EventFilter()))[:10]


def test_events_keep_their_evidence(filled: Store) -> None:
    for stored in filled.events(EventFilter(country="UA")):
        found = filled.article(stored.article_pk)
        assert found is not None
        text = found[0].text
        first = stored.event.evidence[0]
        assert stored.evidence_text.startswith(text[first.start:first.end])
        assert isinstance(stored.event, Event)


def test_claims_by_speaker_text_and_article(filled: Store) -> None:
    assert len(filled.claims()) == 6  # the riot article has no claim
    spoken = filled.claims(ClaimFilter(speaker="SPOKESPERSON"))
    assert len(spoken) == 6
    claim = spoken[0].claim
    article = filled.article(spoken[0].article_pk)
    assert article is not None
    assert article[0].text[claim.content_span[0]:claim.content_span[1]] == claim.content
    assert claim.speaker_span is not None
    assert article[0].text[claim.speaker_span[0]:claim.speaker_span[1]] == claim.speaker
    assert filled.claims(ClaimFilter(text="every week", article="art-3"))[0].article_id == "art-3"
    assert filled.claims(ClaimFilter(text="100%_")) == []


def test_min_confidence_keeps_only_confident_events(store: Store) -> None:
    article = make_article(0)
    result = make_result(article, 0, events=5)  # confidences 0.5, 0.6, 0.7, 0.8, 0.9
    doubtful = replace(result.events[0], confidence=0.1)
    store.add_result(article, replace(result, events=(doubtful, *result.events[1:])))
    every = store.events(EventFilter(min_confidence=0))
    assert sorted(s.event.confidence for s in every) == [0.1, 0.6, 0.7, 0.8, 0.9]
    for minimum in (0, 0.1, 0.65, DEFAULT_MIN_CONFIDENCE, 0.9, 1):
        found = store.events(EventFilter(min_confidence=minimum))
        assert {s.id for s in found} == {s.id for s in every if s.event.confidence >= minimum}, minimum
    assert EventFilter() == EventFilter(min_confidence=DEFAULT_MIN_CONFIDENCE)
    assert 0.1 not in {s.event.confidence for s in store.events()}  # hidden by default


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "0.5", True])
def test_min_confidence_outside_0_to_1_is_refused(bad: object) -> None:
    with pytest.raises(StoreError, match="min_confidence"):
        EventFilter(min_confidence=bad)  # type: ignore[arg-type]
