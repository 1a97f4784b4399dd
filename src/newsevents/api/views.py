"""What the API answers, as typed models (``api.models``): real-world (merged) events with where each field
came from, event reports with their reviews, claims, articles, and the spans of an article's text that show
where each field of a report came from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsevents.api.models import (
    ArticleRef,
    ArticleSummary,
    ArticleView,
    ClaimsByStance,
    ClaimView,
    EventView,
    Field_,
    Highlight,
    MemberReport,
    MergedDetail,
    MergedFields,
    MergedSummary,
    Record,
    ReportDetail,
)
from newsevents.merge.event import MergedEvent
from newsevents.model import COUNT_FIELDS, DEFAULT_MIN_CONFIDENCE, Article, Event, Evidence, Result
from newsevents.store import StoredArticle, StoredClaim, StoredEvent
from newsevents.store.merged import MergeReview
from newsevents.store.merged_read import MergedRecord
from newsevents.store.review import ReviewedClaim, ReviewedEvent

MAX_NAME_HITS = 20  # highlights of one actor's name in one article


def article_ref(stored: StoredEvent | StoredClaim, source: str | None = None) -> ArticleRef:
    """The article a report or claim came from; a claim's row holds no source (``source`` gives it)."""
    return ArticleRef(
        pk=stored.article_pk, id=stored.article_id, title=stored.article_title, url=stored.article_url,
        published=stored.article_published,
        source=stored.article_source if isinstance(stored, StoredEvent) else source,
    )


def event_view(reviewed: ReviewedEvent) -> EventView:
    stored = reviewed.stored
    return EventView(
        id=stored.id,
        status=reviewed.status,
        event=stored.event.to_dict(),
        # The machine's own event beside the correction; null when nobody changed it.
        machine=reviewed.machine.to_dict() if reviewed.status == "corrected" else None,
        review=reviewed.review.to_dict() if reviewed.review else None,
        evidence_text=stored.evidence_text,
        article=article_ref(stored),
        ingested_at=stored.ingested_at.isoformat(),
    )


def claim_view(reviewed: ReviewedClaim) -> ClaimView:
    stored = reviewed.stored
    return ClaimView(
        id=stored.id,
        index=stored.index,
        claim=stored.claim.to_dict(),
        machine_speaker=reviewed.machine.speaker,
        review=reviewed.review.to_dict() if reviewed.review else None,
        article=article_ref(stored),
    )


def article_summary(stored: StoredArticle) -> ArticleSummary:
    return ArticleSummary(
        pk=stored.id, id=stored.external_id, title=stored.title, url=stored.url, published=stored.published,
        source=stored.source, ingested_at=stored.ingested_at.isoformat(), error_code=stored.error_code,
        events=stored.events, claims=stored.claims,
    )


def article_view(pk: int, article: Article, result: Result, events: Iterable[ReviewedEvent],
                 claims: Iterable[ReviewedClaim]) -> ArticleView:
    """An article with its text, what was found in it, and its event reports and claims as reviewed."""
    return ArticleView(
        pk=pk, id=article.id, title=article.title, url=article.url, published=article.published,
        source=article.source, text=article.text, result=result.to_dict(),
        events=[event_view(e) for e in events], claims=[claim_view(c) for c in claims],
    )


def report_detail(reviewed: ReviewedEvent, article: Article, result: Result, claims: Sequence[ReviewedClaim],
                  history: Iterable[Record], merged_event: int | None) -> ReportDetail:
    """One event report with its article's text, the spans that support each field (``highlights``), the
    claims it rests on (``claims``: see ``linked_claims``), its review history and its merged event."""
    view = event_view(reviewed)
    return ReportDetail(
        **{**dict(view), "article": view.article.model_copy(update={"source": article.source})},
        text=article.text,
        highlights=highlights(reviewed.stored.event, article.text, result, claims),
        claims=[claim_view(c) for c in claims],
        history=list(history),
        merged_event=merged_event,
    )


def _overlaps(start: int, end: int, spans: Iterable[Evidence]) -> bool:
    return any(start < e.end and e.start < end for e in spans)


def linked_claims(event: Event, found: Sequence[ReviewedClaim]) -> list[ReviewedClaim]:
    """The article's claims that an event rests on: its source claim, and claims its evidence overlaps."""
    return [
        c for c in found
        if c.stored.index == event.source_claim or _overlaps(*c.stored.claim.content_span, event.evidence)
    ]


def _span(start: int, end: int, field: Field_) -> Highlight:
    return Highlight(start=start, end=end, field=field)


def _name_hits(text: str, name: str) -> list[tuple[int, int]]:
    if len(name.strip()) < 2:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)][:MAX_NAME_HITS]


def highlights(
    event: Event, text: str, result: Result, claims: Sequence[ReviewedClaim]
) -> list[Highlight]:
    """Spans of ``text`` showing each field's evidence: "evidence" (the event's own spans), "place",
    "date", "actor", "count" (a number inside the evidence) and "claim" (the claim it rests on)."""
    spans = [_span(e.start, e.end, "evidence") for e in event.evidence]
    loc = event.location
    if loc is not None:
        spans += [_span(p.start, p.end, "place") for p in result.places
                  if (loc.geonames_id is not None and p.geonames_id == loc.geonames_id) or p.name == loc.name]
    if event.date.start:
        spans += [_span(d.start, d.end, "date") for d in result.dates
                  if event.date.start.startswith(d.value) or d.value.startswith(event.date.start)]
    for actor in event.actors:
        spans += [_span(s, e, "actor") for s, e in _name_hits(text, actor.name)]
    for name in COUNT_FIELDS:
        value = getattr(event.counts, name)
        if value is None:
            continue
        number = re.compile(rf"(?<![\d,.]){value:,}(?![\d,])|(?<![\d,.]){value}(?![\d,])")
        for e in event.evidence:
            spans += [_span(e.start + m.start(), e.start + m.end(), "count")
                      for m in number.finditer(text[e.start:e.end])]
    spans += [_span(*c.stored.claim.content_span, "claim") for c in claims]
    size = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= size]
    return sorted(valid, key=lambda s: (s.start, s.end, s.field))


def merged_fields(event: MergedEvent) -> MergedFields:
    """A merged event's own fields, shaped like an event report's where they mean the same."""
    return MergedFields(
        event_type=event.event_type, sub_event_type=event.sub_event_type, date=event.date.to_dict(),
        location=event.location.to_dict() if event.location else None, country_code=event.country_code,
        counts=event.counts.to_dict(), actors=[a.to_dict() for a in event.actors], modality=event.modality,
    )


def merged_summary(record: MergedRecord) -> MergedSummary:
    event = record.event
    return MergedSummary(
        id=event.id, event=merged_fields(event), n_reports=event.n_reports, n_outlets=event.n_outlets,
        outlets=list(record.outlets), articles=list(record.articles), first_report=event.first_report,
        last_report=event.last_report, reports=list(event.reports), headline=record.headline,
        evidence_text=record.notes, status="rejected" if record.rejected else "active",
        confidence=round(event.confidence, 4),
    )


def merged_detail(event: MergedEvent, reports: Sequence[ReviewedEvent], history: Sequence[MergeReview],
                  min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> MergedDetail:
    """A merged event with the provenance of each field, every figure, the claims about it grouped by
    stance, and all its reports (each with its article and review status, and whether it is less confident
    than ``min_confidence``)."""
    by_id = {r.stored.id: r for r in reports}

    def outlet(report_id: int) -> str | None:
        found = by_id.get(report_id)
        return found.stored.article_source or found.stored.article_id if found else None

    return MergedDetail(
        id=event.id, event=merged_fields(event), n_reports=event.n_reports, n_outlets=event.n_outlets,
        first_report=event.first_report, last_report=event.last_report,
        status="rejected" if reports and all(r.status == "rejected" for r in reports) else "active",
        confidence=round(event.confidence, 4), min_confidence=min_confidence,
        sources=[{**s.to_dict(), "outlet": outlet(s.report_id)} for s in event.sources],
        figures=[{**f.to_dict(), "outlet": outlet(f.report_id)} for f in event.figures],
        claims=ClaimsByStance(
            asserted=[c.to_dict() for c in event.claims if c.stance == "asserted"],
            denied=[c.to_dict() for c in event.claims if c.stance == "denied"],
        ),
        reports=[MemberReport(**dict(event_view(r)),
                              below_min_confidence=r.stored.event.confidence < min_confidence)
                 for r in reports],
        history=[h.to_dict() for h in history],
    )
