"""Scoring event-type classification on CASE 2021 Task 2 snippets (see ../shared/eval/SCORING.md).

A snippet's label is the CASE code of the sub_event_type of its highest-confidence event (ties: the first);
no event, or an error, is "NONE"; a name that maps to no code is "UNMAPPED". Macro F1 over the gold labels is
the headline; accuracy and support-weighted F1 come with it, per-label F1 and the commonest confusions in
nested dicts.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import PRF, Scores
from newsevents.events.ontology import load_ontology

ID_PREFIX = "case2021t2-"
NONE = "NONE"
UNMAPPED = "UNMAPPED"


@dataclass(frozen=True, slots=True)
class LabelScores(PRF):
    support: float  # gold snippets of the label


@dataclass(frozen=True, slots=True)
class Case2021Scores(Scores):
    accuracy: float
    macro_f1: float  # the headline: mean F1 over the gold labels
    weighted_f1: float
    snippets: int
    predicted_none: float  # share of snippets given no event
    per_label: Mapping[str, LabelScores]
    confusions: Mapping[str, int]  # "gold -> predicted": count, the commonest 15
    unmapped_sub_event_types: Mapping[str, int]


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name).strip().lower()


def code_table() -> dict[str, str]:
    """Normalised sub-event name or CASE code -> CASE code."""
    table: dict[str, str] = {}
    for sub in load_ontology().sub_event_types:
        table[_key(sub.name)] = sub.case_code
        table[_key(sub.case_code)] = sub.case_code
    return table


def read_gold(gold_dir: Path) -> dict[str, str]:
    files = sorted(Path(gold_dir).glob("*.tsv"))
    if len(files) != 1:
        raise EvalError(f"expected one .tsv in {gold_dir}, found {len(files)}", path=str(gold_dir))
    with files[0].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if rows and not {"id", "SubType"} <= set(rows[0]):
        raise EvalError("gold file lacks the columns id and SubType", path=str(files[0]))
    return {str(r["id"]).strip(): r["SubType"].strip() for r in rows}


def predicted_label(result: Mapping[str, Any] | None, table: Mapping[str, str]) -> tuple[str, str | None]:
    """(label, the unmapped name if any) for one contract result."""
    if not result or result.get("error") or not result.get("events"):
        return NONE, None
    events = result["events"]
    best = max(range(len(events)), key=lambda i: (float(events[i].get("confidence", 0.0)), -i))
    name = str(events[best].get("sub_event_type", ""))
    code = table.get(_key(name))
    return (code, None) if code else (UNMAPPED, name)


def _bare(pred_id: str) -> str:
    return pred_id[len(ID_PREFIX) :] if pred_id.startswith(ID_PREFIX) else pred_id


def score(predictions: Mapping[str, dict[str, Any]], gold_dir: Path) -> Case2021Scores:
    gold = read_gold(Path(gold_dir))
    by_id = {_bare(k): v for k, v in predictions.items()}
    table = code_table()
    pairs: list[tuple[str, str]] = []
    unmapped: Counter[str] = Counter()
    for gid, label in gold.items():
        pred, name = predicted_label(by_id.get(gid), table)
        if name is not None:
            unmapped[name] += 1
        pairs.append((label, pred))
    labels = sorted(set(gold.values()))
    per_label: dict[str, LabelScores] = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == p == label)
        fp = sum(1 for g, p in pairs if p == label and g != label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        prf = PRF.of(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
        per_label[label] = LabelScores(prf.precision, prf.recall, prf.f1, float(tp + fn))
    total = len(pairs) or 1
    confusions = Counter(f"{g} -> {p}" for g, p in pairs if g != p)
    return Case2021Scores(
        accuracy=sum(1 for g, p in pairs if g == p) / total,
        macro_f1=sum(v.f1 for v in per_label.values()) / (len(per_label) or 1),
        weighted_f1=sum(v.f1 * v.support for v in per_label.values()) / total,
        snippets=len(pairs),
        predicted_none=sum(1 for _, p in pairs if p == NONE) / total,
        per_label=per_label,
        confusions=dict(confusions.most_common(15)),
        unmapped_sub_event_types=dict(unmapped),
    )
