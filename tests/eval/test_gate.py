import json
from pathlib import Path

import pytest

from newsevents.errors import EvalError
from newsevents.eval.gate import check, load_floors, raise_floors


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
