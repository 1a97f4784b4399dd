"""Turning model objects into table rows and back, and query rows into the store's records. Pure functions:
no connection, no SQL."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newsevents.model import (
    COUNT_FIELDS,
    Actor,
    Article,
    Claim,
    Counts,
    DateMention,
    DateSpan,
    ErrorInfo,
    Event,
    Evidence,
    Location,
    Place,
    Plover,
    Rejected,
    Result,
)
from newsevents.store.records import StoredArticle, StoredClaim, StoredEvent

Row = Mapping[Any, Any]  # a result row as a mapping (SQLAlchemy's RowMapping)

EVIDENCE_JOIN = " … "
EVIDENCE_TEXT_MAX = 1000  # characters kept in event_reports.evidence_text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def rejected_fingerprint(rejected: Rejected) -> str:
    key = _dumps([rejected.id, rejected.origin, rejected.error.code, rejected.excerpt])
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time the store writes is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _warnings(items: Sequence[ErrorInfo]) -> str:
    return _dumps([w.to_dict() for w in items])


def article_row(article: Article, result: Result, now: datetime) -> dict[str, Any]:
    return {
        "external_id": article.id,
        "content_hash": content_hash(article.text),
        "url": article.url or None,
        "title": article.title,
        "published": article.published,
        "published_raw": article.published_raw,
        "source": article.source,
        "origin": article.origin,
        "text": article.text,
        "ingested_at": now,
        "schema_version": result.schema_version,
        "error_code": result.error.code if result.error else None,
        "error_message": result.error.message if result.error else None,
        "article_warnings_json": _warnings(article.warnings),
        "result_warnings_json": _warnings(result.warnings),
    }


def evidence_text(text: str, evidence: Sequence[Evidence]) -> str:
    joined = EVIDENCE_JOIN.join(text[e.start:e.end].strip() for e in evidence)
    return joined[:EVIDENCE_TEXT_MAX]


def event_row(article_pk: int, idx: int, event: Event, text: str) -> dict[str, Any]:
    loc = event.location
    row: dict[str, Any] = {
        "article_id": article_pk,
        "idx": idx,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "plover_type": event.plover.type,
        "plover_mode": event.plover.mode,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "time_precision": event.date.precision,
        "location_name": loc.name if loc else None,
        "country_code": loc.country_code if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "modality": event.modality,
        "source_claim": event.source_claim,
        "confidence": event.confidence,
        "background": event.background,
        "actors_json": _dumps([a.to_dict() for a in event.actors]),
        "evidence_json": _dumps([e.to_dict() for e in event.evidence]),
        "evidence_text": evidence_text(text, event.evidence),
    }
    row.update({name: getattr(event.counts, name) for name in COUNT_FIELDS})
    return row


def actor_rows(event_pk: int, actors: Sequence[Actor]) -> list[dict[str, Any]]:
    return [
        {"event_id": event_pk, "idx": i, "name": a.name, "role": a.role, "type": a.type,
         "country_code": a.country_code}
        for i, a in enumerate(actors)
    ]


def _span_columns(prefix: str, span: tuple[int, int] | None) -> dict[str, int | None]:
    return {f"{prefix}_start": span[0] if span else None, f"{prefix}_end": span[1] if span else None}


def claim_row(article_pk: int, idx: int, claim: Claim) -> dict[str, Any]:
    return {
        "article_id": article_pk, "idx": idx, "speaker": claim.speaker, "cue": claim.cue,
        "content": claim.content, "direct": claim.direct, "speaker_reason": claim.speaker_reason,
        "within_idx": claim.within,
        **_span_columns("speaker", claim.speaker_span),
        **_span_columns("cue", claim.cue_span),
        **_span_columns("content", claim.content_span),
    }


def place_row(article_pk: int, idx: int, place: Place) -> dict[str, Any]:
    return {
        "article_id": article_pk, "idx": idx, "text": place.text, "start": place.start, "end": place.end,
        "name": place.name, "lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id,
        "country_code": place.country_code, "admin1": place.admin1, "feature": place.feature,
        "precision": place.precision, "admin2": place.admin2,
    }


def date_row(article_pk: int, idx: int, mention: DateMention) -> dict[str, Any]:
    return {
        "article_id": article_pk, "idx": idx, "text": mention.text, "start": mention.start,
        "end": mention.end, "value": mention.value, "precision": mention.precision, "period": mention.period,
    }


def rejected_row(rejected: Rejected, now: datetime) -> dict[str, Any]:
    return {
        "fingerprint": rejected_fingerprint(rejected), "input_id": rejected.id, "origin": rejected.origin,
        "code": rejected.error.code, "message": rejected.error.message, "excerpt": rejected.excerpt,
        "rejected_at": now,
    }


# --- rows back to model objects -------------------------------------------------------------------------

def to_event(row: Row) -> Event:
    location = None
    if row["location_name"] is not None:
        location = Location(
            row["location_name"], row["country_code"], row["admin1"], float(row["lat"]), float(row["lon"]),
            row["geonames_id"], int(row["geo_precision"]), row["admin2"],
        )
    return Event(
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        plover=Plover(row["plover_type"], row["plover_mode"]),
        date=DateSpan(row["date_start"], row["date_end"], row["time_precision"]),
        location=location,
        actors=tuple(Actor.from_dict(a) for a in json.loads(row["actors_json"])),
        counts=Counts(**{name: row[name] for name in COUNT_FIELDS}),
        modality=row["modality"],
        evidence=tuple(Evidence.from_dict(e) for e in json.loads(row["evidence_json"])),
        source_claim=row["source_claim"],
        confidence=float(row["confidence"]),
        background=bool(row["background"]),
    )


def _span(row: Row, prefix: str) -> tuple[int, int] | None:
    start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
    return (int(start), int(end)) if start is not None and end is not None else None


def to_claim(row: Row) -> Claim:
    return Claim(
        row["speaker"], _span(row, "speaker"), row["cue"], _span(row, "cue"), row["content"],
        (int(row["content_start"]), int(row["content_end"])), bool(row["direct"]), row["speaker_reason"],
        row["within_idx"],
    )


def to_place(row: Row) -> Place:
    return Place(
        row["text"], row["start"], row["end"], row["name"], float(row["lat"]), float(row["lon"]),
        row["geonames_id"], row["country_code"], row["admin1"], row["feature"], row["precision"],
        admin2=row["admin2"],
    )


def to_date(row: Row) -> DateMention:
    return DateMention(row["text"], row["start"], row["end"], row["value"], row["precision"], row["period"])


def _load_warnings(raw: str) -> tuple[ErrorInfo, ...]:
    return tuple(ErrorInfo.from_dict(w) for w in json.loads(raw))


def to_article(row: Row) -> Article:
    return Article(
        id=row["external_id"], text=row["text"], title=row["title"], published=row["published"],
        url=row["url"], source=row["source"], published_raw=row["published_raw"], origin=row["origin"],
        warnings=_load_warnings(row["article_warnings_json"]),
    )


def to_result(
    row: Row, events: Sequence[Event], claims: Sequence[Claim], places: Sequence[Place],
    dates: Sequence[DateMention],
) -> Result:
    error = ErrorInfo(row["error_code"], row["error_message"] or "") if row["error_code"] else None
    return Result(
        id=row["external_id"], error=error, events=tuple(events), claims=tuple(claims), places=tuple(places),
        dates=tuple(dates), warnings=_load_warnings(row["result_warnings_json"]),
        schema_version=row["schema_version"],
    )


def to_rejected(row: Row) -> Rejected:
    return Rejected(row["input_id"], ErrorInfo(row["code"], row["message"]), row["origin"], row["excerpt"])


# --- stored records: a query row of ``queries`` (with its article's columns) as the store hands it out ------

def stored_event(row: Row) -> StoredEvent:
    """An ``events_select`` row as a ``StoredEvent``."""
    return StoredEvent(
        id=row["id"], article_id=row["article_external_id"], article_pk=row["article_pk"],
        article_title=row["article_title"], article_url=row["article_url"],
        article_published=row["article_published"], article_source=row["article_source"], index=row["idx"],
        event=to_event(row), evidence_text=row["evidence_text"],
        ingested_at=utc(row["article_ingested_at"]),
    )


def stored_claim(row: Row) -> StoredClaim:
    """A ``claims_select`` row as a ``StoredClaim``."""
    return StoredClaim(
        id=row["id"], article_id=row["article_external_id"], article_pk=row["article_pk"],
        article_title=row["article_title"], article_url=row["article_url"],
        article_published=row["article_published"], index=row["idx"], claim=to_claim(row),
    )


def stored_article(row: Row) -> StoredArticle:
    """An ``articles_select`` row as a ``StoredArticle``."""
    return StoredArticle(
        id=row["id"], external_id=row["external_id"], title=row["title"], url=row["url"],
        published=row["published"], source=row["source"], ingested_at=utc(row["ingested_at"]),
        error_code=row["error_code"], events=int(row["n_events"]), claims=int(row["n_claims"]),
    )
