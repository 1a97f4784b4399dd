"""WARC archives (Common Crawl News style): each HTML response record becomes one Article, streamed.

A WARC of many gigabytes is read one record at a time: each record's payload (up to ``max_bytes``) is read,
the rest of the record skipped, and the Article yielded before the next record is touched. Gzip is undone
by our own guarded reader rather than warcio's, because warcio takes a truncated gzip for a clean end.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsevents.errors import MalformedHTML, MalformedWARC, OversizeInput, TruncatedInput, UnknownFormat
from newsevents.ingest.dates import day_in_own_zone
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.html import read_html
from newsevents.ingest.streams import Opened, Source, rejected
from newsevents.model import Article, Rejected

ARTICLE_RECORDS = frozenset({"response", "resource", "conversion"})  # request, metadata, warcinfo: not pages
HTML_TYPES = ("text/html", "application/xhtml")
DRAIN_SIZE = 1 << 16


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    # warcio writes a warning to stderr when a record is not followed by a blank line, and skips the line;
    # a library must not print, so the text is empty and each new skip (err_count) is an E108 instead.
    INC_RECORD = ""


def read_warc(opened: Opened, source: Source) -> Iterator[Article | Rejected]:
    """Every page record of the archive in ``opened``, in archive order, then any damage found."""
    head = opened.sniff()
    if not head.lstrip(b"\r\n").startswith(b"WARC/"):
        message = "the input does not start with a WARC record"
        yield rejected(MalformedWARC, message, source.stem, source.origin, head)
        return
    records = _QuietArchiveIterator(opened.stream)
    index = skipped = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio fails on damaged records with whatever error the bytes cause
            yield _damaged(index + 1, source, f"record {index + 1} cannot be parsed: {_describe(exc)}")
            return
        if records.err_count > skipped:  # warcio skipped a stray line to reach this record
            skipped = records.err_count
            message = f"the bytes after record {index} do not start a record (a wrong Content-Length?)"
            yield _damaged(index, source, message + "; they were skipped")
        index += 1
        item = _record_item(record, index, source)
        if item is not None:
            yield item
        if _is_truncated(item):
            return  # the data ended inside this record: nothing follows
    if opened.guard.failure is not None:  # the data ended between records, or inside a record's headers
        message = f"{opened.guard.failure}; records after {index} are lost"
        yield rejected(TruncatedInput, message, source.part(index + 1), f"{source.origin}#{index + 1}")


def _is_truncated(item: Article | Rejected | None) -> bool:
    return isinstance(item, Rejected) and item.error.code == TruncatedInput.code


def _damaged(index: int, source: Source, message: str) -> Rejected:
    return rejected(MalformedWARC, message, source.part(index), f"{source.origin}#{index}")


def _record_item(record: Any, index: int, source: Source) -> Article | Rejected | None:
    """The record's Article or Rejected; None for records that hold no page (requests, metadata)."""
    if record.rec_type not in ARTICLE_RECORDS:
        return None
    part_id, origin = source.part(index), f"{source.origin}#{index}"
    try:
        payload = record.content_stream().read(source.max_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error) as exc:  # a damaged chunked or gzip HTTP body
        return rejected(MalformedWARC, f"record {index} has an unreadable payload: {exc}", part_id, origin)
    _drain(record)
    # The data ran out before the record's Content-Length did. (The guard's failure is no sign: the
    # stream reads ahead, so it notes the end of the data while whole records still wait in its buffer.)
    if record.raw_stream.limit > 0:
        message = f"the archive is cut off inside record {index}"
        return rejected(TruncatedInput, message, part_id, origin, payload)
    if len(payload) > source.max_bytes:
        message = f"record {index} is larger than the limit of {source.max_bytes:,} bytes"
        return rejected(OversizeInput, message, part_id, origin, payload)
    item = _page(record, payload, index, source, origin)
    return dataclasses.replace(item, id=part_id) if isinstance(item, Rejected) else item


def _page(record: Any, payload: bytes, index: int, source: Source, origin: str) -> Article | Rejected:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    item_id = (headers.get_header("WARC-Record-ID") or "").strip("<>") or url or source.part(index)
    warc_date = headers.get_header("WARC-Date")
    http = record.http_headers if record.rec_type == "response" else None
    content_type = (http or headers).get_header("Content-Type") or ""
    status = http.get_statuscode() if http is not None else "200"
    if not str(status).startswith("2"):
        message = f"record {index}: the server answered {status}, not a page"
        return rejected(MalformedHTML, message, item_id, origin)
    if content_type.lower().startswith("text/plain"):
        decoded = decode_bytes(payload, None)
        published = day_in_own_zone(warc_date) or source.published
        return Article(item_id, decoded.text, None, published, url, None, warc_date, origin, decoded.warnings)
    if not (content_type.lower().startswith(HTML_TYPES) or _looks_html(payload)):
        kind = content_type.split(";")[0].strip() or "an unknown type"
        message = f"record {index} holds {kind}, not an HTML page"
        return rejected(UnknownFormat, message, item_id, origin, payload)
    return read_html(
        payload, item_id=item_id, origin=origin, url=url, charset=content_type or None,
        fallback_date=warc_date, published=source.published,
    )


def _drain(record: Any) -> None:
    """Skip what is left of the record, a block at a time: a huge record is never held in memory."""
    while record.raw_stream.read(DRAIN_SIZE):
        pass


def _looks_html(payload: bytes) -> bool:
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _describe(exc: Exception, size: int = 120) -> str:
    text = (str(exc) if isinstance(exc, ArchiveLoadFailed) else f"{type(exc).__name__}: {exc}").strip()
    return text if len(text) <= size else text[:size] + "..."
