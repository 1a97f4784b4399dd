from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.eval.ipe import score


def _gold(tmp_path: Path) -> Path:
    docs = [
        {"doc_id": 1, "doc_text": "x", "doc_labels": ["ARREST"]},
        {"doc_id": 2, "doc_text": "x", "doc_labels": ["KILL", "FORCE"]},
        {"doc_id": 3, "doc_text": "x", "doc_labels": []},
    ]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return tmp_path


def _event(sub: str, counts: dict, modality: str = "asserted", actors: list | None = None) -> dict:
    return {"sub_event_type": sub, "counts": counts, "modality": modality, "actors": actors or []}


def test_arrest_and_kill_rules(tmp_path: Path) -> None:
    police = [{"name": "Police", "role": "actor1", "type": "State forces", "country_code": "IN"}]
    preds = {
        "ipe-1": {"events": [_event("Arrests", {})]},
        "ipe-2": {"events": [_event("Mob violence", {"killed": 2}, actors=police)]},
        # a riot death with no state actor is not a police killing; a negated arrest is not an arrest
        "ipe-3": {
            "events": [_event("Mob violence", {"killed": 3}), _event("Arrests", {}, modality="negated")]
        },
    }
    m = score(preds, _gold(tmp_path))
    assert m.arrest_p == 1.0 and m.arrest_r == 1.0
    assert m.kill_f1 == 1.0
    assert m.macro_f1 == 1.0
    assert m.diagnostics["kill_state_actor1"].f1 == 1.0


def test_counts_alone_make_an_arrest_and_missing_docs_are_negative(tmp_path: Path) -> None:
    m = score({"2": {"events": [_event("Peaceful protest", {"arrested": 4})]}}, _gold(tmp_path))
    assert m.arrest_p == 0.0 and m.arrest_r == 0.0
    assert m.kill_r == pytest.approx(0.0)
