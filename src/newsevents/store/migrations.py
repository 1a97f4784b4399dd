"""Versioned schema migrations, applied in order when a store is opened.

``schema_migrations`` holds one row per applied migration. Opening a store applies the missing ones, each
in its own transaction together with its row, so a crash mid-migration leaves the previous version intact.
A database migrated by a newer newsevents than this one is refused with ``MigrationError`` rather than
written with the wrong shape.

To change the schema, append a ``Migration`` (never edit an applied one). Migration 1 builds its tables from
``schema.py``; a later migration that alters one of those tables must first copy that table's version-1
definition into migration 1, so old and new databases pass through the same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from newsevents.errors import MigrationError
from newsevents.model import COUNT_FIELDS
from newsevents.store import schema
from newsevents.store.merged_schema import create_review_table as create_merge_review_table
from newsevents.store.merged_schema import merged_members

WRITE_OPTION = "newsevents_write"  # execution option: this transaction writes (SQLite locks at BEGIN)
# Any constant: PostgreSQL advisory lock key that serialises concurrent first opens of one database.
_PG_LOCK_KEY = 7_311_420_901


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


def _v1_event_reports(metadata: sa.MetaData) -> sa.Table:
    """``event_reports`` as migration 1 built it, before migration 5 added ``background``."""
    return sa.Table(
        "event_reports",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),  # position in the article's result
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("sub_event_type", sa.Text, nullable=False),
        sa.Column("plover_type", sa.Text, nullable=False),
        sa.Column("plover_mode", sa.Text),
        sa.Column("date_start", sa.String(10)),  # ISO dates compare correctly as text on both backends
        sa.Column("date_end", sa.String(10)),
        sa.Column("time_precision", sa.Integer),
        sa.Column("location_name", sa.Text),  # null exactly when the event has no location
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geonames_id", sa.Integer),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("arrested", sa.Integer),
        sa.Column("troops", sa.Integer),
        sa.Column("protesters", sa.Integer),
        sa.Column("equipment", sa.Integer),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("source_claim", sa.Integer),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("actors_json", sa.Text, nullable=False),  # the exact actor list; event_actors indexes it
        sa.Column("evidence_json", sa.Text, nullable=False),  # [{"start", "end"}, ...] into articles.text
        sa.Column("evidence_text", sa.Text, nullable=False),  # the evidence spans' words
        sa.UniqueConstraint("article_id", "idx"),
        sa.Index("ix_event_reports_date", "date_start", "date_end"),
        sa.Index("ix_event_reports_place", "country_code", "admin1"),
        sa.Index("ix_event_reports_type", "event_type", "sub_event_type"),
    )


def _create_v1_tables(conn: sa.Connection) -> None:
    v1 = sa.MetaData()
    for table in schema.V1_TABLES:
        if table is not schema.event_reports:
            table.to_metadata(v1)
    _v1_event_reports(v1)
    v1.create_all(conn)
    if conn.dialect.name == "sqlite":
        # External-content FTS5 index: the text lives once, in ``articles``; rows are added by the writer.
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='articles', content_rowid='id', tokenize='porter unicode61')"
        )
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_articles_search ON articles USING gin (search)")


def _create_review_tables(conn: sa.Connection) -> None:
    """Migration 2: reviews of event reports and claims (unchanged since)."""
    schema.metadata.create_all(conn, tables=[schema.event_reviews, schema.claim_reviews])


def _v3_merged_events(metadata: sa.MetaData) -> sa.Table:
    """``merged_events`` as migration 3 built it, before migration 6 added ``confidence``."""
    return sa.Table(
        "merged_events",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("sub_event_type", sa.Text, nullable=False),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("time_precision", sa.Integer),
        sa.Column("location_name", sa.Text),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geonames_id", sa.Integer),
        sa.Column("geo_precision", sa.Integer),
        *(sa.Column(name, sa.Integer) for name in COUNT_FIELDS),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("n_outlets", sa.Integer, nullable=False),
        sa.Column("first_report", sa.Text),
        sa.Column("last_report", sa.Text),
        sa.Column("sources_json", sa.Text, nullable=False),
        sa.Column("figures_json", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Index("ix_merged_events_place_date", "country_code", "date_start"),
    )


def _create_merged_tables(conn: sa.Connection) -> None:
    v3 = sa.MetaData()
    schema.event_reports.to_metadata(v3)  # only for merged_members' foreign key: it exists already
    created = [_v3_merged_events(v3), merged_members.to_metadata(v3)]
    v3.create_all(conn, tables=created)


def _add_event_background(conn: sa.Connection) -> None:
    false = "0" if conn.dialect.name == "sqlite" else "false"
    conn.exec_driver_sql(f"ALTER TABLE event_reports ADD COLUMN background BOOLEAN NOT NULL DEFAULT {false}")


def _add_merged_confidence(conn: sa.Connection) -> None:
    """``merged_events.confidence``: the highest confidence among an event's member reports whose latest
    review is not a rejection (0 when every report is rejected), filled in for the stored events."""
    conn.exec_driver_sql("ALTER TABLE merged_events ADD COLUMN confidence FLOAT NOT NULL DEFAULT 0")
    conn.exec_driver_sql(
        "UPDATE merged_events SET confidence = COALESCE(("
        " SELECT MAX(er.confidence) FROM merged_members mm"
        " JOIN event_reports er ON er.id = mm.event_report_id"
        " WHERE mm.merged_event_id = merged_events.id AND NOT EXISTS ("
        "  SELECT 1 FROM event_reviews rv WHERE rv.event_id = er.id AND rv.action = 'reject'"
        "  AND rv.id = (SELECT MAX(latest.id) FROM event_reviews latest WHERE latest.event_id = er.id))"
        "), 0)"
    )


def _add_columns(conn: sa.Connection, table: str, columns: tuple[tuple[str, str], ...]) -> None:
    """Add the columns a table lacks: a store made before the migration gets them; migration 1 of a new
    store may have built them already from the current schema."""
    have = {c["name"] for c in sa.inspect(conn).get_columns(table)}
    for name, kind in columns:
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def _add_claim_speaker_reason(conn: sa.Connection) -> None:
    _add_columns(conn, "claims", (("speaker_reason", "VARCHAR(32)"), ("within_idx", "INTEGER")))


def _add_admin2(conn: sa.Connection) -> None:
    _add_columns(conn, "event_reports", (("admin2", "TEXT"),))
    _add_columns(conn, "places", (("admin2", "TEXT"),))


def _add_date_period(conn: sa.Connection) -> None:
    _add_columns(conn, "dates", (("period", "VARCHAR(8)"),))


def _add_merged_modality(conn: sa.Connection) -> None:
    """``merged_events.modality``, filled in for the stored events from their member reports by the rule
    merging uses (``merge.event.merged_modality``), over the reports no reviewer rejected (all of them when a
    reviewer rejected every one). Idempotent: a column that exists already is filled in again."""
    from newsevents.merge.event import most_factual
    from newsevents.model import cue_denies

    if "modality" not in {c["name"] for c in sa.inspect(conn).get_columns("merged_events")}:
        conn.exec_driver_sql(
            "ALTER TABLE merged_events ADD COLUMN modality VARCHAR(16) NOT NULL DEFAULT 'asserted'")
    found = conn.exec_driver_sql(
        "SELECT mm.merged_event_id, er.modality, c.cue, ("
        " SELECT rv.action FROM event_reviews rv WHERE rv.event_id = er.id ORDER BY rv.id DESC LIMIT 1)"
        " FROM merged_members mm JOIN event_reports er ON er.id = mm.event_report_id"
        " LEFT JOIN claims c ON c.article_id = er.article_id AND c.idx = er.source_claim"
    ).all()
    kept: dict[int, list[str]] = {}
    every: dict[int, list[str]] = {}
    for event_id, modality, cue, action in found:
        stated = "negated" if cue_denies(cue) else str(modality)
        every.setdefault(int(event_id), []).append(stated)
        if action != "reject":
            kept.setdefault(int(event_id), []).append(stated)
    by_modality: dict[str, list[int]] = {}
    for event_id, stated_all in every.items():
        by_modality.setdefault(most_factual(kept.get(event_id) or stated_all), []).append(event_id)
    table = sa.table("merged_events", sa.column("id", sa.Integer), sa.column("modality", sa.String))
    for modality, ids in by_modality.items():
        for at in range(0, len(ids), 10_000):
            conn.execute(table.update().where(table.c.id.in_(ids[at:at + 10_000])).values(modality=modality))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, event reports, actors, claims, places, dates, rejected inputs, full-text index",
              _create_v1_tables),
    Migration(2, "event and claim reviews", _create_review_tables),
    Migration(3, "merged events and their member reports", _create_merged_tables),
    Migration(4, "splits and joins of merged events by reviewers", create_merge_review_table),
    Migration(5, "event reports: background (history told as context)", _add_event_background),
    Migration(6, "merged events: confidence (of their most confident report not rejected)",
              _add_merged_confidence),
    Migration(7, "claims: speaker_reason (why a claim has no speaker) and within_idx (the claim a quotation "
                 "sits in)", _add_claim_speaker_reason),
    Migration(8, "merged events: modality (the most factual of their reports': asserted, claimed, planned, "
                 "hypothetical, negated)", _add_merged_modality),
    Migration(9, "event reports and places: admin2 (the second-level division)", _add_admin2),
    Migration(10, "dates: period (the season, quarter or half a date mention names)", _add_date_period),
)


def current_version(conn: sa.Connection) -> int:
    found = conn.execute(sa.select(sa.func.max(schema.schema_migrations.c.version))).scalar()
    return int(found or 0)


def _lock(conn: sa.Connection) -> None:
    """Make a second process opening the same new database wait rather than migrate it twice."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    # SQLite: the write transaction the store begins (BEGIN IMMEDIATE) already holds the database lock.


def _apply_one(engine: sa.Engine, migration: Migration) -> bool:
    """Apply ``migration`` unless another process did; True when this call applied it."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        _lock(conn)
        schema.schema_migrations.create(conn, checkfirst=True)
        version = current_version(conn)
        if version >= migration.version:
            return False
        migration.apply(conn)
        conn.execute(schema.schema_migrations.insert().values(
            version=migration.version, name=migration.name, applied_at=datetime.now(UTC),
        ))
        return True


def latest_version() -> int:
    return MIGRATIONS[-1].version


def migrate(engine: sa.Engine) -> int:
    """Bring the database up to this code's schema; return the version it ends at."""
    with engine.connect() as conn:
        exists = sa.inspect(conn).has_table(schema.schema_migrations.name)
        found = current_version(conn) if exists else 0
    if found > latest_version():
        raise MigrationError(
            f"the database is at schema version {found}, newer than this newsevents knows "
            f"({latest_version()}); upgrade newsevents to open it",
            found=found, known=latest_version(),
        )
    for migration in MIGRATIONS:
        if migration.version > found:
            _apply_one(engine, migration)
    return latest_version()
