"""Merged events in a store: which event reports describe one real-world event (writing them).

``event_reports`` keeps what each article says; ``merged_events`` holds the real-world events, and
``merged_members`` ties every report to exactly one of them (a report is never dropped by merging: a report
alike to none is an event of its own). Each merged event keeps, besides its fields, where each field came
from (``sources_json``: field -> report) and every figure reported for each count (``figures_json``), so
every merged value can be traced back to the articles.

Here: ``merge_new_reports`` (incremental), ``split``, ``join`` and ``merge_history`` (for reviewers) and
``refresh_for_report`` (after a report's review). Reading merged events is in ``merged_read``; the tables
are in ``merged_schema`` (migrations 3 and 4).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from newsevents.errors import RecordMissing, ReviewError
from newsevents.merge.cluster import Assignment, cluster
from newsevents.merge.event import MergedEvent, summarise
from newsevents.merge.reports import Report, context_text, evidence_words, outlet_of
from newsevents.merge.settings import MergeSettings, merge_settings
from newsevents.model import COUNT_FIELDS, Article, Result, cue_denies
from newsevents.store import rows
from newsevents.store.corrections import ID_CHUNK, EventCorrection, latest_reviews, rejected_reports
from newsevents.store.merged_schema import merge_reviews, merged_events, merged_members
from newsevents.store.schema import articles, claims, event_actors, event_reports

if TYPE_CHECKING:
    from newsevents.store.db import Store

# New reports are merged after every this many stored articles (``MergingWriter``), not all at the end of a
# run (1,000 near-alike articles merged at the end: 43 s and 740 MB more).
MERGE_EVERY = 100
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
        claims.c.cue.label("source_claim_cue"),  # a denial cue makes the report's modality "negated"
    ).join(articles, articles.c.id == event_reports.c.article_id).outerjoin(claims, sa.and_(
        claims.c.article_id == event_reports.c.article_id, claims.c.idx == event_reports.c.source_claim))


def _load_reports(conn: sa.Connection, where: sa.ColumnElement[bool], *,
                  wording: bool = False) -> list[Report]:
    """The reports matching ``where`` with their reviewers' corrections laid over the machine's fields (a
    rejected report keeps its fields: ``rejected_reports`` tells which). ``wording``: read the articles for
    the sentences around the evidence, which only clustering compares."""
    found = conn.execute(_report_select().where(where).order_by(event_reports.c.id)).mappings().all()
    actors: dict[int, list[Mapping[Any, Any]]] = defaultdict(list)
    actor_stmt = sa.select(event_actors).where(event_actors.c.event_id.in_(
        sa.select(event_reports.c.id).where(where)
    )).order_by(event_actors.c.event_id, event_actors.c.idx)
    for row in conn.execute(actor_stmt).mappings():
        actors[int(row["event_id"])].append(row)
    reviews = latest_reviews(conn, [int(r["id"]) for r in found])
    texts = _texts(conn, {int(r["article_id"]) for r in found}) if wording else {}
    reports = []
    for row in found:
        rid = int(row["id"])
        review = reviews.get(rid)
        text = texts.get(int(row["article_id"]))
        if review is not None and review[0] == "correct":
            _, correction, reviewer = review
            corrected, corrected_actors = _corrected(row, actors.get(rid, []), correction)
            report = report_from_row(corrected, corrected_actors, text)
            if correction.counts is not None:  # the figures are the reviewer's; the outlet's are kept aside
                outlet = report_from_row(row, actors.get(rid, []), text).counts
                report = replace(report, counts_reviewer=reviewer, outlet_counts=outlet)
            reports.append(report)
        else:
            reports.append(report_from_row(row, actors.get(rid, []), text))
    return reports


def report_from_row(row: Mapping[Any, Any], actor_rows: list[Mapping[Any, Any]],
                    article_text: str | None = None) -> Report:
    """The typed report merging compares, from an ``event_reports`` row joined with its article's columns and
    its source claim's cue (``_report_select``), the report's actor rows and (for the wording) its article's
    text."""
    evidence = json.loads(row["evidence_json"])
    evidence_start = int(evidence[0]["start"]) if evidence else None
    article_id = row["article_external_id"]
    return Report(
        id=int(row["id"]), article_id=article_id, index=int(row["idx"]),
        outlet=outlet_of(row["article_source"], row["article_url"], article_id),
        published=row["article_published"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        date_start=row["date_start"], date_end=row["date_end"], time_precision=row["time_precision"],
        location_name=row["location_name"], country_code=row["country_code"], admin1=row["admin1"],
        lat=row["lat"], lon=row["lon"], geonames_id=row["geonames_id"], geo_precision=row["geo_precision"],
        counts=tuple((k, int(row[k])) for k in COUNT_FIELDS if row[k] is not None),
        actor_names=frozenset(str(a["name"]).lower() for a in actor_rows),
        actor_types=frozenset(str(a["type"]) for a in actor_rows),
        modality=row["modality"], source_claim=row["source_claim"], confidence=float(row["confidence"]),
        evidence_start=evidence_start, evidence_text=row["evidence_text"],
        words=evidence_words(context_text(article_text, ((int(e["start"]), int(e["end"])) for e in evidence))
                             if article_text else row["evidence_text"]),
        # The article's content hash (not its store id) keeps the key the same in any store.
        key=(row["date_start"] or (row["article_published"] or "")[:10],
             hashlib.sha256(f"{row['article_content_hash']}|{row['idx']}".encode()).hexdigest()),
        denied=cue_denies(row.get("source_claim_cue")),
    )


def _texts(conn: sa.Connection, article_ids: set[int]) -> dict[int, str]:
    """Article texts by store id (merging compares the sentences around each report's evidence)."""
    ids = sorted(article_ids)
    found: dict[int, str] = {}
    for at in range(0, len(ids), ID_CHUNK):
        stmt = sa.select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids[at:at + ID_CHUNK]))
        found.update((int(pk), text) for pk, text in conn.execute(stmt))
    return found


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
    return _load_reports(conn, event_reports.c.id.not_in(merged), wording=True)


def _members_of(conn: sa.Connection, event_ids: sa.Select[Any] | Sequence[int], *,
                wording: bool = False) -> dict[int, list[Report]]:
    """The member reports of the given merged events, by event."""
    stmt = sa.select(merged_members.c.event_report_id, merged_members.c.merged_event_id).where(
        merged_members.c.merged_event_id.in_(event_ids)
    )
    home = {int(r): int(e) for r, e in conn.execute(stmt).all()}
    in_events = sa.select(merged_members.c.event_report_id).where(
        merged_members.c.merged_event_id.in_(event_ids))
    grouped: dict[int, list[Report]] = defaultdict(list)
    for report in _load_reports(conn, event_reports.c.id.in_(in_events), wording=wording):
        grouped[home[report.id]].append(report)
    return dict(grouped)


def _nearby_events(conn: sa.Connection, new: Sequence[Report], days: int) -> dict[int, list[Report]]:
    """Stored merged events that a new report could join: of its country (or both unknown), and dated
    within ``days`` (``MergeSettings.nearby_days``) of its date window (or undated when it is)."""
    me = merged_events.c
    spans: dict[str | None, list[tuple[date, date]]] = defaultdict(list)
    undated: set[str | None] = set()
    for r in new:
        window = r.window()
        if window is None:
            undated.add(r.country_code)
        else:
            margin = timedelta(days=days)
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
    return _members_of(conn, sa.select(me.id).where(sa.or_(*found)), wording=True)


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
    with store.transaction(write=True) as conn:
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
        "updated_at": now, "confidence": event.confidence, "modality": event.modality,
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
    rejected = rejected_reports(conn, [r.id for r in reports]) if rejected is None else rejected
    row = _event_row(_summary(reports, rejected), now)
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
    rejected = rejected_reports(conn, [r.id for r in members])
    row = _event_row(_summary(members, rejected, event_id), now)
    conn.execute(merged_events.update().where(merged_events.c.id == event_id).values(row))


def _summary(reports: Sequence[Report], rejected: set[int], event_id: int | None = None) -> MergedEvent:
    """The merged event of ``reports`` from those no reviewer rejected; when a reviewer rejected them all,
    it keeps their fields but its confidence is 0 (no report it could rest on is left)."""
    kept = [r for r in reports if r.id not in rejected]
    event = summarise(kept or reports, event_id)
    return event if kept else replace(event, confidence=0.0)


def _apply(conn: sa.Connection, assignments: Sequence[Assignment], now: datetime) -> MergeSummary:
    new_events = grown = 0
    rejected = rejected_reports(conn, [r.id for a in assignments for r in a.reports])
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
        settings = settings or merge_settings()
        existing = _nearby_events(conn, new, settings.nearby_days)
        assignments = cluster(new, existing, settings)
        return _apply(conn, assignments, datetime.now(UTC))


class MergingWriter:
    """The "store, then merge" step of every ingest: stores articles with their results, and merges the new
    event reports into the store's real-world events after every ``merge_every`` stored articles (None: only
    when ``merge`` is called) and whenever ``merge`` is called. ``merged``: what its merges did, added up.

    Merging in steps, not once at the end: clustering compares the new reports with each other, so one merge
    of a whole large run costs time and memory that grow with the square of its size."""

    def __init__(self, store: Store, *, merge_every: int | None = MERGE_EVERY,
                 settings: MergeSettings | None = None) -> None:
        self.store = store
        self.merge_every = merge_every
        self.settings = settings
        self.merged = MergeSummary(0, 0, 0)
        self._unmerged = 0  # articles stored since the last merge

    def add(self, article: Article, result: Result) -> bool:
        """``Store.add_result``, merging when ``merge_every`` articles were stored since the last merge."""
        stored = self.store.add_result(article, result)
        if stored:
            self._unmerged += 1
            if self.merge_every is not None and self._unmerged >= self.merge_every:
                self.merge()
        return stored

    def merge(self) -> MergeSummary:
        """Merge every report not merged yet (also those a killed run stored and never merged)."""
        step = merge_new_reports(self.store, self.settings)
        self._unmerged = 0
        total = self.merged
        self.merged = MergeSummary(total.reports + step.reports, total.new_events + step.new_events,
                                   total.grown_events + step.grown_events)
        return step


def _members_checked(conn: sa.Connection, event_id: int) -> list[Report]:
    members = _members_of(conn, [event_id]).get(event_id)
    if not members:
        raise RecordMissing(f"no merged event {event_id}", merged_event=event_id)
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
    with store.transaction() as conn:
        return [MergeReview(int(r["id"]), r["action"], int(r["merged_event_id"]), int(r["other_event_id"]),
                            tuple(json.loads(r["report_ids_json"])), r["reviewer"], r["note"],
                            rows.utc(r["reviewed_at"]))
                for r in conn.execute(stmt).mappings()]


def refresh_for_report(store: Store, report_id: int) -> None:
    """Recompute the merged event holding a report (after a review changed the report)."""
    with _merging(store) as conn:
        found = conn.execute(sa.select(merged_members.c.merged_event_id).where(
            merged_members.c.event_report_id == report_id)).scalar()
        if found is not None:
            _refresh_event(conn, int(found), datetime.now(UTC))
