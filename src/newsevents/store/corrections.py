"""What a reviewer's correction of an event report says, and the latest review of each report.

Read by reviews (``review``), by merging (``merged``: a corrected report merges as corrected, a rejected one
gives nothing) and by reading merged events (``merged_read``). The tables are in ``schema`` (migration 2).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa

from newsevents.events.ontology import load_ontology
from newsevents.model import Actor, Counts, DateSpan, Event, Location
from newsevents.store.schema import event_reviews

ID_CHUNK = 10_000  # ids per IN (...) list: SQLite takes at most 32,766 parameters


@dataclass(frozen=True, slots=True, kw_only=True)
class EventCorrection:
    """The fields a reviewer changed; None leaves the machine's value. ``counts`` and ``actors`` replace the
    machine's whole set; the PLOVER type follows a corrected sub-event type from the ontology."""

    event_type: str | None = None
    sub_event_type: str | None = None
    date: DateSpan | None = None
    location: Location | None = None
    counts: Counts | None = None
    actors: tuple[Actor, ...] | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__slots__)

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.event_type is not None:
            found["event_type"] = self.event_type
        if self.sub_event_type is not None:
            found["sub_event_type"] = self.sub_event_type
        if self.date is not None:
            found["date"] = self.date.to_dict()
        if self.location is not None:
            found["location"] = self.location.to_dict()
        if self.counts is not None:
            found["counts"] = self.counts.to_dict()
        if self.actors is not None:
            found["actors"] = [a.to_dict() for a in self.actors]
        return found

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> EventCorrection:
        return cls(
            event_type=d.get("event_type"),
            sub_event_type=d.get("sub_event_type"),
            date=DateSpan.from_dict(d["date"]) if d.get("date") is not None else None,
            location=Location.from_dict(d["location"]) if d.get("location") is not None else None,
            counts=Counts.from_dict(d["counts"]) if d.get("counts") is not None else None,
            actors=tuple(Actor.from_dict(a) for a in d["actors"]) if d.get("actors") is not None else None,
        )

    def apply(self, event: Event) -> Event:
        changed = event
        if self.sub_event_type is not None:
            sub = load_ontology().lookup(self.sub_event_type)
            plover = sub.plover if sub is not None else event.plover
            changed = replace(changed, sub_event_type=self.sub_event_type, plover=plover)
        if self.event_type is not None:
            changed = replace(changed, event_type=self.event_type)
        if self.date is not None:
            changed = replace(changed, date=self.date)
        if self.location is not None:
            changed = replace(changed, location=self.location)
        if self.counts is not None:
            changed = replace(changed, counts=self.counts)
        if self.actors is not None:
            changed = replace(changed, actors=self.actors)
        return changed


def latest_reviews(
    conn: sa.Connection, report_ids: Sequence[int]
) -> dict[int, tuple[str, EventCorrection, str]]:
    """The latest review of each report that has one: (action, correction, reviewer)."""
    er = event_reviews.c
    found: dict[int, tuple[str, EventCorrection, str]] = {}
    ids = sorted(set(report_ids))
    for at in range(0, len(ids), ID_CHUNK):  # SQLite takes at most 32,766 parameters
        stmt = (sa.select(er.event_id, er.action, er.changes_json, er.reviewer)
                .where(er.event_id.in_(ids[at:at + ID_CHUNK])).order_by(er.id))
        for event_id, action, changes, reviewer in conn.execute(stmt):
            found[int(event_id)] = (action, EventCorrection.from_dict(json.loads(changes)), reviewer)
    return found


def rejected_reports(conn: sa.Connection, report_ids: Sequence[int]) -> set[int]:
    return {rid for rid, (action, *_) in latest_reviews(conn, report_ids).items() if action == "reject"}
