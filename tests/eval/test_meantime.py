"""The MEANTIME dates scorer, on a gold file written here (never the evaluation texts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.errors import EvalError
from newsevents.eval.meantime import is_expressible, normalise_value, predicted_dates, score

TEXT = (
    "Shares fell on Monday , March 03 , 2008 . Since last year , traders worried . "
    "For three days it sank ."
)


def span(text: str, occurrence: str) -> tuple[int, int]:
    start = text.index(occurrence)
    return start, start + len(occurrence)


def timex(occurrence: str, type_: str, value: str, function: str = "NONE") -> dict[str, Any]:
    start, end = span(TEXT, occurrence)
    return {"m_id": occurrence, "text": occurrence, "type": type_, "value": value, "function": function,
            "anchor_time": "", "char_start": start, "char_end": end, "sentence": 0}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    record = {
        "doc_id": "7", "doc_name": "x", "url": "", "corpus": "test", "dct": "2008-03-03", "text": TEXT,
        "timex": [
            timex("Monday", "DATE", "2008-03-03"),
            timex("March 03 , 2008", "DATE", "2008-03-03", function="CREATION_TIME"),
            timex("last year", "DATE", "2007"),
            timex("traders", "DATE", "PAST_REF"),  # an odd, inexpressible value
            timex("three days", "DURATION", "P3D"),
            {"m_id": "e", "text": "", "type": "DATE", "value": "2008", "function": "NONE", "anchor_time": "",
             "char_start": None, "char_end": None, "sentence": 0},
        ],
        "event_mentions": [], "entity_mentions": [],
    }
    (tmp_path / "gold.flat.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return tmp_path


def prediction(*dates: tuple[str, str]) -> dict[str, Any]:
    items = []
    for occurrence, value in dates:
        start, end = span(TEXT, occurrence)
        items.append({"text": occurrence, "start": start, "end": end, "value": value, "precision": "day"})
    return {"id": "meantime-7", "error": None, "dates": items}


def test_normalise_trivial_forms() -> None:
    assert normalise_value(" 2008-01-09T10:00Z ") == "2008-01-09"
    assert normalise_value("2008-01-09TMO") == "2008-01-09"
    assert normalise_value("2011-06-XX") == "2011-06"
    assert normalise_value("2022-1-5") == "2022-01-05"
    assert normalise_value("2022-w1") == "2022-W01"
    assert is_expressible("2022-W01") and is_expressible("2011-06-XX")
    assert is_expressible("2009-Q3") and is_expressible("2008-SU")  # the contract's ``period`` says these
    for odd in ("PAST_REF", "2010-W04-WE", "FY2007", "200"):
        assert not is_expressible(odd)


def test_a_predicted_period_is_the_value_compared() -> None:
    found = predicted_dates({"dates": [{"start": 0, "end": 9, "value": "2009", "period": "2009-Q3"}]})
    assert [p.value for p in found] == ["2009-Q3"]


def test_perfect_and_partial_predictions(gold_dir: Path) -> None:
    perfect = score({"meantime-7": prediction(("Monday", "2008-03-03"), ("last year", "2007"))}, gold_dir)
    assert perfect.n == 3  # the creation time, the duration and the empty timex are not scored
    assert perfect.detection_recall == pytest.approx(2 / 3)
    assert perfect.value_accuracy == 1.0
    assert perfect.value_accuracy_e2e == 1.0
    assert perfect.value_accuracy_all == 1.0

    wrong = score({"7": prediction(("Monday", "2008-03-10"), ("three days", "2008-03-03"))}, gold_dir)
    assert wrong.detection_recall == pytest.approx(1 / 3)
    assert wrong.value_accuracy == 0.0
    assert wrong.value_accuracy_e2e == 0.0
    assert wrong.detection_precision_any_timex == 1.0  # the duration is a timex of another type


def test_matching_is_one_to_one_by_overlap(gold_dir: Path) -> None:
    # One prediction covering two gold dates can match only one of them.
    start, _ = span(TEXT, "Monday")
    _, end = span(TEXT, "last year")
    wide = {"text": TEXT[start:end], "start": start, "end": end, "value": "2007", "precision": "year"}
    result = score({"meantime-7": {"error": None, "dates": [wide]}}, gold_dir)
    assert result.n_matched == 1
    assert result.value_accuracy_e2e == 0.5  # "last year": the larger share of the span


def test_missing_or_failed_articles_count_as_missed(gold_dir: Path) -> None:
    failed = {"meantime-7": {"error": {"code": "E200", "message": "x"}, "dates": []}}
    for predictions in ({}, failed):
        result = score(predictions, gold_dir)
        assert result.detection_recall == 0.0
        assert result.value_accuracy_e2e == 0.0
        assert isinstance(result.value_accuracy, float)


def test_no_gold_files_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        score({}, tmp_path)
