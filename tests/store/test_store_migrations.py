from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.errors import MigrationError, StoreError
from newsevents.store import EventFilter, Store
from newsevents.store.db import database_url
from newsevents.store.migrations import MIGRATIONS, latest_version

TABLES = {"schema_migrations", "articles", "event_reports", "event_actors", "claims", "places", "dates",
          "rejected_inputs"}


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(database_url(url))


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_open_creates_every_table_and_records_the_version(store_url: str) -> None:
    with Store.open(store_url) as store:
        assert store.schema_version == latest_version()
    engine = _engine(store_url)
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) >= TABLES
        query = sa.text("SELECT version FROM schema_migrations ORDER BY version")
        versions = conn.execute(query).scalars().all()
    engine.dispose()
    assert versions == [m.version for m in MIGRATIONS]


def test_reopen_keeps_data_and_applies_nothing_twice(store_url: str) -> None:
    article = make_article(1)
    with Store.open(store_url) as store:
        assert store.add_result(article, make_result(article, 1))
    with Store.open(store_url) as store:
        assert store.summary().articles == 1
    with Store.open(store_url) as store:
        assert store.summary().articles == 1
    engine = _engine(store_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar()
    engine.dispose()
    assert rows == len(MIGRATIONS)


def test_a_database_newer_than_the_code_is_refused(store_url: str) -> None:
    Store.open(store_url).close()
    engine = _engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, 'from the future', :t)"
        ), {"v": latest_version() + 1, "t": "2030-01-01 00:00:00"})
    engine.dispose()
    with pytest.raises(MigrationError) as caught:
        Store.open(store_url)
    assert caught.value.code == "E301"
    assert caught.value.context["found"] == latest_version() + 1


def test_concurrent_first_opens_migrate_once(store_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            Store.open(store_url).close()
        except BaseException as exc:  # collected and re-checked in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(store_url) as store:
        assert store.schema_version == latest_version()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite"
    Store.open(path).close()
    engine = _engine(str(path))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_sqlite_url_and_memory_forms_open(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'u.sqlite'}") as store:
        assert store.backend == "sqlite"
    with Store.open(":memory:") as store:
        article = make_article(2)
        assert store.add_result(article, make_result(article, 2))
        assert store.summary().events == 2


def test_unusable_locations_raise_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "folder" / "x.sqlite")
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://localhost/x")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_migration_6_gives_stored_merged_events_their_confidence(store_url: str) -> None:
    """A store merged before migration 6: each merged event gets the highest confidence of its reports that
    no reviewer rejected (0 when every one was), and keeps it up to date after."""
    from newsevents.store.merged import merge_new_reports
    from newsevents.store.merged_read import merged_events_list as merged_events
    from newsevents.store.review import Reviews

    everything = EventFilter(min_confidence=0)

    with Store.open(store_url) as store:
        for i in range(2):  # two articles on different days: two merged events of two reports each
            article = make_article(i)
            result = make_result(article, i, day=f"2022-03-0{i + 1}")
            store.add_result(article, result)
        merge_new_reports(store)
        reports = {(s.article_id, s.event.confidence): s.id for s in store.events(everything)}
        reviews = Reviews(store)
        reviews.review_event(reports[("art-0", 0.6)], "reject", reviewer="Ana")
        reviews.review_event(reports[("art-1", 0.5)], "reject", reviewer="Ana")
        reviews.review_event(reports[("art-1", 0.6)], "reject", reviewer="Ana")
        expected = {frozenset(m.reports): m.confidence for m in merged_events(store, everything)}
    assert sorted(expected.values()) == [0.0, 0.5]
    engine = _engine(store_url)  # back to version 5: no confidence column
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE merged_events DROP COLUMN confidence"))
        conn.execute(sa.text("DELETE FROM schema_migrations WHERE version >= 6"))
    engine.dispose()
    with Store.open(store_url) as store:
        assert store.schema_version == latest_version()
        found = {frozenset(m.reports): m.confidence for m in merged_events(store, everything)}
        assert found == expected
        # A minimum hides the event whose every report was rejected.
        assert [m.confidence for m in merged_events(store, EventFilter(min_confidence=0.5))] == [0.5]


def test_migration_7_adds_speaker_reason_to_an_older_store_and_keeps_it(store_url: str) -> None:
    """A store made before migration 7 gains claims.speaker_reason and within_idx; a claim without a
    speaker keeps its reason through the store, a quotation its link; claims stored before read back with
    none."""
    from dataclasses import replace

    with Store.open(store_url) as store:
        article = make_article(0)
        store.add_result(article, make_result(article, 0))
    engine = _engine(store_url)  # back to version 6: no speaker_reason column
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE claims DROP COLUMN speaker_reason"))
        conn.execute(sa.text("ALTER TABLE claims DROP COLUMN within_idx"))
        conn.execute(sa.text("DELETE FROM schema_migrations WHERE version >= 7"))
    engine.dispose()
    with Store.open(store_url) as store:
        assert store.schema_version == latest_version()
        (old_claim,) = _claims(store, "art-0")
        assert old_claim.speaker_reason is None
        article = make_article(1)
        result = make_result(article, 1)
        unnamed = replace(result.claims[0], speaker=None, speaker_reason="unresolved_pronoun")
        inner = replace(unnamed, within=0, direct=True)
        store.add_result(article, replace(result, claims=(unnamed, inner)))
        stored = _claims(store, "art-1")
    assert stored == (unnamed, inner)


def _claims(store: Store, article_id: str) -> tuple:
    found = store.article(article_id)
    assert found is not None
    return found[1].claims


def test_migration_9_adds_admin2_to_event_locations_and_places(store_url: str) -> None:
    """A store made before migration 9 gains admin2 on event reports and places; a second-level division
    given by the pipeline is kept through the store."""
    from dataclasses import replace

    engine = _engine(store_url)
    with Store.open(store_url):
        pass
    with engine.begin() as conn:  # back to version 8: no admin2 columns
        conn.execute(sa.text("ALTER TABLE event_reports DROP COLUMN admin2"))
        conn.execute(sa.text("ALTER TABLE places DROP COLUMN admin2"))
        conn.execute(sa.text("DELETE FROM schema_migrations WHERE version >= 9"))
    engine.dispose()
    with Store.open(store_url) as store:
        assert store.schema_version == latest_version()
        article = make_article(0)
        result = make_result(article, 0)
        event = result.events[0]
        assert event.location is not None
        located = replace(event, location=replace(event.location, admin2="Kings County"))
        place = replace(result.places[0], admin2="Kings County")
        store.add_result(article, replace(result, events=(located, *result.events[1:]), places=(place,)))
        found = store.article("art-0")
    assert found is not None
    stored = found[1]
    assert stored.events[0].location is not None and stored.events[0].location.admin2 == "Kings County"
    assert stored.places[0].admin2 == "Kings County"
