"""Scoring contract ``dates`` against MEANTIME (English Wikinews, TIMEX3), as SCORING.md defines it.

Scored gold timexes: type DATE, not the document creation time, with a text span. Predicted dates and gold
timexes sharing a character are matched one-to-one, greedily by intersection-over-union, then by value
agreement, then by overlap size. Values are compared after normalising trivial forms (case, a trailing Z, a
time of day, trailing ``-XX`` placeholders, zero-padding). A predicted date's ``period`` (a season, quarter
or half: "2009-Q1", "2009-SU"), when it has one, is its value here, and gold values of those forms count as
expressible.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Scores

ID_PREFIX = "meantime-"
EXPRESSIBLE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-W\d{2}|\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)")


@dataclass(frozen=True, slots=True)
class Timex:
    doc_id: str
    start: int
    end: int
    text: str
    value: str
    type: str
    scored: bool


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class Miss:
    """A scored gold timex whose value no prediction got right."""

    doc_id: str
    text: str
    start: int
    gold: str
    predicted: str | None  # the matched prediction's value; None when nothing matched


@dataclass(frozen=True, slots=True)
class MeantimeScores(Scores):
    """MEANTIME's figures, in the report's order."""

    detection_recall: float
    value_accuracy: float
    value_accuracy_all: float
    value_accuracy_e2e: float
    detection_precision_any_timex: float
    n: int
    n_expressible: int
    n_matched: int
    n_predicted: int
    n_docs: int
    misses: tuple[Miss, ...]


def normalise_value(value: str) -> str:
    """The comparable form of a TIMEX3 or contract value: "2008-1-9T10:00Z" -> "2008-01-09"."""
    v = value.strip().upper()
    v = v.removesuffix("Z")
    v = v.split("T", 1)[0] if re.match(r"^[\dX]{4}-", v) else v
    while v.endswith("-XX"):
        v = v[:-3]
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    v = re.sub(r"(?<=^\d{4})-(\d)(?!\d)", r"-0\1", v)
    v = re.sub(r"(?<=^\d{4}-\d{2})-(\d)(?!\d)", r"-0\1", v)
    return v


def is_expressible(value: str) -> bool:
    return EXPRESSIBLE.fullmatch(normalise_value(value)) is not None


def read_gold(gold_dir: Path) -> dict[str, list[Timex]]:
    """All timexes of every ``*.flat.jsonl`` in ``gold_dir``, by doc_id."""
    files = sorted(Path(gold_dir).glob("*.flat.jsonl"))
    if not files:
        raise EvalError(f"no *.flat.jsonl gold files in {gold_dir}", gold_dir=str(gold_dir))
    gold: dict[str, list[Timex]] = {}
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    gold[str(record["doc_id"])] = list(_timexes(record))
                except (ValueError, KeyError, TypeError) as exc:
                    raise EvalError(f"malformed gold line: {exc}", path=str(path), line=line_no) from exc
    return gold


def _timexes(record: dict[str, Any]) -> Iterable[Timex]:
    for t in record.get("timex", []):
        if t.get("char_start") is None or t.get("char_end") is None or not t.get("text"):
            continue
        scored = t.get("type") == "DATE" and t.get("function") != "CREATION_TIME"
        yield Timex(
            str(record["doc_id"]), int(t["char_start"]), int(t["char_end"]), t["text"],
            str(t.get("value") or ""), str(t.get("type")), scored,
        )


def predicted_dates(result: Mapping[str, Any] | None) -> list[Predicted]:
    if not result or result.get("error"):
        return []
    dates = result.get("dates", [])
    return [
        Predicted(int(d["start"]), int(d["end"]), str(d.get("period") or d.get("value") or "")) for d in dates
    ]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match(gold: list[Timex], predicted: list[Predicted]) -> dict[int, int]:
    """One-to-one matching, gold index -> predicted index, greedy by IoU, value agreement, overlap size."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            inter = _overlap(g.start, g.end, p.start, p.end)
            if inter == 0:
                continue
            union = max(g.end, p.end) - min(g.start, p.start)
            agree = normalise_value(g.value) == normalise_value(p.value)
            pairs.append((inter / union, agree, inter, gi, pi))
    pairs.sort(key=lambda t: (-t[0], not t[1], -t[2], t[3], t[4]))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, _, gi, pi in pairs:
        if gi in matched or pi in used:
            continue
        matched[gi] = pi
        used.add(pi)
    return matched


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score(predictions: Mapping[str, dict[str, Any]], gold_dir: Path) -> MeantimeScores:
    """MEANTIME metrics for contract results keyed by input id ("meantime-<doc_id>" or the bare doc_id)."""
    gold = read_gold(Path(gold_dir))
    by_doc = {key.removeprefix(ID_PREFIX): value for key, value in predictions.items()}
    n_scored = n_matched = n_expr = n_expr_matched = n_expr_equal = n_all_equal = 0
    n_pred = n_pred_overlapping = 0
    misses: list[Miss] = []
    for doc_id, timexes in gold.items():
        scored = [t for t in timexes if t.scored]
        predicted = predicted_dates(by_doc.get(doc_id))
        matched = match(scored, predicted)
        n_pred += len(predicted)
        n_pred_overlapping += sum(
            any(_overlap(t.start, t.end, p.start, p.end) for t in timexes) for p in predicted
        )
        for gi, g in enumerate(scored):
            expressible = is_expressible(g.value)
            pi = matched.get(gi)
            equal = pi is not None and normalise_value(g.value) == normalise_value(predicted[pi].value)
            n_scored += 1
            n_expr += expressible
            n_matched += pi is not None
            n_all_equal += equal
            n_expr_matched += expressible and pi is not None
            n_expr_equal += expressible and equal
            if not equal:
                misses.append(
                    Miss(doc_id, g.text, g.start, g.value, predicted[pi].value if pi is not None else None)
                )
    return MeantimeScores(
        detection_recall=_ratio(n_matched, n_scored),
        value_accuracy=_ratio(n_expr_equal, n_expr_matched),
        value_accuracy_all=_ratio(n_all_equal, n_matched),
        value_accuracy_e2e=_ratio(n_expr_equal, n_expr),
        detection_precision_any_timex=_ratio(n_pred_overlapping, n_pred),
        n=n_scored,
        n_expressible=n_expr,
        n_matched=n_matched,
        n_predicted=n_pred,
        n_docs=len(gold),
        misses=tuple(misses),
    )
