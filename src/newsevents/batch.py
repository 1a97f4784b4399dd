"""Running the pipeline over a stream of inputs and storing what it finds: what ``ingest`` and the demo do.

Each article is written in one transaction, so a run killed at any moment and started again ends with
every article stored once. Articles already in the store are skipped before they are parsed. Reports a
killed run stored but never merged are merged first; at the end, the new event reports are merged into
the store's real-world events (incrementally).

Every input is cleaned of what no store keeps (NUL, other control characters, lone surrogates) on the way
in, and loses a publication date that is no real date (W121), so that no stored article carries one.
Distinct inputs never share an id: an article whose id already names other content, earlier in this run
or in the store, is stored as ``<id>~<8 hex digits of its text's hash>`` with a W122 warning; the same
content again is a duplicate, whatever its id.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from newsevents.errors import WARN_ID_RENAMED, PipelineError
from newsevents.ingest.clean import clean_item, clean_rejected
from newsevents.ingest.validate import check_published
from newsevents.merge.settings import MergeSettings
from newsevents.model import Article, ErrorInfo, Rejected, Result
from newsevents.store import Store
from newsevents.store.merged import MERGE_EVERY, MergingWriter
from newsevents.store.rows import content_hash

Extract = Callable[[Iterable[Article | Rejected]], Iterator[Result]]
Progress = Callable[[Result], None]
HASH_DIGITS = (8, 16, 64)  # the suffix of a renamed id: longer only if the shorter one is taken too
KEPT_DIGITS = 16  # of each text's hash, kept per id for the run (64 bits: a run of millions fits in memory)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    read: int = 0  # inputs: stored + duplicates + rejected + failed
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: int = 0  # read as an article, but a stage failed on it (recorded with its error)
    events: int = 0
    claims: int = 0
    merged_new: int = 0  # real-world events created by merging the new reports
    merged_grown: int = 0  # stored real-world events that gained reports
    renamed: int = 0  # articles whose input id named other content, stored under a new id (W122)


class _Ids:
    """The ids of this run's articles and the texts they name, to keep distinct inputs apart."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._texts: dict[str, str] = {}  # id -> the hash of the text first given under it in this run

    def unique(self, article: Article) -> tuple[Article, bool]:
        """``article``, renamed when its id already names another text; and whether it was."""
        digest = content_hash(article.text)
        known = self._texts.get(article.id)
        if known == digest[:KEPT_DIGITS]:  # the same text again under its id: a duplicate when it is stored
            return article, False
        if known is None and not self._store.id_in_use(article.id):
            self._texts[article.id] = digest[:KEPT_DIGITS]
            return article, False
        candidates = (f"{article.id}~{digest[:n]}" for n in HASH_DIGITS)
        new_id = next((c for c in candidates if not self._taken(c)), f"{article.id}~{digest}")
        self._texts[new_id] = digest[:KEPT_DIGITS]
        message = f"the id {article.id!r} already names another article: this one is stored as {new_id!r}"
        warning = ErrorInfo(WARN_ID_RENAMED, message)
        return dataclasses.replace(article, id=new_id, warnings=(*article.warnings, warning)), True

    def _taken(self, article_id: str) -> bool:
        return article_id in self._texts or self._store.id_in_use(article_id)


def ingest(
    items: Iterable[Article | Rejected], store: Store, extract: Extract, progress: Progress | None = None,
    merge_every: int = MERGE_EVERY, settings: MergeSettings | None = None,
) -> IngestSummary:
    """Extract and store every new article; record every rejection with its reason. The new reports are
    merged after every ``merge_every`` stored articles and at the end, by ``settings`` (None: the packaged
    config's ``[merge]`` section)."""
    writer = MergingWriter(store, merge_every=merge_every, settings=settings)
    writer.merge()  # reports a killed run stored but did not merge
    summary = IngestSummary()
    skipped = renamed = 0
    ids = _Ids(store)
    pending: deque[Article | Rejected] = deque()  # inputs handed to ``extract``, whose results come in order

    def admit(stream: Iterable[Article | Rejected]) -> Iterator[Article | Rejected]:
        nonlocal skipped, renamed
        for raw in stream:
            item = clean_item(raw)
            if isinstance(item, Article):
                item = check_published(item)  # the stored article, not only its result, loses a bad date
                if store.contains(item):
                    skipped += 1
                    continue
                item, was_renamed = ids.unique(item)
                renamed += was_renamed
            pending.append(item)
            yield item

    for result in extract(admit(items)):
        item = pending.popleft()
        if item.id != result.id:
            raise PipelineError(f"result {result.id!r} came back for input {item.id!r}", article=item.id)
        summary = replace(summary, read=summary.read + 1)
        if result.error is not None:
            if isinstance(item, Article):
                item = clean_rejected(Rejected(item.id, result.error, item.origin, item.text[:200]))
            store.add_rejected(item)
            field = "rejected" if result.error.code.startswith("E1") else "failed"
            summary = replace(summary, **{field: getattr(summary, field) + 1})
        elif isinstance(item, Article) and writer.add(item, result):
            summary = replace(
                summary,
                stored=summary.stored + 1,
                events=summary.events + len(result.events),
                claims=summary.claims + len(result.claims),
            )
        else:
            summary = replace(summary, duplicates=summary.duplicates + 1)
        if progress is not None:
            progress(result)
    writer.merge()
    return replace(
        summary, read=summary.read + skipped, duplicates=summary.duplicates + skipped, renamed=renamed,
        merged_new=writer.merged.new_events, merged_grown=writer.merged.grown_events,
    )
