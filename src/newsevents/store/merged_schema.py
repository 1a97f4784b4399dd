"""Tables of real-world events merged from event reports (migration 3, ``confidence`` added by migration 6,
``modality`` by migration 8),
apart from the merging code so that the migrations need nothing but SQLAlchemy."""

from __future__ import annotations

import sqlalchemy as sa

from newsevents.model import COUNT_FIELDS
from newsevents.store.schema import metadata

merged_events = sa.Table(
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
    sa.Column("first_report", sa.Text),  # the earliest article publication time, as the articles give it
    sa.Column("last_report", sa.Text),
    sa.Column("sources_json", sa.Text, nullable=False),  # [{"field", "report_id", "article_id"}, ...]
    sa.Column("figures_json", sa.Text, nullable=False),  # every reported count with its report and article
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # Migration 6: the highest confidence among the member reports that no reviewer rejected (0 when a
    # reviewer rejected them all), kept up to date by every merge, split, join and review.
    sa.Column("confidence", sa.Float, nullable=False, server_default="0"),
    # Migration 8: the most factual modality among the same reports (``merge.event.merged_modality``: one
    # report stating it as fact makes it "asserted"; "negated" when every report denies it), kept up to date
    # likewise.
    sa.Column("modality", sa.String(16), nullable=False, server_default="asserted"),
    sa.Index("ix_merged_events_place_date", "country_code", "date_start"),
)

merged_members = sa.Table(
    "merged_members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "merged_event_id",
        sa.Integer,
        sa.ForeignKey("merged_events.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "event_report_id",
        sa.Integer,
        sa.ForeignKey("event_reports.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Column("added_by", sa.String(16), nullable=False),  # "merge", or "review" after a split or join
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
)

TABLES = (merged_events, merged_members)

# Migration 4: what reviewers did to merged events (a split or a join), newest last.
merge_reviews = sa.Table(
    "merge_reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(8), nullable=False),  # "split" or "join"
    # Not foreign keys: a join deletes one of the two events, and the history must outlive it.
    # split: the event split and the new event; join: the event kept and the one emptied into it.
    sa.Column("merged_event_id", sa.Integer, nullable=False, index=True),
    sa.Column("other_event_id", sa.Integer, nullable=False, index=True),
    sa.Column("report_ids_json", sa.Text, nullable=False),  # the reports moved
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
)


def create_review_table(conn: sa.Connection) -> None:
    """Migration 4: the history of splits and joins."""
    metadata.create_all(conn, tables=[merge_reviews])
