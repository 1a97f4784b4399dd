"""Scoring police ARREST and KILL detection per document on IndiaPoliceEvents (../shared/eval/SCORING.md).

Only events whose modality is asserted, claimed or missing count. ARREST: a counted event is "Arrests" or has
counts.arrested > 0. KILL: a counted event has counts.killed > 0 and either a "State forces" actor or a
sub-event type of the Violence-against-civilians/Battles family. P/R/F1 per label, macro_f1 their mean;
two diagnostics on who the state actor is come in a nested dict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import PRF, Scores

ID_PREFIX = "ipe-"
COUNTED_MODALITIES = frozenset({"asserted", "claimed", None})
KILL_FAMILY = frozenset(
    {
        "attack",
        "sexual violence",
        "abduction/forced disappearance",
        "armed clash",
        "government regains territory",
        "non-state actor overtakes territory",
    }
)


@dataclass(frozen=True, slots=True)
class IpeScores(Scores):
    arrest_p: float
    arrest_r: float
    arrest_f1: float
    kill_p: float
    kill_r: float
    kill_f1: float
    macro_f1: float  # mean of the ARREST and KILL F1
    diagnostics: Mapping[str, PRF]  # KILL read off a state actor (anywhere, or as actor1) alone
    documents: int
    gold_counts: Mapping[str, int]  # documents with each gold label


def read_gold(gold_dir: Path) -> dict[str, set[str]]:
    path = Path(gold_dir) / "docs.jsonl"
    if not path.is_file():
        raise EvalError(f"gold file not found: {path}", path=str(path))
    gold: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                gold[str(row["doc_id"])] = set(row.get("doc_labels") or [])
    return gold


def counted(events: Iterable[dict[str, Any]], all_modalities: bool) -> list[dict[str, Any]]:
    return [e for e in events if all_modalities or e.get("modality") in COUNTED_MODALITIES]


def _killed(event: dict[str, Any]) -> bool:
    return int((event.get("counts") or {}).get("killed") or 0) > 0


def _state(event: dict[str, Any], role: str | None = None) -> bool:
    return any(
        a.get("type") == "State forces" and (role is None or a.get("role") == role)
        for a in event.get("actors", [])
    )


def labels_of(result: Mapping[str, Any] | None, all_modalities: bool = False) -> dict[str, bool]:
    events = counted((result or {}).get("events") or [], all_modalities)
    return {
        "ARREST": any(
            str(e.get("sub_event_type", "")).lower() == "arrests"
            or int((e.get("counts") or {}).get("arrested") or 0) > 0
            for e in events
        ),
        "KILL": any(
            _killed(e) and (_state(e) or str(e.get("sub_event_type", "")).lower() in KILL_FAMILY)
            for e in events
        ),
        "kill_state_actor": any(_killed(e) and _state(e) for e in events),
        "kill_state_actor1": any(_killed(e) and _state(e, "actor1") for e in events),
    }


def _prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if p and not g)
    fn = sum(1 for g, p in pairs if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(
    predictions: Mapping[str, dict[str, Any]], gold_dir: Path, *, all_modalities: bool = False
) -> IpeScores:
    gold = read_gold(Path(gold_dir))
    by_id = {(k[len(ID_PREFIX) :] if k.startswith(ID_PREFIX) else k): v for k, v in predictions.items()}
    predicted = {doc_id: labels_of(by_id.get(doc_id), all_modalities) for doc_id in gold}

    def prf(gold_label: str, predicted_label: str) -> PRF:
        return PRF(*_prf([(gold_label in gold[d], predicted[d][predicted_label]) for d in gold]))

    arrest, kill = prf("ARREST", "ARREST"), prf("KILL", "KILL")
    return IpeScores(
        arrest_p=arrest.precision, arrest_r=arrest.recall, arrest_f1=arrest.f1,
        kill_p=kill.precision, kill_r=kill.recall, kill_f1=kill.f1,
        macro_f1=(arrest.f1 + kill.f1) / 2,
        diagnostics={name: prf("KILL", name) for name in ("kill_state_actor", "kill_state_actor1")},
        documents=len(gold),
        gold_counts={label: sum(1 for d in gold if label in gold[d]) for label in ("ARREST", "KILL")},
    )
