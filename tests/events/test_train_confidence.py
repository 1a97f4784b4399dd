"""`newsevents train --task confidence`: the calibration learned from stories in the events_gold form.

The three stories are written for this test: each has a gold attack and sentences whose records no gold
event supports, so the model sees both labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsevents.cli import main


def story(key: str, text: str, evidence: str, sub: str, event_type: str, killed: int) -> dict[str, Any]:
    assert text.count(evidence) == 1
    return {
        "id": key,
        "input": {"id": key, "text": text, "published": "2025-03-14"},
        "events": [
            {
                "event_type": event_type,
                "sub_event_type": sub,
                "evidence_text": evidence,
                "must": True,
                "date": {"start": "2025-03-12", "end": "2025-03-12", "precision": 1},
                "location": None,
                "counts": {"killed": killed},
            }
        ],
        "claims": [],
    }


STORIES = [
    story(
        "gold-kano",
        "Gunmen attacked a market in Kano on Wednesday, killing eight traders. Residents fled to nearby "
        "villages. Opposition leaders said they could possibly organise protests next month.",
        "Gunmen attacked a market in Kano on Wednesday",
        "Attack",
        "Violence against civilians",
        8,
    ),
    story(
        "gold-peshawar",
        "A roadside bomb struck a police van in Peshawar on Wednesday, killing four officers. The prime "
        "minister met the visiting foreign minister in Islamabad. "
        "Traders might stage a strike if taxes rise.",
        "A roadside bomb struck a police van in Peshawar on Wednesday",
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
        4,
    ),
    story(
        "gold-bamako",
        "Armed men attacked a bus near Bamako on Wednesday, killing six passengers. The government "
        "condemned the attack. Students may hold a rally later this year over fees.",
        "Armed men attacked a bus near Bamako on Wednesday",
        "Attack",
        "Violence against civilians",
        6,
    ),
]


@pytest.mark.model  # the CLI builds the configured pipeline in this process
def test_train_confidence_writes_a_calibration(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for s in STORIES:
        (gold / f"{s['id']}.json").write_text(json.dumps(s), encoding="utf-8")
    out = tmp_path / "out"
    ran = CliRunner().invoke(
        main, ["train", str(gold), "--task", "confidence", "--out", str(out), "--version", "t1"]
    )
    assert ran.exit_code == 0, ran.output + repr(ran.exception)
    assert "leave-one-story-out" in ran.output
    written = json.loads((out / "event-confidence-t1.json").read_text(encoding="utf-8"))
    assert isinstance(written["intercept"], float)
    assert written["weights"] and all(isinstance(v, float) for v in written["weights"].values())
    about = written["about"]
    assert about["records"] >= len(STORIES)
    assert about["stories"] == len(STORIES)
    assert 0 < about["supported"] < about["records"]
    assert 0.0 <= about["cv_auc"] <= 1.0
    assert about["data"] == str(gold)
    assert list(about) == ["C", "trained", "records", "supported", "stories", "cv_auc", "cv_brier",
                           "cv_by_minimum", "data"]
    rows = about["cv_by_minimum"].values()
    assert all(set(row) == {"kept", "supported_share", "supported_kept"} for row in rows)
    assert "minimum 0.5: keeps" in ran.output
