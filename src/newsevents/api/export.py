"""Exports of a filtered set of events: ACLED CSV, JSON Lines (one event a line), Parquet and PLOVER JSON
Lines, of merged (real-world) events by default or of event reports.

Reports a reviewer rejected are left out (a merged event, when all its reports were); corrected reports are
written as corrected. The ACLED formats (CSV, Parquet) hold only ACLED's own sub-event types unless
``extra_types`` is set, and only events that happened (asserted or claimed) unless ``all_modalities`` is set
or the filter names modalities. Everything is written to a temporary file first, so a failure is an error
answer rather than a response cut off halfway; what produced the export (version, filters, time, count) goes
in the ``X-Newsevents-Export`` header as JSON (``provenance_header``).
"""

from __future__ import annotations

import io
import tempfile
from typing import IO, TYPE_CHECKING, Literal

from newsevents.store.export import (
    Level,
    Provenance,
    acled_types_only,
    file_name,
    happened_only,
    iter_items,
    provenance,
    write_acled_csv,
    write_event_jsonl,
    write_parquet,
)
from newsevents.store.plover import write_plover
from newsevents.store.records import EventFilter

if TYPE_CHECKING:
    from newsevents.store.db import Store

ExportFormat = Literal["acled-csv", "jsonl", "parquet", "plover"]
MEDIA_TYPES: dict[str, str] = {
    "acled-csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "plover": "application/x-ndjson",
}
SUFFIXES = {"acled-csv": "csv", "jsonl": "jsonl", "parquet": "parquet", "plover": "plover.jsonl"}
SPOOL_BYTES = 8 << 20  # kept in memory up to this size, then on disk
PROVENANCE_HEADER = "X-Newsevents-Export"
EXTRA_TYPES_HELP = "ACLED CSV and Parquet: also the sub-event types ACLED does not have"
ALL_MODALITIES_HELP = ("ACLED CSV and Parquet: also events reported as denied, hypothetical or planned (left "
                       "out by default, as ACLED codes only events that happened; a modality filter keeps "
                       "what it names)")


def export(store: Store, level: Level, f: EventFilter, fmt: ExportFormat, *,
           extra_types: bool = False, all_modalities: bool = False) -> tuple[IO[bytes], Provenance]:
    """The export, rewound to its start, and what produced it (with how many events it holds)."""
    items = iter_items(store, level, f)
    acled = acled_types_only(happened_only(items, all_modalities or bool(f.modalities)), extra_types)
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the response
    if fmt == "parquet":
        n = write_parquet(acled, out)
    else:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        if fmt == "acled-csv":
            n = write_acled_csv(acled, text)
        elif fmt == "plover":
            n = write_plover(items, text)
        else:
            n = write_event_jsonl(items, text)
        text.flush()
        text.detach()
    out.seek(0)
    return out, provenance(fmt, level, f, n, extra_types=extra_types, all_modalities=all_modalities)


def headers(fmt: ExportFormat, f: EventFilter, found: Provenance) -> dict[str, str]:
    """The response headers of an export: its file name, count and provenance."""
    return {"Content-Disposition": f'attachment; filename="{file_name(fmt, SUFFIXES[fmt], f)}"',
            "X-Event-Count": str(found.events), PROVENANCE_HEADER: found.to_json()}
