"""Merged events by filter: the same ``EventFilter`` that selects event reports selects real-world events.

Fields a merged event has itself (dates, country, admin1, types, coordinates, modality) are matched on its
own row; the others (an actor's name, words of the articles) match when any member report matches, so a
merged event is found by whatever one of its reports says. ``min_confidence`` is matched on the event's own
``confidence``: the highest among its reports that no reviewer rejected. Orders: by date, by how many
reports give the event ("confidence": more reports, more confident; then its own confidence) or by when it
was stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from newsevents.errors import StoreError
from newsevents.store import queries
from newsevents.store.merged_schema import merged_events, merged_members
from newsevents.store.records import EventFilter, EventOrder
from newsevents.store.schema import articles, event_reports

if TYPE_CHECKING:
    from newsevents.store.db import Store


def _member_matches(f: EventFilter, dialect: str) -> sa.ColumnElement[bool] | None:
    """Exists a member report matching the filter's report-only parts (actor, text). The minimum confidence
    and the modality are the merged event's own."""
    report_only = EventFilter(actor=f.actor, text=f.text, min_confidence=0)
    conditions = queries.event_conditions(report_only, dialect)
    if not conditions:
        return None
    members = (
        sa.select(merged_members.c.id)
        .join(event_reports, event_reports.c.id == merged_members.c.event_report_id)
        .join(articles, articles.c.id == event_reports.c.article_id)
        .where(merged_members.c.merged_event_id == merged_events.c.id, *conditions)
    )
    return sa.exists(members)


def conditions(f: EventFilter, dialect: str) -> list[sa.ColumnElement[bool]]:
    found = queries.when_where_what(merged_events, f)
    if f.modalities:
        found.append(merged_events.c.modality.in_(f.modalities))
    member = _member_matches(f, dialect)
    if member is not None:
        found.append(member)
    return found


def order(by: EventOrder) -> list[sa.ColumnElement[Any]]:
    me = merged_events.c
    orders: dict[str, list[sa.ColumnElement[Any]]] = {
        "date": [me.date_start.asc().nulls_last(), me.id.asc()],
        "-date": [me.date_start.desc().nulls_last(), me.id.desc()],
        "confidence": [me.n_reports.asc(), me.confidence.asc(), me.id.asc()],
        "-confidence": [me.n_reports.desc(), me.confidence.desc(), me.id.asc()],
        "stored": [me.id.asc()],
        "-stored": [me.id.desc()],
    }
    if by not in orders:
        raise StoreError(f"unknown event order {by!r}", order=by)
    return orders[by]


def select(f: EventFilter, dialect: str) -> sa.Select[Any]:
    stmt = sa.select(merged_events).where(*conditions(f, dialect)).order_by(*order(f.order))
    if f.limit is not None:
        stmt = stmt.limit(f.limit)
    return stmt.offset(f.offset) if f.offset else stmt


def count(store: Store, f: EventFilter) -> int:
    stmt = sa.select(sa.func.count()).select_from(merged_events).where(*conditions(f, store.backend))
    with store.transaction() as conn:
        return int(conn.execute(stmt).scalar_one())


def per_day(store: Store, f: EventFilter) -> list[tuple[str, str, int]]:
    """(day, event type, merged events) for dated merged events matching ``f``, by day."""
    with store.transaction() as conn:
        return queries.per_day(conn, merged_events, conditions(f, store.backend))


def per_country(store: Store, f: EventFilter) -> list[tuple[str, int]]:
    with store.transaction() as conn:
        return queries.per_country(conn, merged_events, conditions(f, store.backend))


def per_place(store: Store, f: EventFilter, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Places of merged events matching ``f`` with how many merged events each, most first."""
    with store.transaction() as conn:
        return queries.per_place(conn, merged_events, conditions(f, store.backend), limit, offset)


def points(store: Store, f: EventFilter, limit: int) -> list[dict[str, Any]]:
    """The placed merged events matching ``f`` with only what a map draws, read from their own rows (no
    reports, actors or provenance: ten times cheaper than whole events)."""
    me = merged_events.c
    stmt = (sa.select(me.id, me.event_type, me.sub_event_type, me.date_start, me.date_end, me.location_name,
                      me.country_code, me.admin1, me.lat, me.lon, me.geo_precision, me.n_reports,
                      me.n_outlets, me.confidence, me.modality)
            .where(me.lat.is_not(None), *conditions(f, store.backend)).order_by(*order(f.order)).limit(limit))
    with store.transaction() as conn:
        return [
            {"id": int(r.id), "event_type": r.event_type, "sub_event_type": r.sub_event_type,
             "date": {"start": r.date_start, "end": r.date_end}, "name": r.location_name,
             "country_code": r.country_code, "admin1": r.admin1, "lat": float(r.lat), "lon": float(r.lon),
             "geo_precision": r.geo_precision, "n_reports": int(r.n_reports), "n_outlets": int(r.n_outlets),
             "confidence": round(float(r.confidence), 4), "modality": r.modality}
            for r in conn.execute(stmt)
        ]
