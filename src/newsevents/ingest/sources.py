"""``read_inputs``: files, folders, globs and standard input to a stream of Articles and coded Rejecteds.

The format of each input comes from its name (``.txt``, ``.html``, ``.xml``/``.rss``/``.atom``, ``.warc``,
``.jsonl``, each optionally ``.gz``) checked against its first bytes, which alone decide for standard input
and for names that say nothing. Everything is read as a stream: one Article is yielded before the next
record of a WARC or line of a JSONL file is read.

A file found in a folder is named by its path below that folder ("a/index" for ``a/index.html``), so files
of one name in two folders never share an id; README files in a folder are documentation and are skipped.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import BinaryInput, InputError, MissingInput, UnknownFormat
from newsevents.ingest.decode import decode_bytes, looks_binary, utf16_without_bom
from newsevents.ingest.feeds import read_feed
from newsevents.ingest.html import read_html
from newsevents.ingest.jsonl import read_jsonl
from newsevents.ingest.streams import Opened, Source, open_stream, read_document, rejected
from newsevents.ingest.warc import read_warc
from newsevents.model import Article, Rejected

FORMAT_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}
# Formats recognised by their first bytes that newsevents does not read (E111 rather than garbage text).
UNSUPPORTED_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX, ODT or EPUB document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (old Word or Excel)"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript document"),
    (b"\x7fELF", "an executable"),
)
FIRST_TAG = re.compile(rb"<([a-zA-Z][\w:.-]*)")
FEED_TAGS = frozenset({b"rss", b"feed", b"rdf:rdf"})
HTML_TAGS = frozenset(
    b"html head body meta title link script style div p span a article section main table h1 h2 h3".split()
)
GLOB_CHARS = frozenset("*?[")
STDIN_NAME = "stdin"
README = re.compile(r"readme(\.[a-z0-9]{1,8})?", re.IGNORECASE)  # README, README.md, readme.txt
README_REASON = "a README file in a folder: documentation, not an article"

SkipHandler = Callable[[str, str], None]  # (path, why) of a file found but not read


@dataclass(frozen=True, slots=True)
class Found:
    """A file to read, and the id its article gets: its path below the folder walked, or its own stem."""

    path: Path
    stem: str
    skip: str | None = None  # why it is not read (a README), or None


def read_inputs(
    sources: Sequence[str],
    *,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = 20_000_000,
    on_skip: SkipHandler | None = None,
) -> Iterator[Article | Rejected]:
    """Every article in ``sources``, in order, each as an Article or as a Rejected with its coded reason.

    A source is a file, a folder (walked recursively in sorted order, hidden files skipped), a glob, or "-"
    for ``stdin`` (``sys.stdin.buffer`` when None). ``published`` ("YYYY-MM-DD") is the date of articles
    whose input states none. ``max_bytes`` bounds one document: a file, a WARC record or a JSONL line.
    README files inside a folder are not read: ``on_skip(path, why)`` hears of each. Nothing raises for
    bad input and nothing is dropped silently; a folder that cannot be read is an E112.
    """
    for name in sources:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_opened(open_stream(stream), None, Source(STDIN_NAME, "-", published, max_bytes))
            continue
        found = expand(str(name))
        if isinstance(found, Rejected):
            yield found
            continue
        for entry in found:
            if isinstance(entry, Rejected):
                yield entry
            elif entry.skip is not None:
                if on_skip is not None:
                    on_skip(str(entry.path), entry.skip)
            else:
                yield from _read_path(entry.path, entry.stem, published, max_bytes)


def expand(name: str) -> list[Found | Rejected] | Rejected:
    """The files a source names: itself, the files under a folder, or a glob's matches; E112 for none, and
    for each folder that cannot be read."""
    path = Path(name)
    if path.is_dir():
        return walk(path, name) or rejected(MissingInput, f"the folder {name!r} holds no files", name, name)
    if path.exists():
        return [Found(path, stem_and_format(path.name)[0])]
    if GLOB_CHARS.intersection(name):
        matches = [Path(m) for m in sorted(glob.glob(name, recursive=True))]
        files = [f for m in matches for f in (walk(m, str(m)) if m.is_dir() else [_found(m, m.name)])]
        if files:
            return files
        return rejected(MissingInput, f"no file matches {name!r}", name, name)
    return rejected(MissingInput, f"no such file or folder: {name!r}", name, name)


def walk(root: Path, name: str) -> list[Found | Rejected]:
    """The files under ``root`` (named ``name``), sorted, leaving out hidden files and folders (``.git``,
    ``.DS_Store``); each folder that cannot be read is an E112 in its place."""
    found: list[tuple[tuple[str, ...], Found | Rejected]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename or root)
        parts = where.relative_to(root).parts if where != root else ()
        shown = "/".join(parts) or name
        message = f"cannot read the folder {str(where)!r}: {exc.strerror or exc}"
        found.append((parts, rejected(MissingInput, message, shown, str(where))))

    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        for file_name in files:
            path = Path(folder, file_name)
            if file_name.startswith(".") or not path.is_file():
                continue
            parts = path.relative_to(root).parts
            found.append((parts, _found(path, "/".join(parts))))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _found(path: Path, relative: str) -> Found:
    """A file found in a folder or by a glob: its id is ``relative`` without the format suffix."""
    stem, _ = stem_and_format(path.name)
    folder = relative[: -len(path.name)]
    skip = README_REASON if README.fullmatch(path.name) else None
    return Found(path, folder + stem, skip)


def stem_and_format(file_name: str) -> tuple[str, str | None]:
    """The id an input's article gets and the format its name says: ("report", "html") for report.html.gz."""
    stem = file_name.removesuffix(".gz").removesuffix(".GZ")
    suffix = Path(stem).suffix.lower()
    fmt = FORMAT_BY_SUFFIX.get(suffix)
    return (stem[: -len(suffix)] if fmt and suffix else stem) or file_name, fmt


def _read_path(path: Path, stem: str, published: str | None, max_bytes: int) -> Iterator[Article | Rejected]:
    _, fmt = stem_and_format(path.name)
    source = Source(stem, str(path), published, max_bytes)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield rejected(MissingInput, f"cannot open {str(path)!r}: {exc.strerror or exc}", stem, str(path))
        return
    with raw:
        yield from read_opened(open_stream(raw), fmt, source)


def read_opened(opened: Opened, named: str | None, source: Source) -> Iterator[Article | Rejected]:
    """Read one opened input (a file, stdin, or bytes the Spark runner holds) in the format its name or
    first bytes say; every failure is that input's Rejected, never the caller's exception."""
    try:
        choice = choose_format(named, opened.sniff())
        if isinstance(choice, Rejected):
            yield Rejected(source.stem, choice.error, source.origin, choice.excerpt)
        elif choice == "warc":
            yield from read_warc(opened, source)
        elif choice == "jsonl":
            yield from read_jsonl(opened, source)
        else:
            yield from _read_document(opened, choice, source)
    except Exception as exc:  # a parser bug on one input is that input's error, not the batch's
        message = f"the input could not be read: {type(exc).__name__}: {exc}"
        yield rejected(InputError, message, source.stem, source.origin)


def _read_document(opened: Opened, fmt: str, source: Source) -> Iterator[Article | Rejected]:
    data = read_document(opened, source)
    if isinstance(data, Rejected):
        yield data
    elif looks_binary(data[:8192]):
        message = "the input looks like binary data, not text"
        yield rejected(BinaryInput, message, source.stem, source.origin, data)
    elif fmt == "html":
        yield read_html(data, item_id=source.stem, origin=source.origin, published=source.published)
    elif fmt == "feed":
        yield from read_feed(data, source)
    else:
        decoded = decode_bytes(data)
        yield Article(
            id=source.stem, text=decoded.text, published=source.published, origin=source.origin,
            warnings=decoded.warnings,
        )


def choose_format(named: str | None, head: bytes) -> str | Rejected:
    """The reader for an input whose name says ``named`` (None: nothing) and whose first bytes are ``head``.

    The bytes overrule the name where they are certain: a WARC is a WARC and a PDF is a PDF whatever they
    are called, and .xml/.html tell feeds and pages apart by their first tag.
    """
    if not head.strip():
        return named if named in ("text", "html", "feed") else "text"  # the reader reports it as E101
    for magic, kind in UNSUPPORTED_MAGIC:
        if head.startswith(magic):
            return rejected(UnknownFormat, f"the input is {kind}, which newsevents cannot read", "", "", head)
    wide = utf16_without_bom(head)
    sniffed = sniff(head[: len(head) // 2 * 2].decode(wide, "replace").encode("utf-8") if wide else head)
    if sniffed == "warc":
        return "warc"
    if sniffed == "json-array" and named in (None, "jsonl") and is_json_array(head):
        message = "the input is a JSON array: write one JSON object per line (JSONL) instead"
        return rejected(UnknownFormat, message, "", "", head)
    if named in ("html", "feed") and sniffed in ("html", "feed"):
        return sniffed
    if named is not None:
        return named
    if sniffed == "xml":
        return rejected(UnknownFormat, "the input is XML but neither an RSS/Atom feed nor HTML", "", "", head)
    return sniffed


def is_json_array(head: bytes) -> bool:
    """Whether input starting "[" is a JSON array, not JSON Lines whose first line is broken: pretty-printed
    (a first line of just "["), or one line that is all of the input and reads as a list."""
    first, _, rest = head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
    if first.strip() == b"[":
        return True
    if rest.strip():
        return False
    try:
        return isinstance(json.loads(first), list)
    except (ValueError, RecursionError):
        return False


def sniff(head: bytes) -> str:
    """What the first bytes look like: warc, feed, html, xml, jsonl, json-array, binary or text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json-array"
    if start.startswith(b"<"):
        if start[:15].lower().startswith(b"<!doctype html"):
            return "html"
        match = FIRST_TAG.search(start)
        tag = match.group(1).lower() if match else b""
        if tag in FEED_TAGS:
            return "feed"
        return "html" if tag in HTML_TAGS else "xml"
    return "binary" if looks_binary(head) else "text"
