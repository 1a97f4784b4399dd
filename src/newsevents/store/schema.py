"""The tables of the store, as SQLAlchemy Core ``Table`` objects shared by SQLite and PostgreSQL.

One row per article; below it, one row per extracted thing (event report, actor, claim, place, date), each
keeping its character offsets into the article text. An ``event_reports`` row is one article's account of an
event, not the event itself: a later merge step can group reports of the same real-world event from many
articles without touching these rows.

Full-text search lives outside these tables because it differs by backend: an FTS5 table ``articles_fts``
on SQLite, a generated ``tsvector`` column ``articles.search`` on PostgreSQL (see ``migrations.py``).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("external_id", sa.Text, nullable=False, index=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),  # sha256 of the text
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Text),  # as given: YYYY-MM-DD or an ISO datetime
    sa.Column("published_raw", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Column("error_code", sa.String(16)),
    sa.Column("error_message", sa.Text),
    sa.Column("article_warnings_json", sa.Text, nullable=False, default="[]"),
    sa.Column("result_warnings_json", sa.Text, nullable=False, default="[]"),
    # Unique where not null: many articles have no URL, none may share one.
    sa.Index("ix_articles_url", "url", unique=True, sqlite_where=sa.text("url IS NOT NULL"),
             postgresql_where=sa.text("url IS NOT NULL")),
    sa.Index("ix_articles_published", "published"),
)


def _article_fk() -> sa.Column[int]:
    parent = sa.ForeignKey("articles.id", ondelete="CASCADE")
    return sa.Column("article_id", sa.Integer, parent, nullable=False)


event_reports = sa.Table(
    "event_reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_fk(),
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
    # Added by migration 5: history told as context (Event.background).
    sa.Column("background", sa.Boolean, nullable=False, server_default=sa.false()),
    # Added by migration 9: the location's second-level division (Location.admin2).
    sa.Column("admin2", sa.Text),
    sa.Column("actors_json", sa.Text, nullable=False),  # the exact actor list; event_actors indexes it
    sa.Column("evidence_json", sa.Text, nullable=False),  # [{"start", "end"}, ...] into articles.text
    sa.Column("evidence_text", sa.Text, nullable=False),  # the evidence spans' words, for notes and display
    sa.UniqueConstraint("article_id", "idx"),
    sa.Index("ix_event_reports_date", "date_start", "date_end"),
    sa.Index("ix_event_reports_place", "country_code", "admin1"),
    sa.Index("ix_event_reports_type", "event_type", "sub_event_type"),
)

# One row per actor of an event report, so events can be found by actor without parsing JSON.
event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("event_reports.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("country_code", sa.String(2)),
    sa.Index("ix_event_actors_name", "name"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_start", sa.Integer),
    sa.Column("speaker_end", sa.Integer),
    sa.Column("cue", sa.Text),
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("content_start", sa.Integer, nullable=False),
    sa.Column("content_end", sa.Integer, nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    # Added by migration 7: why the speaker is null, and the claim a quotation sits in (Claim.within).
    sa.Column("speaker_reason", sa.String(32)),
    sa.Column("within_idx", sa.Integer),
    sa.UniqueConstraint("article_id", "idx"),
    sa.Index("ix_claims_speaker", "speaker"),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("country_code", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),  # added by migration 9
    sa.Column("feature", sa.String(4), nullable=False),
    sa.Column("precision", sa.Integer, nullable=False),
    sa.UniqueConstraint("article_id", "idx"),
)

dates = sa.Table(
    "dates",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("value", sa.String(16), nullable=False),
    sa.Column("precision", sa.String(8), nullable=False),
    sa.Column("period", sa.String(8)),  # added by migration 10: "2009-Q1", "2009-SU" (DateMention.period)
    sa.UniqueConstraint("article_id", "idx"),
)

rejected_inputs = sa.Table(
    "rejected_inputs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # sha256 of (input id, origin, code, excerpt): the same rejection recorded twice is kept once.
    sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
    sa.Column("input_id", sa.Text, nullable=False),
    sa.Column("origin", sa.Text),
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False),
    sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
)

# Migration 2: what people said of an event report or a claim (``review.py``); the latest review counts, the
# earlier ones are its history.
event_reviews = sa.Table(
    "event_reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey(event_reports.c.id, ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("action", sa.String(8), nullable=False),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changes_json", sa.Text, nullable=False),  # an EventCorrection's to_dict(); {} unless "correct"
    sa.Column("note", sa.Text),
)

claim_reviews = sa.Table(
    "claim_reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.Integer, sa.ForeignKey(claims.c.id, ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("speaker", sa.Text),  # the corrected speaker; null: the claim has no identifiable speaker
    sa.Column("note", sa.Text),
)

# The tables migration 1 creates, parents first.
V1_TABLES = (articles, event_reports, event_actors, claims, places, dates, rejected_inputs)
