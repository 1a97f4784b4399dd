"""The geoparsing scorer on a tiny gold set written here (SCORING.md, "Geoparsing — places")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.errors import EvalError
from newsevents.eval.geoparsing import score

TEXT_A = "Storms hit Springfield and Lakeview overnight."
TEXT_B = "Ferries left Port Ella for Northcliff."


def toponym(text: str, phrase: str, lat: float | None, lon: float | None) -> dict[str, object]:
    start = text.index(phrase)
    return {"phrase": phrase, "lat": lat, "lon": lon, "char_start": start, "char_end": start + len(phrase)}


def write_gold(folder: Path) -> None:
    lgl = {"corpus": "LGL", "doc_id": "1", "text": TEXT_A, "toponyms": [
        toponym(TEXT_A, "Springfield", 39.8, -89.6), toponym(TEXT_A, "Lakeview", 40.0, -89.0)]}
    gwn = {"corpus": "GeoWebNews", "doc_id": "7", "text": TEXT_B, "toponyms": [
        toponym(TEXT_B, "Port Ella", 10.0, 10.0), toponym(TEXT_B, "Northcliff", None, None)]}
    (folder / "LGL.flat.jsonl").write_text(json.dumps(lgl) + "\n", encoding="utf-8")
    (folder / "GeoWebNews.flat.jsonl").write_text(json.dumps(gwn) + "\n", encoding="utf-8")


def place(text: str, phrase: str, lat: float, lon: float) -> dict[str, object]:
    start = text.index(phrase)
    return {"text": phrase, "start": start, "end": start + len(phrase), "name": phrase,
            "lat": lat, "lon": lon, "geonames_id": None, "country_code": None}


def test_scores_detection_resolution_and_precision(tmp_path: Path) -> None:
    write_gold(tmp_path)
    predictions = {
        # Springfield right; Lakeview missed; a spurious "Storms" place.
        "LGL-1": {"places": [place(TEXT_A, "Springfield", 39.7, -89.6),
                             place(TEXT_A, "Storms", 0.0, 0.0)]},
        # Port Ella detected (partial overlap) but 1,100 km off; Northcliff has no gold point: unscored.
        "GeoWebNews-7": {"places": [place(TEXT_B, "Ella", 20.0, 10.0),
                                    place(TEXT_B, "Northcliff", 1.0, 1.0)]},
    }
    figures = score(predictions, tmp_path)
    assert figures.total.n == 3.0
    assert figures.total.detection_recall == pytest.approx(2 / 3)
    assert figures.total.resolution_acc161 == pytest.approx(1 / 2)
    assert figures.total.end_to_end_acc161 == pytest.approx(1 / 3)
    assert figures.total.place_precision == pytest.approx(3 / 4)
    assert figures.corpus("LGL").end_to_end_acc161 == pytest.approx(1 / 2)
    assert figures.corpus("GeoWebNews").resolution_acc161 == 0.0
    assert figures.corpus("GeoWebNews").median_error_km == pytest.approx(1111.95, abs=1.0)
    assert figures.total.median_error_km == pytest.approx((11.12 + 1111.95) / 2, abs=1.0)


def test_errors_are_counted_by_kind(tmp_path: Path) -> None:
    write_gold(tmp_path)
    country = place(TEXT_A, "Springfield", 39.8, -98.6)  # the country's point, 770 km off
    country["admin1"] = None
    town = place(TEXT_B, "Port Ella", 20.0, 10.0)
    town.update(country_code="ZZ", admin1="Ella Province")
    figures = score({"LGL-1": {"places": [country]}, "GeoWebNews-7": {"places": [town]}}, tmp_path)
    assert figures.total.errors_missed == 1.0  # Lakeview
    assert figures.total.errors_too_coarse == 1.0  # Springfield placed at a country
    assert figures.total.errors_wrong_place == 1.0  # Port Ella at another town
    assert figures.corpus("LGL").errors_too_coarse == 1.0


def test_missing_predictions_and_bare_ids(tmp_path: Path) -> None:
    write_gold(tmp_path)
    figures = score({"1": {"places": [place(TEXT_A, "Lakeview", 40.0, -89.0)]}}, tmp_path)
    assert figures.corpus("LGL").end_to_end_acc161 == pytest.approx(1 / 2)
    assert figures.corpus("GeoWebNews").detection_recall == 0.0
    assert figures.total.place_precision == 1.0


def test_missing_gold_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        score({}, tmp_path)
