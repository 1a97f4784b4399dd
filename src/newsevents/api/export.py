"""Exports of a filtered set of reviewed events: ACLED CSV, JSON Lines (one event a line) and Parquet.

Events a reviewer rejected are left out; corrected events are written as corrected. Everything is written
to a temporary file first, so a failure is an error answer rather than a response cut off halfway.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable
from typing import IO, Any, Literal

from newsevents.store.export import ACLED_COLUMNS, acled_row, write_acled_csv
from newsevents.store.review import ReviewedEvent

ExportFormat = Literal["acled-csv", "jsonl", "parquet"]
MEDIA_TYPES: dict[str, str] = {
    "acled-csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
SUFFIXES = {"acled-csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}
SPOOL_BYTES = 8 << 20  # kept in memory up to this size, then on disk

INT_COLUMNS = frozenset({"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})


def kept(events: Iterable[ReviewedEvent]) -> list[ReviewedEvent]:
    return [e for e in events if e.status != "rejected"]


def jsonl_line(reviewed: ReviewedEvent) -> str:
    stored = reviewed.stored
    record = {
        "event_id": stored.id, "article_id": stored.article_id, "article_title": stored.article_title,
        "article_url": stored.article_url, "article_published": stored.article_published,
        "review_status": reviewed.status, **stored.event.to_dict(),
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def _parquet_value(column: str, value: Any) -> Any:
    if value == "" or value is None:
        return None
    if column in INT_COLUMNS:
        return int(value)
    if column in FLOAT_COLUMNS:
        return float(value)
    return str(value)


def write_parquet(events: list[ReviewedEvent], out: IO[bytes]) -> None:
    import pyarrow as pa  # an optional dependency (the "serve" extra): imported when asked for
    import pyarrow.parquet as pq

    fields = [
        pa.field(c, pa.int64() if c in INT_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string())
        for c in ACLED_COLUMNS
    ]
    fields.append(pa.field("review_status", pa.string()))
    rows = [acled_row(e.stored) for e in events]
    columns: dict[str, list[Any]] = {c: [_parquet_value(c, r[c]) for r in rows] for c in ACLED_COLUMNS}
    columns["review_status"] = [e.status for e in events]
    pq.write_table(pa.Table.from_pydict(columns, schema=pa.schema(fields)), out)


def export(events: Iterable[ReviewedEvent], fmt: ExportFormat) -> tuple[IO[bytes], int]:
    """The export, rewound to its start, and how many events it holds."""
    chosen = kept(events)
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the response
    if fmt == "parquet":
        write_parquet(chosen, out)
    else:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        if fmt == "acled-csv":
            write_acled_csv((e.stored for e in chosen), text)
        else:
            for reviewed in chosen:
                text.write(jsonl_line(reviewed))
        text.flush()
        text.detach()
    out.seek(0)
    return out, len(chosen)
