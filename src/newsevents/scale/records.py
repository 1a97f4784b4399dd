"""What a Spark run writes, row by row, and reading it back: no Spark needed here.

A run's output folder holds three datasets, each a folder of part files in Spark's usual layout:

- ``records/``: one contract record per input, exactly the line ``newsevents extract`` writes
  (``json.dumps(result.to_dict(), ensure_ascii=False)``). In JSONL form the lines are the records; in
  Parquet form the columns are ``id, error_code, record_json, article_json``.
- ``articles/`` (JSONL form only): the input article of each record, one JSON object a line, in the same
  order as ``records/``, or ``null`` for an input that never became an article. The store needs the
  article's text, and the contract line must stay as it is, so the article travels beside it.
- ``rejected/``: one row per record with an error: ``id, code, message, origin, excerpt``.

Rows are sorted by input position (the input's file, then the record's place in it), so concatenating
the part files in name order gives the records in the order ``newsevents extract`` gives them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsevents.model import Article, ErrorInfo, Rejected, Result

EXCERPT_CHARS = 200  # as much of a failed article's text as ``newsevents ingest`` keeps with its error


@dataclass(frozen=True, slots=True)
class OutputRow:
    """One result as the Spark job carries it, with the input position it is sorted by."""

    file_index: int
    position: int
    id: str
    error_code: str | None
    error_message: str | None
    record_json: str
    article_json: str | None
    origin: str | None
    excerpt: str | None

    def as_tuple(self) -> tuple[Any, ...]:
        return (self.file_index, self.position, self.id, self.error_code, self.error_message,
                self.record_json, self.article_json, self.origin, self.excerpt)


FIELDS = tuple(OutputRow.__dataclass_fields__)


def record_line(result: Result) -> str:
    """The contract line of one result, byte for byte as ``newsevents extract`` writes it."""
    return json.dumps(result.to_dict(), ensure_ascii=False)


def article_to_json(article: Article) -> str:
    """The article in the contract's input form, plus what the store keeps about where it came from."""
    d = article.to_input_dict()
    d["published_raw"] = article.published_raw
    d["origin"] = article.origin
    d["warnings"] = [w.to_dict() for w in article.warnings]
    return json.dumps(d, ensure_ascii=False)


def article_from_json(text: str) -> Article:
    d = json.loads(text)
    return Article(
        id=str(d["id"]), text=str(d["text"]), title=d.get("title"), published=d.get("published"),
        url=d.get("url"), source=d.get("source"), published_raw=d.get("published_raw"),
        origin=d.get("origin"), warnings=tuple(ErrorInfo.from_dict(w) for w in d.get("warnings", [])),
    )


def output_row(file_index: int, position: int, item: Article | Rejected, result: Result) -> OutputRow:
    """The row for one input and its result."""
    article = item if isinstance(item, Article) else None
    if isinstance(item, Rejected):
        origin, excerpt = item.origin, item.excerpt
    else:
        origin, excerpt = item.origin, item.text[:EXCERPT_CHARS]
    error = result.error
    return OutputRow(
        file_index, position, result.id,
        error.code if error else None, error.message if error else None,
        record_line(result),
        article_to_json(article) if article is not None else None,
        origin if error else None, excerpt if error else None,
    )


def rejected_from_row(row: dict[str, Any]) -> Rejected:
    """The Rejected a ``rejected/`` row describes, as the store records it."""
    return Rejected(str(row["id"]), ErrorInfo(str(row["code"]), str(row["message"])),
                    row.get("origin"), row.get("excerpt") or "")
