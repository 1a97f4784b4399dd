import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from newsevents.errors import EvalError
from newsevents.eval.gate import check, load_floors, raise_floors
from newsevents.eval.metrics import Scores
from newsevents.eval.runner import EVAL_SETS, evaluate_set
from newsevents.pipeline import Extractor


def write(path: Path, floors: dict[str, float]) -> None:
    path.write_text(json.dumps({"floors": floors}))


def test_a_metric_below_its_floor_is_a_breach(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    write(path, {"case2021.macro_f1": 0.5, "seed.required_passed": 1.0})
    breaches = check({"case2021.macro_f1": 0.49, "seed.required_passed": 1.0}, load_floors(path))
    assert [b.key for b in breaches] == ["case2021.macro_f1"]


def test_a_missing_metric_is_a_breach_unless_its_set_was_not_run(tmp_path: Path) -> None:
    floors = {"case2021.macro_f1": 0.5, "ipe.macro_f1": 0.4}
    assert [b.key for b in check({}, floors)] == ["case2021.macro_f1", "ipe.macro_f1"]
    assert [b.key for b in check({}, floors, sets={"ipe"})] == ["ipe.macro_f1"]


def test_floors_only_move_up(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    write(path, {"ipe.macro_f1": 0.6})
    assert raise_floors(path, {"ipe.macro_f1": 0.7123}, ["ipe.macro_f1"])["ipe.macro_f1"] == 0.712
    with pytest.raises(EvalError):
        raise_floors(path, {"ipe.macro_f1": 0.5}, ["ipe.macro_f1"])
    assert load_floors(path)["ipe.macro_f1"] == 0.712
    assert (
        raise_floors(path, {"ipe.macro_f1": 0.5}, ["ipe.macro_f1"], allow_lower=True)["ipe.macro_f1"] == 0.5
    )


def test_an_eval_run_can_keep_what_it_extracted_for_comparison(tmp_path: Path, extractor: Extractor) -> None:
    eval_dir = tmp_path / "eval"
    (eval_dir / "seed").mkdir(parents=True)
    lines = [
        {"id": "a", "text": "Police detained 12 protesters in Almaty on Monday.", "published": "2022-01-10"},
        {"id": "b", "text": "Troops arrived in the capital.", "published": "2022-01-10"},
    ]
    (eval_dir / "seed" / "input.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    seed = next(s for s in EVAL_SETS if s.name == "seed")
    out = tmp_path / "predictions"

    def no_score(predictions: Mapping[str, dict[str, Any]], gold: Path) -> Scores:
        return Scores()

    report = evaluate_set(seed, eval_dir, extractor.extract, None, out, score=no_score)
    assert report.articles == 2 and report.errors == 0
    written = [json.loads(line) for line in (out / "seed.jsonl").read_text().splitlines()]
    assert [w["id"] for w in written] == ["a", "b"]
    assert written[0]["events"] and written[0]["events"][0]["event_type"] == "Strategic developments"
