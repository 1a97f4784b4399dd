"""Stage ``newsevents_dates``: find time expressions and resolve them against the publication date.

Detection is rule-first: regular expressions over the untouched text find the forms news uses ("Jan. 2",
"March 01 , 2008", "later Monday", "last week", "30 years ago", "earlier this month", bare years), and the
parser's DATE entities add what the rules missed when ``dateparser`` can read them. Durations ("three days",
"for a limited time period") are not dates and are never reported.

Resolution anchors relative expressions on the publication day. Where an expression is ambiguous in time
("Monday", "Jan. 2", "in October") the tense of the governing verb decides: past reporting looks back, a
future or modal verb ("will leave on Monday", "may be signed on September 12") looks ahead, and a present
tense takes the nearest candidate. Without a publication day, relative expressions are left out; absolute
ones still resolve.

``date_span_for`` (in ``newsevents.timespan``, importable from here) turns mentions into the ``DateSpan``
of an event, with ACLED's time_precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import spacy
from dateutil.easter import easter
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from newsevents.model import DateMention, DatePrecision
from newsevents.pipeline.doc import article_of, published_date
from newsevents.timespan import PERIOD_MONTHS, add_months, mention_bounds
from newsevents.timespan import date_span_for as date_span_for  # the events stage's, kept importable here

if not Doc.has_extension("ne_dates"):
    Doc.set_extension("ne_dates", default=())

# "unsure": a participle without auxiliary ("figures released April 3", "a deadline set at June 1"): a weekday
# is still read as past, a calendar day or month as the nearest one.
Tense = Literal["past", "present", "future", "unsure"]
Resolved = tuple[str, DatePrecision]

# --- vocabulary ------------------------------------------------------------------------------------------

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for name in names
}
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WEEKDAYS = {d: i for i, d in enumerate(_words("monday tuesday wednesday thursday friday saturday sunday"))}
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90, "hundred": 100, "a hundred": 100, "a couple of": 2, "a dozen": 12}

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
MONTH = rf"(?:(?:{_MONTH_FULL})\b|{_MONTH_ABBR})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.,]\d)"
# A year, not a decade ("the 1980 's"), a percentage, a decimal or part of a code ("2009-10").
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\w%]|[.,:/]\d|\s*%|-(?!(?:1[6-9]|20)\d\d\b)\d|\s*'s\b)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
DASH = r"\s*(?:-|–|—|to|through|and)\s*"
COMMA = r"\s*,?\s*"
NUMBER = r"(?:\d{1,3}|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + ")"
UNIT = r"(?:day|week|month|year|decade)s?"

# Words before a lone month that make it a date ("in May", "since October"), not a name.
TIME_CUES = frozenset(
    _words(
        "in since of by until till before after during through throughout from to and or between last next "
        "this early late mid end beginning start middle on for as that past"
    )
)
# Weekday names that are events, not days ("Black Monday", "Super Tuesday").
NAMED_DAYS = frozenset(_words("black cyber super good ash easter blue bloody holy fat"))
# Before a number followed by a plural noun, these make it a year ("the 2008 elections"), others a count.
YEAR_MODIFIER_CUES = frozenset(
    _words("the in since by of from its their his her 's during until before after a an this that")
)
COUNT_CUES = frozenset(
    _words("about around some nearly almost over than least approximately roughly just only")
)
FUTURE_AUX = frozenset(_words("will shall 'll wo ll"))
MODAL_AUX = frozenset(_words("may might could would should can must 'd"))
DURATION_WORDS = re.compile(
    r"\b(?:for|over|within|past|next|coming|last|first|recent|several|few|period|long|short|consecutive)\b",
    re.IGNORECASE,
)


# --- calendar arithmetic ----------------------------------------------------------------------------------


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def pick_by_tense(candidates: list[dt.date], anchor: dt.date, tense: Tense) -> dt.date | None:
    """The candidate a reader means: the latest one not after the anchor in past reporting, the first one not
    before it in future talk, otherwise the nearest (ties go to the past)."""
    if tense == "past":
        past = [c for c in candidates if c <= anchor]
        return max(past) if past else None
    if tense == "future":
        coming = [c for c in candidates if c >= anchor]
        return min(coming) if coming else None
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor)) if candidates else None


def day_of_year_less(month: int, day: int, anchor: dt.date, tense: Tense) -> dt.date | None:
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    candidates = [d for y in years if (d := safe_date(y, month, day))]
    return pick_by_tense(candidates, anchor, tense)


def month_of_year_less(month: int, anchor: dt.date, tense: Tense, *, strict: bool = False) -> tuple[int, int]:
    """The year of a month named without one; ``strict`` ("last September") excludes the anchor's month."""
    this_month = dt.date(anchor.year, anchor.month, 1)
    candidates = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if strict:
        candidates = [c for c in candidates if c != this_month]
    chosen = pick_by_tense(candidates, this_month, tense) or candidates[0]
    return chosen.year, chosen.month


def weekday_date(weekday: int, anchor: dt.date, tense: Tense, modifier: str = "") -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if modifier == "last":
        return anchor - dt.timedelta(days=back or 7)
    if modifier == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if tense == "future":
        return anchor + dt.timedelta(days=ahead)
    if tense == "present" and ahead < back:
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def number_value(word: str) -> int | None:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def expand_year(word: str) -> int:
    year = int(word)
    if len(word) == 2:
        return 2000 + year if year < 50 else 1900 + year
    return year


# --- rules ------------------------------------------------------------------------------------------------


Base = Literal["now", "then"]


@dataclass(frozen=True, slots=True)
class Expr:
    """What a relative expression says: ``shift`` ``unit``s from the ``base`` anchor, or the ``index``-th
    quarter, half or season (``unit``) of a year given (``year``), counted (``year_shift``) or left to
    tense."""

    unit: str  # day, week, month, year, quarter, half, season, weekday
    shift: int = 0
    base: Base = "now"
    index: int | str | None = None  # weekday number, quarter or half number, season code
    year: int | None = None
    year_shift: int | None = None
    modifier: str = ""  # "last" / "next" before a weekday or season


@dataclass(frozen=True, slots=True)
class Found:
    """One resolved piece of a match: ranges ("Jan. 2-5") give two pieces."""

    start: int
    end: int
    value: str
    precision: DatePrecision
    # "the previous year" (unit "year", shift -1) is counted from the date mentioned just before it in the
    # sentence, when there is one; "the same month a year ago" (unit "same month") repeats that date's month.
    after_previous: tuple[str, int] | None = None
    # A season, quarter or half ("2009-SU", "2009-Q1", "2009-H2"): the value is then the year holding it.
    period: str | None = None
    # Counted from the paragraph's narrative time (the last date mentioned before it), not publication.
    narrative: Expr | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What resolution needs to know about the text around a match."""

    published: dt.date | None
    tense_at: Callable[[int, int], Tense]
    text: str
    in_date_entity: Callable[[int, int], bool] = lambda start, end: False

    def word_before(self, offset: int) -> str:
        match = re.search(r"([\w'-]+)\W*$", self.text[max(0, offset - 40):offset])
        return match.group(1).lower() if match else ""

    def word_after(self, offset: int) -> str:
        match = re.match(r"\W*?([\w'-]+)", self.text[offset:offset + 40])
        return match.group(1).lower() if match else ""


Rule = Callable[[re.Match[str], Context], list[Found]]
RULES: list[tuple[re.Pattern[str], Rule]] = []


def rule(pattern: str, flags: int = 0) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES.append((re.compile(pattern, flags), fn))
        return fn

    return register


def whole(m: re.Match[str], value: str, precision: DatePrecision, group: int | str = 0) -> list[Found]:
    return [Found(m.start(group), m.end(group), value, precision)]


def day_found(start: int, end: int, day: dt.date | None) -> list[Found]:
    return [Found(start, end, day.isoformat(), "day")] if day else []


@rule(rf"(?P<m>{MONTH})\s*(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?{COMMA}(?P<y>{YEAR})")
def month_day_year(m: re.Match[str], ctx: Context) -> list[Found]:
    year, month = int(m["y"]), month_number(m["m"])
    first_end = m.end("d1") if m["d2"] else m.end()
    found = day_found(m.start(), first_end, safe_date(year, month, day_number(m["d1"])))
    if m["d2"]:
        found += day_found(m.start("d2"), m.end(), safe_date(year, month, day_number(m["d2"])))
    return found


@rule(rf"\b(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<m>{MONTH}){COMMA}(?P<y>{YEAR})")
def day_month_year(m: re.Match[str], ctx: Context) -> list[Found]:
    year, month = int(m["y"]), month_number(m["m"])
    if not m["d2"]:
        return day_found(m.start(), m.end(), safe_date(year, month, day_number(m["d1"])))
    first = day_found(m.start(), m.end("d1"), safe_date(year, month, day_number(m["d1"])))
    return first + day_found(m.start("d2"), m.end(), safe_date(year, month, day_number(m["d2"])))


@rule(r"(?<![\w/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/]|\.\d)")
def slashed(m: re.Match[str], ctx: Context) -> list[Found]:
    a, b, year = int(m["a"]), int(m["b"]), expand_year(m["y"])
    # Month first, as in American usage, unless the first number cannot be a month.
    month, day = (b, a) if a > 12 else (a, b)
    return day_found(m.start(), m.end(), safe_date(year, month, day))


@rule(r"(?<![\w/.-])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?![\w/]|\.\d)")
def dotted(m: re.Match[str], ctx: Context) -> list[Found]:
    """"10.01.2022": day first, as where dots are written."""
    return day_found(m.start(), m.end(), safe_date(int(m["y"]), int(m["m"]), int(m["d"])))


@rule(r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?=T\d|(?![\w/-]|\.\d))")
def iso_date(m: re.Match[str], ctx: Context) -> list[Found]:
    return day_found(m.start(), m.end(), safe_date(int(m["y"]), int(m["m"]), int(m["d"])))


@rule(rf"(?P<m>{MONTH})(?:\s*,|\s+of)?\s+(?P<y>{YEAR})")
def month_year(m: re.Match[str], ctx: Context) -> list[Found]:
    return whole(m, f"{int(m['y']):04d}-{month_number(m['m']):02d}", "month")


@rule(rf"(?P<m>{MONTH})\s*(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?(?!\s*,?\s*\d)")
def month_day(m: re.Match[str], ctx: Context) -> list[Found]:
    return _year_less_days(m, ctx, m.end("d1"), m.start("d2"))


@rule(rf"\b(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<m>{MONTH})")
def day_month(m: re.Match[str], ctx: Context) -> list[Found]:
    return _year_less_days(m, ctx, m.end("d1"), m.start("d2"))


def _year_less_days(m: re.Match[str], ctx: Context, first_end: int, second_start: int) -> list[Found]:
    if ctx.published is None:
        return []
    month, tense = month_number(m["m"]), ctx.tense_at(m.start(), m.end())
    first = day_of_year_less(month, day_number(m["d1"]), ctx.published, tense)
    if first is None:
        return []
    if not m["d2"]:
        return day_found(m.start(), m.end(), first)
    second = safe_date(first.year, month, day_number(m["d2"]))
    return day_found(m.start(), first_end, first) + day_found(second_start, m.end(), second)


@rule(rf"(?=[A-Z])(?P<m>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", re.I)
def month_of_relative_year(m: re.Match[str], ctx: Context) -> list[Found]:
    if ctx.published is None or not m["m"][0].isupper():
        return []
    year = ctx.published.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    rel = Found(m.start("rel"), m.end(), str(year), "year")
    return [Found(m.start(), m.end("m"), f"{year:04d}-{month_number(m['m']):02d}", "month"), rel]


@rule(
    rf"(?:\b(?P<mod>last|next|this|early|late|mid|the end of|the beginning of|the start of|the middle of)"
    rf"(?:\s+|-))?(?P<m>(?:{_MONTH_FULL})\b)",
    re.I,
)
def lone_month(m: re.Match[str], ctx: Context) -> list[Found]:
    if ctx.published is None or not m["m"][0].isupper():
        return []
    mod = (m["mod"] or "").lower()
    if not mod and not ctx.in_date_entity(m.start("m"), m.end()) and not is_time_cue(ctx, m.start(), m["m"]):
        return []
    strict = mod in ("last", "next")
    tense: Tense = "past" if mod == "last" else "future" if mod == "next" else ctx.tense_at(*m.span())
    if mod == "this":
        year, month = ctx.published.year, month_number(m["m"])
    else:
        year, month = month_of_year_less(month_number(m["m"]), ctx.published, tense, strict=strict)
    start = m.start() if mod else m.start("m")
    return [Found(start, m.end(), f"{year:04d}-{month:02d}", "month")]


@rule(
    r"\bthe same (?P<unit>day|week|month) (?:a year (?:ago|earlier|before)|last year"
    r"|(?:(?:of|in) )?the (?:previous|prior) year)\b",
    re.IGNORECASE,
)
def same_unit_a_year_before(m: re.Match[str], ctx: Context) -> list[Found]:
    if ctx.published is None:
        return []
    unit = m["unit"].lower()
    anchor = ctx.published.replace(year=ctx.published.year - 1, day=min(ctx.published.day, 28))
    found = _shifted(anchor, unit, 0, m.start(), m.end())
    return [replace(found, after_previous=(f"same {unit}", -1))]


def _shifted(anchor: dt.date, unit: str, shift: int, start: int, end: int) -> Found:
    if unit in ("week", "weekend"):
        return Found(start, end, iso_week(anchor + dt.timedelta(weeks=shift)), "week")
    if unit == "month":
        year, month = add_months(anchor.year, anchor.month, shift)
        return Found(start, end, f"{year:04d}-{month:02d}", "month")
    if unit == "day":
        return Found(start, end, (anchor + dt.timedelta(days=shift)).isoformat(), "day")
    return Found(start, end, f"{anchor.year + shift:04d}", "year")


@rule(
    rf"(?:\b(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of|early|late|mid)"
    rf"(?:\s+|-)|(?<![\w$€£¥.,/-]))(?P<y>{YEAR})",
    re.I,
)
def lone_year(m: re.Match[str], ctx: Context) -> list[Found]:
    before = ctx.text[max(0, m.start("y") - 4):m.start("y")]
    if re.search(r"[$€£¥#]\s*$|\b(?:No|no|Nos|number|Flight|flight|Route|route)\.?\s*$", before):
        return []
    next_word, prev_word = ctx.word_after(m.end()), ctx.word_before(m.start("y"))
    # "about 2000 people", "killed 1500 protesters": a count, unless a determiner or preposition makes it a
    # year modifier ("the 2008 elections", "in 2008 talks").
    if prev_word in COUNT_CUES or (
        re.fullmatch(r"[a-z]+s", next_word) and next_word != "was" and prev_word not in YEAR_MODIFIER_CUES
    ):
        return []
    return whole(m, m["y"], "year")


def is_time_cue(ctx: Context, start: int, month: str) -> bool:
    cue = ctx.word_before(start)
    # "May" and "March" are also a name and a verb: "Johnson and May" needs a stronger cue than "and".
    if month in ("May", "March") and cue in ("and", "or", "to", "that", "for", "on"):
        return False
    return cue in TIME_CUES


@rule(rf"(?P<m1>(?:{_MONTH_FULL})\b)(?P<dash>{DASH})(?P<m2>(?:{_MONTH_FULL})\b)(?:\s*,|\s+of)?\s+(?P<y>{YEAR})")
def month_range_year(m: re.Match[str], ctx: Context) -> list[Found]:
    """"between September and October of 2007": the year belongs to both months."""
    year = int(m["y"])
    return [
        Found(m.start("m1"), m.end("m1"), f"{year:04d}-{month_number(m['m1']):02d}", "month"),
        Found(m.start("m2"), m.end(), f"{year:04d}-{month_number(m['m2']):02d}", "month"),
    ]


@rule(rf"(?<![\w$€£¥.,/-])(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR})")
def year_range(m: re.Match[str], ctx: Context) -> list[Found]:
    """"1999-2000": two years."""
    if int(m["y2"]) <= int(m["y1"]):
        return []
    return [Found(*m.span("y1"), m["y1"], "year"), Found(*m.span("y2"), m["y2"], "year")]


# --- the grammar: time expressions composed from parts -----------------------------------------------------
#
# Relative expressions are sequences of parts (a relative word, a number, a unit, a weekday, a season, a
# quarter, an edge such as "early" or "the end of", a direction such as "ago" or "later"), matched over tokens
# by spaCy's Matcher. Each match is read into one ``Expr`` (what is counted, by how much, from which anchor)
# and every Expr is resolved by ``resolve_expr``. Anchors: "now" is the publication day; "then" is the
# narrative time of the paragraph, the last date mentioned before the expression in it ("the same day",
# "that night", "three days later", "the previous week"), falling back to the publication day.

UNIT_OF = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "weekend": "week", "fortnight": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "quarter": "quarter", "quarters": "quarter", "fortnights": "week",
    "hour": "hour", "hours": "hour", "minute": "hour", "minutes": "hour",
}
SINGULAR_UNITS = ("day", "week", "weekend", "month", "year", "quarter")
DAY_PARTS = frozenset(_words("morning afternoon evening night overnight"))
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NOW_SHIFT = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}
THEN_SHIFT = {"same": 0, "previous": -1, "preceding": -1, "prior": -1, "following": 1, "next": 1}
DEICTIC_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
# Holidays on a fixed day of the year, as (month, day); Easter and Thanksgiving are counted each year.
FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year 's day": (1, 1), "new year 's eve": (12, 31), "valentine 's day": (2, 14),
    "halloween": (10, 31),
}
MOVEABLE_HOLIDAYS = frozenset(("easter", "easter sunday", "easter monday", "good friday", "thanksgiving"))
# Words after a holiday's name that make it part of another name ("Christmas Island", "Christmas shopping").
HOLIDAY_NOUNS = frozenset(
    _words("island islands tree trees shopping season market markets card cards party parties lights dinner "
           "holiday holidays break truce message mass service services carol carols rising offensive bombing")
)
ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
DAY_ORDINALS = {
    f"{n}{ORDINAL_SUFFIX.get(n % 10 if n not in (11, 12, 13) else 0, 'th')}": n for n in range(1, 32)
}
EDGE_WORDS = frozenset(_words("earlier later early late mid"))
EDGE_NOUNS = frozenset(_words("end beginning start middle rest remainder close"))
# Words after which "the last week" is a stretch of time ("over the last week"), not the week before.
STRETCH_CUES = frozenset(_words("over within past"))
SEASON_CUES = frozenset(
    _words("in since during until till by through throughout of this last next early late")
)


def _in(*words: str) -> dict[str, object]:
    return {"LOWER": {"IN": sorted(words)}}


PARTS: dict[str, dict[str, object]] = {
    "the": _in("the"),
    "that": _in("that"),
    "of": _in("of", "in"),
    "dayprep": _in("in", "during", "for", "throughout", "of"),
    # Verbs a day is spent by ("ended the day up", "closed the day at"): the day is the narrative one.
    "dayverb": {"LOWER": {"REGEX": r"^(?:end|clos|finish|start|began|begin|open)(?:s|ed|ing|e|un)?$"}},
    "now": _in(*NOW_SHIFT),
    "then": _in(*THEN_SHIFT),
    "unit": _in(*SINGULAR_UNITS),
    "units": _in(*UNIT_OF),
    "daypart": _in(*DAY_PARTS),
    "num": {"LOWER": {"REGEX": r"^(?:\d{1,3}|" + "|".join(w for w in NUMBER_WORDS if " " not in w) + ")$"}},
    "ago": _in("ago", "hence"),
    "dir": _in("earlier", "later", "before", "after"),
    "edge": _in(*EDGE_WORDS),
    "edgenoun": _in(*EDGE_NOUNS),
    "deictic": _in(*DEICTIC_SHIFT),
    "weekday": {"LOWER": {"IN": sorted(WEEKDAYS)}, "IS_TITLE": True},
    "ordinal": _in(*ORDINALS, "final", "last"),
    "quarter": _in("quarter", "half"),
    "qcode": {"TEXT": {"REGEX": r"^[QH][1-4]$"}},
    "season": _in(*SEASONS),
    "year": {"TEXT": {"REGEX": r"^(?:1[6-9]|20)\d\d$"}},
    "yearword": _in("year"),
    "timeword": _in("time"),
    "a": _in("a"),
    "couple": _in("couple"),
    "weekend": _in("weekend"),
    "weekendprep": _in("over", "at", "during", "on", "through", "throughout"),
    "holiday": _in("christmas", "halloween", "easter", "thanksgiving"),
    "holiday2": _in("eve", "day", "sunday", "monday"),
    "holidayhead": _in("new", "boxing", "valentine", "good"),
    "holidayyear": _in("year"),
    "poss": _in("'s", "’s"),
    "holidayday": _in("day", "eve", "friday"),
    "dayord": _in(*DAY_ORDINALS),
    "ordprep": _in("on", "by", "until", "till", "since", "from", "before", "after"),
    "timeprep": _in("at", "by", "since", "until", "till", "from", "around"),
    "hyphen": {"TEXT": {"IN": ["-", "–"]}},
}

# The forms, by the kind of Expr they make; a part ending in "?" may be left out. An edge before an
# expression ("earlier this month", "mid-", "the end of last year") is taken in after matching
# (``with_edge``): it widens the text, not the value.
FORMS: dict[str, list[str]] = {
    "now_unit": ["now unit", "now daypart"],  # "last week", "this morning", "last night"
    "then_unit": ["the then unit", "the then daypart", "that unit", "that daypart"],  # "the same day"
    "then_weekday": ["the then weekday"],  # "the previous Friday": before the narrative's day
    "unit_then": ["the unit dir", "the unit then"],  # "the day before", "the year previous"
    "n_units": ["num units ago", "num units dir", "a couple of units ago", "a couple of units dir"],
    "deictic": ["deictic daypart?", "the unit dir deictic"],  # "yesterday", "the day before yesterday"
    "weekend": ["weekendprep the weekend"],  # "over the weekend": the latest one, or the coming one
    "weekday": ["weekday daypart?", "now weekday daypart?"],  # "Monday", "last Friday night"
    "quarter": [
        "the? ordinal hyphen? quarter", "the? ordinal hyphen? quarter of? year",
        "the? ordinal hyphen? quarter of? now yearword", "qcode year?", "year ordinal hyphen? quarter",
        "the? ordinal hyphen? quarter of the yearword",  # "the first half of the year": the narrative's
    ],
    "season": ["now? season", "now? season of? year", "now? season of? now yearword", "the season of year"],
    "the_day": ["dayprep the unit", "dayverb the unit"],  # "later in the day", "closed the day at"
    "the_time": ["timeprep that timeword", "timeprep the timeword"],  # "by that time", "at the time"
    "holiday": [
        "now? holiday holiday2? year?", "now? holidayhead holidayday year?",
        "now? holidayhead holidayyear poss holidayday year?", "now? holidayhead poss holidayday year?",
    ],  # "Christmas Eve", "last Christmas", "New Year's Day 2009", "Good Friday", "Boxing Day"
    "month_day": ["ordprep the dayord"],  # "on the 11th": of the narrative's month
    "the_unit": ["the edgenoun of the unit", "edge of the unit"],  # "the end of the year", "later in the day"
}


def _pattern(form: str) -> list[dict[str, object]]:
    return [PARTS[w[:-1]] | {"OP": "?"} if w.endswith("?") else PARTS[w] for w in form.split()]


def with_edge(span: Span) -> Span:
    """``span`` widened over an edge before it: "earlier", "late", "mid-", "the end of", "the start of"."""
    doc, start = span.doc, span.start
    if start >= 2 and doc[start - 1].text in ("-", "–") and doc[start - 2].lower_ in EDGE_WORDS:
        start -= 2
    elif start >= 1 and doc[start - 1].lower_ in EDGE_WORDS:
        start -= 1
    elif start >= 2 and doc[start - 1].lower_ in ("of", "in") and doc[start - 2].lower_ in EDGE_NOUNS:
        start -= 3 if start >= 3 and doc[start - 3].lower_ == "the" else 2
    return doc[start:span.end]


@lru_cache(maxsize=4)
def grammar_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for kind, forms in FORMS.items():
        matcher.add(kind, [_pattern(form) for form in forms])
    return matcher


# Every form holds one of these words (or a number before a unit): the Matcher runs only around them.
ANCHOR_WORDS = frozenset(UNIT_OF) | DAY_PARTS | frozenset(SEASONS) | frozenset(DEICTIC_SHIFT) | frozenset(
    WEEKDAYS
) | {"half", "time", "christmas", "halloween", "easter", "thanksgiving"} | {
    f"{letter}{n}" for letter in "qh" for n in "1234"
} | frozenset(DAY_ORDINALS)
WINDOW = 6  # tokens either side of an anchor word: the longest form is shorter


@lru_cache(maxsize=4)
def _anchor_ids(vocab: Vocab) -> frozenset[int]:
    return frozenset(vocab.strings.add(word) for word in ANCHOR_WORDS)


def anchor_windows(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges around anchor words (units, weekdays, seasons, "today", "Q3"...), merged where they
    overlap."""
    ids = _anchor_ids(doc.vocab)
    lowers = doc.to_array(LOWER)
    windows: list[tuple[int, int]] = []
    for i in (i for i, lower in enumerate(lowers.tolist()) if lower in ids):
        start, end = max(0, i - WINDOW), min(len(doc), i + WINDOW + 1)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    return spacy.blank("en")


def grammar_matches(doc: Doc, ctx: Context) -> Iterator[tuple[int, int, list[Found]]]:
    """The grammar's matches in a Doc, longest first per start; each read into an Expr and resolved."""
    taken: set[int] = set()
    matcher = grammar_matcher(doc.vocab)
    spans = [
        (m, start + w0, end + w0) for w0, w1 in anchor_windows(doc) for m, start, end in matcher(doc[w0:w1])
    ]
    for match_id, start, end in sorted(set(spans), key=lambda m: (m[1], -m[2])):
        if start in taken:
            continue
        span, kind = doc[start:end], doc.vocab.strings[match_id]
        read = READERS[kind](span)
        if read is None:
            continue
        expr, span = read
        if kind not in ("the_day", "the_unit", "the_time"):
            span = with_edge(span)
        taken.add(start)
        if ctx.published is None:
            continue
        found = resolve_expr(expr, ctx.published, ctx.tense_at(span.start_char, span.end_char))
        if found is not None:
            value, precision, period = found
            yield span.start_char, span.end_char, [
                Found(span.start_char, span.end_char, value, precision, period=period,
                      narrative=expr if expr.base == "then" else None)
            ]


def _word_before(span: Span, back: int = 1) -> str:
    i = span.start - back
    return span.doc[i].lower_ if i >= 0 else ""


def _word_after(span: Span) -> str:
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _ends_phrase(span: Span) -> bool:
    """Nothing follows that the expression could be counted from ("the day before ." not "the day before
    the vote")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is None or after.is_punct or after.lower_ in ("and", "but")


def _unit_token(span: Span) -> Token:
    return next(t for t in reversed(span) if t.lower_ in UNIT_OF or t.lower_ in DAY_PARTS)


Read = tuple[Expr, Span] | None


def read_now_unit(span: Span) -> Read:
    unit_token = _unit_token(span)
    rel = span.doc[unit_token.i - 1].lower_
    if rel == "last" and _word_before(span) == "the":
        if _word_before(span, 2) in STRETCH_CUES or unit_token.lower_ == "day":
            return None  # "over the last year" is a stretch, "the last day" the final one
        span = span.doc[span.start - 1:span.end]  # "in the last year": the year before
    if unit_token.lower_ in DAY_PARTS:  # "this morning", "last night"
        return Expr("day", -1 if rel == "last" else NOW_SHIFT[rel]), span
    return Expr(UNIT_OF[unit_token.lower_], NOW_SHIFT[rel]), span


def read_then_unit(span: Span) -> Read:
    unit_token = _unit_token(span)
    rel = span.doc[unit_token.i - 1].lower_
    unit = "day" if unit_token.lower_ in DAY_PARTS else UNIT_OF[unit_token.lower_]
    if rel == "that" and _word_after(span) in ("when", "of", "'s", "-"):
        return None
    return Expr(unit, THEN_SHIFT.get(rel, 0), "then"), span


def read_unit_then(span: Span) -> Read:
    direction = span[-1].lower_
    if direction in ("before", "after") and not _ends_phrase(span):
        return None
    shift = 1 if direction in ("after", "later", "following", "next") else 0 if direction == "same" else -1
    return Expr(UNIT_OF[span[1].lower_], shift, "then"), span


def read_n_units(span: Span) -> Read:
    n = 2 if span[1].lower_ == "couple" else number_value(span[0].text)  # "a couple of days ago"
    doc = span.doc
    if n is not None and n < 10 and span.start >= 2 and doc[span.start - 1].text == "-":
        tens = number_value(doc[span.start - 2].text)  # "forty-eight hours ago", "twenty-five years ago"
        if tens is not None and tens >= 20 and tens % 10 == 0:
            n, span = tens + n, doc[span.start - 2:span.end]
    direction = span[-1].lower_
    if n is None or _word_after(span) == "than" or (direction != "ago" and _word_before(span) == "than"):
        return None
    if direction in ("before", "after") and not _ends_phrase(span):
        return None
    unit = UNIT_OF[span[-2].lower_]
    if unit == "decade":
        unit, n = "year", n * 10
    if span[-2].lower_.startswith("fortnight"):
        n *= 2
    if unit == "hour":  # "two hours later", "48 hours ago": the day it comes to
        unit, n = "day", (n // 24 if span[-2].lower_.startswith("hour") else 0)
    if unit == "quarter":
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    return Expr(unit, sign * n, "now" if direction in ("ago", "hence") else "then"), span


DAY_BEFORE_AFTER = (("before", "yesterday"), ("after", "tomorrow"))


def read_deictic(span: Span) -> Read:
    word = next(t.lower_ for t in span if t.lower_ in DEICTIC_SHIFT)
    if span[0].lower_ == "the":  # "the day before yesterday", "the day after tomorrow"
        if span[1].lower_ != "day" or (span[2].lower_, word) not in DAY_BEFORE_AFTER:
            return None
        return Expr("day", 2 * DEICTIC_SHIFT[word]), span
    return Expr("day", DEICTIC_SHIFT[word]), span


def read_weekend(span: Span) -> Read:
    if _word_after(span) in ("of", "'s", "before", "after", "when"):
        return None
    return Expr("weekend"), span[1:]


def read_weekday(span: Span) -> Read:
    if _word_before(span) in NAMED_DAYS or span[0].lower_ in NAMED_DAYS:
        return None
    day = next(t for t in span if t.lower_ in WEEKDAYS)
    modifier = span[0].lower_ if span[0].lower_ in ("last", "next") else ""
    return Expr("weekday", index=WEEKDAYS[day.lower_], modifier=modifier), span


def _year_part(span: Span) -> tuple[int | None, int | None]:
    """The year a quarter or season is of: written ("of 2009"), counted ("of last year") or neither."""
    for t in span:
        if re.fullmatch(r"(?:1[6-9]|20)\d\d", t.text):
            return int(t.text), None
    for t in span[:-1]:
        if t.lower_ in NOW_SHIFT and t.nbor(1).lower_ == "year":
            return None, NOW_SHIFT[t.lower_]
    return None, None


def read_quarter(span: Span) -> Read:
    code = next((t.text for t in span if re.fullmatch(r"[QH][1-4]", t.text)), None)
    if code is not None:
        unit, index = ("quarter" if code[0] == "Q" else "half"), int(code[1])
    else:
        word = next(t for t in span if t.lower_ in ("quarter", "half"))
        unit = word.lower_
        ordinal = next(t.lower_ for t in span if t.lower_ in ORDINALS or t.lower_ in ("final", "last"))
        if ordinal in ("final", "last"):
            if ordinal == "last" and not any(re.fullmatch(r"\d{4}|year", t.lower_) for t in span):
                return None  # "last quarter", "in the last quarter": the one before (a counted unit)
            index = 4 if unit == "quarter" else 2
        else:
            index = ORDINALS[ordinal]
    year, year_shift = _year_part(span)
    narrative = span[-2].lower_ == "the" and span[-1].lower_ == "year"  # "... of the year"
    if narrative:
        year_shift = 0
    if unit == "half" and (index > 2 or (year is None and year_shift is None)):
        return None  # "the first half" alone is a match's as often as a year's
    base: Base = "then" if narrative else "now"
    return Expr(unit, index=index, year=year, year_shift=year_shift, base=base), span


def read_then_weekday(span: Span) -> Read:
    shift = THEN_SHIFT[span[1].lower_]
    if shift == 0:
        return None
    modifier = "last" if shift < 0 else "next"
    return Expr("weekday", index=WEEKDAYS[span[2].lower_], base="then", modifier=modifier), span


def read_season(span: Span) -> Read:
    word = next(t for t in span if t.lower_ in SEASONS)
    year, year_shift = _year_part(span)
    modifier = next((t.lower_ for t in span[: word.i - span.start] if t.lower_ in NOW_SHIFT), "")
    modifier = {"current": "this", "coming": "next"}.get(modifier, modifier)
    # A bare season needs a time word before it ("in summer", "since early spring"); "fall" never.
    bare = year is None and year_shift is None and not modifier
    if bare and (word.lower_ == "fall" or _word_before(span) not in SEASON_CUES):
        return None
    season = SEASONS[word.lower_]
    return Expr("season", index=season, year=year, year_shift=year_shift, modifier=modifier), span


def read_the_day(span: Span) -> Read:
    if span[-1].lower_ != "day" or _word_after(span) in ("of", "before", "after", "'s", "when", "that", "-"):
        return None
    if span[0].lower_ == "of" and _word_before(span) not in ("end", "rest", "start", "close", "middle"):
        return None  # "one of the day's", "the news of the day"; "the end of the day" is one
    return Expr("day", 0, "then"), span[1:]


def read_the_unit(span: Span) -> Read:
    """"The end of the year", "later in the week": the narrative's year or week."""
    unit = UNIT_OF[span[-1].lower_]
    if _word_after(span) in ("of", "before", "after", "'s", "when", "that", "-"):
        return None
    return Expr(unit, 0, "then"), span


HOLIDAY_CUES = frozenset(
    _words("on at before after since until till by over during for around through ahead this last next of "
           "from to and")
)


def read_holiday(span: Span) -> Read:
    words = [t.lower_ for t in span if not re.fullmatch(r"\d{4}", t.text) and t.lower_ not in NOW_SHIFT]
    name = " ".join(words).replace("’s", "'s")
    if name not in FIXED_HOLIDAYS and name not in MOVEABLE_HOLIDAYS:
        return None
    if not span[0].is_title and span[0].lower_ not in NOW_SHIFT:
        return None
    year, _ = _year_part(span)
    modifier = span[0].lower_ if span[0].lower_ in ("last", "next", "this") else ""
    bare = year is None and not modifier
    if bare and (_word_before(span) not in HOLIDAY_CUES or _word_after(span) in HOLIDAY_NOUNS):
        return None
    return Expr("holiday", index=name, year=year, modifier=modifier), span


def holiday_date(name: str, year: int) -> dt.date:
    if name in FIXED_HOLIDAYS:
        return dt.date(year, *FIXED_HOLIDAYS[name])
    if name == "thanksgiving":  # the fourth Thursday of November (the United States')
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    sunday: dt.date = easter(year)
    shift = {"good friday": -2, "easter monday": 1}.get(name, 0)
    return sunday + dt.timedelta(days=shift)


def read_month_day(span: Span) -> Read:
    if _word_after(span) in ("of", "century", "anniversary", "floor", "time", "day", "place", "round") or (
        span.end < len(span.doc) and span.doc[span.end].is_title
    ):
        return None  # "the 5th of March" is a pattern's; "the 11th century", "the 3rd Battalion" no date
    return Expr("monthday", index=DAY_ORDINALS[span[-1].lower_], base="then"), span[1:]


def read_the_time(span: Span) -> Read:
    """"By that time", "at the time": the narrative's date itself; left out when there is none. "By the
    time the train arrived" is a conjunction, not a date."""
    if _word_after(span) in ("of", "when", "'s", "being", "-", "that", "to", "it", "we", "they", "he", "she"):
        return None
    if span[1].lower_ == "the" and not _ends_phrase(span):
        return None
    return Expr("same", 0, "then"), span[1:]


READERS: dict[str, Callable[[Span], Read]] = {
    "now_unit": read_now_unit, "then_unit": read_then_unit, "unit_then": read_unit_then,
    "then_weekday": read_then_weekday,
    "n_units": read_n_units, "deictic": read_deictic, "weekday": read_weekday, "quarter": read_quarter,
    "season": read_season, "the_day": read_the_day, "the_unit": read_the_unit, "the_time": read_the_time,
    "holiday": read_holiday, "month_day": read_month_day, "weekend": read_weekend,
}


def _period_months(year: int, label: str) -> tuple[int, int]:
    """The first month of a quarter, half or season (counted in months from year 0) and its length."""
    first_month, months = PERIOD_MONTHS[label]
    return year * 12 + first_month - 1, months


def resolve_expr(
    expr: Expr, anchor: dt.date, tense: Tense, *, narrative: bool = False
) -> tuple[str, DatePrecision, str | None] | None:
    """The one resolver: the value, precision and (for quarters, halves and seasons) period of an Expr
    counted from ``anchor`` (the publication day, or the narrative's date when ``narrative``)."""
    if expr.unit == "same":  # "at that time": the anchor itself (its own precision is the antecedent's)
        return anchor.isoformat(), "day", None
    if expr.unit == "holiday":
        name = str(expr.index)
        if expr.year is not None:
            return holiday_date(name, expr.year).isoformat(), "day", None
        candidates = [holiday_date(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        if expr.modifier == "last":
            candidates, tense = [c for c in candidates if c < anchor], "past"
        elif expr.modifier == "next":
            candidates, tense = [c for c in candidates if c > anchor], "future"
        elif expr.modifier == "this":
            candidates = [c for c in candidates if c.year == anchor.year]
        day = pick_by_tense(candidates, anchor, tense)
        return (day.isoformat(), "day", None) if day else None
    if expr.unit == "monthday":  # of the anchor's month when counted from the narrative
        if narrative:
            day = safe_date(anchor.year, anchor.month, int(expr.index or 0))
        else:
            months = [add_months(anchor.year, anchor.month, k) for k in (-1, 0, 1)]
            candidates = [d for y, m in months if (d := safe_date(y, m, int(expr.index or 0)))]
            day = pick_by_tense(candidates, anchor, tense)
        return (day.isoformat(), "day", None) if day else None
    if expr.unit == "weekend":  # the ISO week of the Saturday meant
        saturday = weekday_date(5, anchor, tense)
        return iso_week(saturday), "week", None
    if expr.unit == "weekday":
        day = weekday_date(int(expr.index or 0), anchor, tense, expr.modifier)
        return day.isoformat(), "day", None
    if expr.unit in ("quarter", "half", "season") and expr.index is not None:
        return _resolve_period(expr, anchor, tense)
    if expr.unit == "quarter":  # "last quarter", "this quarter": counted quarters
        index = (anchor.year * 12 + anchor.month - 1) // 3 + expr.shift
        year, quarter = divmod(index, 4)
        return f"{year:04d}", "year", f"{year:04d}-Q{quarter + 1}"
    found = _shifted(anchor, expr.unit, expr.shift, 0, 0)
    return found.value, found.precision, None


def _resolve_period(expr: Expr, anchor: dt.date, tense: Tense) -> tuple[str, DatePrecision, str | None]:
    code = "Q" if expr.unit == "quarter" else "H" if expr.unit == "half" else ""
    label = f"{code}{expr.index}"
    if expr.year is not None:
        year = expr.year
    elif expr.year_shift is not None:
        year = anchor.year + expr.year_shift
    else:
        now = anchor.year * 12 + anchor.month - 1
        years = (anchor.year - 1, anchor.year, anchor.year + 1)
        starts = {y: _period_months(y, label) for y in years}
        if expr.modifier == "this":
            year = anchor.year
        elif expr.modifier == "last" or (tense == "past" and expr.modifier != "next"):
            # the latest one begun before now ("last summer" in August is the year before's)
            begun = [y for y, (first, n) in starts.items() if (first + n if expr.modifier else first) <= now]
            year = max(begun) if begun else anchor.year - 1
        elif expr.modifier == "next" or tense == "future":
            coming = [y for y, (first, n) in starts.items() if (first if expr.modifier else first + n) > now]
            year = min(coming) if coming else anchor.year + 1
        else:
            year = min(years, key=lambda y: abs(starts[y][0] + starts[y][1] / 2 - now))
    return f"{year:04d}", "year", f"{year:04d}-{label}"


# --- finding and choosing matches -------------------------------------------------------------------------


def rule_matches(text: str, ctx: Context) -> Iterator[tuple[int, int, list[Found]]]:
    for pattern, fn in RULES:
        for m in pattern.finditer(text):
            found = fn(m, ctx)
            if found:
                yield min(f.start for f in found), max(f.end for f in found), found


def non_overlapping(matches: Iterable[tuple[int, int, list[Found]]]) -> list[Found]:
    """The longest matches first; a shorter one overlapping a chosen one is dropped."""
    chosen: list[tuple[int, int]] = []
    result: list[Found] = []
    for start, end, found in sorted(matches, key=lambda t: (-(t[1] - t[0]), t[0])):
        if any(start < e and s < end for s, e in chosen):
            continue
        chosen.append((start, end))
        result.extend(found)
    return sorted(result, key=lambda f: f.start)


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s+(?=[A-Z\"“`'])")


UNIT_RANK = {
    "day": 0, "week": 1, "month": 2, "year": 3, "quarter": 3, "half": 3, "season": 3, "same": 3,
    "monthday": 2, "weekday": 0,
}
PARAGRAPH_END = re.compile(r"\n")
# How many sentence ends may lie between an anaphor and the date it counts from: a paragraph's narrative
# time holds for a few sentences, not for an article sent without paragraph breaks.
NARRATIVE_SENTENCES = 2


def narrative_antecedent(found: Found, before: list[Found], text: str) -> Found | None:
    """The date ``found`` is counted from: the last date mentioned before it in its paragraph (and at most
    two sentences back) that is at least as fine as what is counted ("two days later" needs a day, "the
    previous year" a year; "since 1983" between a day and "the same day" is passed over)."""
    if found.narrative is None:
        return None
    for antecedent in reversed(before):
        between = text[antecedent.end:found.start]
        if PARAGRAPH_END.search(between) or len(SENTENCE_END.findall(between)) > NARRATIVE_SENTENCES:
            return None
        fine_enough = PRECISION_RANK[antecedent.precision] <= UNIT_RANK[found.narrative.unit]
        if fine_enough and (antecedent.period is None or found.narrative.unit == "same"):
            return antecedent
    return None


def resolve_anaphors(found: list[Found], text: str, ctx: Context) -> list[Found]:
    """Count anaphoric expressions ("the same day", "three days later", "the previous year") from the
    narrative time of their paragraph (``narrative_time``), otherwise from publication (as found); and "the
    same month a year ago" from the date mentioned before it in the same sentence. A narrative date beyond
    the publication day outside future talk ("nearly two decades later" after 2004, told in 2021) is left
    out."""
    result: list[Found] = []
    for f in found:
        antecedent = narrative_antecedent(f, result, text)
        if f.narrative is not None and f.narrative.unit == "same":  # "at that time": the antecedent's date
            if antecedent is not None:
                result.append(replace(antecedent, start=f.start, end=f.end, narrative=None))
            continue
        if antecedent is not None and f.narrative is not None:
            anchor = mention_bounds(to_mention(text, antecedent))[0]
            tense = ctx.tense_at(f.start, f.end)
            resolved = resolve_expr(f.narrative, anchor, tense, narrative=True)
            if resolved is None:
                continue
            f = replace(f, value=resolved[0], precision=resolved[1], period=resolved[2])
            if tense != "future" and ctx.published and mention_bounds(to_mention(text, f))[0] > ctx.published:
                continue
        if f.after_previous is not None and result:
            unit, shift = f.after_previous
            antecedent = result[-1]
            same = unit.startswith("same ")
            unit = unit.removeprefix("same ")
            if (
                PRECISION_RANK[antecedent.precision] <= PRECISION_RANK[unit]
                and not SENTENCE_END.search(text, antecedent.end, f.start)
            ):
                first_day = mention_bounds(to_mention(text, antecedent))[0]
                if same:
                    first_day = first_day.replace(year=first_day.year + shift, day=min(first_day.day, 28))
                    shift = 0
                f = _shifted(first_day, unit, shift, f.start, f.end)
        result.append(f)
    return result


def all_matches(doc: Doc, ctx: Context) -> list[Found]:
    """What the patterns over the text and the grammar over the tokens find, overlaps settled, anaphors
    resolved."""
    matches = [*rule_matches(ctx.text, ctx), *grammar_matches(doc, ctx)]
    return resolve_anaphors(non_overlapping(matches), ctx.text, ctx)


def resolve_text(text: str, published: dt.date | None, tense: Tense = "past") -> list[DateMention]:
    """Every date the rules find in a plain string, resolved with a fixed tense (no parse needed)."""
    ctx = Context(published, lambda start, end: tense, text)
    return [to_mention(text, f) for f in all_matches(_tokenizer()(text), ctx)]


def to_mention(text: str, found: Found) -> DateMention:
    return DateMention(
        text[found.start:found.end], found.start, found.end, found.value, found.precision, found.period
    )


# --- tense of the governing verb --------------------------------------------------------------------------


def governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and not span.start <= token.i < span.end:
            return token
        if token.head is token:
            break
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def verb_tense(verb: Token) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or words & MODAL_AUX:
        return "future"
    if any(a.tag_ == "TO" for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "unsure"
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "future"  # "is travelling on Monday": the present progressive plans
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "do", "does"}:
        return "present"
    if verb.head is not verb and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl"):
        return verb_tense(verb.head)
    return "past"


def doc_tense_at(doc: Doc) -> Callable[[int, int], Tense]:
    def tense_at(start: int, end: int) -> Tense:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not doc.has_annotation("DEP"):
            return "past"
        verb = governing_verb(span)
        return verb_tense(verb) if verb is not None else "past"

    return tense_at


# --- parser entities the rules missed ---------------------------------------------------------------------


def entity_dates(doc: Doc, ctx: Context, taken: list[Found]) -> list[Found]:
    """DATE entities no rule matched that ``dateparser`` reads as a full calendar date ("10.01.2022")."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(ent.start_char < f.end and f.start < ent.end_char for f in taken):
            continue
        text = ent.text
        if not re.search(r"\d", text) or DURATION_WORDS.search(text) or re.search(UNIT, text, re.I):
            continue
        if not re.fullmatch(r"[\w.,/ -]+", text) or not re.search(r"\d{4}|\d+[./-]\d+[./-]\d+", text):
            continue
        parsed = parse_with_dateparser(text, ctx.published)
        if parsed is not None:
            found.append(Found(ent.start_char, ent.end_char, *parsed))
    return found


def parse_with_dateparser(text: str, published: dt.date | None) -> Resolved | None:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"]}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    if data.period == "year":
        return f"{day.year:04d}", "year"
    return day.isoformat(), "day"


def in_date_entity(doc: Doc) -> Callable[[int, int], bool]:
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    return inside


# --- the stage --------------------------------------------------------------------------------------------


def find_dates(doc: Doc, *, use_entities: bool = True) -> tuple[DateMention, ...]:
    """Every date mention in a parsed Doc, resolved against its article's publication day."""
    article = article_of(doc)
    # The article's text is the Doc's (the runner makes one from the other); spaCy joins ``Doc.text`` from
    # every token on each read, which cost more than the rest of this stage.
    text = article.text if article is not None else doc.text
    ctx = Context(published_date(doc), doc_tense_at(doc), text, in_date_entity(doc))
    found = all_matches(doc, ctx)
    if use_entities:
        found = sorted(found + entity_dates(doc, ctx, found), key=lambda f: f.start)
    return tuple(to_mention(ctx.text, f) for f in found)


class DateTagger:
    def __init__(self, nlp: Language, name: str, *, use_entities: bool) -> None:
        self.name = name
        self.use_entities = use_entities

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_dates = find_dates(doc, use_entities=self.use_entities)
        return doc


@Language.factory("newsevents_dates", assigns=["doc._.ne_dates"], default_config={"use_entities": True})
def make_dates(nlp: Language, name: str, use_entities: bool) -> DateTagger:
    return DateTagger(nlp, name, use_entities=use_entities)
