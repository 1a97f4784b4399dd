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
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsevents.model import DateMention, DatePrecision
from newsevents.pipeline.doc import published_date
from newsevents.timespan import add_months, mention_bounds
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


@rule(rf"(?P<m>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", re.I)
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
    rf"\b(?:(?P<mod>later|earlier|early|late|last|next|this)\s+)?(?P<w>{WEEKDAY})"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
    re.I,
)
def weekday(m: re.Match[str], ctx: Context) -> list[Found]:
    if ctx.published is None or not m["w"][0].isupper():
        return []
    if ctx.word_before(m.start("w")) in NAMED_DAYS:
        return []
    mod = (m["mod"] or "").lower()
    tense = ctx.tense_at(m.start(), m.end())
    day = weekday_date(WEEKDAYS[m["w"].lower()], ctx.published, tense, mod)
    return day_found(m.start(), m.end(), day)


@rule(
    r"\b(?:(?:earlier|later|early|late)\s+)?"
    r"(?P<w>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night)\b",
    re.I,
)
def deictic_day(m: re.Match[str], ctx: Context) -> list[Found]:
    if ctx.published is None:
        return []
    word = m["w"].lower()
    shift = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
    return day_found(m.start(), m.end(), ctx.published + dt.timedelta(days=shift))


@rule(
    r"\b(?:(?:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of|earlier|later|early|late|mid)"
    r"(?:\s+|-))?(?P<rel>this|last|next|the previous|the following|the coming|the last|the same|the)\s+"
    r"(?P<unit>week|month|year|weekend)\b(?P<prev>\s+(?:previous|earlier|before(?=\s*(?:[,.;)]|$))))?",
    re.I,
)
def relative_unit(m: re.Match[str], ctx: Context) -> list[Found]:
    if ctx.published is None:
        return []
    rel, unit = m["rel"].lower(), m["unit"].lower()
    anaphoric = rel == "the previous" or bool(m["prev"])
    if rel in ("the", "the same") and not m["prev"]:
        # "the year" alone points back at another date; "the end of the year" is this one.
        if m.start() == m.start("rel"):
            return []
        rel = "this"
    if rel in ("the previous", "the last") or m["prev"]:
        rel = "last"
    if rel == "the coming":
        rel = "next"
    # "over the last year" is a stretch of time, but "a profit for the last year" is the year before.
    if rel == "last" and unit != "weekend" and ctx.word_before(m.start()) in ("past", "over", "within"):
        return []
    shift = {"this": 0, "last": -1, "next": 1}.get(rel)
    if shift is None:
        return []
    found = _shifted(ctx.published, unit, shift, m.start(), m.end())
    return [replace(found, after_previous=(unit, shift)) if anaphoric else found]


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


@rule(rf"\b(?P<n>{NUMBER})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|before|later|from now|hence)\b", re.I)
def units_ago(m: re.Match[str], ctx: Context) -> list[Found]:
    if ctx.published is None:
        return []
    n = number_value(m["n"])
    direction = m["dir"].lower()
    if n is None or (direction in ("earlier", "before", "later") and ctx.word_before(m.start()) in ("than",)):
        return []
    if direction in ("earlier", "before", "later"):
        # "three days later" counts from another event, not from the publication day.
        return []
    sign = -1 if direction == "ago" else 1
    unit = m["unit"].lower().rstrip("s")
    if unit == "decade":
        unit, n = "year", n * 10
    return [_shifted(ctx.published, unit, sign * n, m.start(), m.end())]


@rule(
    rf"(?:\b(?:(?:the\s+)?(?:end|beginning|start|middle|spring|summer|autumn|fall|winter)\s+of|early|late|mid)"
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


def resolve_anaphors(found: list[Found], text: str) -> list[Found]:
    """Count "the previous year" from the date mentioned before it in the same sentence, when that date is at
    least as fine as a year ("sales fell last month from the previous year"); otherwise from publication."""
    result: list[Found] = []
    for f in found:
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


def resolve_text(text: str, published: dt.date | None, tense: Tense = "past") -> list[DateMention]:
    """Every date the rules find in a plain string, resolved with a fixed tense (no parse needed)."""
    ctx = Context(published, lambda start, end: tense, text)
    return [to_mention(text, f) for f in resolve_anaphors(non_overlapping(rule_matches(text, ctx)), text)]


def to_mention(text: str, found: Found) -> DateMention:
    return DateMention(text[found.start:found.end], found.start, found.end, found.value, found.precision)


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
    ctx = Context(published_date(doc), doc_tense_at(doc), doc.text, in_date_entity(doc))
    found = resolve_anaphors(non_overlapping(rule_matches(doc.text, ctx)), doc.text)
    if use_entities:
        found = sorted(found + entity_dates(doc, ctx, found), key=lambda f: f.start)
    return tuple(to_mention(doc.text, f) for f in found)


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
