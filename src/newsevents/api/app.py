"""The web app: a JSON API under ``/api/``, its OpenAPI docs at ``/docs`` and the dashboard at ``/``.

Everything is served from the package: no asset comes from a CDN, so the dashboard works with no network.
Reads go straight to the store; articles are ingested by one background thread (``jobs.IngestWorker``);
reviews are small writes. Writing (ingest, review) needs ``Authorization: Bearer <token>``; an app made
without a token is read-only and answers 403 to every write.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import IO, Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.__about__ import __version__
from newsevents.api import errors, views
from newsevents.api.export import (
    ALL_MODALITIES_HELP,
    EXTRA_TYPES_HELP,
    MEDIA_TYPES,
    ExportFormat,
    export,
    headers,
)
from newsevents.api.inputs import parse_body
from newsevents.api.jobs import Extracts, IngestWorker, JobView
from newsevents.api.limits import BodyLimit
from newsevents.api.models import (
    NO_NUL,
    ArticleSummary,
    ArticleView,
    ClaimReviewIn,
    ClaimView,
    CountryCount,
    DayCount,
    ErrorOut,
    EventReviewIn,
    EventView,
    Health,
    JoinDone,
    JoinIn,
    MergedDetail,
    MergedSummary,
    OntologyOut,
    Page,
    Places,
    Points,
    ReportDetail,
    ReportReviewed,
    SplitDone,
    SplitIn,
    Stats,
    SubEventTypeOut,
)
from newsevents.errors import FilterError, InvalidRequest, NotFound, ReadOnly, StoreError, Unauthorized
from newsevents.events.ontology import load_ontology
from newsevents.model import DEFAULT_MIN_CONFIDENCE
from newsevents.pipeline import ExtractorProcess
from newsevents.store import (
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    EventOrder,
    Store,
    filters,
    merged_queries,
)
from newsevents.store.merged import join, merge_history, split
from newsevents.store.merged_read import (
    member_reports,
    merged_event,
    merged_event_of,
    merged_record,
    merged_records,
)
from newsevents.store.queries import period_start
from newsevents.store.records import MODALITIES
from newsevents.store.review import MAX_INT, ReviewedEvent, Reviews

DATE_OR_PERIOD = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI starts itself with an inline script: only its page allows one.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")


ERROR_MEANINGS = {
    401: "no token, or the wrong one", 403: "the server is read-only (started without a token)",
    404: "nothing stored under that id", 413: "the body is larger than the server's limit",
    415: "a body of a kind that cannot be ingested", 422: "an invalid parameter or body",
}


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI entries of a route's error answers, all in the one error shape."""
    return {status: {"model": ErrorOut, "description": ERROR_MEANINGS[status]} for status in statuses}


READ = documented(422)
READ_ONE = documented(404, 422)
WRITE = documented(401, 403, 404, 413, 422)
INGEST = documented(401, 403, 413, 415, 422)


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiSettings:
    token: str | None = None  # None: read-only
    max_body_bytes: int = 1_000_000  # any request but ingest
    max_ingest_bytes: int = 20_000_000
    max_page: int = 5_000  # most events one /api/events page may hold
    max_export: int = 1_000_000  # most events one export may hold
    cors_origins: tuple[str, ...] = ()  # origins whose pages may read the API (CORS); none by default


@dataclass(frozen=True, slots=True)
class Services:
    store: Store
    reviews: Reviews
    worker: IngestWorker
    settings: ApiSettings


def dashboard_dir() -> Path:
    return Path(str(resources.files("newsevents") / "dashboard"))


class SecurityHeaders:
    """ASGI middleware adding a strict Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope.get("path") in ("/docs", "/api/docs") else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", policy.encode()),
                            (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(db: str, *, token: str | None, settings: ApiSettings | None = None,
               extractor_factory: Callable[[], Extracts] | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db`` (a path or database URL), opened (and migrated) now.

    ``token`` enables writes; ``extractor_factory`` builds the ingest pipeline the first time an article
    is posted (the configured pipeline by default).
    """
    settings = replace(settings or ApiSettings(), token=token or None)
    store = Store.open(db)
    services = Services(store, Reviews(store), IngestWorker(db, extractor_factory or ExtractorProcess),
                        settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        services.worker.close()
        store.close()

    app = FastAPI(
        title="newsevents", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        openapi_url="/api/openapi.json",
        description="Evidence-linked political events and claims found in news reports.",
    )
    app.state.services = services
    errors.install(app)
    app.add_middleware(BodyLimit, limit_for=lambda path: (
        settings.max_ingest_bytes if path == "/api/ingest" else settings.max_body_bytes))
    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:
        # Pages of these origins may read the API from a browser; writes still need the token.
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                           expose_headers=["Content-Disposition", "X-Event-Count", "X-Newsevents-Export",
                                           "Location"])
    _add_pages(app)
    _add_reads(app)
    _add_writes(app)
    return app


# --- shared dependencies --------------------------------------------------------------------------------


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def require_writer(svc: ServicesDep, request: Request) -> None:
    expected = svc.settings.token
    if not expected:
        raise ReadOnly("this server is read-only: start it with a token to allow writes")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("writing needs the header 'Authorization: Bearer <token>'",
                           headers={"WWW-Authenticate": "Bearer"})


def text_query(max_length: int, description: str | None = None) -> Any:
    """A text query parameter of at most ``max_length`` characters, without NUL (no backend stores one)."""
    return Query(max_length=max_length, pattern=NO_NUL, description=description)


def _real_period(value: str | None) -> str | None:
    if value is not None:
        try:
            period_start(value)
        except StoreError as exc:
            raise ValueError(exc.message) from exc
    return value


Period = Annotated[str | None, Query(pattern=DATE_OR_PERIOD, description="YYYY[-MM[-DD]]"),
                   AfterValidator(_real_period)]
Id = Annotated[int, PathParam(ge=1, le=MAX_INT)]
MinConfidence = Annotated[float, Query(
    ge=0, le=1, allow_inf_nan=False,
    description="precision first: leave out events less confident than this (0..1; a real-world event's "
                "confidence is its most confident report's that no reviewer rejected); 0 shows every event",
)]


def _one(name: str, *given: tuple[str, Any]) -> Any:
    """The value of a filter given under one of its names (its own, or an alias); None when none is given.
    Two names with different values are a mistake."""
    found = [(alias, value) for alias, value in given if value not in (None, "", [])]
    if len({repr(v) for _, v in found}) > 1:
        raise InvalidRequest(
            f"{name}: give {' or '.join(a for a, _ in found)}, not both (they are one filter)")
    return found[0][1] if found else None


def event_filter(
    date_from: Period = None,
    date_to: Period = None,
    country: Annotated[str | None, text_query(100, "a name or ISO code: Kazakhstan, KZ, KAZ, 398")] = None,
    admin1: Annotated[str | None, text_query(200)] = None,
    event_type: Annotated[str | None, text_query(100, "an ACLED event type, in any case")] = None,
    sub_event_type: Annotated[str | None, text_query(100, "an ACLED sub-event type, in any case")] = None,
    actor: Annotated[str | None, text_query(200, "part of an actor's name")] = None,
    modality: Annotated[list[str] | None, Query(
        description=f"one of {', '.join(MODALITIES)}; repeat it for several (any matches)")] = None,
    text: Annotated[str | None, text_query(500, "full-text query: titles and texts")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    sort: Annotated[EventOrder, Query()] = "-date",
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    q: Annotated[str | None, text_query(500, "the older name of text")] = None,
    event_date: Annotated[str | None, text_query(
        50, "ACLED's API: a day (month, year), or first|last with event_date_where=BETWEEN")] = None,
    event_date_where: Annotated[str | None, Query(
        max_length=10, description="ACLED's API: =, >, >=, <, <= or BETWEEN (default =)")] = None,
    iso: Annotated[str | None, text_query(10, "ACLED's API: the ISO 3166-1 numeric code (398)")] = None,
) -> EventFilter:
    """The event filter of a request: one name per filter, with the older names and ACLED's API names
    read too (``docs/filters.md``)."""
    if event_date is not None and (date_from or date_to):
        raise InvalidRequest("give event_date or date_from/date_to, not both")
    if event_date is None and event_date_where is not None:
        raise InvalidRequest("event_date_where needs event_date")
    kind = event_type or None
    sub = sub_event_type or None
    try:
        if event_date is not None:
            date_from, date_to = filters.acled_dates(event_date, event_date_where)
        place = _one("country", *((name, filters.country_code(value)) for name, value in (
            ("country", country), ("iso", iso)) if value))
        return EventFilter(
            date_from=date_from, date_to=date_to, country=place,
            admin1=admin1 or None, event_type=filters.event_type_name(kind) if kind else None,
            sub_event_type=filters.sub_event_type_name(sub) if sub else None, actor=actor or None,
            modality=filters.modality_names(modality or []) or None,
            text=_one("text", ("text", text), ("q", q)), bbox=filters.parse_bbox(bbox) if bbox else None,
            order=sort, min_confidence=min_confidence,
        )
    except FilterError as exc:  # a filter that names nothing: the request's mistake, as any bad parameter
        raise InvalidRequest(exc.message) from exc


PageNumber = Annotated[int | None,
                       Query(ge=1, le=1_000_000, description="page number, from 1 (as ACLED's API)")]


def _offset(offset: int, page: int | None, limit: int) -> int:
    """The offset of a page (``page`` counts from 1), or ``offset`` when no page is asked for."""
    if page is None:
        return offset
    if offset:
        raise InvalidRequest("give page or offset, not both")
    return (page - 1) * limit


FilterDep = Annotated[EventFilter, Depends(event_filter)]
Level = Literal["events", "reports"]
LevelQuery = Annotated[Level, Query(description="events: real-world (merged) events; reports: event reports")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _page(svc: Services, f: EventFilter, limit: int, offset: int) -> list[ReviewedEvent]:
    found = svc.store.events(replace(f, limit=limit, offset=offset))
    return svc.reviews.reviewed(found)


def _check_page(svc: Services, limit: int) -> None:
    if limit > svc.settings.max_page:
        raise InvalidRequest(f"limit: at most {svc.settings.max_page}")


def _event_or_404(svc: Services, event_id: int) -> ReviewedEvent:
    stored = svc.store.event(event_id)
    if stored is None:
        raise NotFound(f"no event report {event_id}")
    return svc.reviews.reviewed([stored])[0]


def _merged_or_404(svc: Services, event_id: int) -> MergedSummary:
    found = merged_record(svc.store, event_id)
    if found is None:
        raise NotFound(f"no event {event_id}")
    return views.merged_summary(found)


# --- pages ----------------------------------------------------------------------------------------------


def _add_pages(app: FastAPI) -> None:
    base = dashboard_dir()
    app.mount("/static", StaticFiles(directory=base / "static"), name="static")
    index = (base / "templates" / "index.html").read_text(encoding="utf-8")
    index = index.replace("{{version}}", __version__)

    @app.get("/", include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse(index)

    @app.get("/docs", include_in_schema=False)
    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json", title="newsevents API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg", swagger_ui_parameters={"validatorUrl": None},
        )


# --- reads ----------------------------------------------------------------------------------------------


def _add_reads(app: FastAPI) -> None:
    @app.get("/api/health", tags=["meta"])
    def health(svc: ServicesDep) -> Health:
        summary = svc.store.summary()
        return Health(status="ok", version=__version__, backend=summary.backend,
                      schema_version=summary.schema_version, writable=bool(svc.settings.token),
                      articles=summary.articles,
                      events=merged_queries.count(svc.store, EventFilter(min_confidence=0)),
                      reports=summary.events, claims=summary.claims,
                      default_min_confidence=DEFAULT_MIN_CONFIDENCE)

    @app.get("/api/articles", tags=["articles"], responses=READ)
    def list_articles(
        svc: ServicesDep, q: Annotated[str | None, text_query(500)] = None,
        source: Annotated[str | None, text_query(200)] = None, newest_first: bool = True,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50, offset: Offset = 0,
    ) -> Page[ArticleSummary]:
        f = ArticleFilter(text=q or None, source=source or None, newest_first=newest_first)
        total = len(svc.store.articles(f)) if f.text or f.source else svc.store.count_articles()
        found = svc.store.articles(ArticleFilter(text=f.text, source=f.source, newest_first=newest_first,
                                                 limit=limit, offset=offset))
        return Page[ArticleSummary](items=[views.article_summary(a) for a in found], total=total, limit=limit,
                                    offset=offset)

    @app.get("/api/articles/{pk}", tags=["articles"], responses=READ_ONE)
    def get_article(svc: ServicesDep, pk: Id) -> ArticleView:
        found = svc.store.article(pk)
        if found is None:
            raise NotFound(f"no article {pk}")
        article, result = found
        return views.article_view(pk, article, result, svc.reviews.reviewed(svc.store.article_events(pk)),
                                  svc.reviews.reviewed_claims(svc.store.article_claims(pk)))

    @app.get("/api/events", tags=["events"], responses=READ)
    def list_events(svc: ServicesDep, f: FilterDep, limit: Annotated[int, Query(ge=1)] = 50,
                    offset: Offset = 0, page: PageNumber = None) -> Page[MergedSummary]:
        """Real-world events, each merged from the reports of one or more articles (``reports`` lists
        them; ``/api/reports/{id}`` shows one). Filters on actors and words match any report; ``modality``
        is the event's own (the most factual of its reports'). ``page`` (from 1, as ACLED's API) or
        ``offset``."""
        _check_page(svc, limit)
        offset = _offset(offset, page, limit)
        found = merged_records(svc.store, replace(f, limit=limit, offset=offset))
        return Page[MergedSummary](items=[views.merged_summary(r) for r in found],
                                   total=merged_queries.count(svc.store, f), limit=limit, offset=offset)

    @app.get("/api/events/points", tags=["events"], responses=READ)
    def event_points(svc: ServicesDep, f: FilterDep,
                     limit: Annotated[int, Query(ge=1, le=20_000)] = 2000) -> Points:
        """The placed real-world events matching the filter, with only what a map draws (type, date, place,
        how many reports and outlets); ``total`` counts every matching event, placed or not."""
        found = merged_queries.points(svc.store, f, limit)
        return Points(items=found, total=merged_queries.count(svc.store, f), limit=limit)

    @app.get("/api/events/{event_id}", tags=["events"], responses=READ_ONE)
    def get_event(svc: ServicesDep, event_id: Id,
                  min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE) -> MergedDetail:
        """A real-world event: its fields and the report each came from, every reported figure, the claims
        asserting or denying it, its reports with their review status, and the splits and joins made.
        Every report is listed, whatever its confidence; those below ``min_confidence`` are marked
        (``below_min_confidence``)."""
        event = merged_event(svc.store, event_id)
        if event is None:
            raise NotFound(f"no event {event_id}")
        reports = svc.reviews.reviewed(member_reports(svc.store, event_id))
        return views.merged_detail(event, reports, merge_history(svc.store, event_id), min_confidence)

    @app.get("/api/reports", tags=["reports"], responses=READ)
    def list_reports(svc: ServicesDep, f: FilterDep, limit: Annotated[int, Query(ge=1)] = 50,
                     offset: Offset = 0, page: PageNumber = None) -> Page[EventView]:
        """Event reports: one article's account of one event each, as reviewed."""
        _check_page(svc, limit)
        offset = _offset(offset, page, limit)
        found = _page(svc, f, limit, offset)
        return Page[EventView](items=[views.event_view(e) for e in found], total=svc.store.count_events(f),
                               limit=limit, offset=offset)

    @app.get("/api/reports/{report_id}", tags=["reports"], responses=READ_ONE)
    def get_report(svc: ServicesDep, report_id: Id) -> ReportDetail:
        """One event report with its article's text, the spans that support each field, its claims, its
        review history and the real-world event it was merged into."""
        reviewed = _event_or_404(svc, report_id)
        found = svc.store.article(reviewed.stored.article_pk)
        if found is None:
            raise NotFound(f"no article for event report {report_id}")
        article, result = found
        claims = svc.reviews.reviewed_claims(svc.store.article_claims(reviewed.stored.article_pk))
        linked = views.linked_claims(reviewed.machine, claims)
        history = [r.to_dict() for r in svc.reviews.event_history(report_id)]
        return views.report_detail(reviewed, article, result, linked, history,
                                   merged_event_of(svc.store, report_id))

    @app.get("/api/claims", tags=["claims"], responses=READ_ONE)
    def list_claims(
        svc: ServicesDep, speaker: Annotated[str | None, text_query(200)] = None,
        q: Annotated[str | None, text_query(500)] = None,
        article: Annotated[str | None, text_query(500, "the article's input id")] = None,
        report: Annotated[int | None, Query(ge=1, le=MAX_INT,
                                            description="claims linked to this event report")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50, offset: Offset = 0,
    ) -> Page[ClaimView]:
        if report is not None:
            reviewed = _event_or_404(svc, report)
            claims = svc.reviews.reviewed_claims(svc.store.article_claims(reviewed.stored.article_pk))
            linked = views.linked_claims(reviewed.machine, claims)
            items = [views.claim_view(c) for c in linked[offset:offset + limit]]
            return Page[ClaimView](items=items, total=len(linked), limit=limit, offset=offset)
        f = ClaimFilter(speaker=speaker or None, text=q or None, article=article or None)
        total = len(svc.store.claims(f))
        found = svc.store.claims(ClaimFilter(speaker=f.speaker, text=f.text, article=f.article, limit=limit,
                                             offset=offset))
        return Page[ClaimView](items=[views.claim_view(c) for c in svc.reviews.reviewed_claims(found)],
                               total=total, limit=limit, offset=offset)

    @app.get("/api/places", tags=["events"], responses=READ)
    def list_places(svc: ServicesDep, f: FilterDep, limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                    offset: Offset = 0, level: LevelQuery = "events") -> Places:
        """Places with how many real-world events (or event reports, ``level=reports``) each."""
        found = (merged_queries.per_place(svc.store, f, limit, offset) if level == "events"
                 else svc.store.per_place(f, limit, offset))
        return Places(items=found, limit=limit, offset=offset, level=level)

    @app.get("/api/stats", tags=["events"], responses=READ)
    def stats(svc: ServicesDep, f: FilterDep, level: LevelQuery = "events") -> Stats:
        """Totals per day and type and per country, of real-world events (or of reports)."""
        merged = level == "events"
        per_day = merged_queries.per_day(svc.store, f) if merged else svc.store.per_day(f)
        per_country = merged_queries.per_country(svc.store, f) if merged else svc.store.per_country(f)
        return Stats(
            level=level,
            total=merged_queries.count(svc.store, f) if merged else svc.store.count_events(f),
            per_day=[DayCount(date=d, event_type=t, events=n) for d, t, n in per_day],
            per_country=[CountryCount(country_code=c, events=n) for c, n in per_country],
            event_types=list(load_ontology().event_types),
        )

    @app.get("/api/ontology", tags=["meta"])
    def ontology() -> OntologyOut:
        """The event types and sub-event types a review may choose from."""
        found = load_ontology()
        return OntologyOut(version=found.version, event_types=list(found.event_types),
                           sub_event_types=[SubEventTypeOut(name=s.name, event_type=s.event_type,
                                                            definition=s.definition)
                                            for s in found.sub_event_types])

    @app.get("/api/export", tags=["events"], response_class=Response,
             responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}, **READ})
    def export_events(svc: ServicesDep, f: FilterDep, format: Annotated[ExportFormat, Query()] = "acled-csv",
                      level: LevelQuery = "events",
                      extra_types: Annotated[bool, Query(description=EXTRA_TYPES_HELP)] = False,
                      all_modalities: Annotated[bool, Query(description=ALL_MODALITIES_HELP)] = False,
                      ) -> Response:
        """Real-world events (``level=events``, one row each, rejected ones left out) or event reports (as
        reviewed, rejected ones left out) as ACLED CSV, JSON Lines, Parquet or PLOVER JSON Lines; the
        ``X-Newsevents-Export`` header says what produced it (version, filters, time, count) as JSON."""
        merged = level == "events"
        total = merged_queries.count(svc.store, f) if merged else svc.store.count_events(f)
        if total > svc.settings.max_export:
            raise InvalidRequest(f"the filter matches {total:,} events; an export holds at "
                           f"most {svc.settings.max_export:,}: narrow the filter")
        out, found = export(svc.store, level, f, format, extra_types=extra_types,
                            all_modalities=all_modalities)
        return StreamingResponse(_chunks(out), media_type=MEDIA_TYPES[format],
                                 headers=headers(format, f, found))

    @app.get("/api/jobs/{job_id}", tags=["ingest"], responses=READ_ONE)
    def get_job(svc: ServicesDep,
                job_id: Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]) -> JobView:
        job = svc.worker.job(job_id)
        if job is None:
            raise NotFound(f"no job {job_id}")
        return job.view()


def _chunks(out: IO[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    with out:
        while chunk := out.read(size):
            yield chunk


# --- writes ---------------------------------------------------------------------------------------------

WriterDep = Depends(require_writer)


def _add_writes(app: FastAPI) -> None:
    @app.post("/api/ingest", tags=["ingest"], responses=INGEST, status_code=202, dependencies=[WriterDep],
              openapi_extra={"requestBody": {"content": {
                  "application/json": {"schema": {"type": "object"}},
                  "text/html": {"schema": {"type": "string"}},
                  "application/rss+xml": {"schema": {"type": "string"}},
                  "text/plain": {"schema": {"type": "string"}}}}})
    async def ingest(
        request: Request,
        id: Annotated[str | None, text_query(200, "the id of a page's article")] = None,
        url: Annotated[str | None, text_query(2000)] = None,
        published: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}")] = None,
    ) -> JSONResponse:
        """Queue articles for extraction: an article JSON object, a batch (a JSON array or
        ``{"articles": [...]}``), JSON Lines, an HTML page, an RSS/Atom feed or plain text. Poll the job."""
        svc = services(request)
        body = await request.body()
        # Reading a page or feed parses it: off the event loop.
        items = await run_in_threadpool(
            parse_body, body, request.headers.get("content-type", ""), item_id=id, url=url,
            published=published, max_bytes=svc.settings.max_ingest_bytes)
        job = svc.worker.submit(items)
        return JSONResponse(job.view().model_dump(mode="json"), status_code=202,
                            headers={"Location": f"/api/jobs/{job.id}"})

    @app.post("/api/events/{event_id}/split", tags=["review"], responses=WRITE, status_code=201,
              dependencies=[WriterDep])
    def split_event(svc: ServicesDep, event_id: Id,
                    body: SplitIn) -> SplitDone:
        """Move some of a real-world event's reports into a new event (they were wrongly merged)."""
        new_id = split(svc.store, event_id, body.reports, reviewer=body.reviewer, note=body.note)
        return SplitDone(event=_merged_or_404(svc, event_id), new_event=_merged_or_404(svc, new_id))

    @app.post("/api/events/{event_id}/join", tags=["review"], responses=WRITE, dependencies=[WriterDep])
    def join_events(svc: ServicesDep, event_id: Id,
                    body: JoinIn) -> JoinDone:
        """Move every report of event ``other`` into this one (they are one real-world event); ``other`` is
        deleted. Refused when both hold reports of one article."""
        join(svc.store, event_id, body.other, reviewer=body.reviewer, note=body.note)
        return JoinDone(event=_merged_or_404(svc, event_id))

    @app.post("/api/reports/{event_id}/review", tags=["review"], responses=WRITE, status_code=201,
              dependencies=[WriterDep])
    def review_event(svc: ServicesDep, event_id: Id,
                     body: EventReviewIn) -> ReportReviewed:
        """Accept, correct or reject an event report. The machine's output is kept; the latest review
        counts."""
        correction = body.changes.correction() if body.changes else None
        review = svc.reviews.review_event(event_id, body.action, reviewer=body.reviewer,
                                          correction=correction, note=body.note)
        return ReportReviewed(review=review.to_dict(), event=views.event_view(_event_or_404(svc, event_id)))

    @app.post("/api/claims/{claim_id}/review", tags=["review"], responses=WRITE, status_code=201,
              dependencies=[WriterDep])
    def review_claim(svc: ServicesDep, claim_id: Id,
                     body: ClaimReviewIn) -> dict[str, Any]:
        """Correct who made a claim (null: nobody identifiable)."""
        review = svc.reviews.review_claim(claim_id, body.speaker, reviewer=body.reviewer, note=body.note)
        return {"review": review.to_dict()}
