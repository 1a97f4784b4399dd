"""Opened inputs: a byte stream that notes truncation instead of raising, and what every reader needs."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from newsevents.errors import EmptyInput, InputError, OversizeInput, TruncatedInput
from newsevents.ingest.decode import excerpt
from newsevents.model import ErrorInfo, Rejected

GZIP_MAGIC = b"\x1f\x8b"
BUFFER_SIZE = 1 << 16
SNIFF_SIZE = 4096


class Guarded(io.RawIOBase):
    """A raw stream over ``inner`` that ends, rather than raises, where the data is cut off or corrupt.

    Readers (and warcio, which would otherwise take a truncated gzip for a clean end) then see an ordinary
    end of stream; ``failure`` says why it ended early, so the rest can be reported as E109.
    """

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self.inner = inner
        self.failure: str | None = None
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.failure is not None:
            return 0
        # read1 makes at most one read below: a plain read would loop, and throw away what it had
        # decompressed when the gzip data ends early.
        read = getattr(self.inner, "read1", self.inner.read)
        try:
            data = read(len(buffer))
        except EOFError as exc:  # gzip: "Compressed file ended before the end-of-stream marker"
            self.failure = f"the data ends early: {exc}"
            return 0
        except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError; so is a failing disk
            self.failure = f"the data is corrupt: {exc}"
            return 0
        size = len(data)
        buffer[:size] = data
        self.consumed += size
        return size


@dataclass(frozen=True, slots=True)
class Opened:
    """A buffered, decompressed view of one input, with the guard that notes where it broke off."""

    stream: io.BufferedReader[Guarded]
    guard: Guarded
    compressed: bool

    def sniff(self) -> bytes:
        return self.stream.peek(SNIFF_SIZE)[:SNIFF_SIZE]


def open_stream(raw: BinaryIO) -> Opened:
    """Buffer ``raw``, and see through gzip when its first bytes say it is gzipped."""
    outer_guard = Guarded(raw)
    outer = io.BufferedReader(outer_guard, BUFFER_SIZE)
    if not outer.peek(2).startswith(GZIP_MAGIC):
        return Opened(outer, outer_guard, compressed=False)
    guard = Guarded(gzip.GzipFile(fileobj=outer, mode="rb"))  # type: ignore[arg-type]
    return Opened(io.BufferedReader(guard, BUFFER_SIZE), guard, compressed=True)


@dataclass(frozen=True, slots=True)
class Source:
    """What every reader needs to know about the input it reads."""

    stem: str  # the id of the one article a single-document input gives, and the base of its parts' ids
    origin: str  # the path as given, or "-" for standard input
    published: str | None  # the caller's fallback publication date
    max_bytes: int

    def part(self, index: int, sep: str = "#") -> str:
        """The id of the ``index``-th record or entry (1-based), or line with ``sep`` ":"."""
        return f"{self.stem}{sep}{index}"


def rejected(error: type[InputError], message: str, item_id: str, origin: str, data: bytes = b"") -> Rejected:
    return Rejected(item_id, ErrorInfo(error.code, message), origin, excerpt(data))


def read_document(opened: Opened, source: Source) -> bytes | Rejected:
    """The whole of a single-document input, or why it cannot be had: too big, cut off, or empty."""
    data = opened.stream.read(source.max_bytes + 1)
    if len(data) > source.max_bytes:
        message = f"the input is larger than the limit of {source.max_bytes:,} bytes"
        return rejected(OversizeInput, message, source.stem, source.origin, data)
    if opened.guard.failure is not None:
        message = f"{opened.guard.failure}; {len(data):,} bytes were read before that"
        return rejected(TruncatedInput, message, source.stem, source.origin, data)
    if not data.strip():
        return rejected(EmptyInput, "the input is empty", source.stem, source.origin, data)
    return data
