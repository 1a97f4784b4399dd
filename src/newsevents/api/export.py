"""Exports of a filtered set of events: ACLED CSV, JSON Lines (one event a line) and Parquet, of merged
(real-world) events by default or of event reports.

Reports a reviewer rejected are left out (a merged event, when all its reports were); corrected reports are
written as corrected. Everything is written
to a temporary file first, so a failure is an error answer rather than a response cut off halfway.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable
from typing import IO, Any, Literal

from newsevents.store.export import (
    ACLED_COLUMNS,
    acled_merged_row,
    acled_row,
    write_acled_csv,
    write_acled_csv_merged,
)
from newsevents.store.merged_read import MergedRecord
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
    write_parquet_rows([acled_row(e.stored) for e in events], out,
                       {"review_status": [e.status for e in events]})


def merged_jsonl_line(record: MergedRecord) -> str:
    event = record.event
    line = {"event_id": event.id, **event.to_dict(), "outlets": list(record.outlets),
            "headline": record.headline}
    return json.dumps(line, ensure_ascii=False) + "\n"


def write_parquet_rows(rows: list[dict[str, Any]], out: IO[bytes], extra: dict[str, list[Any]]) -> None:
    import pyarrow as pa  # an optional dependency (the "serve" extra): imported when asked for
    import pyarrow.parquet as pq

    fields = [
        pa.field(c, pa.int64() if c in INT_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string())
        for c in ACLED_COLUMNS
    ]
    fields += [pa.field(name, pa.string()) for name in extra]
    columns: dict[str, list[Any]] = {c: [_parquet_value(c, r[c]) for r in rows] for c in ACLED_COLUMNS}
    columns.update(extra)
    pq.write_table(pa.Table.from_pydict(columns, schema=pa.schema(fields)), out)


def export_merged(records: Iterable[MergedRecord], fmt: ExportFormat) -> tuple[IO[bytes], int]:
    """The export of merged events (rejected ones left out), rewound to its start, and how many it holds."""
    chosen = [r for r in records if not r.rejected]
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the response
    if fmt == "parquet":
        write_parquet_rows([acled_merged_row(r) for r in chosen], out, {})
    else:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        if fmt == "acled-csv":
            write_acled_csv_merged(chosen, text)
        else:
            text.writelines(merged_jsonl_line(r) for r in chosen)
        text.flush()
        text.detach()
    out.seek(0)
    return out, len(chosen)


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
