"""Publication dates as pages and feeds write them, read as the day in the writer's own timezone.

"Mon, 10 Jan 2022 23:30:00 -0500" was published on 10 January where it was written, although it was
already the 11th in UTC: the article's "yesterday" means the 9th, so the day is never converted to UTC.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def day_in_own_zone(raw: str | None) -> str | None:
    """``raw`` as "YYYY-MM-DD" in its own timezone, or None when it cannot be read as a date."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    for parse in (_iso, _rfc822, _iso_prefix, _free_text):
        day = parse(text)
        if day is not None:
            return day.isoformat()
    return None


def _iso(text: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _rfc822(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _iso_prefix(text: str) -> dt.date | None:
    match = ISO_DAY.match(text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _free_text(text: str) -> dt.date | None:
    """Dates in words ("10 January 2022, 11:30"): absolute ones only, never "yesterday" read against today."""
    import dateparser  # slow to import: only pages with unusual date strings need it

    settings: Any = {
        "PARSERS": ["custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text[:100], languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None
