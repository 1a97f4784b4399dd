"""The confidence calibration: a logistic model over a record's signals, read from JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from newsevents.events.calibration import CAPTION_FACTOR, Calibration, Signals, load_calibration
from newsevents.events.incidents import Candidate, calibrated

SIGNALS = Signals(
    group="violence",
    modality="asserted",
    mentions=2,
    weight=0.9,
    own_date=True,
    place_precision=1,
    counts=True,
    lead=False,
    verbal=True,
    quoted=0.5,
    actors=2,
    background=False,
    rule_score=0.8,
)
FEATURES = frozenset(SIGNALS.features())

CALIBRATION = Calibration(
    intercept=-0.5,
    weights={"lead": 1.2, "counts": 0.4, "modality=other": -0.7, "group=violence": 0.3},
    about={"records": 10, "cv_auc": 0.7},
)


def test_round_trip() -> None:
    back = Calibration.from_dict(CALIBRATION.to_dict())
    assert back == CALIBRATION
    assert back.probability(SIGNALS) == CALIBRATION.probability(SIGNALS)
    again = Calibration.from_dict(json.loads(json.dumps(CALIBRATION.to_dict())))
    assert again.to_dict() == CALIBRATION.to_dict()


@pytest.mark.parametrize("calibration", [CALIBRATION, load_calibration("")], ids=["made", "packaged"])
def test_probability_is_a_probability(calibration: Calibration | None) -> None:
    assert calibration is not None
    for signals in (SIGNALS, replace(SIGNALS, modality="planned", counts=False, mentions=1, rule_score=0.1)):
        assert 0.0 < calibration.probability(signals) < 1.0


def test_probability_grows_with_a_positive_weight_feature() -> None:
    assert CALIBRATION.weights["lead"] > 0
    low = CALIBRATION.probability(SIGNALS)
    high = CALIBRATION.probability(replace(SIGNALS, lead=True))
    assert high > low
    # and falls with a negative one
    assert CALIBRATION.probability(replace(SIGNALS, modality="hypothetical")) < low


def test_packaged_probability_grows_with_its_positive_weights() -> None:
    packaged = load_calibration("")
    assert packaged is not None
    assert packaged.weights["lead"] > 0 and packaged.weights["counts"] > 0
    base = replace(SIGNALS, lead=False, counts=False)
    assert packaged.probability(replace(base, lead=True)) > packaged.probability(base)
    assert packaged.probability(replace(base, counts=True)) > packaged.probability(base)


def test_caption_only_lowers_the_probability() -> None:
    plain = CALIBRATION.probability(SIGNALS)
    captioned = CALIBRATION.probability(replace(SIGNALS, caption_only=True))
    assert captioned < plain
    assert captioned == pytest.approx(plain * CAPTION_FACTOR)


def test_load_none_is_no_calibration() -> None:
    assert load_calibration("none") is None


def test_load_default_is_the_packaged_file() -> None:
    loaded = load_calibration("")
    assert loaded is not None
    packaged = json.loads(
        resources.files("newsevents").joinpath("data", "event_confidence.json").read_text(encoding="utf-8")
    )
    assert loaded.intercept == pytest.approx(packaged["intercept"])
    assert dict(loaded.weights) == pytest.approx(packaged["weights"])
    assert loaded.weights, "the packaged calibration has weights"
    assert set(loaded.weights) <= FEATURES, set(loaded.weights) - FEATURES
    assert "cv_auc" in loaded.about and "records" in loaded.about


def test_load_a_file(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(CALIBRATION.to_dict()), encoding="utf-8")
    assert load_calibration(str(path)) == CALIBRATION


def test_features_name_every_group_and_modality_once() -> None:
    features = SIGNALS.features()
    assert sum(v for k, v in features.items() if k.startswith("group=")) == 1.0
    assert sum(v for k, v in features.items() if k.startswith("modality=")) == 1.0
    assert features["group=violence"] == 1.0 and features["modality=asserted"] == 1.0
    assert replace(SIGNALS, modality="negated").features()["modality=other"] == 1.0


def _candidate(rule_score: float, sentences: set[int], lead: bool) -> Candidate:
    from newsevents.model import Counts, DateSpan, Event, Plover

    event = Event(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        plover=Plover("ASSAULT", None),
        date=DateSpan(None, None, None),
        location=None,
        actors=(),
        counts=Counts(),
        modality="asserted",
        evidence=(),
        source_claim=None,
        confidence=rule_score,
    )
    return Candidate(event, replace(SIGNALS, lead=lead, rule_score=rule_score), frozenset(sentences))


def test_the_more_specific_reading_nearby_stays_the_more_confident() -> None:
    specific = _candidate(0.95, {3}, lead=False)  # a suicide bombing, say: the rules rank it higher
    general = _candidate(0.5, {4}, lead=True)  # an attack told next to it, which the calibration prefers
    far = _candidate(0.5, {9}, lead=True)  # the same, but told far away: left as calibrated
    own = [CALIBRATION.probability(c.signals) for c in (specific, general, far)]
    assert own[1] > own[0]
    got = calibrated([specific, general, far], CALIBRATION)
    assert got[0] == pytest.approx(own[0]) and got[2] == pytest.approx(own[2])
    assert got[1] < got[0]


def test_the_ordering_never_pushes_a_record_below_the_minimum_it_clears() -> None:
    specific = _candidate(0.95, {3}, lead=False)
    general = _candidate(0.5, {3}, lead=True)
    minimum = CALIBRATION.probability(general.signals) - 0.01  # general clears it on its own
    got = calibrated([specific, general], CALIBRATION, minimum)
    assert got[1] >= minimum
