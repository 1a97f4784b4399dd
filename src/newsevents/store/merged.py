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
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from newsevents.errors import ReviewError
from newsevents.merge.cluster import Assignment, cluster
from newsevents.merge.event import EventClaim, FieldSource, Figure, MergedEvent, summarise, vote_actors
from newsevents.merge.reports import Report, outlet_of, report_from_row, sentence_span
from newsevents.merge.similarity import MergeSettings
from newsevents.model import COUNT_FIELDS, Actor, Counts, DateSpan, Location
from newsevents.store import merged_queries, queries, rows
from newsevents.store.db import _stored_event
from newsevents.store.merged_schema import merge_reviews, merged_events, merged_members
from newsevents.store.records import EventFilter, StoredEvent
from newsevents.store.schema import articles, claims, event_actors, event_reports

if TYPE_CHECKING:
    from newsevents.store.db import Store
    from newsevents.store.review import EventCorrection

MIGRATION_NAME = "merged events and their member reports"
# Merging compares a new report with stored events dated up to this many days beyond its own date window:
# an event's date is its most precise report's, and its other reports' windows (at most a week of slack
# each) must all overlap the new report's for it to join, so three weeks is ample.
NEARBY_DAYS = 21
ID_CHUNK = 10_000  # ids per IN (...) list
MERGE_LOCK_KEY = 7_311_420_902  # any constant: the PostgreSQL advisory lock that serialises merging

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
    """The reports matching ``where``, as their latest review left them (corrections laid over the
    machine's fields; a rejected report keeps its fields but is marked in ``_rejected``)."""
    found = conn.execute(_report_select().where(where).order_by(event_reports.c.id)).mappings().all()
    actors: dict[int, list[Mapping[Any, Any]]] = defaultdict(list)
    actor_stmt = sa.select(event_actors).where(event_actors.c.event_id.in_(
        sa.select(event_reports.c.id).where(where)
    )).order_by(event_actors.c.event_id, event_actors.c.idx)
    for row in conn.execute(actor_stmt).mappings():
        actors[int(row["event_id"])].append(row)
    reviews = _latest_reviews(conn, [int(r["id"]) for r in found])
    texts = _texts(conn, {int(r["article_id"]) for r in found})
    reports = []
    for row in found:
        rid = int(row["id"])
        review = reviews.get(rid)
        text = texts.get(int(row["article_id"]))
        if review is not None and review[0] == "correct":
            corrected, corrected_actors = _corrected(row, actors.get(rid, []), review[1])
            reports.append(report_from_row(corrected, corrected_actors, text))
        else:
            reports.append(report_from_row(row, actors.get(rid, []), text))
    return reports


def _texts(conn: sa.Connection, article_ids: set[int]) -> dict[int, str]:
    """Article texts by store id (merging compares the sentences around each report's evidence)."""
    ids = sorted(article_ids)
    found: dict[int, str] = {}
    for at in range(0, len(ids), ID_CHUNK):
        stmt = sa.select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids[at:at + ID_CHUNK]))
        found.update((int(pk), text) for pk, text in conn.execute(stmt))
    return found


def _latest_reviews(conn: sa.Connection, report_ids: Sequence[int]) -> dict[int, tuple[str, EventCorrection]]:
    """The latest review of each report that has one: (action, correction)."""
    from newsevents.store.review import EventCorrection, event_reviews  # review.py needs the store

    er = event_reviews.c
    found: dict[int, tuple[str, EventCorrection]] = {}
    ids = sorted(set(report_ids))
    for at in range(0, len(ids), ID_CHUNK):  # SQLite takes at most 32,766 parameters
        stmt = (sa.select(er.event_id, er.action, er.changes_json)
                .where(er.event_id.in_(ids[at:at + ID_CHUNK])).order_by(er.id))
        for event_id, action, changes in conn.execute(stmt):
            found[int(event_id)] = (action, EventCorrection.from_dict(json.loads(changes)))
    return found


def _rejected(conn: sa.Connection, report_ids: Sequence[int]) -> set[int]:
    return {rid for rid, (action, _) in _latest_reviews(conn, report_ids).items() if action == "reject"}


def _corrected(row: Mapping[Any, Any], actor_rows: list[Mapping[Any, Any]],
               correction: EventCorrection) -> tuple[dict[Any, Any], list[Mapping[Any, Any]]]:
    """A report row and its actor rows with a reviewer's correction laid over them."""
    changed = dict(row)
    if correction.event_type is not None:
        changed["event_type"] = correction.event_type
    if correction.sub_event_type is not None:
        changed["sub_event_type"] = correction.sub_event_type
    if (d := correction.date) is not None:
        changed.update(date_start=d.start, date_end=d.end, time_precision=d.precision)
    if (loc := correction.location) is not None:
        changed.update(location_name=loc.name, country_code=loc.country_code or None, admin1=loc.admin1,
                       lat=loc.lat, lon=loc.lon, geonames_id=loc.geonames_id, geo_precision=loc.geo_precision)
    if correction.counts is not None:
        changed.update({k: getattr(correction.counts, k) for k in COUNT_FIELDS})
    if correction.actors is not None:
        actor_rows = [a.to_dict() for a in correction.actors]
    return changed, actor_rows


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
    """Stored merged events that a new report could join: of its country (or both unknown), and dated
    within ``NEARBY_DAYS`` of its date window (or undated when it is)."""
    me = merged_events.c
    spans: dict[str | None, list[tuple[date, date]]] = defaultdict(list)
    undated: set[str | None] = set()
    for r in new:
        window = r.window()
        if window is None:
            undated.add(r.country_code)
        else:
            margin = timedelta(days=NEARBY_DAYS)
            spans[r.country_code].append((window[0] - margin, window[1] + margin))
    found: list[sa.ColumnElement[bool]] = []
    for country, ranges in spans.items():
        here = me.country_code.is_(None) if country is None else me.country_code == country
        when = [me.date_start.between(lo.isoformat(), hi.isoformat()) for lo, hi in _joined_ranges(ranges)]
        found.append(sa.and_(here, sa.or_(*when)))
    for country in undated:
        here = me.country_code.is_(None) if country is None else me.country_code == country
        found.append(sa.and_(here, me.date_start.is_(None)))
    if not found:
        return {}
    return _members_of(conn, sa.select(me.id).where(sa.or_(*found)))


def _joined_ranges(ranges: list[tuple[date, date]], most: int = 50) -> list[tuple[date, date]]:
    """Overlapping day ranges joined; when many are left, the gaps between them close one by one, the
    smallest first, so a bulk merge asks for a few wide ranges rather than thousands of narrow ones."""
    joined: list[tuple[date, date]] = []
    for lo, hi in sorted(ranges):
        if joined and lo <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], hi))
        else:
            joined.append((lo, hi))
    while len(joined) > most:
        gap = min(range(len(joined) - 1), key=lambda i: joined[i + 1][0] - joined[i][1])
        joined[gap:gap + 2] = [(joined[gap][0], joined[gap + 1][1])]
    return joined


# --- writing -----------------------------------------------------------------------------------------

@contextmanager
def _merging(store: Store) -> Iterator[sa.Connection]:
    """A write transaction that no other merge, split, join or refresh runs beside. SQLite already
    serialises writers; on PostgreSQL two ingest processes would both take the same unmerged reports."""
    with store._connection(write=True) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK_KEY})
        yield conn


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
    members = [{"merged_event_id": event_id, "event_report_id": rid, "added_by": added_by, "added_at": now}
               for rid in report_ids]
    if members:
        conn.execute(merged_members.insert(), members)


def _create_event(conn: sa.Connection, reports: Sequence[Report], added_by: str, now: datetime,
                  rejected: set[int] | None = None) -> int:
    """A new merged event of ``reports``; ``rejected`` (looked up when not given): those a reviewer
    rejected."""
    rejected = _rejected(conn, [r.id for r in reports]) if rejected is None else rejected
    row = _event_row(summarise([r for r in reports if r.id not in rejected] or reports), now)
    stmt = merged_events.insert().values(row).returning(merged_events.c.id)
    event_id = int(conn.execute(stmt).scalar_one())
    _add_members(conn, event_id, (r.id for r in reports), added_by, now)
    return event_id


def _refresh_event(conn: sa.Connection, event_id: int, now: datetime) -> None:
    """Recompute a merged event's fields from its members, or delete it when it has none left. Reports a
    reviewer rejected give nothing, unless every report was rejected (the event keeps its fields then, and
    is marked rejected where it is read)."""
    members = _members_of(conn, [event_id]).get(event_id, [])
    if not members:
        conn.execute(merged_events.delete().where(merged_events.c.id == event_id))
        return
    rejected = _rejected(conn, [r.id for r in members])
    row = _event_row(summarise([r for r in members if r.id not in rejected] or members, event_id), now)
    conn.execute(merged_events.update().where(merged_events.c.id == event_id).values(row))


def _apply(conn: sa.Connection, assignments: Sequence[Assignment], now: datetime) -> MergeSummary:
    new_events = grown = 0
    rejected = _rejected(conn, [r.id for a in assignments for r in a.reports])
    for assignment in assignments:
        if assignment.existing is None:
            _create_event(conn, assignment.reports, "merge", now, rejected)
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
    with _merging(store) as conn:
        new = _unmerged(conn)
        if not new:
            return MergeSummary(0, 0, 0)
        existing = _nearby_events(conn, new)
        assignments = cluster(new, existing, settings)
        return _apply(conn, assignments, datetime.now(UTC))


def _members_checked(conn: sa.Connection, event_id: int) -> list[Report]:
    members = _members_of(conn, [event_id]).get(event_id)
    if not members:
        raise ReviewError(f"no merged event {event_id}", merged_event=event_id)
    return members


@dataclass(frozen=True, slots=True)
class MergeReview:
    """A reviewer's split or join of merged events."""

    id: int
    action: str  # "split" or "join"
    merged_event_id: int  # split: the event split; join: the event kept
    other_event_id: int  # split: the event made from the moved reports; join: the event that was emptied
    report_ids: tuple[int, ...]  # the reports moved
    reviewer: str
    note: str | None
    reviewed_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "merged_event_id": self.merged_event_id,
                "other_event_id": self.other_event_id, "report_ids": list(self.report_ids),
                "reviewer": self.reviewer, "note": self.note, "reviewed_at": self.reviewed_at.isoformat()}


def _record(conn: sa.Connection, action: str, event_id: int, other_id: int, report_ids: Sequence[int],
            reviewer: str, note: str | None, now: datetime) -> None:
    conn.execute(merge_reviews.insert().values(
        action=action, merged_event_id=event_id, other_event_id=other_id,
        report_ids_json=json.dumps(sorted(report_ids)), reviewer=reviewer, note=note, reviewed_at=now))


def split(store: Store, merged_id: int, report_ids: Iterable[int], *, reviewer: str = "unnamed",
          note: str | None = None) -> int:
    """Move ``report_ids`` (members of ``merged_id``, not all of them) into a new merged event; its id.

    The split is kept in the event's history (``merge_history``) with who made it."""
    moving = sorted(set(report_ids))
    with _merging(store) as conn:
        members = _members_checked(conn, merged_id)
        member_ids = {r.id for r in members}
        strangers = [rid for rid in moving if rid not in member_ids]
        if strangers or not moving or len(moving) == len(member_ids):
            why = f"reports {strangers} are not members" if strangers else "give some of its reports, not all"
            raise ReviewError(f"cannot split merged event {merged_id}: {why}", merged_event=merged_id,
                             reports=moving)
        now = datetime.now(UTC)
        conn.execute(merged_members.delete().where(merged_members.c.event_report_id.in_(moving)))
        new_id = _create_event(conn, [r for r in members if r.id in set(moving)], "review", now)
        _refresh_event(conn, merged_id, now)
        _record(conn, "split", merged_id, new_id, moving, reviewer, note, now)
    return new_id


def join(store: Store, a: int, b: int, *, reviewer: str = "unnamed", note: str | None = None) -> int:
    """Move every report of merged event ``b`` into ``a`` and delete ``b``; returns ``a``."""
    if a == b:
        raise ReviewError(f"cannot join merged event {a} with itself", merged_event=a)
    with _merging(store) as conn:
        _members_checked(conn, a)
        gone = _members_checked(conn, b)
        now = datetime.now(UTC)
        conn.execute(merged_members.update().where(merged_members.c.merged_event_id == b).values(
            merged_event_id=a, added_by="review", added_at=now))
        conn.execute(merged_events.delete().where(merged_events.c.id == b))
        _refresh_event(conn, a, now)
        _record(conn, "join", a, b, [r.id for r in gone], reviewer, note, now)
    return a


def merge_history(store: Store, merged_id: int) -> list[MergeReview]:
    """The splits and joins that touched a merged event, oldest first."""
    mr = merge_reviews.c
    stmt = sa.select(merge_reviews).where(
        sa.or_(mr.merged_event_id == merged_id, mr.other_event_id == merged_id)).order_by(mr.id)
    with store._connection(write=False) as conn:
        return [MergeReview(int(r["id"]), r["action"], int(r["merged_event_id"]), int(r["other_event_id"]),
                            tuple(json.loads(r["report_ids_json"])), r["reviewer"], r["note"],
                            rows.utc(r["reviewed_at"]))
                for r in conn.execute(stmt).mappings()]


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


def merged_events_list(
    store: Store, filter: EventFilter | None = None, *, country: str | None = None, limit: int | None = None,
    offset: int = 0, with_claims: bool = False,
) -> list[MergedEvent]:
    """Stored merged events matching ``filter`` (see ``merged_queries``; by default most reported first),
    with their actors; ``country`` (ISO alpha-2), ``limit`` and ``offset`` narrow the filter."""
    f = filter or EventFilter(order="-confidence")
    f = replace(f, country=country or f.country, limit=limit if limit is not None else f.limit,
                offset=offset or f.offset)
    with store._connection(write=False) as conn:
        found = _read(conn, conn.execute(merged_queries.select(f, store.backend)).mappings().all())
        if with_claims:
            found = [replace(e, claims=_claims_of(conn, e)) for e in found]
    return found


def merged_event(store: Store, merged_id: int) -> MergedEvent | None:
    """One merged event with its actors and the claims made about it, or None."""
    with store._connection(write=False) as conn:
        row = conn.execute(sa.select(merged_events).where(merged_events.c.id == merged_id)).mappings().first()
        if row is None:
            return None
        event = _read(conn, [row])[0]
        return replace(event, claims=_claims_of(conn, event))


def _read(conn: sa.Connection, found: Sequence[Mapping[Any, Any]]) -> list[MergedEvent]:
    ids = [int(r["id"]) for r in found]
    members = _member_ids(conn, ids)
    actors = _actors_of(conn, ids)
    events = []
    for row in found:
        event = _from_row(row, members.get(int(row["id"]), []))
        chosen, sources = vote_actors(actors.get(event.id or 0, []))
        events.append(replace(event, actors=chosen, sources=event.sources + sources))
    return events


def _actors_of(conn: sa.Connection, event_ids: Sequence[int]) -> dict[int, list[tuple[FieldSource, Actor]]]:
    """The actors of every member report of the given merged events, each with its report, by event."""
    if not event_ids:
        return {}
    ea = event_actors.c
    stmt = (sa.select(merged_members.c.merged_event_id, ea.event_id, articles.c.external_id, ea.name, ea.role,
                      ea.type, ea.country_code)
            .join(event_actors, ea.event_id == merged_members.c.event_report_id)
            .join(event_reports, event_reports.c.id == ea.event_id)
            .join(articles, articles.c.id == event_reports.c.article_id)
            .where(merged_members.c.merged_event_id.in_(event_ids)).order_by(ea.event_id, ea.idx))
    found = conn.execute(stmt).all()
    reviews = _latest_reviews(conn, sorted({int(r[1]) for r in found}))
    grouped: dict[int, list[tuple[FieldSource, Actor]]] = defaultdict(list)
    corrected_done: set[int] = set()
    for event_id, report_id, article_id, name, role, type_, country in found:
        action, correction = reviews.get(int(report_id), ("", None))
        if action == "reject":
            continue
        if correction is not None and correction.actors is not None:
            if report_id not in corrected_done:  # the reviewer's actors replace the machine's
                corrected_done.add(report_id)
                grouped[int(event_id)] += [(FieldSource(a.role, int(report_id), str(article_id)), a)
                                           for a in correction.actors]
            continue
        grouped[int(event_id)].append((FieldSource(role, int(report_id), str(article_id)),
                                       Actor(name, role, type_, country)))
    return grouped


def member_reports(store: Store, merged_id: int) -> list[StoredEvent]:
    """The event reports merged into one event, with their articles, in the order they were stored."""
    mm = merged_members.c
    in_event = sa.select(mm.event_report_id).where(mm.merged_event_id == merged_id)
    stmt = queries.events_select(EventFilter(order="stored"), store.backend).where(
        event_reports.c.id.in_(in_event))
    with store._connection(write=False) as conn:
        return [_stored_event(row) for row in conn.execute(stmt).mappings()]


def refresh_for_report(store: Store, report_id: int) -> None:
    """Recompute the merged event holding a report (after a review changed the report)."""
    with _merging(store) as conn:
        found = conn.execute(sa.select(merged_members.c.merged_event_id).where(
            merged_members.c.event_report_id == report_id)).scalar()
        if found is not None:
            _refresh_event(conn, int(found), datetime.now(UTC))


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


def _claims_of(conn: sa.Connection, event: MergedEvent) -> tuple[EventClaim, ...]:
    """Claims tied to the member reports: the report's source claim, or a claim in its evidence sentence."""
    from newsevents.pipeline.claims import is_denial  # the pipeline is heavy: loaded only when asked

    stmt = sa.select(event_reports.c.id, event_reports.c.article_id, event_reports.c.source_claim,
                     event_reports.c.evidence_json, articles.c.external_id, articles.c.text).join(
        articles, articles.c.id == event_reports.c.article_id).where(event_reports.c.id.in_(event.reports))
    found: dict[tuple[str, int], EventClaim] = {}
    for report in conn.execute(stmt.order_by(event_reports.c.id)).mappings():
        claim_rows = conn.execute(sa.select(claims).where(claims.c.article_id == report["article_id"])
                                  .order_by(claims.c.idx)).mappings().all()
        evidence = json.loads(report["evidence_json"])
        sentences = [sentence_span(report["text"], int(e["start"]), int(e["end"])) for e in evidence]
        for row in claim_rows:
            claim = rows.to_claim(row)
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


# --- exporting ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MergedRecord:
    """A merged event with what an export row needs besides it."""

    event: MergedEvent
    outlets: tuple[str, ...]  # who published its reports, most reports first
    articles: tuple[str, ...]  # the input ids of its reports' articles, in report order
    notes: str  # the evidence words of the report its type was taken from
    headline: str | None  # the title of that report's article
    updated_at: datetime
    rejected: bool  # a reviewer rejected every one of its reports


def iter_merged_records(store: Store, filter: EventFilter | None = None,
                        page: int = 1000) -> Iterator[MergedRecord]:
    """Every merged event matching ``filter`` (stored order by default; up to its limit) as an export
    record, read a page at a time."""
    f = filter or EventFilter(order="stored")
    offset, left = f.offset, f.limit
    while left is None or left > 0:
        size = page if left is None else min(page, left)
        records = merged_records(store, replace(f, limit=size, offset=offset))
        yield from records  # outside the connection: the reader may be slow
        if len(records) < size:
            return
        offset += size
        left = None if left is None else left - size


def merged_records(store: Store, f: EventFilter) -> list[MergedRecord]:
    """One page of merged events matching ``f`` as records (for lists and exports)."""
    return _records_where(store, merged_queries.select(f, store.backend))


def merged_record(store: Store, merged_id: int) -> MergedRecord | None:
    found = _records_where(store, sa.select(merged_events).where(merged_events.c.id == merged_id))
    return found[0] if found else None


def _records_where(store: Store, stmt: sa.Select[Any]) -> list[MergedRecord]:
    with store._connection(write=False) as conn:
        found = conn.execute(stmt).mappings().all()
        return _records(conn, _read(conn, found), [r["updated_at"] for r in found])


def _records(conn: sa.Connection, events: Sequence[MergedEvent],
             updated: Sequence[datetime]) -> list[MergedRecord]:
    ids = [r for e in events for r in e.reports]
    er = event_reports.c
    stmt = (sa.select(er.id, er.evidence_text, articles.c.source, articles.c.url, articles.c.external_id,
                      articles.c.title)
            .join(articles, articles.c.id == er.article_id).where(er.id.in_(ids)))
    reports = {int(r.id): r for r in conn.execute(stmt)}
    rejected_ids = _rejected(conn, ids)
    found = []
    for event, updated_at in zip(events, updated, strict=True):
        members = [reports[r] for r in event.reports]
        outlets = Counter(outlet_of(m.source, m.url, m.external_id) for m in members)
        typed = event.source_of("sub_event_type")
        lead = reports[typed.report_id] if typed else members[0]
        rejected = all(r in rejected_ids for r in event.reports)
        articles_of = tuple(dict.fromkeys(m.external_id for m in members))
        found.append(MergedRecord(event, tuple(o for o, _ in outlets.most_common()), articles_of,
                                  lead.evidence_text, lead.title, rows.utc(updated_at), rejected))
    return found
