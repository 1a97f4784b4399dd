"""``load_output``: a Spark run's output folder into a store, idempotently (no Spark needed).

Every record with its article becomes ``Store.add_result`` (an article already stored, by text or URL,
is left as it is); every ``rejected/`` row becomes ``Store.add_rejected`` (recorded once); the new event
reports are then merged into the store's real-world events, as ``newsevents ingest`` does. Loading the
same folder twice therefore changes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsevents.errors import ScaleError
from newsevents.ingest.clean import clean_article, clean_rejected
from newsevents.model import Article, Result
from newsevents.scale.records import article_from_json, rejected_from_row
from newsevents.store import Store
from newsevents.store.merged import MergingWriter


@dataclass(frozen=True, slots=True)
class LoadSummary:
    records: int = 0
    stored: int = 0
    duplicates: int = 0  # the article was stored already
    rejected: int = 0  # records with an error (recorded in the store's rejected inputs)
    rejected_new: int = 0  # of which not recorded before
    merged_new: int = 0  # real-world events made by merging the new reports
    merged_grown: int = 0  # stored real-world events that gained reports


def load_output(folder: str | Path, store: Store) -> LoadSummary:
    """Put a ``run_spark`` output folder (JSONL or Parquet form) into ``store``."""
    root = Path(folder)
    if not (root / "records").is_dir():
        raise ScaleError(f"{str(root)!r} is not a newsevents Spark output: it has no records/ folder",
                         folder=str(root))
    summary = LoadSummary()
    writer = MergingWriter(store, merge_every=None)  # one merge, at the end
    for article, result in read_records(root):
        summary = replace(summary, records=summary.records + 1)
        if result.error is not None:
            continue  # recorded from rejected/, which also knows its origin and an excerpt
        if article is None:
            raise ScaleError(f"record {result.id!r} has no article beside it", folder=str(root))
        # What no store keeps (NUL, controls, lone surrogates) goes, as on every ingest: the text keeps its
        # length, so the result's offsets still hold; an id that changes takes its result along.
        article = clean_article(article)
        if article.id != result.id:
            result = replace(result, id=article.id)
        if writer.add(article, result):
            summary = replace(summary, stored=summary.stored + 1)
        else:
            summary = replace(summary, duplicates=summary.duplicates + 1)
    for row in read_rejected(root):
        new = store.add_rejected(clean_rejected(rejected_from_row(row)))
        summary = replace(summary, rejected=summary.rejected + 1, rejected_new=summary.rejected_new + new)
    merged = writer.merge()
    return replace(summary, merged_new=merged.new_events, merged_grown=merged.grown_events)


def read_records(root: Path) -> Iterator[tuple[Article | None, Result]]:
    """Each record of the output, in input order, with its article (None for an input that was not one)."""
    parquet = _parts(root / "records", ".parquet")
    if parquet:
        for row in _parquet_rows(parquet):
            yield _article(row["article_json"]), Result.from_dict(json.loads(row["record_json"]))
        return
    records = _lines(_parts(root / "records", ".txt"))
    articles = _lines(_parts(root / "articles", ".txt"))
    for number, record_line in enumerate(records, 1):
        article_line = next(articles, None)
        if article_line is None:
            raise ScaleError(f"articles/ has fewer lines than records/ ({number - 1})", folder=str(root))
        result = Result.from_dict(json.loads(record_line))
        article = _article(None if article_line == "null" else article_line)
        if article is not None and article.id != result.id:
            raise ScaleError(f"line {number}: record {result.id!r} and article {article.id!r} differ: "
                             "records/ and articles/ are not from the same run", folder=str(root))
        yield article, result


def read_rejected(root: Path) -> Iterator[dict[str, Any]]:
    folder = root / "rejected"
    parquet = _parts(folder, ".parquet")
    if parquet:
        yield from _parquet_rows(parquet)
        return
    for line in _lines(_parts(folder, ".json")):
        yield json.loads(line)


def _article(text: str | None) -> Article | None:
    return article_from_json(text) if text else None


def _parts(folder: Path, suffix: str) -> list[Path]:
    """Spark's part files of one dataset, in name order (which is the rows' order)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith("part-") and p.name.endswith(suffix))


def _lines(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        with path.open(encoding="utf-8", newline="\n") as fh:  # split on "\n" only, as Spark wrote them
            for line in fh:
                if line.strip():
                    yield line.rstrip("\n")


def _parquet_rows(paths: list[Path]) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for path in paths:
        yield from pq.read_table(path).to_pylist()
