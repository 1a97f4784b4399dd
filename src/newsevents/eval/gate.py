"""The evaluation gate: metrics must stay at or above pinned floors, and floors only move up.

``floors.json`` maps ``"<set>.<metric>"`` to the lowest acceptable value. ``check`` lists every metric
below its floor; ``raise_floors`` writes new floors from a report but refuses to lower any unless told to
(the commit that lowers a floor must say why).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from newsevents.errors import EvalError
from newsevents.eval.runner import SetReport


@dataclass(frozen=True, slots=True)
class Breach:
    key: str
    value: float | None
    floor: float

    def describe(self) -> str:
        got = "missing" if self.value is None else f"{self.value:.4f}"
        return f"{self.key}: {got} < floor {self.floor:.4f}"


def measured(reports: Iterable[SetReport]) -> dict[str, float]:
    """``"<set>.<metric>"`` -> value for the headline figures of each set's result."""
    return {f"{r.name}.{key}": value for r in reports for key, value in r.headline().items()}


def load_floors(path: Path) -> dict[str, float]:
    if not path.is_file():
        raise EvalError(f"floors file not found: {path}", path=str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.get("floors", {}).items()}


def check(
    measured: Mapping[str, float], floors: Mapping[str, float], sets: set[str] | None = None
) -> list[Breach]:
    """Floors that the measured metrics break; floors of sets not run are ignored when ``sets`` is given."""
    breaches = []
    for key, floor in sorted(floors.items()):
        if sets is not None and key.split(".", 1)[0] not in sets:
            continue
        value = measured.get(key)
        # A tiny tolerance keeps float noise from failing an unchanged run.
        if value is None or value < floor - 1e-9:
            breaches.append(Breach(key, value, floor))
    return breaches


def raise_floors(
    path: Path, measured: Mapping[str, float], keys: Iterable[str], *, allow_lower: bool = False
) -> dict[str, float]:
    """Set each floor in ``keys`` to its measured value (rounded down); refuse to lower one unless allowed."""
    floors = load_floors(path) if path.is_file() else {}
    for key in keys:
        if key not in measured:
            continue
        new = int(measured[key] * 1000) / 1000
        old = floors.get(key)
        if old is not None and new < old and not allow_lower:
            raise EvalError(f"refusing to lower floor {key} from {old} to {new}", key=key)
        floors[key] = new
    path.write_text(json.dumps({"floors": dict(sorted(floors.items()))}, indent=2) + "\n", encoding="utf-8")
    return floors
