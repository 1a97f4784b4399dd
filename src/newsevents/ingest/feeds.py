"""RSS and Atom feeds: one Article per entry, its text the entry's content or summary stripped of HTML."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from newsevents.errors import EmptyInput, MalformedFeed
from newsevents.ingest.dates import day_in_own_zone
from newsevents.ingest.decode import declared_charset, decode_bytes
from newsevents.ingest.streams import Source, rejected
from newsevents.model import Article, ErrorInfo, Rejected

XML_DECLARATION_ENCODING = re.compile(r"""^(\ufeff?\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "tr", "table", "pre", "section", "article", "figure",
})
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
TAG = re.compile(r"<[^>]*>")


def read_feed(data: bytes, source: Source) -> Iterator[Article | Rejected]:
    """Every entry of the feed in ``data``, in feed order."""
    decoded = decode_bytes(data, declared_charset(data))
    # feedparser re-reads the XML declaration: make it match the text we hand over, now UTF-8.
    utf8 = XML_DECLARATION_ENCODING.sub(r'\1"utf-8"', decoded.text, count=1).encode("utf-8")
    feed = feedparser.parse(utf8, response_headers={"content-type": "application/xml; charset=utf-8"})
    if not feed.entries:
        if feed.bozo or not feed.version:
            reason = feed.get("bozo_exception") or "not an RSS or Atom document"
            message = f"the feed cannot be read: {reason}"
            yield rejected(MalformedFeed, message, source.stem, source.origin, data)
        else:
            yield rejected(EmptyInput, "the feed has no entries", source.stem, source.origin, data)
        return
    site = _plain(feed.feed.get("title", "")) or None
    damage = str(feed.get("bozo_exception") or "malformed XML") if feed.bozo else None
    for index, entry in enumerate(feed.entries, start=1):
        item = _entry_article(entry, index, site, source, decoded.warnings)
        if damage and isinstance(item, Rejected):  # an empty entry in a broken feed: the breakage is why
            error = ErrorInfo(MalformedFeed.code, f"{item.error.message}: {damage}")
            item = dataclasses.replace(item, error=error)
        yield item


def _entry_article(
    entry: Any, index: int, site: str | None, source: Source, warnings: tuple[ErrorInfo, ...]
) -> Article | Rejected:
    origin = f"{source.origin}#{index}"
    text = entry_text(entry)
    if not text.strip():
        return rejected(EmptyInput, f"feed entry {index} has no text", source.part(index), origin)
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    return Article(
        id=str(entry.get("id") or entry.get("link") or source.part(index)),
        text=text,
        title=_plain(entry.get("title", "")) or None,
        published=day_in_own_zone(raw_date) or source.published,
        url=entry.get("link") or None,
        source=site,
        published_raw=raw_date or None,
        origin=origin,
        warnings=warnings,
    )


def entry_text(entry: Any) -> str:
    """The fullest text an entry carries: its longest content, else its summary, as plain text."""
    candidates = [(c.get("value", ""), c.get("type", "")) for c in entry.get("content", [])]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type", "text/html")))
    texts = [value if kind == "text/plain" else html_to_text(value) for value, kind in candidates]
    return max(texts, key=len, default="")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph or line break."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _plain(TAG.sub(" ", fragment))
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _plain(value: str) -> str:
    return SPACES.sub(" ", html.unescape(TAG.sub("", value))).strip()
