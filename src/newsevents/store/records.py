"""What the store is asked (filters) and what it answers (stored records), as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

from newsevents.errors import FilterError
from newsevents.model import DEFAULT_MIN_CONFIDENCE, Claim, Event, Modality, Rejected

EventOrder = Literal["date", "-date", "confidence", "-confidence", "stored", "-stored"]
MODALITIES: tuple[str, ...] = get_args(Modality)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which stored events to return. Every field left at None matches everything.

    ``date_from``/``date_to`` keep events whose date range overlaps them (undated events never match a date
    filter); ``country`` is an ISO 3166-1 alpha-2 code; ``admin1`` and the types match exactly, ignoring
    case for admin1; ``actor`` matches part of an actor's name, ignoring case; ``text`` is a full-text
    query over the article's title and text; ``bbox`` is (min_lon, min_lat, max_lon, max_lat), as in GeoJSON.
    ``modality`` is one modality or several (any of them matches): an event report's own, a merged event's
    the one merging gave it (the most factual of its reports').

    ``min_confidence`` (0..1) is the exception to "None matches everything": precision first, it keeps by
    default only events of at least ``DEFAULT_MIN_CONFIDENCE`` (a merged event: its most confident report that
    no reviewer rejected); 0 keeps every stored event.
    """

    date_from: date | str | None = None
    date_to: date | str | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    modality: str | tuple[str, ...] | None = None
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    limit: int | None = None
    offset: int = 0
    order: EventOrder = "-date"
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    def __post_init__(self) -> None:
        if not is_confidence(self.min_confidence):
            raise FilterError(f"min_confidence must be a number from 0 to 1, not {self.min_confidence!r}",
                              min_confidence=self.min_confidence)
        unknown = [m for m in self.modalities if m not in MODALITIES]
        if unknown:
            raise FilterError(f"unknown modality {unknown[0]!r}: one of {', '.join(MODALITIES)}",
                              modality=unknown[0])

    @property
    def modalities(self) -> tuple[str, ...]:
        """The modalities asked for (none: any)."""
        return (self.modality,) if isinstance(self.modality, str) else tuple(self.modality or ())


def is_confidence(value: object) -> bool:
    """Whether ``value`` is a confidence: a number from 0 to 1 (NaN is not)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimFilter:
    """Which stored claims to return: ``speaker`` and ``text`` match part of the speaker's name or of the
    claim's content, ignoring case; ``article`` is the article's input id."""

    speaker: str | None = None
    text: str | None = None
    article: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFilter:
    """Which stored articles to return, in the order they were stored; ``text`` is a full-text query."""

    text: str | None = None
    source: str | None = None
    newest_first: bool = False
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One event as one article reported it, with the article it came from."""

    id: int
    article_id: str  # the article's input id
    article_pk: int  # the article's id in the store
    article_title: str | None
    article_url: str | None
    article_published: str | None
    article_source: str | None
    index: int  # position among the article's events
    event: Event
    evidence_text: str  # the words the evidence offsets point at, joined by " … "
    ingested_at: datetime


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    article_id: str
    article_pk: int
    article_title: str | None
    article_url: str | None
    article_published: str | None
    index: int
    claim: Claim


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article's metadata and what was found in it, without the text (see ``Store.article``)."""

    id: int  # the store's id: pass it to ``Store.article``
    external_id: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    ingested_at: datetime
    error_code: str | None
    events: int
    claims: int


@dataclass(frozen=True, slots=True)
class StoredRejected:
    id: int
    rejected: Rejected
    rejected_at: datetime


@dataclass(frozen=True, slots=True)
class StoreSummary:
    backend: str  # "sqlite" or "postgresql"
    schema_version: int
    articles: int
    failed: int  # articles stored with an error instead of results
    events: int
    claims: int
    places: int
    dates: int
    rejected: int

    def __str__(self) -> str:
        return (
            f"{self.backend} schema v{self.schema_version}: {self.articles} articles ({self.failed} failed), "
            f"{self.events} events, {self.claims} claims, {self.places} places, {self.dates} dates, "
            f"{self.rejected} rejected inputs"
        )
