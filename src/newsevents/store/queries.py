"""SELECT statements built from filters. Backend differences (full-text search) are confined here."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from newsevents.errors import FilterError, StoreError
from newsevents.store.records import ArticleFilter, ClaimFilter, EventFilter, EventOrder
from newsevents.store.schema import articles, claims, event_actors, event_reports

WORD = re.compile(r"\w+")
PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

ARTICLE_COLUMNS = (
    articles.c.id.label("article_pk"),
    articles.c.external_id.label("article_external_id"),
    articles.c.title.label("article_title"),
    articles.c.url.label("article_url"),
    articles.c.published.label("article_published"),
    articles.c.source.label("article_source"),
    articles.c.ingested_at.label("article_ingested_at"),
)


def full_text(dialect: str, query: str) -> sa.ColumnElement[bool]:
    """Articles whose title or text contain every word of ``query`` (stemmed, ignoring case)."""
    words = WORD.findall(query)
    if not words:
        return sa.false()
    if dialect == "sqlite":
        # Each word quoted, so FTS5 operators typed by a user (AND, NEAR, *, :) are read as plain words.
        match = " ".join(f'"{w}"' for w in words)
        matching = sa.text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts_query").bindparams(
            fts_query=match
        ).columns(sa.column("rowid", sa.Integer))
        return articles.c.id.in_(matching)
    search: sa.ColumnElement[Any] = sa.literal_column("articles.search")
    return search.bool_op("@@")(sa.func.plainto_tsquery("english", " ".join(words)))


def period_start(value: date | str) -> str:
    """First day of a date, month (YYYY-MM) or year (YYYY), as YYYY-MM-DD."""
    year, month, day = _period(value)
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


def period_end(value: date | str) -> str:
    """Last day of a date, month or year, as YYYY-MM-DD."""
    year, month, day = _period(value)
    month = month or 12
    day = day or calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _period(value: date | str) -> tuple[int, int | None, int | None]:
    if isinstance(value, date):
        return value.year, value.month, value.day
    found = PERIOD.match(value.strip())
    if not found:
        raise FilterError(f"not a date, month or year: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)",
                          value=value)
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as exc:
        raise FilterError(f"not a valid date: {value!r}", value=value) from exc
    return year, month, day


def _ci_contains(column: sa.ColumnElement[Any], needle: str) -> sa.ColumnElement[bool]:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.func.lower(column).like(f"%{escaped.lower()}%", escape="\\")


def when_where_what(table: sa.Table, f: EventFilter) -> list[sa.ColumnElement[bool]]:
    """The filter's conditions on dates, place, type and confidence, for a table with the event columns
    (event reports and merged events share their names)."""
    ev = table.c
    found: list[sa.ColumnElement[bool]] = []
    if f.min_confidence > 0:
        found.append(ev.confidence >= f.min_confidence)
    if f.date_from is not None:
        found.append(sa.func.coalesce(ev.date_end, ev.date_start) >= period_start(f.date_from))
    if f.date_to is not None:
        found.append(ev.date_start <= period_end(f.date_to))
    if f.country:
        found.append(ev.country_code == f.country.upper())
    if f.admin1:
        found.append(sa.func.lower(ev.admin1) == f.admin1.lower())
    if f.event_type:
        found.append(ev.event_type == f.event_type)
    if f.sub_event_type:
        found.append(ev.sub_event_type == f.sub_event_type)
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        found += [ev.lat.between(min_lat, max_lat), ev.lon.between(min_lon, max_lon)]
    return found


def event_conditions(f: EventFilter, dialect: str) -> list[sa.ColumnElement[bool]]:
    """The filter's conditions on event reports (joined with their articles), on either backend."""
    ev = event_reports.c
    found = when_where_what(event_reports, f)
    if f.modalities:
        found.append(ev.modality.in_(f.modalities))
    if f.actor:
        named = _ci_contains(event_actors.c.name, f.actor)
        found.append(sa.exists().where(event_actors.c.event_id == ev.id, named))
    if f.text:
        found.append(full_text(dialect, f.text))
    return found


def _event_order(order: EventOrder) -> list[sa.ColumnElement[Any]]:
    ev = event_reports.c
    if order == "date":
        return [ev.date_start.asc().nulls_last(), ev.id.asc()]
    if order == "-date":
        return [ev.date_start.desc().nulls_last(), ev.id.desc()]
    if order == "confidence":
        return [ev.confidence.asc(), ev.id.asc()]
    if order == "-confidence":
        return [ev.confidence.desc(), ev.id.desc()]
    if order == "stored":
        return [ev.id.asc()]
    if order == "-stored":
        return [ev.id.desc()]
    raise StoreError(f"unknown event order {order!r}", order=order)


def _page(stmt: sa.Select[Any], limit: int | None, offset: int) -> sa.Select[Any]:
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt.offset(offset) if offset else stmt


def events_select(f: EventFilter, dialect: str) -> sa.Select[Any]:
    stmt = (
        sa.select(event_reports, *ARTICLE_COLUMNS)
        .join(articles, articles.c.id == event_reports.c.article_id)
        .where(*event_conditions(f, dialect))
        .order_by(*_event_order(f.order))
    )
    return _page(stmt, f.limit, f.offset)


def claims_select(f: ClaimFilter) -> sa.Select[Any]:
    conditions: list[sa.ColumnElement[bool]] = []
    if f.speaker:
        conditions.append(_ci_contains(claims.c.speaker, f.speaker))
    if f.text:
        conditions.append(_ci_contains(claims.c.content, f.text))
    if f.article:
        conditions.append(articles.c.external_id == f.article)
    stmt = (
        sa.select(claims, *ARTICLE_COLUMNS)
        .join(articles, articles.c.id == claims.c.article_id)
        .where(*conditions)
        .order_by(claims.c.article_id.desc(), claims.c.idx.asc())
    )
    return _page(stmt, f.limit, f.offset)


def articles_select(f: ArticleFilter, dialect: str) -> sa.Select[Any]:
    n_events = (
        sa.select(sa.func.count()).where(event_reports.c.article_id == articles.c.id).scalar_subquery()
    )
    n_claims = sa.select(sa.func.count()).where(claims.c.article_id == articles.c.id).scalar_subquery()
    conditions: list[sa.ColumnElement[bool]] = []
    if f.text:
        conditions.append(full_text(dialect, f.text))
    if f.source:
        conditions.append(articles.c.source == f.source)
    stmt = (
        sa.select(
            articles.c.id, articles.c.external_id, articles.c.title, articles.c.url, articles.c.published,
            articles.c.source, articles.c.ingested_at, articles.c.error_code,
            n_events.label("n_events"), n_claims.label("n_claims"),
        )
        .where(*conditions)
        .order_by(articles.c.id.desc() if f.newest_first else articles.c.id.asc())
    )
    return _page(stmt, f.limit, f.offset)


# --- totals, for event reports and merged events alike ---------------------------------------------------

Where = Sequence[sa.ColumnElement[bool]]


def per_day(conn: sa.Connection, table: sa.Table, where: Where,
            source: sa.FromClause | None = None) -> list[tuple[str, str, int]]:
    """(day, event type, how many) for the dated rows of ``table`` (from ``source``) matching ``where``."""
    ev = table.c
    stmt = (sa.select(ev.date_start, ev.event_type, sa.func.count()).select_from(_from(table, source))
            .where(ev.date_start.is_not(None), *where)
            .group_by(ev.date_start, ev.event_type).order_by(ev.date_start, ev.event_type))
    return [(str(d), str(t), int(n)) for d, t, n in conn.execute(stmt)]


def per_country(conn: sa.Connection, table: sa.Table, where: Where,
                source: sa.FromClause | None = None) -> list[tuple[str, int]]:
    ev = table.c
    n = sa.func.count().label("n")
    stmt = (sa.select(ev.country_code, n).select_from(_from(table, source))
            .where(ev.country_code.is_not(None), *where)
            .group_by(ev.country_code).order_by(n.desc(), ev.country_code))
    return [(str(c), int(k)) for c, k in conn.execute(stmt)]


def per_place(conn: sa.Connection, table: sa.Table, where: Where, limit: int, offset: int,
              source: sa.FromClause | None = None) -> list[dict[str, Any]]:
    """Places with how many rows each, most first."""
    ev = table.c
    n = sa.func.count().label("n")
    keys = (ev.location_name, ev.country_code, ev.admin1, ev.geonames_id)
    stmt = (sa.select(*keys, sa.func.avg(ev.lat).label("lat"), sa.func.avg(ev.lon).label("lon"), n)
            .select_from(_from(table, source)).where(ev.location_name.is_not(None), *where)
            .group_by(*keys).order_by(n.desc(), ev.location_name).limit(limit).offset(offset))
    return [
        {"name": r.location_name, "country_code": r.country_code, "admin1": r.admin1,
         "geonames_id": r.geonames_id, "lat": float(r.lat), "lon": float(r.lon), "events": int(r.n)}
        for r in conn.execute(stmt)
    ]


def _from(table: sa.Table, source: sa.FromClause | None) -> sa.FromClause:
    return table if source is None else source
