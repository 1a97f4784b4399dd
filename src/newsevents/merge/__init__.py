"""Merging event reports: many articles' accounts of one real-world event become one merged event.

In memory: ``Report`` (one article's account), ``cluster`` (group reports, optionally into existing
groups), ``summarise`` (the ``MergedEvent`` a group describes, each field traceable to a report).
In a store: ``merge_new_reports`` (incremental), ``split`` and ``join`` (for reviewers), ``merged_event``
and ``merged_events`` (reading), from ``newsevents.store.merged`` and ``merged_read``.
"""

import importlib
from typing import Any

from newsevents.merge.cluster import Assignment, cluster
from newsevents.merge.event import EventClaim, FieldSource, Figure, MergedEvent, summarise
from newsevents.merge.reports import Report, report_from_event, report_key_text, reports_from_results
from newsevents.merge.similarity import MergeSettings, compatible, similarity

# The store-side functions live in newsevents.store.merged (writing) and merged_read (reading), which import
# this package's modules: they are looked up on first use so that either package can be imported first.
_FROM_STORE = {
    "MergeSummary": ("merged", "MergeSummary"), "join": ("merged", "join"),
    "merge_new_reports": ("merged", "merge_new_reports"), "split": ("merged", "split"),
    "merged_event": ("merged_read", "merged_event"), "merged_event_of": ("merged_read", "merged_event_of"),
    "merged_events": ("merged_read", "merged_events_list"),
    "merged_events_list": ("merged_read", "merged_events_list"),
}


def __getattr__(name: str) -> Any:
    if name in _FROM_STORE:
        module, attribute = _FROM_STORE[name]
        return getattr(importlib.import_module(f"newsevents.store.{module}"), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Assignment",
    "EventClaim",
    "FieldSource",
    "Figure",
    "MergeSettings",
    "MergeSummary",
    "MergedEvent",
    "Report",
    "cluster",
    "compatible",
    "join",
    "merge_new_reports",
    "merged_event",
    "merged_event_of",
    "merged_events",
    "report_from_event",
    "report_key_text",
    "reports_from_results",
    "similarity",
    "split",
    "summarise",
]
