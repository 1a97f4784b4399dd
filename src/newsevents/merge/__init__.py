"""Merging event reports: many articles' accounts of one real-world event become one merged event.

Pure and in memory, knowing nothing of where reports are kept: ``Report`` (one article's account, typed),
``cluster`` (group reports, optionally into existing groups), ``summarise`` (the ``MergedEvent`` a group
describes, each field traceable to a report), ``MergeSettings`` (how alike reports must be; read from the
config's ``[merge]`` section by ``merge_settings``). The store turns its rows into ``Report``s and keeps the
merged events (``newsevents.store.merged`` writes them, ``newsevents.store.merged_read`` reads them).
"""

from newsevents.merge.cluster import Assignment, cluster
from newsevents.merge.event import EventClaim, FieldSource, Figure, MergedEvent, summarise
from newsevents.merge.reports import Report, report_from_event, report_key_text, reports_from_results
from newsevents.merge.settings import MergeSettings, merge_settings
from newsevents.merge.similarity import compatible, similarity

__all__ = [
    "Assignment",
    "EventClaim",
    "FieldSource",
    "Figure",
    "MergeSettings",
    "MergedEvent",
    "Report",
    "cluster",
    "compatible",
    "merge_settings",
    "report_from_event",
    "report_key_text",
    "reports_from_results",
    "similarity",
    "summarise",
]
