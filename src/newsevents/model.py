"""Typed, frozen results: the data model behind ``../shared/CONTRACT.md`` (schema_version 1).

Every class has ``to_dict`` giving exactly its contract JSON form and ``from_dict`` reading it back, so the
store, the API and the Spark runner all speak the same records. Offsets are Python string indices into the
article text as the user gave it, end exclusive.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from newsevents.__about__ import SCHEMA_VERSION

Modality = Literal["asserted", "claimed", "negated", "hypothetical", "planned"]
ActorRole = Literal["actor1", "actor2", "associated"]
DatePrecision = Literal["day", "week", "month", "year"]
ZoneKind = Literal["headline", "body", "caption", "furniture"]

COUNT_FIELDS = ("killed", "injured", "arrested", "troops", "protesters", "equipment")


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(int(d["start"]), int(d["end"]))


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ErrorInfo:
        return cls(str(d["code"]), str(d["message"]))


NUMERIC_DAY = re.compile(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ].*)?")
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)
# How far into the text a dateline ("Car sales slump February 03 , 2009 Sales fell...") may lie.
DATELINE_CHARS = 300


def read_published_day(published: str | None, text: str = "") -> dt.date | None:
    """The one rule for a publication day: an ISO date or datetime ("2024-03-14", "2024-03-14T23:30-05:00",
    the writer's own day, never converted to UTC), or a numeric "DD-MM-YYYY" / "MM-DD-YYYY" (any of ``-/.``)
    when only one order gives a real day or when the text's dateline (a date written out in words among its
    first 300 characters) says which. None otherwise."""
    if not published or not published.strip():
        return None
    value = published.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    readings = set(numeric_readings(value))
    if len(readings) > 1:
        readings = {d for d in readings if _written_out(d, text[:DATELINE_CHARS])}
    return readings.pop() if len(readings) == 1 else None


def numeric_readings(published: str) -> list[dt.date]:
    """The real days a numeric "DD-MM-YYYY" / "MM-DD-YYYY" (any of ``-/.``) can mean, day first first; none
    for any other form."""
    match = NUMERIC_DAY.fullmatch(published)
    if match is None:
        return []
    a, b, year = int(match[1]), int(match[2]), int(match[3])
    return [d for d in (_real_day(year, b, a), _real_day(year, a, b)) if d is not None]


def _real_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _written_out(day: dt.date, text: str) -> bool:
    """Whether ``text`` writes ``day`` in words: "February 03 , 2009", "Feb. 3, 2009", "3 February 2009"."""
    name = MONTH_NAMES[day.month - 1]
    sept = r"|sept\.?" if day.month == 9 else ""
    month = rf"(?:{name}|{name[:3]}\.?{sept})"
    number = rf"0?{day.day}(?:st|nd|rd|th)?"
    pattern = rf"\b(?:{month}\s*{number}\s*,?\s*|{number}\s+(?:of\s+)?{month}\s*,?\s*){day.year}\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


@dataclass(frozen=True, slots=True)
class Article:
    """One article as the user gave it. ``text`` is never altered: every offset indexes it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or ISO datetime, as given
    url: str | None = None
    source: str | None = None
    # Not in the contract's input form: where the metadata came from and what was noticed while reading.
    published_raw: str | None = None  # the feed's or page's own date string, unparsed
    origin: str | None = None  # file path, WARC record id, feed URL...
    warnings: tuple[ErrorInfo, ...] = ()
    # The publication day every stage uses, read from ``published`` once, when the Article is made
    # (``read_published_day``); None when ``published`` is absent or gives no one day.
    published_day: dt.date | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "published_day", read_published_day(self.published, self.text))

    def to_input_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "text": self.text}
        for key in ("title", "published", "url", "source"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        return d

    @classmethod
    def from_input_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            id=str(d["id"]),
            text=str(d["text"]),
            title=d.get("title"),
            published=d.get("published"),
            url=d.get("url"),
            source=d.get("source"),
        )


@dataclass(frozen=True, slots=True)
class Zone:
    """A stretch of the text and what it is: reporting, a caption, a headline or page furniture."""

    start: int
    end: int
    kind: ZoneKind


def zone_kind_at(zones: Sequence[Zone], offset: int) -> str:
    """The kind of the zone (zones sorted by start) holding a character offset; "body" outside them all."""
    if not zones:
        return "body"
    i = bisect.bisect_right([z.start for z in zones], offset) - 1
    if i >= 0 and zones[i].start <= offset < zones[i].end:
        return zones[i].kind
    return "body"


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: str | None
    end: str | None
    precision: int | None  # ACLED time_precision: 1 day, 2 week/few days, 3 month or vaguer

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateSpan:
        return cls(d.get("start"), d.get("end"), d.get("precision"))


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country_code: str
    admin1: str | None
    lat: float
    lon: float
    geonames_id: int | None
    geo_precision: int  # ACLED geo_precision: 1 town, 2 part of region / near a town, 3 region or country
    # Added to the contract: the second-level division (county, district) it lies in or is, where known.
    admin2: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "geo_precision": self.geo_precision,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        return cls(
            d["name"],
            d["country_code"],
            d.get("admin1"),
            float(d["lat"]),
            float(d["lon"]),
            d.get("geonames_id"),
            int(d["geo_precision"]),
            d.get("admin2"),
        )


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: ActorRole
    type: str  # ACLED actor type name
    country_code: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "type": self.type, "country_code": self.country_code}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(d["name"], d["role"], d["type"], d.get("country_code"))


@dataclass(frozen=True, slots=True)
class Counts:
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    troops: int | None = None
    protesters: int | None = None
    equipment: int | None = None

    def to_dict(self) -> dict[str, int]:
        # The contract's counts keys are optional: a count that was not reported is absent, not zero.
        return {k: v for k in COUNT_FIELDS if (v := getattr(self, k)) is not None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Counts:
        return cls(**{k: int(d[k]) for k in COUNT_FIELDS if d.get(k) is not None})

    def is_empty(self) -> bool:
        return not self.to_dict()


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Plover:
        return cls(d["type"], d.get("mode"))


# Precision first: the least ``Event.confidence`` a record needs to be extracted, shown or exported by
# default.
# ``confidence`` is the calibrated chance that a record is a real event of the type given (learned from
# hand-coded stories: ``newsevents train --task confidence``, docs/events.md), and the records kept at this
# minimum were right more often than not in held-out stories. The events stage (unless its config sets
# ``min_confidence``), the store's ``EventFilter``, the exports, the API and the dashboard all take this as
# their default minimum, and a merged event is held to it through its most confident report that no reviewer
# rejected; users lower it (``--min-confidence``, ``min_confidence=``; 0 shows everything stored). Read this
# constant, never repeat the number: it is tuned with the calibration.
DEFAULT_MIN_CONFIDENCE = 0.35


@dataclass(frozen=True, slots=True)
class Event:
    event_type: str
    sub_event_type: str
    plover: Plover
    date: DateSpan
    location: Location | None
    actors: tuple[Actor, ...]
    counts: Counts
    modality: Modality
    evidence: tuple[Evidence, ...]
    source_claim: int | None
    confidence: float
    # Added to the contract (docs/contract.md): the incident's own time lies well before publication, history
    # told as context rather than news of this report.
    background: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "plover": self.plover.to_dict(),
            "date": self.date.to_dict(),
            "location": self.location.to_dict() if self.location else None,
            "actors": [a.to_dict() for a in self.actors],
            "counts": self.counts.to_dict(),
            "modality": self.modality,
            "evidence": [e.to_dict() for e in self.evidence],
            "source_claim": self.source_claim,
            "confidence": round(self.confidence, 4),
            "background": self.background,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            plover=Plover.from_dict(d["plover"]),
            date=DateSpan.from_dict(d["date"]),
            location=Location.from_dict(d["location"]) if d.get("location") else None,
            actors=tuple(Actor.from_dict(a) for a in d.get("actors", [])),
            counts=Counts.from_dict(d.get("counts", {})),
            modality=d["modality"],
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", [])),
            source_claim=d.get("source_claim"),
            confidence=float(d["confidence"]),
            background=bool(d.get("background", False)),
        )


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


# Why a claim has no speaker: no subject or source in its clause, a quote no attribution reaches, a pronoun
# with no person or organisation before it, or a quantifier that names no one ("some say").
SPEAKER_REASONS = ("no_speaker", "no_attribution", "unresolved_pronoun", "vague_source")
DENIAL_CUE = re.compile(
    r"^(?:den(?:y|ies|ied|ying|ial)|dismiss|reject|refut|rebut|disput|disavow|contradict|rebuff|contest|repudiat)",
    re.IGNORECASE,
)


def cue_denies(cue: str | None) -> bool:
    """Whether a claim's cue denies or disputes what the claim is about."""
    return bool(cue and DENIAL_CUE.match(cue.strip()))


@dataclass(frozen=True, slots=True)
class Claim:
    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue: str | None
    cue_span: tuple[int, int] | None
    content: str
    content_span: tuple[int, int]
    direct: bool
    # Why ``speaker`` is null (one of SPEAKER_REASONS); None when there is a speaker.
    speaker_reason: str | None = None
    # For a quotation inside reported speech: the index of the claim whose content holds it.
    within: int | None = None

    @property
    def cue_denies(self) -> bool:
        """True when the cue itself denies or disputes ("denied", "rejected", "dismissed")."""
        return cue_denies(self.cue)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "content": self.content,
            "content_span": list(self.content_span),
            "direct": self.direct,
            "speaker_reason": self.speaker_reason,
            "within": self.within,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        content_span = _span(d["content_span"])
        assert content_span is not None
        return cls(
            d.get("speaker"),
            _span(d.get("speaker_span")),
            d.get("cue"),
            _span(d.get("cue_span")),
            d["content"],
            content_span,
            bool(d["direct"]),
            d.get("speaker_reason"),
            d.get("within"),
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym in the text, resolved to a point."""

    text: str
    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonames_id: int | None
    country_code: str | None
    # Not in the contract's place form, kept for events and the store (added fields are allowed).
    admin1: str | None = None
    feature: str = "P"  # GeoNames feature class: P populated place, A country/region
    precision: int = 1  # ACLED geo_precision the place would give an event
    # How the text uses the name: "literal" (a location), "demonym" ("Kazakh", "Russian-led"), "metonym"
    # ("Moscow said": an actor) or "embedded" (inside a name: "the Kentucky State Police"). Only literal
    # places can be where an event happened; every kind is a toponym the reader may want to see.
    usage: str = "literal"
    admin2: str | None = None  # the second-level division (county, district) it lies in or is, where known

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "usage": self.usage,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            d["text"],
            int(d["start"]),
            int(d["end"]),
            d["name"],
            float(d["lat"]),
            float(d["lon"]),
            d.get("geonames_id"),
            d.get("country_code"),
            d.get("admin1"),
            usage=d.get("usage", "literal"),
            admin2=d.get("admin2"),
        )


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression in the text, resolved against the publication date."""

    text: str
    start: int
    end: int
    value: str  # ISO 8601: 2022-01-10, 2022-W01, 2022-01, 2022
    precision: DatePrecision
    # Added to the contract: a season, quarter or half the expression names, finer than its value (the year
    # holding it) can say: "2009-Q1", "2009-H2", "2009-SP" / "-SU" / "-FA" / "-WI" (TIMEX3's forms). Written
    # only when set.
    period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
        }
        if self.period is not None:
            d["period"] = self.period
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateMention:
        return cls(d["text"], int(d["start"]), int(d["end"]), d["value"], d["precision"], d.get("period"))


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become an Article, with the coded reason. It is reported, never dropped."""

    id: str
    error: ErrorInfo
    origin: str | None = None
    excerpt: str = ""  # the first bytes of what was read, decoded leniently, for the rejected-inputs table


@dataclass(frozen=True, slots=True)
class Result:
    """Everything newsevents found in one article: one line of ``newsevents extract``."""

    id: str
    error: ErrorInfo | None = None
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    # Added to the contract (allowed: adding fields): what was noticed but did not stop processing.
    warnings: tuple[ErrorInfo, ...] = field(default=())
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "schema_version": self.schema_version,
            "error": self.error.to_dict() if self.error else None,
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Result:
        return cls(
            id=str(d["id"]),
            error=ErrorInfo.from_dict(d["error"]) if d.get("error") else None,
            events=tuple(Event.from_dict(e) for e in d.get("events", [])),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims", [])),
            places=tuple(Place.from_dict(p) for p in d.get("places", [])),
            dates=tuple(DateMention.from_dict(x) for x in d.get("dates", [])),
            warnings=tuple(ErrorInfo.from_dict(w) for w in d.get("warnings", [])),
            schema_version=int(d.get("schema_version", SCHEMA_VERSION)),
        )
