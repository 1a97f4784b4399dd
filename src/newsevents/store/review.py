"""Review: people accepting, correcting or rejecting what the machine found, kept beside it.

A review never changes the machine's rows. Each one is a new row in ``event_reviews`` or ``claim_reviews``
saying who made it and when; the latest review of an event or claim is the one that counts, and the earlier
ones stay as its history. ``apply_corrections`` lays the latest reviews over stored events for the API's
views and exports, keeping the machine's event beside the corrected one.

The tables are in ``schema`` (migration 2); what a correction says, and the latest review of each report, in
``corrections``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Literal

import sqlalchemy as sa

from newsevents.errors import RecordMissing, ReviewError
from newsevents.events.ontology import load_ontology
from newsevents.model import COUNT_FIELDS, Claim, DateSpan, Event
from newsevents.store import rows
from newsevents.store.corrections import EventCorrection as EventCorrection  # the API imports it from here
from newsevents.store.db import Store
from newsevents.store.merged import refresh_for_report
from newsevents.store.records import StoredClaim, StoredEvent
from newsevents.store.schema import claim_reviews, claims, event_reports, event_reviews

ReviewAction = Literal["accept", "correct", "reject"]
REVIEW_ACTIONS: tuple[ReviewAction, ...] = ("accept", "correct", "reject")
ReviewStatus = Literal["unreviewed", "accepted", "corrected", "rejected"]
STATUS_BY_ACTION: dict[str, ReviewStatus] = {
    "accept": "accepted", "correct": "corrected", "reject": "rejected",
}
MAX_REVIEWER = 200
MAX_NOTE = 5_000
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_INT = 2**31 - 1  # the largest value the store's integer columns hold on every backend (PostgreSQL's)

# --- what a review says -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventReview:
    id: int
    event_id: int
    action: ReviewAction
    reviewer: str
    reviewed_at: datetime
    correction: EventCorrection
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "event_id": self.event_id, "action": self.action, "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat(), "changes": self.correction.to_dict(),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class ClaimReview:
    id: int
    claim_id: int
    reviewer: str
    reviewed_at: datetime
    speaker: str | None
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "claim_id": self.claim_id, "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat(), "speaker": self.speaker, "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class ReviewedEvent:
    """A stored event as people reviewed it: ``stored.event`` is the corrected event, ``machine`` what the
    pipeline found, ``review`` the latest review (None when nobody reviewed it)."""

    stored: StoredEvent
    machine: Event
    review: EventReview | None

    @property
    def status(self) -> ReviewStatus:
        return STATUS_BY_ACTION[self.review.action] if self.review else "unreviewed"


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    stored: StoredClaim  # ``stored.claim.speaker`` is the corrected speaker
    machine: Claim
    review: ClaimReview | None


def apply_corrections(
    events: Iterable[StoredEvent], corrections: Mapping[int, EventReview]
) -> list[ReviewedEvent]:
    """Each event with its latest review (``corrections``, by event id) laid over it."""
    reviewed = []
    for stored in events:
        review = corrections.get(stored.id)
        event = stored.event
        if review is not None and review.action == "correct":
            event = review.correction.apply(event)
        reviewed.append(ReviewedEvent(replace(stored, event=event), stored.event, review))
    return reviewed


def apply_claim_corrections(
    found: Iterable[StoredClaim], corrections: Mapping[int, ClaimReview]
) -> list[ReviewedClaim]:
    reviewed = []
    for stored in found:
        review = corrections.get(stored.id)
        claim = replace(stored.claim, speaker=review.speaker) if review else stored.claim
        reviewed.append(ReviewedClaim(replace(stored, claim=claim), stored.claim, review))
    return reviewed


def check_correction(correction: EventCorrection) -> EventCorrection:
    """The correction with its event type filled in from its sub-event type; ReviewError when they are
    unknown or disagree, a count or GeoNames id is out of range, a date is not a real day or starts after it
    ends, or a text holds NUL."""
    ontology = load_ontology()
    event_type = correction.event_type
    if event_type is not None and event_type not in ontology.event_types:
        raise ReviewError(f"unknown event type {event_type!r}", event_type=event_type)
    if correction.sub_event_type is not None:
        sub = ontology.lookup(correction.sub_event_type)
        if sub is None or sub.name != correction.sub_event_type:
            raise ReviewError(f"unknown sub-event type {correction.sub_event_type!r}",
                              sub_event_type=correction.sub_event_type)
        if event_type is not None and sub.event_type != event_type:
            raise ReviewError(f"{sub.name!r} is a sub-event type of {sub.event_type!r}, not {event_type!r}",
                              sub_event_type=sub.name, event_type=event_type)
        correction = replace(correction, event_type=sub.event_type)
    if correction.counts is not None and any(not 0 <= (getattr(correction.counts, k) or 0) <= MAX_INT
                                             for k in COUNT_FIELDS):
        raise ReviewError(f"counts are whole numbers from 0 to {MAX_INT:,}")
    if correction.date is not None:
        _check_span(correction.date)
    loc = correction.location
    if loc is not None and loc.geonames_id is not None and not 0 <= loc.geonames_id <= MAX_INT:
        raise ReviewError(f"a GeoNames id is a whole number from 0 to {MAX_INT:,}")
    texts = [loc.name, loc.admin1] if loc is not None else []
    texts += [t for a in correction.actors or () for t in (a.name, a.type, a.country_code)]
    _check_texts("a place or actor", *texts)
    return correction


def _day(value: str, which: str) -> date:
    try:
        if ISO_DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ReviewError(f"the date's {which} {value!r} is not a real day (YYYY-MM-DD)", **{which: value})


def _check_span(span: DateSpan) -> None:
    """ReviewError unless the span's start and end are real days, the start not after the end."""
    start = _day(span.start, "start") if span.start is not None else None
    end = _day(span.end, "end") if span.end is not None else None
    if start is not None and end is not None and start > end:
        raise ReviewError(f"the date's start {span.start} is after its end {span.end}", start=span.start,
                          end=span.end)


def _check_texts(what: str, *texts: str | None) -> None:
    if any(t is not None and "\x00" in t for t in texts):
        raise ReviewError(f"{what} holds a NUL character")


def _check_reviewer(reviewer: str, note: str | None) -> None:
    if not reviewer.strip() or len(reviewer) > MAX_REVIEWER:
        raise ReviewError(f"a reviewer name of 1 to {MAX_REVIEWER} characters is needed",
                          reviewer=reviewer[:50])
    if note is not None and len(note) > MAX_NOTE:
        raise ReviewError(f"the note is longer than {MAX_NOTE} characters")
    _check_texts("the reviewer's name or note", reviewer, note)


# --- reading and writing reviews ------------------------------------------------------------------------


class Reviews:
    """Reviews kept in a store. Writes are single small transactions, safe beside the store's own writer
    (SQLite serialises them with its write lock and busy timeout)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def review_event(
        self, event_id: int, action: ReviewAction, *, reviewer: str,
        correction: EventCorrection | None = None, note: str | None = None,
    ) -> EventReview:
        if action not in REVIEW_ACTIONS:
            raise ReviewError(f"unknown review action {action!r}: use one of {', '.join(REVIEW_ACTIONS)}")
        _check_reviewer(reviewer, note)
        correction = check_correction(correction or EventCorrection())
        if action == "correct" and correction.is_empty():
            raise ReviewError("a correction must change at least one field", event=event_id)
        if action != "correct" and not correction.is_empty():
            raise ReviewError(f"only a correction may change fields, not {action!r}", event=event_id)
        values = {
            "event_id": event_id, "action": action, "reviewer": reviewer.strip(),
            "reviewed_at": datetime.now(UTC), "changes_json": json.dumps(correction.to_dict()), "note": note,
        }
        with self._store.transaction(write=True) as conn:
            if not _exists(conn, event_reports, event_id):
                raise RecordMissing(f"no event {event_id}", event=event_id)
            pk = conn.execute(event_reviews.insert().values(values).returning(event_reviews.c.id)).scalar()
        refresh_for_report(self._store, event_id)  # the real-world event follows its reviewed reports
        return _event_review({**values, "id": pk})

    def review_claim(
        self, claim_id: int, speaker: str | None, *, reviewer: str, note: str | None = None
    ) -> ClaimReview:
        _check_reviewer(reviewer, note)
        _check_texts("the speaker", speaker)
        values = {
            "claim_id": claim_id, "reviewer": reviewer.strip(), "reviewed_at": datetime.now(UTC),
            "speaker": speaker.strip() if speaker and speaker.strip() else None, "note": note,
        }
        with self._store.transaction(write=True) as conn:
            if not _exists(conn, claims, claim_id):
                raise RecordMissing(f"no claim {claim_id}", claim=claim_id)
            pk = conn.execute(claim_reviews.insert().values(values).returning(claim_reviews.c.id)).scalar()
        return _claim_review({**values, "id": pk})

    def event_history(self, event_id: int) -> list[EventReview]:
        """Every review of an event, oldest first."""
        stmt = sa.select(event_reviews).where(event_reviews.c.event_id == event_id)
        stmt = stmt.order_by(event_reviews.c.id)
        with self._store.transaction() as conn:
            return [_event_review(r) for r in conn.execute(stmt).mappings()]

    def latest_event_reviews(self, event_ids: Sequence[int] | None = None) -> dict[int, EventReview]:
        """The latest review of each event (of the given ids; of every event for None)."""
        stmt = sa.select(event_reviews).order_by(event_reviews.c.id)
        if event_ids is not None:
            stmt = stmt.where(event_reviews.c.event_id.in_(list(event_ids)))
        with self._store.transaction() as conn:
            return {r["event_id"]: _event_review(r) for r in conn.execute(stmt).mappings()}

    def latest_claim_reviews(self, claim_ids: Sequence[int] | None = None) -> dict[int, ClaimReview]:
        stmt = sa.select(claim_reviews).order_by(claim_reviews.c.id)
        if claim_ids is not None:
            stmt = stmt.where(claim_reviews.c.claim_id.in_(list(claim_ids)))
        with self._store.transaction() as conn:
            return {r["claim_id"]: _claim_review(r) for r in conn.execute(stmt).mappings()}

    def reviewed(self, events: Sequence[StoredEvent]) -> list[ReviewedEvent]:
        return apply_corrections(events, self.latest_event_reviews([e.id for e in events]))

    def reviewed_claims(self, found: Sequence[StoredClaim]) -> list[ReviewedClaim]:
        return apply_claim_corrections(found, self.latest_claim_reviews([c.id for c in found]))


def _event_review(r: Mapping[str, Any] | sa.RowMapping) -> EventReview:
    return EventReview(
        id=int(r["id"]), event_id=int(r["event_id"]), action=r["action"], reviewer=r["reviewer"],
        reviewed_at=rows.utc(r["reviewed_at"]), note=r["note"],
        correction=EventCorrection.from_dict(json.loads(r["changes_json"])),
    )


def _claim_review(r: Mapping[str, Any] | sa.RowMapping) -> ClaimReview:
    return ClaimReview(int(r["id"]), int(r["claim_id"]), r["reviewer"], rows.utc(r["reviewed_at"]),
                       r["speaker"], r["note"])


def _exists(conn: sa.Connection, table: sa.Table, pk: int) -> bool:
    return conn.execute(sa.select(table.c.id).where(table.c.id == pk)).first() is not None
