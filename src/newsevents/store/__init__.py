"""The store: extraction results kept in SQLite (the default, one file) or PostgreSQL.

``Store.open(path_or_url)`` creates or migrates the database; ``add_result`` and ``add_rejected`` write
(idempotently, one transaction per article); ``events``, ``claims``, ``articles``, ``article``, ``event``,
``article_events``, ``article_claims``, ``count_events``, ``per_day``, ``per_country``, ``per_place``,
``rejected`` and ``summary`` read; ``transaction`` gives the store's own modules a connection in one
transaction. Reviews live in ``review``, merged events in ``merged`` (writing, and ``MergingWriter``: store,
then merge) and ``merged_read``, exports in ``export`` and ``plover``.
"""

from newsevents.store.db import Store
from newsevents.store.records import (
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    EventOrder,
    StoredArticle,
    StoredClaim,
    StoredEvent,
    StoredRejected,
    StoreSummary,
)

__all__ = [
    "ArticleFilter",
    "ClaimFilter",
    "EventFilter",
    "EventOrder",
    "Store",
    "StoreSummary",
    "StoredArticle",
    "StoredClaim",
    "StoredEvent",
    "StoredRejected",
]
