"""Turning a posted ingest body into articles: an article JSON, a batch, JSON Lines, an HTML page, a feed
or plain text, told apart by the request's Content-Type."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

from newsevents.errors import InvalidRequest, UnsupportedMediaType
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.feeds import read_feed
from newsevents.ingest.html import read_html
from newsevents.ingest.sources import read_inputs
from newsevents.ingest.streams import Source
from newsevents.model import Article, Rejected

MAX_BATCH = 1_000
INPUT_FIELDS = ("id", "text", "title", "published", "url", "source")
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"})
JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines"})
ORIGIN = "api"


def _invalid(message: str) -> InvalidRequest:
    return InvalidRequest(message)


def _article(value: Any, where: str) -> Article:
    if not isinstance(value, dict):
        raise _invalid(f"{where}: an article is a JSON object with at least \"text\"")
    unknown = sorted(set(value) - set(INPUT_FIELDS))
    if unknown:
        raise _invalid(f"{where}: unknown field(s) {', '.join(unknown)}; use {', '.join(INPUT_FIELDS)}")
    for key in INPUT_FIELDS:
        if value.get(key) is not None and not isinstance(value[key], str):
            raise _invalid(f"{where}.{key}: must be a string")
    if not (value.get("text") or "").strip():
        raise _invalid(f"{where}.text: an article needs a non-empty text")
    found = dict(value)
    found["id"] = found.get("id") or f"api-{uuid.uuid4().hex[:12]}"
    return Article.from_input_dict(found)


def from_json(body: bytes) -> list[Article | Rejected]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _invalid(f"the body is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise _invalid("the body is nested too deeply to be read") from exc
    if isinstance(data, dict) and "articles" in data:
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    if not items:
        raise _invalid("the batch holds no articles")
    if len(items) > MAX_BATCH:
        raise _invalid(f"a batch holds at most {MAX_BATCH} articles, not {len(items)}")
    where = "articles[{}]" if isinstance(data, list) else "body"
    return [_article(item, where.format(i)) for i, item in enumerate(items)]


def parse_body(body: bytes, content_type: str, *, item_id: str | None, url: str | None,
               published: str | None, max_bytes: int) -> list[Article | Rejected]:
    """The articles (or coded rejections) a request body holds."""
    media = content_type.split(";")[0].strip().lower()
    name = item_id or f"api-{uuid.uuid4().hex[:12]}"
    if not body.strip():
        raise _invalid("the body is empty")
    if media == "application/json":
        return from_json(body)
    if media in JSONL_TYPES:
        items = list(read_inputs(["-"], stdin=io.BytesIO(body), published=published, max_bytes=max_bytes))
        return items[:MAX_BATCH]
    if media in ("text/html", "application/xhtml+xml"):
        return [read_html(body, item_id=name, origin=ORIGIN, url=url, published=published)]
    if media in FEED_TYPES:
        return list(read_feed(body, Source(name, ORIGIN, published, max_bytes)))[:MAX_BATCH]
    if media == "text/plain":
        decoded = decode_bytes(body)
        return [Article(id=name, text=decoded.text, url=url, published=published, origin=ORIGIN,
                        warnings=decoded.warnings)]
    raise UnsupportedMediaType(
        f"cannot ingest {media or 'a body without Content-Type'}: send application/json (an "
        "article or a batch), application/x-ndjson, text/html, an RSS/Atom feed or text/plain")
