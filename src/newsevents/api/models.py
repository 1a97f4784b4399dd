"""Request bodies the API validates, and the typed answers ``views`` builds.

Integers are bounded by what the store's integer columns hold on every backend (``MAX_INT``) and texts
hold no NUL (PostgreSQL stores none), so a body the models accept is one the store can keep."""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

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


# --- answers --------------------------------------------------------------------------------------------
# Built by ``views``; the JSON keys are the fields, in order. ``Record`` is a contract record's JSON
# (``Event.to_dict()``, ``Result.to_dict()``...), whose shape docs/contract.md and its JSON Schema give.

Record = dict[str, Any]
Field_ = Literal["evidence", "place", "date", "actor", "count", "claim"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


ItemT = TypeVar("ItemT", bound=_Out)


class Page(_Out, Generic[ItemT]):
    """One page of a listing: its items, how many match in all, and where the page starts."""

    items: list[ItemT]
    total: int
    limit: int
    offset: int


class ArticleRef(_Out):
    pk: int
    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None


class EventView(_Out):
    """An event report as reviewed."""

    id: int
    status: str
    event: Record
    machine: Record | None = Field(description="the pipeline's own event when a reviewer corrected it")
    review: Record | None
    evidence_text: str
    article: ArticleRef
    ingested_at: str


class ClaimView(_Out):
    id: int
    index: int
    claim: Record
    machine_speaker: str | None
    review: Record | None
    article: ArticleRef


class ArticleSummary(ArticleRef):
    ingested_at: str
    error_code: str | None
    events: int
    claims: int


class ArticleView(ArticleRef):
    text: str
    result: Record
    events: list[EventView]
    claims: list[ClaimView]


class Highlight(_Out):
    """A span of the article's text showing where one field of a report came from."""

    start: int
    end: int
    field: Field_


class ReportDetail(EventView):
    """One event report with its article's text, the spans behind its fields, its claims and reviews."""

    text: str
    highlights: list[Highlight]
    claims: list[ClaimView]
    history: list[Record]
    merged_event: int | None


class MergedFields(_Out):
    """A merged event's own fields, shaped like an event report's where they mean the same."""

    event_type: str
    sub_event_type: str
    date: Record
    location: Record | None
    country_code: str | None
    counts: Record
    actors: list[Record]
    modality: str


class MergedSummary(_Out):
    id: int | None
    event: MergedFields
    n_reports: int
    n_outlets: int
    outlets: list[str]
    articles: list[str]
    first_report: str | None
    last_report: str | None
    reports: list[int]
    headline: str | None
    evidence_text: str
    status: Literal["active", "rejected"]
    confidence: float


class ClaimsByStance(_Out):
    asserted: list[Record]
    denied: list[Record]


class MemberReport(EventView):
    below_min_confidence: bool


class MergedDetail(_Out):
    id: int | None
    event: MergedFields
    n_reports: int
    n_outlets: int
    first_report: str | None
    last_report: str | None
    status: Literal["active", "rejected"]
    confidence: float
    min_confidence: float
    sources: list[Record]
    figures: list[Record]
    claims: ClaimsByStance
    reports: list[MemberReport]
    history: list[Record]


class ReportReviewed(_Out):
    review: Record
    event: EventView


class SplitDone(_Out):
    event: MergedSummary
    new_event: MergedSummary


class JoinDone(_Out):
    event: MergedSummary


class Health(_Out):
    status: Literal["ok"]
    version: str
    backend: str
    schema_version: int
    writable: bool
    articles: int
    events: int  # real-world (merged) events, whatever their confidence
    reports: int
    claims: int
    default_min_confidence: float


class DayCount(_Out):
    date: str
    event_type: str
    events: int


class CountryCount(_Out):
    country_code: str
    events: int


class Stats(_Out):
    level: Literal["events", "reports"]
    total: int
    per_day: list[DayCount]
    per_country: list[CountryCount]
    event_types: list[str]


class SubEventTypeOut(_Out):
    name: str
    event_type: str
    definition: str


class OntologyOut(_Out):
    version: str
    event_types: list[str]
    sub_event_types: list[SubEventTypeOut]


class Points(_Out):
    """What a map draws of the placed events (``items``: id, type, date, place, reports and outlets)."""

    items: list[Record]
    total: int
    limit: int


class Places(_Out):
    items: list[Record]  # a place and how many events (or reports) it has
    limit: int
    offset: int
    level: Literal["events", "reports"]
