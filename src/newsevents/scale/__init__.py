"""Running newsevents over many articles: Spark (``run_spark``) and loading its output (``load_output``).

``newsevents.scale.spark`` imports pyspark only when a run starts, so this package imports without it.
"""

from newsevents.scale.load import LoadSummary, load_output
from newsevents.scale.spark import SparkSummary, run_spark

__all__ = ["LoadSummary", "SparkSummary", "load_output", "run_spark"]
