"""Loading GeoNames' own dump files into an index, for users who want more than the packaged towns.

Formats read (https://download.geonames.org/export/dump/, CC BY 4.0):
- ``allCountries.txt``, ``cities500.txt``, ``cities1000.txt``... (19 tab-separated columns), plain or
  ``.zip``;
- ``admin1CodesASCII.txt`` (``US.GA``, name, ascii name, geonameid): names the subdivision of every place;
- ``admin2Codes.txt`` (``US.GA.139``, name, ascii name, geonameid): names the second-level division (county,
  district) of every place.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from newsevents.errors import GazetteerError
from newsevents.gazetteer.build import PlaceRow, usable_alternate, write_places
from newsevents.gazetteer.store import Gazetteer

PLACE_COLUMNS = 19
ADMIN1_COLUMNS = 4


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise GazetteerError(f"no GeoNames .txt file inside {path}", path=str(path))
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as handle:
        yield from handle


def _place(fields: list[str], admin1_names: dict[str, str], admin2_names: dict[str, str]) -> PlaceRow:
    country, admin1, admin2 = fields[8] or None, fields[10] or None, fields[11] or None
    admin2_name = admin2_names.get(f"{country}.{admin1}.{admin2}") if admin2 else None
    row = PlaceRow(
        geonameid=int(fields[0]), name=fields[1], lat=float(fields[4]), lon=float(fields[5]),
        feature_class=fields[6], feature_code=fields[7], country_code=country, admin1_code=admin1,
        admin1_name=admin1_names.get(f"{country}.{admin1}"), population=int(fields[14] or 0),
        admin2_name=admin2_name or (fields[1] if fields[7] == "ADM2" else None), admin2_code=admin2,
    )
    row.names.update({fields[1], fields[2]})
    row.names.update(n for n in fields[3].split(",") if usable_alternate(n))
    return row


def _admin1_names(gaz: Gazetteer) -> dict[str, str]:
    rows = gaz.connection.execute(
        "SELECT country_code || '.' || admin1_code, admin1_name FROM places "
        "WHERE admin1_name IS NOT NULL AND admin1_code IS NOT NULL GROUP BY 1"
    )
    return {code: name for code, name in rows}


def _admin2_names(gaz: Gazetteer) -> dict[str, str]:
    rows = gaz.connection.execute(
        "SELECT country_code || '.' || admin1_code || '.' || admin2_code, admin2_name FROM places "
        "WHERE admin2_name IS NOT NULL AND admin2_code IS NOT NULL GROUP BY 1"
    )
    return {code: name for code, name in rows}


def _is_admin2_code(code: str) -> bool:
    """ "US.GA.139" names a second-level division, "US.GA" a first-level one."""
    return code.count(".") == 2


def import_geonames(gaz: Gazetteer, file: str | Path) -> int:
    """Load one GeoNames dump file into ``gaz``; returns the number of records read.

    Place files add or replace places (with their names); an admin1 codes file names the subdivisions of
    the places already loaded and of those loaded after it, and so does an admin2 codes file for the
    second-level divisions.
    """
    path = Path(file)
    if not path.exists():
        raise GazetteerError(f"no such GeoNames file: {path}", path=str(path))
    gaz.upgrade()
    admin1_names, admin2_names = _admin1_names(gaz), _admin2_names(gaz)
    places: list[PlaceRow] = []
    admin1_rows: list[tuple[str, str]] = []
    admin2_rows: list[tuple[str, str]] = []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        try:
            if len(fields) == PLACE_COLUMNS:
                places.append(_place(fields, admin1_names, admin2_names))
            elif len(fields) == ADMIN1_COLUMNS:
                (admin2_rows if _is_admin2_code(fields[0]) else admin1_rows).append((fields[0], fields[1]))
            else:
                raise ValueError(f"{len(fields)} columns")
        except ValueError as exc:
            raise GazetteerError(
                f"{path.name} line {number} is not a GeoNames record: {exc}", path=str(path), line=number
            ) from exc
    write_places(gaz, places)
    if admin1_rows:
        _name_subdivisions(gaz, admin1_rows)
    if admin2_rows:
        _name_divisions(gaz, admin2_rows)
    return len(places) + len(admin1_rows) + len(admin2_rows)


def _name_subdivisions(gaz: Gazetteer, rows: list[tuple[str, str]]) -> None:
    gaz.connection.executemany(
        "UPDATE places SET admin1_name = ? WHERE country_code || '.' || admin1_code = ?",
        [(name, code) for code, name in rows],
    )
    gaz.connection.commit()
    gaz.clear_cache()


def _name_divisions(gaz: Gazetteer, rows: list[tuple[str, str]]) -> None:
    gaz.connection.executemany(
        "UPDATE places SET admin2_name = ? "
        "WHERE country_code || '.' || admin1_code || '.' || admin2_code = ?",
        [(name, code) for code, name in rows],
    )
    gaz.connection.commit()
    gaz.clear_cache()
