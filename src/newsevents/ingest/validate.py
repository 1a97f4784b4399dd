"""Checks every article passes before it is parsed: empty, over-size, binary, not English."""

from __future__ import annotations

import re

from newsevents.config import Settings
from newsevents.errors import BinaryInput, EmptyInput, InputError, NotEnglish, OversizeInput
from newsevents.model import Article, ErrorInfo, Rejected

# The commonest English function words: a news article in English has many of them, other languages few.
ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on was with he it as at by said from his be have has are were an "
    "not they this but had their which who its been after will would police people or also".split()
)
WORD = re.compile(r"[^\W\d_]+")


def english_ratio(text: str, sample: int = 4000) -> float:
    words = WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in ENGLISH_WORDS for w in words) / len(words)


def check(article: Article, settings: Settings) -> None:
    """Raise the InputError that disqualifies ``article``, if any."""
    text = article.text
    if not text.strip():
        raise EmptyInput("the article has no text", article=article.id)
    if len(text) > settings.max_chars:
        raise OversizeInput(
            f"the article has {len(text):,} characters, more than the limit of {settings.max_chars:,}",
            article=article.id,
        )
    controls = sum(1 for ch in text[:4000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in text[:4000] or controls > 0.05 * min(len(text), 4000):
        raise BinaryInput("the article looks like binary data, not text", article=article.id)
    if len(WORD.findall(text[:4000])) >= 5 and english_ratio(text) < settings.min_english_ratio:
        raise NotEnglish("the article does not look like English text", article=article.id)


def validate(article: Article, settings: Settings) -> Article | Rejected:
    try:
        check(article, settings)
    except InputError as exc:
        return Rejected(article.id, ErrorInfo(exc.code, exc.message), article.origin, article.text[:200])
    return article
