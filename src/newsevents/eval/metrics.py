"""What a scorer returns: a typed, frozen result per evaluation set.

Every result is a ``Metrics``: ``as_dict()`` is the report's ``metrics`` object (printed by ``newsevents
eval`` and written to ``--json-out``, keys in field order) and ``headline()`` its flat numeric figures,
those the gate holds to floors. ``Scores`` gives both from a frozen dataclass's fields; a field that is a
dataclass, a mapping or a sequence is written out as plain JSON-able values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Metrics(Protocol):
    def headline(self) -> dict[str, float]:
        """The flat numeric figures: what the gate compares with its floors."""
        ...

    def as_dict(self) -> dict[str, Any]:
        """Every figure as plain JSON-able values, in the report's order."""
        ...


def plain(value: Any) -> Any:
    """``value`` as JSON-able data: dataclasses and mappings as dicts, tuples and lists as lists."""
    if isinstance(value, Metrics):
        return value.as_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def numbers(metrics: Mapping[str, Any]) -> dict[str, float]:
    """The top-level numbers of a metrics dict (booleans are no figures)."""
    return {k: float(v) for k, v in metrics.items() if isinstance(v, int | float) and not isinstance(v, bool)}


@dataclass(frozen=True, slots=True)
class Scores:
    """Base of the scorers' results: ``as_dict`` from the fields, in order; ``headline`` its numbers."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}

    def headline(self) -> dict[str, float]:
        return numbers(self.as_dict())


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 of one label or one rule."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)

