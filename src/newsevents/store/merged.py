"""Merged events: which stored event reports describe one real-world event, and what that event says.

``event_reports`` keeps what each article says; ``merged_events`` holds the real-world events, and
``merged_members`` ties every report to exactly one of them (a report is never dropped by merging: a report
alike to none is an event of its own). Each merged event keeps, besides its fields, where each field came
from (``sources_json``: field -> report) and every figure reported for each count (``figures_json``), so
every merged value can be traced back to the articles.

The functions here take a ``Store``: ``merge_new_reports`` (incremental), ``split`` and ``join`` (for
reviewers), ``merged_event`` and ``merged_events`` (reading). The tables are created by the store's
migration list (``MIGRATION_NAME``, ``create_tables``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from newsevents.errors import StoreError
from newsevents.merge.cluster import Assignment, cluster
from newsevents.merge.event import EventClaim, FieldSource, Figure, MergedEvent, summarise
from newsevents.merge.reports import Report, report_from_row
from newsevents.merge.similarity import MergeSettings
from newsevents.model import COUNT_FIELDS, Counts, DateSpan, Location
from newsevents.store.merged_schema import merged_events, merged_members
from newsevents.store.schema import articles, claims, event_actors, event_reports

if TYPE_CHECKING:
    from newsevents.store.db import Store

MIGRATION_NAME = "merged events and their member reports"
SENTENCE_END = re.compile(r"[.!?]\s|\n")
# Merging compares a new report with stored events up to this many days away (the widest date window).
NEARBY_DAYS = 60

@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What one ``merge_new_reports`` run did."""

    reports: int  # reports that were in no merged event before
    new_events: int  # merged events created
    grown_events: int  # stored merged events that gained reports


# --- reading reports ---------------------------------------------------------------------------------

def _report_select() -> sa.Select[Any]:
    return sa.select(
        event_reports,
        articles.c.external_id.label("article_external_id"),
        articles.c.source.label("article_source"),
        articles.c.url.label("article_url"),
        articles.c.published.label("article_published"),
        articles.c.content_hash.label("article_content_hash"),
    ).join(articles, articles.c.id == event_reports.c.article_id)


def _load_reports(conn: sa.Connection, where: sa.ColumnElement[bool]) -> list[Report]:
    found = conn.execute(_report_select().where(where).order_by(event_reports.c.id)).mappings().all()
    actors: dict[int, list[Mapping[Any, Any]]] = defaultdict(list)
    actor_stmt = sa.select(event_actors).where(event_actors.c.event_id.in_(
        sa.select(event_reports.c.id).where(where)
    )).order_by(event_actors.c.event_id, event_actors.c.idx)
    for row in conn.execute(actor_stmt).mappings():
        actors[int(row["event_id"])].append(row)
    return [report_from_row(row, actors.get(int(row["id"]), [])) for row in found]


def _unmerged(conn: sa.Connection) -> list[Report]:
    merged = sa.select(merged_members.c.event_report_id)
    return _load_reports(conn, event_reports.c.id.not_in(merged))


def _members_of(conn: sa.Connection, event_ids: sa.Select[Any] | Sequence[int]) -> dict[int, list[Report]]:
    """The member reports of the given merged events, by event."""
    stmt = sa.select(merged_members.c.event_report_id, merged_members.c.merged_event_id).where(
        merged_members.c.merged_event_id.in_(event_ids)
    )
    home = {int(r): int(e) for r, e in conn.execute(stmt).all()}
    in_events = sa.select(merged_members.c.event_report_id).where(
        merged_members.c.merged_event_id.in_(event_ids))
    grouped: dict[int, list[Report]] = defaultdict(list)
    for report in _load_reports(conn, event_reports.c.id.in_(in_events)):
        grouped[home[report.id]].append(report)
    return dict(grouped)


def _nearby_events(conn: sa.Connection, new: Sequence[Report]) -> dict[int, list[Report]]:
    """Stored merged events that a new report could join: same country, dated near enough (or undated)."""
    if not new:
        return {}
    days = sorted(day for r in new if (window := r.window()) is not None for day in window)
    countries = sorted({r.country_code for r in new if r.country_code})
    place: sa.ColumnElement[bool] = merged_events.c.country_code.in_(countries) if countries else sa.false()
    if any(r.country_code is None for r in new):
        place = sa.or_(place, merged_events.c.country_code.is_(None))
    when: sa.ColumnElement[bool] = merged_events.c.date_start.is_(None)
    if days:
        low = (days[0] - timedelta(days=NEARBY_DAYS)).isoformat()
        high = (days[-1] + timedelta(days=NEARBY_DAYS)).isoformat()
        when = sa.or_(when, merged_events.c.date_start.between(low, high))
    ids = sa.select(merged_events.c.id).where(place, when)
    return _members_of(conn, ids)


# --- writing -----------------------------------------------------------------------------------------

def _event_row(event: MergedEvent, now: datetime) -> dict[str, Any]:
    loc = event.location
    row: dict[str, Any] = {
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "date_start": event.date.start, "date_end": event.date.end, "time_precision": event.date.precision,
        "location_name": loc.name if loc else None, "country_code": event.country_code,
        "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geonames_id": loc.geonames_id if loc else None, "geo_precision": loc.geo_precision if loc else None,
        "n_reports": event.n_reports, "n_outlets": event.n_outlets,
        "first_report": event.first_report, "last_report": event.last_report,
        "sources_json": json.dumps([s.to_dict() for s in event.sources]),
        "figures_json": json.dumps([f.to_dict() for f in event.figures]),
        "updated_at": now,
    }
    row.update({name: getattr(event.counts, name) for name in COUNT_FIELDS})
    return row


def _add_members(conn: sa.Connection, event_id: int, report_ids: Iterable[int], added_by: str,
                 now: datetime) -> None:
    rows = [{"merged_event_id": event_id, "event_report_id": rid, "added_by": added_by, "added_at": now}
            for rid in report_ids]
    if rows:
        conn.execute(merged_members.insert(), rows)


def _create_event(conn: sa.Connection, reports: Sequence[Report], added_by: str, now: datetime) -> int:
    row = _event_row(summarise(reports), now)
    stmt = merged_events.insert().values(row).returning(merged_events.c.id)
    event_id = int(conn.execute(stmt).scalar_one())
    _add_members(conn, event_id, (r.id for r in reports), added_by, now)
    return event_id


def _refresh_event(conn: sa.Connection, event_id: int, now: datetime) -> None:
    """Recompute a merged event's fields from its members, or delete it when it has none left."""
    members = _members_of(conn, [event_id]).get(event_id, [])
    if not members:
        conn.execute(merged_events.delete().where(merged_events.c.id == event_id))
        return
    row = _event_row(summarise(members, event_id), now)
    conn.execute(merged_events.update().where(merged_events.c.id == event_id).values(row))


def _apply(conn: sa.Connection, assignments: Sequence[Assignment], now: datetime) -> MergeSummary:
    new_events = grown = 0
    for assignment in assignments:
        if assignment.existing is None:
            _create_event(conn, assignment.reports, "merge", now)
            new_events += 1
        else:
            _add_members(conn, assignment.existing, (r.id for r in assignment.reports), "merge", now)
            _refresh_event(conn, assignment.existing, now)
            grown += 1
    return MergeSummary(sum(len(a.reports) for a in assignments), new_events, grown)


def merge_new_reports(store: Store, settings: MergeSettings | None = None) -> MergeSummary:
    """Put every report that is in no merged event yet into one: a stored event it matches, or a new one.

    Stored events are never re-clustered; new reports are compared with each other and with stored events
    of the same country and nearby dates, in one write transaction."""
    with store._connection(write=True) as conn:
        new = _unmerged(conn)
        if not new:
            return MergeSummary(0, 0, 0)
        existing = _nearby_events(conn, new)
        assignments = cluster(new, existing, settings)
        return _apply(conn, assignments, datetime.now(UTC))


def _members_checked(conn: sa.Connection, event_id: int) -> list[Report]:
    members = _members_of(conn, [event_id]).get(event_id)
    if not members:
        raise StoreError(f"no merged event {event_id}", merged_event=event_id)
    return members


def split(store: Store, merged_id: int, report_ids: Iterable[int]) -> int:
    """Move ``report_ids`` (members of ``merged_id``, not all of them) into a new merged event; its id."""
    moving = sorted(set(report_ids))
    with store._connection(write=True) as conn:
        members = _members_checked(conn, merged_id)
        member_ids = {r.id for r in members}
        strangers = [rid for rid in moving if rid not in member_ids]
        if strangers or not moving or len(moving) == len(member_ids):
            why = f"reports {strangers} are not members" if strangers else "give some of its reports, not all"
            raise StoreError(f"cannot split merged event {merged_id}: {why}", merged_event=merged_id,
                             reports=moving)
        now = datetime.now(UTC)
        conn.execute(merged_members.delete().where(merged_members.c.event_report_id.in_(moving)))
        new_id = _create_event(conn, [r for r in members if r.id in set(moving)], "review", now)
        _refresh_event(conn, merged_id, now)
    return new_id


def join(store: Store, a: int, b: int) -> int:
    """Move every report of merged event ``b`` into ``a`` and delete ``b``; returns ``a``.

    Refused when both hold a report from the same article: an article's reports are distinct events."""
    if a == b:
        raise StoreError(f"cannot join merged event {a} with itself", merged_event=a)
    with store._connection(write=True) as conn:
        kept, gone = _members_checked(conn, a), _members_checked(conn, b)
        shared = sorted({r.article_id for r in kept} & {r.article_id for r in gone})
        if shared:
            message = f"cannot join merged events {a} and {b}: both hold reports of article(s) {shared}"
            raise StoreError(message, merged_event=a, other=b, articles=shared)
        now = datetime.now(UTC)
        conn.execute(merged_members.update().where(merged_members.c.merged_event_id == b).values(
            merged_event_id=a, added_by="review", added_at=now))
        conn.execute(merged_events.delete().where(merged_events.c.id == b))
        _refresh_event(conn, a, now)
    return a


# --- reading merged events ---------------------------------------------------------------------------

def _from_row(row: Mapping[Any, Any], reports: Sequence[int]) -> MergedEvent:
    location = None
    if row["location_name"] is not None:
        location = Location(row["location_name"], row["country_code"] or "", row["admin1"], float(row["lat"]),
                            float(row["lon"]), row["geonames_id"], int(row["geo_precision"]))
    return MergedEvent(
        id=int(row["id"]), event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        date=DateSpan(row["date_start"], row["date_end"], row["time_precision"]), location=location,
        country_code=row["country_code"], counts=Counts(**{k: row[k] for k in COUNT_FIELDS}),
        n_reports=int(row["n_reports"]), n_outlets=int(row["n_outlets"]),
        first_report=row["first_report"], last_report=row["last_report"], reports=tuple(reports),
        sources=tuple(FieldSource.from_dict(d) for d in json.loads(row["sources_json"])),
        figures=tuple(Figure.from_dict(d) for d in json.loads(row["figures_json"])),
    )


def merged_events_list(store: Store, *, country: str | None = None, limit: int | None = None,
                       offset: int = 0, with_claims: bool = False) -> list[MergedEvent]:
    """Stored merged events, most reported first (then by id); ``country`` is an ISO alpha-2 code."""
    stmt = sa.select(merged_events).order_by(merged_events.c.n_reports.desc(), merged_events.c.id)
    if country:
        stmt = stmt.where(merged_events.c.country_code == country.upper())
    stmt = stmt.offset(offset).limit(limit) if limit is not None else stmt.offset(offset)
    with store._connection(write=False) as conn:
        rows = conn.execute(stmt).mappings().all()
        ids = [int(r["id"]) for r in rows]
        members = _member_ids(conn, ids)
        found = [_from_row(r, members.get(int(r["id"]), [])) for r in rows]
        if with_claims:
            found = [replace(e, claims=_claims_of(conn, e)) for e in found]
    return found


def merged_event(store: Store, merged_id: int) -> MergedEvent | None:
    """One merged event with the claims made about it, or None."""
    with store._connection(write=False) as conn:
        row = conn.execute(sa.select(merged_events).where(merged_events.c.id == merged_id)).mappings().first()
        if row is None:
            return None
        event = _from_row(row, _member_ids(conn, [merged_id]).get(merged_id, []))
        return replace(event, claims=_claims_of(conn, event))


def merged_event_of(store: Store, report_id: int) -> int | None:
    """The merged event an event report belongs to (None until ``merge_new_reports`` has run)."""
    stmt = sa.select(merged_members.c.merged_event_id).where(merged_members.c.event_report_id == report_id)
    with store._connection(write=False) as conn:
        found = conn.execute(stmt).scalar()
    return int(found) if found is not None else None


def _member_ids(conn: sa.Connection, event_ids: Sequence[int]) -> dict[int, list[int]]:
    if not event_ids:
        return {}
    stmt = sa.select(merged_members.c.merged_event_id, merged_members.c.event_report_id).where(
        merged_members.c.merged_event_id.in_(event_ids)).order_by(merged_members.c.event_report_id)
    grouped: dict[int, list[int]] = defaultdict(list)
    for event_id, report_id in conn.execute(stmt).all():
        grouped[int(event_id)].append(int(report_id))
    return grouped


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous sentence end to the next one."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() + 1 if after else len(text))


def _claims_of(conn: sa.Connection, event: MergedEvent) -> tuple[EventClaim, ...]:
    """Claims tied to the member reports: the report's source claim, or a claim in its evidence sentence."""
    from newsevents.pipeline.claims import is_denial  # the pipeline is heavy: loaded only when asked
    from newsevents.store import rows as row_codec

    stmt = sa.select(event_reports.c.id, event_reports.c.article_id, event_reports.c.source_claim,
                     event_reports.c.evidence_json, articles.c.external_id, articles.c.text).join(
        articles, articles.c.id == event_reports.c.article_id).where(event_reports.c.id.in_(event.reports))
    found: dict[tuple[str, int], EventClaim] = {}
    for report in conn.execute(stmt.order_by(event_reports.c.id)).mappings():
        claim_rows = conn.execute(sa.select(claims).where(claims.c.article_id == report["article_id"])
                                  .order_by(claims.c.idx)).mappings().all()
        evidence = json.loads(report["evidence_json"])
        sentences = [_sentence(report["text"], int(e["start"]), int(e["end"])) for e in evidence]
        for row in claim_rows:
            claim = row_codec.to_claim(row)
            start, end = claim.content_span
            if report["source_claim"] is not None and int(row["idx"]) == int(report["source_claim"]):
                link = "source_claim"
            elif any(start < s_end and s_start < end for s_start, s_end in sentences):
                link = "sentence"
            else:
                continue
            key = (report["external_id"], int(row["idx"]))
            if key not in found or link == "source_claim":
                found[key] = EventClaim("denied" if is_denial(claim) else "asserted", claim.speaker,
                                        claim.content, report["external_id"], int(report["id"]),
                                        int(row["idx"]), link)  # type: ignore[arg-type]
    return tuple(found[k] for k in sorted(found))
