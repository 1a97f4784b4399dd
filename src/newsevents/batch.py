"""Running the pipeline over a stream of inputs and storing what it finds: what ``ingest`` and the demo do.

Each article is written in one transaction, so a run killed at any moment and started again ends with
every article stored once. Articles already in the store are skipped before they are parsed. At the end,
the new event reports are merged into the store's real-world events (incrementally).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from newsevents.merge import merge_new_reports
from newsevents.model import Article, Rejected, Result
from newsevents.store import Store

Extract = Callable[[Iterable[Article | Rejected]], Iterator[Result]]
Progress = Callable[[Result], None]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: int = 0  # read as an article, but a stage failed on it (recorded with its error)
    events: int = 0
    claims: int = 0
    merged_new: int = 0  # real-world events created by merging the new reports
    merged_grown: int = 0  # stored real-world events that gained reports


def _new_only(
    items: Iterable[Article | Rejected], store: Store, seen: list[int]
) -> Iterator[Article | Rejected]:
    for item in items:
        if isinstance(item, Article) and store.contains(item):
            seen[0] += 1
            continue
        yield item


def ingest(
    items: Iterable[Article | Rejected], store: Store, extract: Extract, progress: Progress | None = None
) -> IngestSummary:
    """Extract and store every new article; record every rejection with its reason."""
    summary = IngestSummary()
    duplicates = [0]
    articles: dict[str, Article] = {}

    def remember(stream: Iterable[Article | Rejected]) -> Iterator[Article | Rejected]:
        for item in stream:
            if isinstance(item, Article):
                articles[item.id] = item
            yield item

    for result in extract(remember(_new_only(items, store, duplicates))):
        article = articles.pop(result.id, None)
        summary = replace(summary, read=summary.read + 1)
        if result.error is not None:
            store.add_rejected(
                Rejected(
                    result.id,
                    result.error,
                    article.origin if article else None,
                    article.text[:200] if article else "",
                )
            )
            field = "rejected" if result.error.code.startswith("E1") else "failed"
            summary = replace(summary, **{field: getattr(summary, field) + 1})
        elif article is not None and store.add_result(article, result):
            summary = replace(
                summary,
                stored=summary.stored + 1,
                events=summary.events + len(result.events),
                claims=summary.claims + len(result.claims),
            )
        else:
            duplicates[0] += 1
        if progress is not None:
            progress(result)
    merged = merge_new_reports(store)
    return replace(
        summary, duplicates=duplicates[0], read=summary.read + duplicates[0],
        merged_new=merged.new_events, merged_grown=merged.grown_events,
    )
