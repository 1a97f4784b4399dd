"""Checks every article passes before it is parsed: empty, over-size, binary, not English; and a date that
is no real date, or lies more than a year ahead, is dropped with a W121 warning."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from newsevents.config import Settings
from newsevents.errors import (
    WARN_BAD_PUBLISHED,
    BinaryInput,
    EmptyInput,
    InputError,
    NotEnglish,
    OversizeInput,
)
from newsevents.model import Article, ErrorInfo, Rejected, numeric_readings

# The commonest English function words: a news article in English has many of them, other languages few.
ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "he", "it", "as", "at",
    "by", "said", "from", "his", "be", "have", "has", "are", "were", "an", "not", "they", "this", "but",
    "had", "their", "which", "who", "its", "been", "after", "will", "would", "police", "people", "or", "also",
})
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# The same for the languages most often mistaken for English input, leaving out words English shares.
OTHER_WORDS = {
    "fr": _words("le la les des du un une et est dans pour que qui sur par pas au aux avec ont été "
                 "sont cette il elle ils ses leur"),
    "de": _words("der die das und ist nicht ein eine zu den von mit sich des auf für dem im wurde "
                 "sind auch es nach bei einer"),
    "es": _words("el la los las de del que y en un una por con para es se su al fue han según "
                 "sus más lo como"),
    "it": _words("il la di che e è un una per con del della le dei sono ha non si nel alla gli "
                 "anche stato"),
    "pt": _words("o os de da do que e em um uma para com não por dos das foi ao mais são "
                 "segundo pela pelo"),
    "nl": _words("de het een van en dat op te zijn met voor niet aan er door werd ook bij naar "
                 "heeft worden"),
}
WORD = re.compile(r"[^\W\d_]+")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
SAMPLE = 4000
MIN_WORDS = 5  # fewer words say nothing about the language
SURE_WORDS = 60  # from this many words on, a low English share alone is enough to reject (headline-style
# snippets of 20-30 words can have almost no function words)
MIN_LETTERS = 20
MIN_LATIN_SHARE = 0.5  # English text written in Latin letters; Arabic, Cyrillic or CJK text is not
MAX_REPLACED_SHARE = 0.1  # U+FFFD in more than this share of characters: binary decoded as text
MAX_DAYS_AHEAD = 366  # a publication date further ahead than a year is a mistake (or a trap), not news


def english_ratio(text: str, sample: int = SAMPLE) -> float:
    words = WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in ENGLISH_WORDS for w in words) / len(words)


def other_language(text: str, sample: int = SAMPLE) -> tuple[str | None, float]:
    """The non-English language whose function words are commonest in ``text``, and their share."""
    words = WORD.findall(text[:sample].lower())
    if not words:
        return None, 0.0
    best, share = None, 0.0
    for language, vocabulary in OTHER_WORDS.items():
        ratio = sum(w in vocabulary for w in words) / len(words)
        if ratio > share:
            best, share = language, ratio
    return best, share


def latin_share(text: str, sample: int = SAMPLE) -> float | None:
    """The share of letters that are Latin; None when there are too few letters to tell."""
    letters = [ch for ch in text[:sample] if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    return sum(1 for ch in letters if LATIN_LETTER.match(ch)) / len(letters)


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
    check_binary(article)
    check_english(article, settings.min_english_ratio)


def check_binary(article: Article) -> None:
    head = article.text[:SAMPLE]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\n\r\t\f")
    replaced = head.count("\ufffd")
    if "\x00" in head or controls > 0.05 * len(head) or replaced > MAX_REPLACED_SHARE * len(head):
        raise BinaryInput("the article looks like binary data, not text", article=article.id)


def check_english(article: Article, min_ratio: float) -> None:
    """Reject text in another script, or in Latin letters with too few English function words.

    A short English text can lack function words ("Explosion kills five soldiers near Kabul airport"), so
    below ``SURE_WORDS`` words it is rejected only when another language's function words outnumber them.
    """
    text = article.text
    share = latin_share(text)
    if share is not None and share < MIN_LATIN_SHARE:
        raise NotEnglish("the article is not written in Latin letters, so not in English", article=article.id)
    words = len(WORD.findall(text[:SAMPLE]))
    if words < MIN_WORDS:
        return
    english = english_ratio(text)
    if english >= min_ratio:
        return
    language, other = other_language(text)
    if words >= SURE_WORDS or other > english:
        guess = f" (it looks like {language!r})" if language and other > english else ""
        raise NotEnglish(f"the article does not look like English text{guess}", article=article.id)


def _readings(published: str) -> list[dt.date]:
    """The days ``published`` can mean: one for ISO 8601, one or two for "DD-MM-YYYY" / "MM-DD-YYYY"."""
    try:
        dt.datetime.fromisoformat(published)  # the whole of it is ISO 8601
        return [dt.date.fromisoformat(published[:10])]
    except ValueError:
        return numeric_readings(published)


def published_problem(published: str, today: dt.date | None = None) -> str | None:
    """Why ``published`` cannot be an article's publication date, or None when it can: an ISO date or
    datetime ("YYYY-MM-DD...") or a numeric "DD-MM-YYYY"/"MM-DD-YYYY", a real day, and no more than a year
    after ``today``."""
    days = _readings(published)
    if not days:
        return "is not a date (YYYY-MM-DD, an ISO datetime, or DD-MM-YYYY)"
    today = today or dt.date.today()
    if all((day - today).days > MAX_DAYS_AHEAD for day in days):
        return "is more than a year in the future"
    return None


def check_published(article: Article, today: dt.date | None = None) -> Article:
    """``article``, its publication date dropped with a W121 warning when it is no real date (kept, as
    given, in ``published_raw`` when that is empty)."""
    if not article.published:
        return article
    problem = published_problem(article.published, today)
    if problem is None and article.published_day is None:
        problem = "could be day first or month first, and the article's dateline does not say which"
    if problem is None:
        # Read once (``Article.published_day``); stored and passed on as that day, the string as given kept.
        day = article.published_day
        if day is None or article.published.strip().startswith(day.isoformat()):
            return article
        raw = article.published_raw or article.published
        return dataclasses.replace(article, published=day.isoformat(), published_raw=raw)
    warning = ErrorInfo(WARN_BAD_PUBLISHED, f"published {article.published!r} {problem}: ignored")
    raw = article.published_raw or article.published
    warnings = (*article.warnings, warning)
    return dataclasses.replace(article, published=None, published_raw=raw, warnings=warnings)


def validate(article: Article, settings: Settings) -> Article | Rejected:
    try:
        check(article, settings)
    except InputError as exc:
        return Rejected(article.id, ErrorInfo(exc.code, exc.message), article.origin, article.text[:200])
    return check_published(article)
