"""Reading merged (real-world) events from a store: lists by filter, one event with its claims, its
member reports, and export records. Merged events are written by ``merged``."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from newsevents.merge.event import EventClaim, FieldSource, Figure, MergedEvent, vote_actors
from newsevents.merge.reports import outlet_of, sentence_span
from newsevents.model import COUNT_FIELDS, Actor, Counts, DateSpan, Location
from newsevents.store import merged_queries, queries, rows
from newsevents.store.corrections import latest_reviews, rejected_reports
from newsevents.store.merged_schema import merged_events, merged_members
from newsevents.store.records import EventFilter, StoredEvent
from newsevents.store.schema import articles, claims, event_actors, event_reports

if TYPE_CHECKING:
    from newsevents.store.db import Store


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
        confidence=float(row["confidence"]), modality=str(row["modality"]),
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
    with store.transaction() as conn:
        found = _read(conn, conn.execute(merged_queries.select(f, store.backend)).mappings().all())
        if with_claims:
            found = [replace(e, claims=_claims_of(conn, e)) for e in found]
    return found


def merged_event(store: Store, merged_id: int) -> MergedEvent | None:
    """One merged event with its actors and the claims made about it, or None."""
    with store.transaction() as conn:
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
    reviews = latest_reviews(conn, sorted({int(r[1]) for r in found}))
    grouped: dict[int, list[tuple[FieldSource, Actor]]] = defaultdict(list)
    corrected_done: set[int] = set()
    for event_id, report_id, article_id, name, role, type_, country in found:
        action, correction, _ = reviews.get(int(report_id), ("", None, ""))
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
    """The event reports merged into one event, with their articles, in the order they were stored: every
    one, whatever its confidence (a reviewer must see them all)."""
    mm = merged_members.c
    in_event = sa.select(mm.event_report_id).where(mm.merged_event_id == merged_id)
    stmt = queries.events_select(EventFilter(order="stored", min_confidence=0), store.backend).where(
        event_reports.c.id.in_(in_event))
    with store.transaction() as conn:
        return [rows.stored_event(row) for row in conn.execute(stmt).mappings()]


def merged_event_of(store: Store, report_id: int) -> int | None:
    """The merged event an event report belongs to (None until ``merge_new_reports`` has run)."""
    stmt = sa.select(merged_members.c.merged_event_id).where(merged_members.c.event_report_id == report_id)
    with store.transaction() as conn:
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
    """Claims tied to the member reports: the report's source claim, or a claim in its evidence sentence.

    A claim denies the event when its cue denies ("denied that anyone was detained", "rejected the
    report"), or when it is the report's source and the report is negated through it ("our soldiers never
    fired on anyone"); a claim that merely holds a negation about something else asserts.
    """
    stmt = sa.select(event_reports.c.id, event_reports.c.article_id, event_reports.c.source_claim,
                     event_reports.c.modality, event_reports.c.evidence_json, articles.c.external_id,
                     articles.c.text).join(
        articles, articles.c.id == event_reports.c.article_id).where(event_reports.c.id.in_(event.reports))
    found: dict[tuple[str, int], EventClaim] = {}
    for report in conn.execute(stmt.order_by(event_reports.c.id)).mappings():
        claim_rows = conn.execute(sa.select(claims).where(claims.c.article_id == report["article_id"])
                                  .order_by(claims.c.idx)).mappings().all()
        evidence = json.loads(report["evidence_json"])
        sentences = [sentence_span(report["text"], int(e["start"]), int(e["end"])) for e in evidence]
        for row in claim_rows:
            claim = rows.to_claim(row)
            if claim.within is not None:
                continue  # a quotation inside another claim: that claim is listed, with its words
            start, end = claim.content_span
            if report["source_claim"] is not None and int(row["idx"]) == int(report["source_claim"]):
                link = "source_claim"
            elif any(start < s_end and s_start < end for s_start, s_end in sentences):
                link = "sentence"
            else:
                continue
            key = (report["external_id"], int(row["idx"]))
            if key not in found or link == "source_claim":
                denied = claim.cue_denies or (link == "source_claim" and report["modality"] == "negated")
                found[key] = EventClaim("denied" if denied else "asserted", claim.speaker,
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
    with store.transaction() as conn:
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
    rejected_ids = rejected_reports(conn, ids)
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
