"""Scorers return typed, frozen results; the report's metrics object and the gate's figures come from them."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from newsevents.eval.gate import measured
from newsevents.eval.metrics import PRF, Metrics, Scores
from newsevents.eval.runner import SetReport
from newsevents.report import format_eval


@dataclass(frozen=True, slots=True)
class Example(Scores):
    precision: float
    found: int
    checks: Mapping[str, bool]
    per_rule: Mapping[str, PRF]
    passed: bool
    notes: tuple[str, ...]


EXAMPLE = Example(0.5, 3, {"a": True}, {"key": PRF.of(1.0, 0.5)}, True, ("one", "two"))
EXAMPLE_DICT = {
    "precision": 0.5,
    "found": 3,
    "checks": {"a": True},
    "per_rule": {"key": {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}},
    "passed": True,
    "notes": ["one", "two"],
}


def test_a_result_is_frozen_and_a_metrics() -> None:
    assert isinstance(EXAMPLE, Metrics)
    with pytest.raises(dataclasses.FrozenInstanceError):
        EXAMPLE.found = 4  # type: ignore[misc]


def test_as_dict_keeps_the_field_order_and_the_value_types() -> None:
    written = EXAMPLE.as_dict()
    assert written == EXAMPLE_DICT
    assert list(written) == list(EXAMPLE_DICT)
    assert isinstance(written["found"], int) and isinstance(written["precision"], float)
    json.dumps(written)


def test_the_headline_is_the_top_level_numbers_without_booleans() -> None:
    assert EXAMPLE.headline() == {"precision": 0.5, "found": 3.0}


def test_a_set_report_prints_and_measures_its_typed_result() -> None:
    typed = SetReport("x", EXAMPLE, 2, 0, 1.0)
    assert typed.metrics == EXAMPLE_DICT
    assert "precision" in format_eval([typed])
    assert measured([typed]) == {"x.precision": 0.5, "x.found": 3.0}
