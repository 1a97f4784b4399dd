"""Request bodies the API validates (responses are plain dicts from ``views``).

Integers are bounded by what the store's integer columns hold on every backend (``MAX_INT``) and texts
hold no NUL (PostgreSQL stores none), so a body the models accept is one the store can keep."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsevents.model import Actor, Counts, DateSpan, Location
from newsevents.store.review import MAX_INT, MAX_NOTE, MAX_REVIEWER, EventCorrection

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
COUNTRY = r"^[A-Z]{2}$"
NO_NUL = r"^[^\x00]*$"

Text = Annotated[str, Field(pattern=NO_NUL)]
Count = Annotated[int | None, Field(ge=0, le=MAX_INT)]
StoredId = Annotated[int, Field(ge=1, le=MAX_INT)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str = Field(description="a newsevents error code (E320) or a short word (not_found...)")
    message: str
    status: int


class ErrorOut(BaseModel):
    """The one shape of every error answer."""

    error: ErrorDetail


class DateIn(_Strict):
    start: str | None = Field(None, pattern=ISO_DAY)
    end: str | None = Field(None, pattern=ISO_DAY)
    precision: Literal[1, 2, 3] | None = None


class LocationIn(_Strict):
    name: Text = Field(min_length=1, max_length=200)
    country_code: str = Field(pattern=COUNTRY)
    admin1: Text | None = Field(None, max_length=200)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    geonames_id: int | None = Field(None, ge=0, le=MAX_INT)
    geo_precision: Literal[1, 2, 3] = 1


class CountsIn(_Strict):
    killed: Count = None
    injured: Count = None
    arrested: Count = None
    troops: Count = None
    protesters: Count = None
    equipment: Count = None


class ActorIn(_Strict):
    name: Text = Field(min_length=1, max_length=200)
    role: Literal["actor1", "actor2", "associated"]
    type: Text = Field(min_length=1, max_length=100)
    country_code: str | None = Field(None, pattern=COUNTRY)


class ChangesIn(_Strict):
    """Only the fields given change; ``counts`` and ``actors`` replace the whole set."""

    event_type: Text | None = Field(None, max_length=100)
    sub_event_type: Text | None = Field(None, max_length=100)
    date: DateIn | None = None
    location: LocationIn | None = None
    counts: CountsIn | None = None
    actors: list[ActorIn] | None = Field(None, max_length=50)

    def correction(self) -> EventCorrection:
        d, loc, c = self.date, self.location, self.counts
        return EventCorrection(
            event_type=self.event_type,
            sub_event_type=self.sub_event_type,
            date=DateSpan(d.start, d.end or d.start, d.precision) if d else None,
            location=Location(loc.name, loc.country_code, loc.admin1, loc.lat, loc.lon, loc.geonames_id,
                              loc.geo_precision) if loc else None,
            counts=Counts(**c.model_dump()) if c else None,
            actors=tuple(Actor(a.name, a.role, a.type, a.country_code) for a in self.actors)
            if self.actors is not None else None,
        )


class EventReviewIn(_Strict):
    action: Literal["accept", "correct", "reject"]
    reviewer: Text = Field(min_length=1, max_length=MAX_REVIEWER)
    note: Text | None = Field(None, max_length=MAX_NOTE)
    changes: ChangesIn | None = None


class ClaimReviewIn(_Strict):
    speaker: Text | None = Field(max_length=300)  # null: the claim has no identifiable speaker
    reviewer: Text = Field(min_length=1, max_length=MAX_REVIEWER)
    note: Text | None = Field(None, max_length=MAX_NOTE)


class SplitIn(_Strict):
    reports: list[StoredId] = Field(min_length=1, max_length=10_000, description="the reports to move out")
    reviewer: Text = Field(min_length=1, max_length=MAX_REVIEWER)
    note: Text | None = Field(None, max_length=MAX_NOTE)


class JoinIn(_Strict):
    other: int = Field(ge=1, le=MAX_INT, description="the event whose reports join this one; it is deleted")
    reviewer: Text = Field(min_length=1, max_length=MAX_REVIEWER)
    note: Text | None = Field(None, max_length=MAX_NOTE)
