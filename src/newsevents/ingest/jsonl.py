"""JSON Lines in the contract's input form, ``{id, text, title?, published?, url?, source?}``, one a line.

A bad line is an E110 Rejected named ``<file>:<line>`` and the file goes on; a line over ``max_bytes`` is
skipped a block at a time (E105) so it is never held whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsevents.errors import MalformedJSONL, OversizeInput, TruncatedInput
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.streams import Opened, Source, rejected
from newsevents.model import Article, Rejected

OPTIONAL_FIELDS = ("title", "published", "url", "source")
SKIP_SIZE = 1 << 16


def read_jsonl(opened: Opened, source: Source) -> Iterator[Article | Rejected]:
    """One Article or Rejected per non-blank line, in file order."""
    stream = opened.stream
    number = 0
    while line := stream.readline(source.max_bytes + 1):
        number += 1
        complete = line.endswith(b"\n")
        if not complete and opened.guard.failure is not None:
            break  # the last, cut-off line belongs to the truncation reported below
        if len(line) > source.max_bytes and not complete:
            _skip_line(opened)
            message = f"line {number} is longer than the limit of {source.max_bytes:,} bytes"
            origin = f"{source.origin}:{number}"
            yield rejected(OversizeInput, message, source.part(number, ":"), origin, line)
            continue
        if line.strip():
            yield parse_line(line, number, source)
    if opened.guard.failure is not None:
        lost = number if line else number + 1  # ``line`` is the cut-off line, or b"" at a clean end of data
        message = f"{opened.guard.failure}; lines from {lost} on are lost"
        yield rejected(TruncatedInput, message, source.part(lost, ":"), f"{source.origin}:{lost}")


def _skip_line(opened: Opened) -> None:
    while (rest := opened.stream.readline(SKIP_SIZE)) and not rest.endswith(b"\n"):
        pass


def parse_line(line: bytes, number: int, source: Source) -> Article | Rejected:
    """The Article one JSONL line describes, or an E110 Rejected saying what is wrong with it."""
    part_id, origin = source.part(number, ":"), f"{source.origin}:{number}"
    decoded = decode_bytes(line)
    try:
        value = json.loads(decoded.text)
    except ValueError as exc:
        return rejected(MalformedJSONL, f"line {number} is not valid JSON: {exc}", part_id, origin, line)
    except RecursionError:  # "[[[[..." 100,000 deep: that line's error, never the end of the file
        message = f"line {number} is nested too deeply to be an article"
        return rejected(MalformedJSONL, message, part_id, origin, line)
    problem = _problem(value)
    if problem:
        return rejected(MalformedJSONL, f"line {number} {problem}", part_id, origin, line)
    return Article(
        id=str(value["id"]),
        text=value["text"],
        title=value.get("title"),
        published=value.get("published") or source.published,
        url=value.get("url"),
        source=value.get("source"),
        origin=origin,
        warnings=decoded.warnings,
    )


def _problem(value: Any) -> str | None:
    """What keeps a decoded line from being an article, or None."""
    if not isinstance(value, dict):
        return f"is a JSON {type(value).__name__}, not an object"
    article_id = value.get("id")
    if isinstance(article_id, bool) or not isinstance(article_id, str | int) or str(article_id) == "":
        return 'has no "id" (a non-empty string)'
    if not isinstance(value.get("text"), str):
        return 'has no "text" string'
    for name in OPTIONAL_FIELDS:
        if value.get(name) is not None and not isinstance(value[name], str):
            return f'has a "{name}" that is not a string'
    return None
