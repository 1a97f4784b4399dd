"""Scoring the reference article: checks a careful reader's expectations, and that every offset is honest.

The expectations (``expectations/seed.json``) are only read here, never by extraction. Each check looks
for one record in the prediction that has the stated properties; ``offsets_valid`` is the share of every
reported span whose text in the article is the text the record claims.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Scores

Check = dict[str, Any]
Record = dict[str, Any]


def load_expectations() -> dict[str, Any]:
    text = resources.files("newsevents.eval").joinpath("expectations/seed.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _evidence_text(text: str, event: Record) -> str:
    return " ".join(text[e["start"] : e["end"]] for e in event.get("evidence", []))


def _event_matches(check: Check, event: Record, text: str) -> bool:
    location = event.get("location") or {}
    tests = [
        all(event["counts"].get(k) == v for k, v in check.get("counts", {}).items()),
        "country_code" not in check or location.get("country_code") == check["country_code"],
        "event_type" not in check or event["event_type"] == check["event_type"],
        "sub_event_type" not in check or event["sub_event_type"] == check["sub_event_type"],
        "modality" not in check or event["modality"] == check["modality"],
        "date_start" not in check or event["date"]["start"] == check["date_start"],
        "evidence_contains" not in check
        or check["evidence_contains"].lower() in _evidence_text(text, event).lower(),
    ]
    return all(tests)


def _claim_matches(check: Check, claim: Record) -> bool:
    speaker = claim.get("speaker") or ""
    return (
        check.get("content_contains", "").lower() in claim["content"].lower()
        and check.get("speaker_contains", "").lower() in speaker.lower()
        and ("direct" not in check or claim["direct"] == check["direct"])
    )


def _near(point: list[float], place: Record, km: float = 50.0) -> bool:
    lat1, lon1, lat2, lon2 = map(math.radians, (point[0], point[1], place["lat"], place["lon"]))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a)) <= km


def _place_matches(check: Check, place: Record) -> bool:
    return (
        place["text"] == check["text"]
        and ("country_code" not in check or place.get("country_code") == check["country_code"])
        and ("near" not in check or _near(check["near"], place))
    )


def passes(check: Check, prediction: Record, text: str) -> bool:
    kind = check["kind"]
    if kind == "event":
        return any(_event_matches(check, e, text) for e in prediction["events"])
    if kind == "claim":
        return any(_claim_matches(check, c) for c in prediction["claims"])
    if kind == "place":
        places = [p for p in prediction["places"] if p["text"] == check["text"]]
        return bool(places) and all(_place_matches(check, p) for p in places)
    if kind == "no_place":
        return not any(check["text"] in p["text"] for p in prediction["places"])
    if kind == "date":
        return any(d["text"] == check["text"] and d["value"] == check["value"] for d in prediction["dates"])
    raise EvalError(f"unknown check kind {kind!r}", check=check)


def spans(prediction: Record) -> Iterator[tuple[int, int, str | None]]:
    """Every span the prediction reports, with the text it says is there (None: any text)."""
    for event in prediction["events"]:
        for e in event["evidence"]:
            yield e["start"], e["end"], None
    for claim in prediction["claims"]:
        yield claim["content_span"][0], claim["content_span"][1], claim["content"]
        if claim.get("cue_span"):
            yield claim["cue_span"][0], claim["cue_span"][1], claim["cue"]
        if claim.get("speaker_span"):
            yield claim["speaker_span"][0], claim["speaker_span"][1], None
    for item in [*prediction["places"], *prediction["dates"]]:
        yield item["start"], item["end"], item["text"]


def offsets_valid(prediction: Record, text: str) -> float:
    results = [
        0 <= start < end <= len(text) and (said is None or text[start:end] == said)
        for start, end, said in spans(prediction)
    ]
    return sum(results) / len(results) if results else 0.0


def check_results(prediction: Record, text: str) -> dict[str, list[tuple[str, bool]]]:
    expectations = load_expectations()
    return {
        group: [(c["name"], passes(c, prediction, text)) for c in expectations[group]]
        for group in ("required", "goals")
    }


@dataclass(frozen=True, slots=True)
class SeedScores(Scores):
    required_passed: float  # share of the required checks passed
    goals_passed: float
    offsets_valid: float  # share of reported spans inside the text and saying what is there
    events: int
    claims: int
    checks: Mapping[str, bool]  # each check by name: passed


def score(predictions: Mapping[str, Record], gold_dir: Path) -> SeedScores:
    expectations = load_expectations()
    article_id = expectations["article"]
    with (gold_dir / "input.jsonl").open(encoding="utf-8") as fh:
        text = next(json.loads(line) for line in fh if line.strip())["text"]
    prediction = predictions.get(article_id)
    if prediction is None or prediction.get("error"):
        raise EvalError(f"no result for {article_id}", prediction=prediction)
    results = check_results(prediction, text)
    required, goals = results["required"], results["goals"]
    return SeedScores(
        required_passed=sum(ok for _, ok in required) / len(required),
        goals_passed=sum(ok for _, ok in goals) / len(goals),
        offsets_valid=offsets_valid(prediction, text),
        events=len(prediction["events"]),
        claims=len(prediction["claims"]),
        checks={name: ok for name, ok in required + goals},
    )
