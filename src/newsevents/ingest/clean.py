"""Characters no store keeps, removed from every field of an input before it is stored.

PostgreSQL refuses NUL in text, and neither backend can encode a lone UTF-16 surrogate (JSON's "\\ud800").
So NUL and the other C0 controls but tab, newline and carriage return are removed (in the text, each
becomes a space, so offsets into the text as given still hold), and lone surrogates become U+FFFD, field
by field; the article says so in a W123 warning. An article's text that looks binary
(controls in more than 5% of its first characters) is left alone, for validation to reject as E102.
"""

from __future__ import annotations

import dataclasses
import re

from newsevents.errors import WARN_CONTROL_CHARS
from newsevents.model import Article, ErrorInfo, Rejected

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]+")
SURROGATES = re.compile("[\ud800-\udfff]")
BINARY_SAMPLE = 4000
BINARY_SHARE = 0.05  # the share validate.check_binary calls binary
ARTICLE_FIELDS = ("id", "title", "published", "url", "source", "published_raw", "origin")


def clean(value: str) -> str:
    """``value`` without C0 controls (but tab, newline, carriage return), lone surrogates as U+FFFD."""
    return SURROGATES.sub("\ufffd", CONTROLS.sub("", value))


def clean_text(text: str) -> str:
    """An article's text with each control a space and each lone surrogate U+FFFD: one character for one,
    so every offset still points where it points in the text the user gave."""
    return SURROGATES.sub("\ufffd", CONTROLS.sub(lambda m: " " * len(m.group()), text))


def _clean_or_none(value: str | None) -> str | None:
    return None if value is None else clean(value)


def looks_binary(text: str) -> bool:
    head = text[:BINARY_SAMPLE]
    controls = sum(len(run) for run in CONTROLS.findall(head))
    return controls > BINARY_SHARE * max(len(head), 1)


def clean_article(article: Article) -> Article:
    """``article`` with every field cleaned, and a W123 warning naming the fields that changed."""
    changes: dict[str, str | None] = {
        name: _clean_or_none(getattr(article, name)) for name in ARTICLE_FIELDS
    }
    if not looks_binary(article.text):
        changes["text"] = clean_text(article.text)
    changed = [name for name, value in changes.items() if value != getattr(article, name)]
    if not changed:
        return article
    if not changes["id"]:
        changes["id"] = clean(repr(article.id))  # an id of nothing but controls still names the article
    message = f"control characters or lone surrogates were removed from {', '.join(changed)}"
    warnings = (*article.warnings, ErrorInfo(WARN_CONTROL_CHARS, message))
    return dataclasses.replace(article, **changes, warnings=warnings)  # type: ignore[arg-type]


def clean_rejected(rejected: Rejected) -> Rejected:
    """``rejected`` with its id, origin, message and excerpt cleaned: a rejection is always recorded."""
    error = ErrorInfo(clean(rejected.error.code), clean(rejected.error.message))
    return Rejected(clean(rejected.id) or clean(repr(rejected.id)), error, _clean_or_none(rejected.origin),
                    clean(rejected.excerpt))


def clean_item(item: Article | Rejected) -> Article | Rejected:
    return clean_article(item) if isinstance(item, Article) else clean_rejected(item)
