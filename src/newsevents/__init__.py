"""newsevents: evidence-linked records of political events and claims from news reports.

The public surface; everything else lives in modules whose layout may change.
"""

from newsevents.__about__ import SCHEMA_VERSION, __version__
from newsevents.errors import NewsEventsError
from newsevents.model import (
    Actor,
    Article,
    Claim,
    Counts,
    DateMention,
    DateSpan,
    ErrorInfo,
    Event,
    Evidence,
    Location,
    Place,
    Plover,
    Rejected,
    Result,
)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "Claim",
    "Counts",
    "DateMention",
    "DateSpan",
    "ErrorInfo",
    "Event",
    "Evidence",
    "Location",
    "NewsEventsError",
    "Place",
    "Plover",
    "Rejected",
    "Result",
    "__version__",
]
