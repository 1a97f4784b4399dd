"""One HTML page to one Article: trafilatura's main text, which every offset then refers to, and metadata.

A fragment of HTML (no ``<html>`` tag: "<p>text") is read as the body of a page, since trafilatura takes
such input for something other than HTML. A page whose text is nothing but page furniture (a cookie or
consent notice, a sign-in or subscription wall) is E113, never stored as an article.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

import trafilatura

from newsevents.errors import BoilerplateOnly, EmptyInput, MalformedHTML
from newsevents.ingest.dates import day_in_own_zone
from newsevents.ingest.decode import declared_charset, decode_bytes
from newsevents.ingest.streams import rejected
from newsevents.model import Article, Rejected

# <meta> names and properties that hold a page's own publication date, most explicit first.
DATE_META_NAMES = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date", "date",
)
META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
JSON_LD_DATE = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""")
HEAD_CHARS = 200_000  # date metadata sits near the top; a huge page is not scanned to its end
MIN_WORDS = 5  # fewer words than a headline: navigation or an error page, not an article
HTML_MARK_CHARS = 50  # trafilatura takes input without "html" in its first 50 characters for a non-page
# What the sentences of a page that is nothing but furniture speak of: consent, sign-in walls, scripts.
FURNITURE = re.compile(
    r"\b(?:cookies?|consent|privacy (?:policy|notice|settings)|terms (?:of|and) (?:use|service|conditions)"
    r"|(?:manage|update|change) (?:your )?(?:preferences|settings)|accept all|reject all|personali[sz]ed ads"
    r"|subscribe|subscription|subscribers?|sign (?:in|up)|log ?in|newsletter|enable javascript"
    r"|javascript is (?:disabled|required)|ad ?blocker|your browser|all rights reserved)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"\w+")  # "Home | World": two words, not three
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
FURNITURE_MAX_WORDS = 3  # "Accept all", "Learn more": a button's words, not a sentence of news


def read_html(
    data: bytes,
    *,
    item_id: str,
    origin: str,
    url: str | None = None,
    charset: str | None = None,
    fallback_date: str | None = None,
    published: str | None = None,
) -> Article | Rejected:
    """An Article from the page in ``data``, or E101/E106 when it holds no text.

    ``charset`` is what an HTTP header declared; ``fallback_date`` a raw date string to use when the page
    states none (a WARC-Date); ``published`` the caller's date, used when neither gives one.
    """
    decoded = decode_bytes(data, declared_charset(data, charset))
    if not decoded.text.strip():
        return rejected(EmptyInput, "the page is empty", item_id, origin, data)
    document = _extract(decoded.text, url)
    if _words(document) < MIN_WORDS and "html" not in decoded.text[:HTML_MARK_CHARS].lower():
        document = _extract(f"<html><body>{decoded.text}</body></html>", url) or document
    words = _words(document)
    if words < MIN_WORDS:
        message = f"no article text could be extracted from the page ({words} words)"
        return rejected(MalformedHTML, message, item_id, origin, data)
    if is_furniture(document.text):
        message = "the page holds only a cookie, consent or subscription notice, no article text"
        return rejected(BoilerplateOnly, message, item_id, origin, data)
    raw_date = find_raw_date(decoded.text) or document.date or fallback_date
    page_url = url or document.url
    return Article(
        id=item_id,
        text=document.text,
        title=document.title or None,
        published=day_in_own_zone(raw_date) or document.date or published,
        url=page_url,
        source=document.sitename or _host(page_url),
        published_raw=raw_date,
        origin=origin,
        warnings=decoded.warnings,
    )


def _words(document: Any) -> int:
    return len(WORD.findall(document.text or "")) if document is not None else 0


def is_furniture(text: str) -> bool:
    """Whether every sentence of ``text`` is page furniture (and one at least speaks of cookies, consent,
    subscriptions, signing in or the browser): what a page shows before, or instead of, its article."""
    seen = False
    for match in SENTENCE.finditer(text):  # stops at the first sentence of news: a long page costs little
        sentence = match.group().strip()
        if FURNITURE.search(sentence):
            seen = True
        elif len(sentence.split()) > FURNITURE_MAX_WORDS:
            return False
    return seen


def _extract(html: str, url: str | None) -> Any:
    try:
        return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception:  # any parser failure on a page is that page's E106, never the batch's
        return None


def find_raw_date(html: str) -> str | None:
    """The publication date string the page itself states, exactly as written, or None."""
    head = html[:HEAD_CHARS]
    metas: dict[str, str] = {}
    for tag in META_TAG.findall(head):
        attrs = {m.group(1).lower(): _value(m) for m in ATTRIBUTE.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and attrs.get("content") and key not in metas:
            metas[key] = attrs["content"].strip()
    for name in DATE_META_NAMES:
        if metas.get(name):
            return metas[name]
    # Not <time> elements: a sidebar's dates would pass for the article's. htmldate weighs those.
    if match := JSON_LD_DATE.search(head):
        return match.group(1).strip()
    return None


def _value(attribute: re.Match[str]) -> str:
    """An attribute's value, whichever of the three quoting styles it was written in."""
    return next(g for g in attribute.groups()[1:] if g is not None)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
