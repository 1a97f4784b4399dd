"""What every stage may read: the article behind a Doc, and where the page's zones lie.

The runner sets ``doc._.ne_article`` before the stages run; each stage registers and writes only its own
``doc._.ne_<stage>`` attribute and reads the others'.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from newsevents.model import Article, Zone
from newsevents.model import zone_kind_at as zone_kind_in

if not Doc.has_extension("ne_article"):
    Doc.set_extension("ne_article", default=None)


def article_of(doc: Doc) -> Article | None:
    article: Article | None = doc._.ne_article
    return article


def published_date(doc: Doc) -> dt.date | None:
    """The article's publication day (``Article.published_day``, read once from ``published``), or None when
    it is unknown or unreadable."""
    article = article_of(doc)
    return article.published_day if article is not None else None


def zones_of(doc: Doc) -> tuple[Zone, ...]:
    if not Doc.has_extension("ne_zones"):
        return ()
    zones: tuple[Zone, ...] = doc._.ne_zones
    return zones


def zone_kind_at(doc: Doc, offset: int) -> str:
    """The kind of zone holding a character offset; "body" when the zones stage did not run."""
    return zone_kind_in(zones_of(doc), offset)


def is_reporting(doc: Doc, span: Span) -> bool:
    """True when a span lies in text that reports (body, caption or headline), not in page furniture."""
    return zone_kind_at(doc, span.start_char) != "furniture"
