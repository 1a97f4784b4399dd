"""The store: extraction results kept in SQLite (the default, one file) or PostgreSQL.

``Store.open(path_or_url)`` creates or migrates the database; ``add_result`` and ``add_rejected`` write
(idempotently, one transaction per article); ``events``, ``claims``, ``articles``, ``article``,
``rejected`` and ``summary`` read. Exports live in ``newsevents.store.export``.
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
