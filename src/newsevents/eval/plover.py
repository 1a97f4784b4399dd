"""Scoring PLOVER types and modes on the PLOVER gold-standard records (``../shared/eval/plover_gsr``).

SCORING.md has no PLOVER section yet, so this follows the CASE-2021 rule: a record's predicted type and mode
are those of its highest-confidence event (ties: the first); a record with no event is "NONE". The records
are edited CAMEO-manual sentences, one coded event each.

  type_accuracy   share of records whose predicted PLOVER type equals the gold ``event``
  type_macro_f1   mean per-type F1 over the gold types
  mode_accuracy   among records with a gold ``mode``, share whose predicted type and mode both match
  no_event        share of records with no predicted event
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Scores

GOLD_FILE = "PLOVER_GSR_CAMEO.json"


@dataclass(frozen=True, slots=True)
class PloverScores(Scores):
    type_accuracy: float
    type_macro_f1: float
    mode_accuracy: float
    no_event: float
    records: int
    per_type: Mapping[str, float]  # F1 of each gold type
    confusions: Mapping[str, int]  # "gold->predicted": count, the commonest 12


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold records by input id ("plover-<id>", a repeated id's second record "-dup2")."""
    path = gold_dir / GOLD_FILE
    if not path.is_file():
        raise EvalError(f"PLOVER gold not found: {path}", path=str(path))
    seen: Counter[str] = Counter()
    gold = {}
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or "text" not in record:
            continue
        seen[record["id"]] += 1
        suffix = f"-dup{seen[record['id']]}" if seen[record["id"]] > 1 else ""
        gold[f"plover-{record['id']}{suffix}"] = record
    return gold


def predicted(result: Mapping[str, Any] | None) -> tuple[str, str | None]:
    events = (result or {}).get("events") or []
    if not events:
        return "NONE", None
    best = max(events, key=lambda e: e.get("confidence", 0.0))  # max keeps the first of equals
    plover = best.get("plover") or {}
    return str(plover.get("type") or "NONE"), plover.get("mode")


def per_type_f1(pairs: list[tuple[str, str]]) -> dict[str, float]:
    scores = {}
    for label in sorted({g for g, _ in pairs}):
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores


def score(predictions: Mapping[str, dict[str, Any]], gold_dir: Path) -> PloverScores:
    gold = load_gold(gold_dir)
    pairs: list[tuple[str, str]] = []
    mode_hits = mode_total = 0
    for record_id, record in gold.items():
        kind, mode = predicted(predictions.get(record_id))
        pairs.append((record["event"], kind))
        if record.get("mode"):
            mode_total += 1
            mode_hits += kind == record["event"] and (mode or "").lower() == str(record["mode"]).lower()
    f1 = per_type_f1(pairs)
    return PloverScores(
        type_accuracy=sum(g == p for g, p in pairs) / len(pairs),
        type_macro_f1=sum(f1.values()) / len(f1),
        mode_accuracy=mode_hits / mode_total if mode_total else 0.0,
        no_event=sum(p == "NONE" for _, p in pairs) / len(pairs),
        records=len(pairs),
        per_type=f1,
        confusions=dict(Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(12)),
    )
