"""The place index: the packaged build, GeoNames imports, look-ups and demonyms."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from newsevents.errors import GazetteerError
from newsevents.gazetteer import (
    Gazetteer,
    country_of_demonym,
    default_path,
    import_geonames,
    normalise,
    open_gazetteer,
    region_of_demonym,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()  # built from the packaged data on first use


def geonames_line(gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str, fcode: str,
                  country: str, admin1: str, population: int) -> str:
    fields = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, country, "", admin1,
              "", "", "", str(population), "", "100", "Europe/Nowhere", "2024-01-01"]
    return "\t".join(fields) + "\n"


TOWNS = (
    geonames_line(9000001, "Brindlemoor", "Brindle Moor,Brindlemör", 51.0, 3.0, "P", "PPL", "ZZ", "01", 12000)
    + geonames_line(9000002, "Brindlemoor", "", -10.0, 140.0, "P", "PPL", "ZY", "07", 300)
    + geonames_line(9000003, "Orvane Province", "Orvane", 50.5, 3.5, "A", "ADM1", "ZZ", "01", 90000)
)


def test_packaged_index_knows_countries_regions_and_towns(gazetteer: Gazetteer) -> None:
    kazakhstan = gazetteer.lookup("Kazakhstan")[0]
    assert kazakhstan.is_country and kazakhstan.country_code == "KZ"
    almaty = next(c for c in gazetteer.lookup("Almaty") if c.feature_class == "P")
    assert almaty.country_code == "KZ" and almaty.population > 1_000_000
    assert any(c.feature_code == "ADM1" and c.country_code == "US" for c in gazetteer.lookup("Texas"))
    counties = gazetteer.lookup("Hall County")
    assert any(c.feature_code == "ADM2" and c.admin1_name == "Georgia" for c in counties)
    assert gazetteer.lookup("U.S.")[0].country_code == "US"
    assert gazetteer.lookup("Europe")[0].feature_code == "CONT"


def test_lookup_orders_by_population_and_ignores_case_and_accents(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("paris")
    assert found == gazetteer.lookup("PARÍS")
    populations = [c.population for c in found]
    assert populations == sorted(populations, reverse=True)
    assert gazetteer.lookup("") == [] and gazetteer.lookup("Qwxzzyplace") == []


def test_index_records_the_data_licence(gazetteer: Gazetteer) -> None:
    assert "CC BY 4.0" in (gazetteer.meta("licence") or "")
    assert gazetteer.path == default_path()
    assert not list(default_path().parent.glob("*.tmp")), "a finished build leaves no temporary file"


def test_repeated_lookups_are_served_from_the_cache(tmp_path: Path) -> None:
    gaz = Gazetteer.create(tmp_path / "g.sqlite")
    (tmp_path / "towns.txt").write_text(TOWNS, encoding="utf-8")
    import_geonames(gaz, tmp_path / "towns.txt")
    first = gaz.lookup("Brindlemoor")
    gaz.connection.close()  # a cached name needs no database any more
    assert gaz.lookup("brindlemoor") == first
    with pytest.raises(Exception):  # noqa: B017 - an uncached name does need it
        gaz.lookup("Somewhere Else")


def test_import_reads_places_alternate_names_and_admin1_names(tmp_path: Path) -> None:
    gaz = Gazetteer.create(tmp_path / "g.sqlite")
    (tmp_path / "admin1CodesASCII.txt").write_text("ZZ.01\tOrvane\tOrvane\t9000003\n", encoding="utf-8")
    (tmp_path / "cities500.txt").write_text(TOWNS, encoding="utf-8")
    assert import_geonames(gaz, tmp_path / "cities500.txt") == 3
    assert import_geonames(gaz, tmp_path / "admin1CodesASCII.txt") == 1
    found = gaz.lookup("Brindle Moor")
    assert [c.geonameid for c in found] == [9000001]
    assert found[0].admin1_name == "Orvane" and found[0].lat == 51.0
    assert [c.geonameid for c in gaz.lookup("Brindlemoor")] == [9000001, 9000002]
    assert gaz.lookup("Orvane")[0].feature_code == "ADM1"


def test_import_reads_zip_archives(tmp_path: Path) -> None:
    archive = tmp_path / "cities500.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("cities500.txt", TOWNS)
        z.writestr("readme.txt", "not data")
    gaz = Gazetteer.create(tmp_path / "g.sqlite")
    assert import_geonames(gaz, archive) == 3
    assert gaz.lookup("Brindlemör")[0].geonameid == 9000001


def test_import_rejects_a_file_that_is_not_geonames(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("just\tthree\tcolumns\n", encoding="utf-8")
    gaz = Gazetteer.create(tmp_path / "g.sqlite")
    with pytest.raises(GazetteerError) as info:
        import_geonames(gaz, bad)
    assert info.value.code == "E402" and info.value.context["line"] == 1
    with pytest.raises(GazetteerError):
        import_geonames(gaz, tmp_path / "missing.txt")


def test_open_reports_a_missing_index(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        Gazetteer.open(tmp_path / "nothing.sqlite")


@pytest.mark.parametrize(
    ("word", "iso"),
    [("Kazakh", "KZ"), ("Kazakhstani", "KZ"), ("Russian-led", "RU"), ("Americans", "US"), ("British", "GB"),
     ("South African", "ZA"), ("Russia's", None), ("Police", None), ("Almaty", None)],
)
def test_country_of_demonym(word: str, iso: str | None) -> None:
    assert country_of_demonym(word) == iso


def test_normalise() -> None:
    assert normalise("U.S.") == normalise("US") == "us"
    assert normalise("São  Tomé") == "sao tome"
    assert normalise("Nur-Sultan") == "nur sultan"


def test_country_by_iso_code(gazetteer: Gazetteer) -> None:
    china = gazetteer.country("cn")
    assert china is not None and china.name == "China" and china.is_country
    assert gazetteer.country("ZQ") is None


def test_index_knows_regions_seas_and_short_forms(gazetteer: Gazetteer) -> None:
    assert any(c.name == "European Union" for c in gazetteer.lookup("EU"))
    assert any(c.feature_code == "OCN" for c in gazetteer.lookup("Atlantic"))
    assert gazetteer.lookup("B.C.")[0].name == "British Columbia"


@pytest.mark.parametrize(
    ("word", "region"),
    [("European", "Europe"), ("Scottish", "Scotland"), ("Kashmiri", "Kashmir"), ("Kazakh", None)],
)
def test_region_of_demonym(word: str, region: str | None) -> None:
    assert region_of_demonym(word) == region


def test_packaged_index_knows_each_towns_second_level_division(gazetteer: Gazetteer) -> None:
    towns = [c for c in gazetteer.lookup("Brooklyn") if c.feature_class == "P"]
    brooklyn = next(c for c in towns if c.country_code == "US")
    assert brooklyn.admin2_name == "Kings County"
    county = next(c for c in gazetteer.lookup("Hall County") if c.admin1_name == "Georgia")
    assert county.admin2_name == "Hall County"  # a second-level division is its own admin2
    kazakhstan = gazetteer.lookup("Kazakhstan")[0]
    assert kazakhstan.admin2_name is None


def test_import_reads_admin2_codes_and_names(tmp_path: Path) -> None:
    line = geonames_line(9000004, "Quillford", "", 51.2, 3.1, "P", "PPL", "ZZ", "01", 4000).split("\t")
    line[11] = "007"  # the admin2 code column
    gaz = Gazetteer.create(tmp_path / "g.sqlite")
    (tmp_path / "cities500.txt").write_text("\t".join(line), encoding="utf-8")
    codes = "ZZ.01.007\tQuill Vale\tQuill Vale\t9000005\n"
    (tmp_path / "admin2Codes.txt").write_text(codes, encoding="utf-8")
    assert import_geonames(gaz, tmp_path / "cities500.txt") == 1
    assert gaz.lookup("Quillford")[0].admin2_name is None  # not named until the codes file comes
    assert import_geonames(gaz, tmp_path / "admin2Codes.txt") == 1
    assert gaz.lookup("Quillford")[0].admin2_name == "Quill Vale"
    # a later place file names its places' admin2 from the codes already known
    line[0], line[1], line[2] = "9000006", "Harrowmere", "Harrowmere"
    (tmp_path / "more.txt").write_text("\t".join(line), encoding="utf-8")
    import_geonames(gaz, tmp_path / "more.txt")
    assert gaz.lookup("Harrowmere")[0].admin2_name == "Quill Vale"


def test_an_index_built_before_admin2_reads_and_takes_imports(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, ascii TEXT NOT NULL,"
        " lat REAL NOT NULL, lon REAL NOT NULL, feature_class TEXT NOT NULL, feature_code TEXT NOT NULL,"
        " country_code TEXT, admin1_code TEXT, admin1_name TEXT, population INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE names (name_norm TEXT NOT NULL, geonameid INTEGER NOT NULL,"
        " PRIMARY KEY (name_norm, geonameid)) WITHOUT ROWID;"
        "INSERT INTO places VALUES"
        " (9000007, 'Oldtown', 'Oldtown', 1.0, 2.0, 'P', 'PPL', 'ZZ', '01', NULL, 900);"
        "INSERT INTO names VALUES ('oldtown', 9000007);"
    )
    old.commit()
    old.close()
    gaz = Gazetteer.open(path)
    found = gaz.lookup("Oldtown")
    assert found[0].name == "Oldtown" and found[0].admin2_name is None
    (tmp_path / "towns.txt").write_text(TOWNS, encoding="utf-8")
    assert import_geonames(gaz, tmp_path / "towns.txt") == 3
    assert gaz.lookup("Brindle Moor")[0].geonameid == 9000001
