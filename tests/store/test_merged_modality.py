"""A merged event's modality (issue 15): the most factual of its reports', a report whose source claim denies
it counting as negated; stored (migration 8), kept up to date by merges, joins and reviews, filterable, and
the ACLED formats leave out what did not happen. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
from collections.abc import Sequence

import sqlalchemy as sa

from newsevents.merge.event import merged_modality
from newsevents.merge.reports import reports_from_results
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
from newsevents.store import EventFilter, Store, merged_queries
from newsevents.store.export import acled_types_only, happened_only, iter_items, write_acled_csv
from newsevents.store.merged import join, merge_new_reports
from newsevents.store.merged_read import merged_event, merged_events_list
from newsevents.store.review import Reviews

# Each story its own place, far from the others, so that merging keeps them apart until a test joins them.
PLACES = {
    "KZ": Location("Almaty", "KZ", "Almaty", 43.25, 76.95, None, 1),
    "PE": Location("Lima", "PE", "Lima", -12.05, -77.04, None, 1),
    "NO": Location("Bergen", "NO", "Vestland", 60.39, 5.32, None, 1),
    "AR": Location("Rosario", "AR", "Santa Fe", -32.95, -60.64, None, 1),
}


def story(article_id: str, country: str, modality: str, *, cue: str | None = None,
          killed: int | None = None) -> tuple[Article, Result]:
    """An article about a crackdown on a march; ``cue``: the event is known through a claim with this cue."""
    event_text = f"Security forces fired on marchers in {PLACES[country].name} on Monday."
    claim_text = "the forces used excessive force against the marchers"
    text = f"{event_text} A spokesman {cue or 'said'} that {claim_text}."
    claims: tuple[Claim, ...] = ()
    source = None
    if cue is not None:
        cue_at = text.index(cue)
        content_at = text.index(claim_text)
        claims = (Claim("A spokesman", (text.index("A spokesman"), text.index("A spokesman") + 11), cue,
                        (cue_at, cue_at + len(cue)), claim_text, (content_at, content_at + len(claim_text)),
                        False),)
        source = 0
    event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", plover=Plover("ASSAULT", None),
        date=DateSpan("2022-01-10", "2022-01-10", 1), location=PLACES[country],
        actors=(Actor("Security forces", "actor1", "State forces", country),),
        counts=Counts(killed=killed), modality=modality,  # type: ignore[arg-type]
        evidence=(Evidence(0, len(event_text)),), source_claim=source, confidence=0.8,
    )
    article = Article(id=article_id, text=text, title=f"Report {article_id}", published="2022-01-11",
                      url=f"https://news.example.org/{article_id}", source=f"Outlet {article_id}")
    return article, Result(id=article_id, events=(event,), claims=claims)


def fill(store: Store, stories: Sequence[tuple[Article, Result]]) -> dict[str, int]:
    """Store and merge the stories; the merged event of each article, by article id."""
    for article, result in stories:
        store.add_result(article, result)
    merge_new_reports(store)
    article_of = {e.id: e.article_id for e in store.events(EventFilter(min_confidence=0))}
    return {article_of[r]: e.id for e in merged_events_list(store, EventFilter(min_confidence=0))
            for r in e.reports if e.id is not None}


def modality_of(store: Store, event_id: int) -> str:
    event = merged_event(store, event_id)
    assert event is not None
    return event.modality


def test_the_rule_in_memory() -> None:
    """One report stating the event as fact makes it asserted; a denial cue makes a claimed report negated."""
    results = {a.id: r.to_dict() for a, r in (story("one", "KZ", "asserted"),
                                               story("two", "KZ", "claimed", cue="denied"),
                                               story("three", "KZ", "hypothetical"),
                                               story("four", "KZ", "claimed", cue="said"))}
    reports = {r.article_id: r for r in reports_from_results(results)}
    assert reports["two"].denied and not reports["four"].denied
    assert merged_modality([reports["one"], reports["two"]]) == "asserted"
    assert merged_modality([reports["two"]]) == "negated"
    assert merged_modality([reports["two"], reports["three"]]) == "hypothetical"
    assert merged_modality([reports["three"], reports["four"]]) == "claimed"


def test_a_denied_event_is_stored_negated_and_a_joined_assertion_makes_it_asserted(store: Store) -> None:
    events = fill(store, [story("denied", "KZ", "claimed", cue="denied", killed=5),
                          story("plain", "PE", "asserted", killed=3),
                          story("maybe", "NO", "hypothetical")])
    assert modality_of(store, events["denied"]) == "negated"
    assert modality_of(store, events["plain"]) == "asserted"
    assert modality_of(store, events["maybe"]) == "hypothetical"
    denied = merged_event(store, events["denied"])
    assert denied is not None and denied.counts.killed is None  # a denied report gives no figure
    assert denied.to_dict()["modality"] == "negated"
    join(store, events["denied"], events["plain"], reviewer="tester")
    assert modality_of(store, events["denied"]) == "asserted"


def test_a_review_rejecting_the_only_assertion_leaves_the_denial(store: Store) -> None:
    events = fill(store, [story("denied", "KZ", "claimed", cue="rejected"), story("plain", "PE", "asserted")])
    join(store, events["denied"], events["plain"], reviewer="tester")
    plain = next(e for e in store.events(EventFilter(min_confidence=0)) if e.article_id == "plain")
    reviews = Reviews(store)
    reviews.review_event(plain.id, "reject", reviewer="tester")
    assert modality_of(store, events["denied"]) == "negated"
    reviews.review_event(plain.id, "accept", reviewer="tester")
    assert modality_of(store, events["denied"]) == "asserted"


def test_filters_by_one_modality_or_several(store: Store) -> None:
    events = fill(store, [story("denied", "KZ", "claimed", cue="denied"), story("plain", "PE", "asserted"),
                          story("said", "NO", "claimed", cue="said"), story("maybe", "AR", "planned")])

    def ids(modality: str | tuple[str, ...]) -> set[int]:
        f = EventFilter(modality=modality, min_confidence=0)
        found = {e.id for e in merged_events_list(store, f)}
        assert merged_queries.count(store, f) == len(found)
        assert {p["id"] for p in merged_queries.points(store, f, 100)} == found
        return {i for i in found if i is not None}

    assert ids("negated") == {events["denied"]}
    assert ids(("asserted", "claimed")) == {events["plain"], events["said"]}
    assert ids("planned") == {events["maybe"]}
    points = merged_queries.points(store, EventFilter(min_confidence=0), 100)
    assert {p["id"]: p["modality"] for p in points}[events["denied"]] == "negated"
    # An event report's own modality: the denied report is "claimed" as the pipeline gave it.
    assert [e.article_id for e in store.events(EventFilter(modality="claimed", min_confidence=0))] == [
        "said", "denied"]


def acled_rows(store: Store, f: EventFilter, all_modalities: bool = False) -> list[str]:
    out = io.StringIO()
    items = iter_items(store, "events", f)
    write_acled_csv(acled_types_only(happened_only(items, all_modalities or bool(f.modalities))), out)
    return out.getvalue().splitlines()[1:]


def test_acled_leaves_out_what_did_not_happen_unless_asked(store: Store) -> None:
    fill(store, [story("denied", "KZ", "claimed", cue="denied"), story("plain", "PE", "asserted"),
                 story("maybe", "NO", "hypothetical"), story("said", "AR", "claimed", cue="said")])
    everything = EventFilter(min_confidence=0)
    default = acled_rows(store, everything)
    assert len(default) == 2 and not any("Kazakhstan" in r or "Norway" in r for r in default)
    assert len(acled_rows(store, everything, all_modalities=True)) == 4
    asked = acled_rows(store, EventFilter(modality="negated", min_confidence=0))
    assert len(asked) == 1 and "Kazakhstan" in asked[0]


def test_migration_8_adds_and_fills_the_column_and_runs_again_harmlessly(store_url: str) -> None:
    with Store.open(store_url) as store:
        events = fill(store, [story("denied", "KZ", "claimed", cue="disputed"),
                              story("plain", "PE", "asserted")])
    engine = sa.create_engine(store_url if "://" in store_url else f"sqlite:///{store_url}")
    with engine.begin() as conn:  # a store from before migration 8
        conn.exec_driver_sql("ALTER TABLE merged_events DROP COLUMN modality")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 8")
    with Store.open(store_url) as store:
        assert modality_of(store, events["denied"]) == "negated"
        assert modality_of(store, events["plain"]) == "asserted"
    with engine.begin() as conn:  # the column is there already: the migration fills it in again
        conn.exec_driver_sql("UPDATE merged_events SET modality = 'planned'")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 8")
    with Store.open(store_url) as store:
        assert modality_of(store, events["denied"]) == "negated"
        assert modality_of(store, events["plain"]) == "asserted"
    engine.dispose()
