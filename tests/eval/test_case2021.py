from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import EvalError
from newsevents.eval.case2021 import score


def _gold(tmp_path: Path) -> Path:
    rows = [
        "id\tEventSnippet\tSubType",
        "2\tinvented one\tARREST",
        "4\tinvented two\tAIR_STRIKE",
        "6\tinvented three\tDIPLO",
    ]
    (tmp_path / "dev.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def _result(*events: tuple[str, float]) -> dict:
    return {"error": None, "events": [{"sub_event_type": s, "confidence": c} for s, c in events]}


def test_highest_confidence_event_decides(tmp_path: Path) -> None:
    preds = {
        "case2021t2-2": _result(("Attack", 0.4), ("Arrests", 0.9)),
        "case2021t2-4": _result(("air drone strike", 0.8)),
        "6": _result(),
    }
    m = score(preds, _gold(tmp_path))
    assert m.accuracy == pytest.approx(2 / 3)
    assert m.per_label["DIPLO"].f1 == 0.0
    assert m.macro_f1 == pytest.approx(2 / 3)
    assert m.confusions == {"DIPLO -> NONE": 1}


def test_unmapped_names_are_listed_and_wrong(tmp_path: Path) -> None:
    m = score({"case2021t2-2": _result(("Alien invasion", 1.0))}, _gold(tmp_path))
    assert m.accuracy == 0.0
    assert m.unmapped_sub_event_types == {"Alien invasion": 1}


def test_missing_gold_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        score({}, tmp_path)
