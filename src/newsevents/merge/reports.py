"""What the merger reads: one event report (one article's account of an event), flattened and typed.

A ``Report`` is built by whoever holds the reports (the store from its rows, ``reports_from_results`` from
contract results), so the same merging code runs on a store, on an evaluation set and on synthetic
benchmarks. Its ``key`` orders reports canonically (by date, then by a hash of the content), which is what
makes merging independent of arrival order.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from newsevents.model import Event, cue_denies, read_published_day

WORD = re.compile(r"[^\W\d_]{3,}")
# Words that say nothing about which event a report is about (in news, and in Times of India lower case).
_STOPWORDS = (
    "the and for that with this from were was are has have had been not but they their them its his her "
    "who which when where what said says also after before into over about than more most some other "
    "will would could should there here while during against among between near across under upon "
    "police people official officials report reported reports news according told added "
    # Words of the event type itself: the type is compared separately, so they would count twice.
    "protest protests protested protesters protestors march marched rally rallied demonstration "
    "demonstrators attack attacks attacked killed killing kill dead death deaths injured wounded "
    "arrest arrests arrested detained crowd crowds mob clash clashes clashed violence incident"
)
STOPWORDS = frozenset(_STOPWORDS.split())
# The ACLED time_precision says how sure the date is; a report may then be this many days off.
DATE_SLACK_DAYS = {1: 1, 2: 3, 3: 7}
UNDATED_SLACK_DAYS = 3


@dataclass(frozen=True, slots=True)
class Report:
    """One event report, as merging sees it. ``id``: any int unique among the reports merged together (a
    store gives its own report id)."""

    id: int
    article_id: str  # the article's input id
    index: int  # the report's position in its article's result
    outlet: str  # who published the article (source, else the URL's host, else the article id)
    published: str | None  # the article's publication date or datetime, as given
    event_type: str
    sub_event_type: str
    date_start: str | None
    date_end: str | None
    time_precision: int | None
    location_name: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    geo_precision: int | None
    counts: tuple[tuple[str, int], ...]  # (field, value) for every reported count
    actor_names: frozenset[str]  # lower-cased
    actor_types: frozenset[str]
    modality: str
    source_claim: int | None
    confidence: float
    evidence_start: int | None
    evidence_text: str
    words: frozenset[str]  # the evidence's content words, for comparing wording
    key: tuple[str, str]  # canonical order: (date, content hash)
    # The report's source claim denies it: its cue denies or disputes ("dismissed claims that force was...").
    denied: bool = False
    # Where a reviewer corrected the counts: who did, and the figures the outlet itself gave.
    counts_reviewer: str | None = None
    outlet_counts: tuple[tuple[str, int], ...] = ()

    def count(self, name: str) -> int | None:
        return dict(self.counts).get(name)

    def window(self) -> tuple[date, date] | None:
        """The days the event may fall on, widened by how imprecise its date is."""
        return _window(self.date_start, self.date_end, self.published, self.time_precision)

    def midpoint(self) -> date | None:
        return _midpoint(self.date_start, self.date_end, self.published)


# Cached: merging asks for the same few thousand dates millions of times.
@lru_cache(maxsize=65536)
def _window(start_text: str | None, end_text: str | None, published: str | None,
            precision: int | None) -> tuple[date, date] | None:
    start = _day(start_text) or read_published_day(published)  # the one rule (model)
    end = _day(end_text) or start
    if start is None or end is None:
        return None
    slack = DATE_SLACK_DAYS.get(precision or 0, UNDATED_SLACK_DAYS) if start_text else UNDATED_SLACK_DAYS
    return start - timedelta(days=slack), max(start, end) + timedelta(days=slack)


@lru_cache(maxsize=65536)
def _midpoint(start_text: str | None, end_text: str | None, published: str | None) -> date | None:
    start = _day(start_text) or read_published_day(published)  # the one rule (model)
    end = _day(end_text) or start
    if start is None or end is None:
        return None
    return start + (max(start, end) - start) / 2


SENTENCE_END = re.compile(r"[.!?]\s|\n")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous sentence end to the next one."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() + 1 if after else len(text))


def context_text(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The sentences holding the evidence spans: what merging compares the wording of (the evidence alone
    is often a word or two, too little to tell two nearby events apart)."""
    found = dict.fromkeys(sentence_span(text, s, e) for s, e in spans if 0 <= s <= e <= len(text))
    return " ".join(text[s:e] for s, e in found)


def evidence_words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text.lower()) if w not in STOPWORDS)


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def report_key_text(sub_event_type: str, date_start: str | None, evidence_start: int | None) -> str:
    """The key the labelled evaluation set uses for a report within its article."""
    return f"{sub_event_type}|{date_start or ''}|{'' if evidence_start is None else evidence_start}"


def _content_hash(article_id: str, event_type: str, sub_event_type: str, date_start: str | None,
                  evidence_text: str, evidence_start: int | None) -> str:
    raw = json.dumps([article_id, event_type, sub_event_type, date_start, evidence_start, evidence_text])
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def outlet_of(source: str | None, url: str | None, article_id: str) -> str:
    if source:
        return source.strip().lower()
    if url and "://" in url:
        host = url.split("://", 1)[1].split("/", 1)[0].lower()
        return host.removeprefix("www.")
    return article_id


def report_from_event(
    event: Event, *, report_id: int, article_id: str, index: int, evidence_text: str,
    outlet: str | None = None, published: str | None = None, context: str | None = None,
    denied: bool = False,
) -> Report:
    """A report from a model ``Event`` (for synthetic data and contract results); ``denied``: its source
    claim's cue denies it."""
    loc = event.location
    evidence_start = event.evidence[0].start if event.evidence else None
    return Report(
        id=report_id, article_id=article_id, index=index, outlet=outlet or article_id, published=published,
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        date_start=event.date.start, date_end=event.date.end, time_precision=event.date.precision,
        location_name=loc.name if loc else None, country_code=loc.country_code if loc else None,
        admin1=loc.admin1 if loc else None, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        geonames_id=loc.geonames_id if loc else None, geo_precision=loc.geo_precision if loc else None,
        counts=tuple((k, v) for k, v in event.counts.to_dict().items()),
        actor_names=frozenset(a.name.lower() for a in event.actors),
        actor_types=frozenset(a.type for a in event.actors),
        modality=event.modality, source_claim=event.source_claim, confidence=event.confidence,
        evidence_start=evidence_start, evidence_text=evidence_text,
        words=evidence_words(context or evidence_text),
        key=(event.date.start or (published or "")[:10],
             _content_hash(article_id, event.event_type, event.sub_event_type, event.date.start,
                           evidence_text, evidence_start)),
        denied=denied,
    )


def reports_from_results(
    results: Mapping[str, Mapping[str, Any]], texts: Mapping[str, str] | None = None,
    published: Mapping[str, str | None] | None = None, outlets: Mapping[str, str] | None = None,
) -> Iterator[Report]:
    """Reports from contract result dicts keyed by article id, numbered 0, 1, 2... in sorted article order.

    Without the article ``texts`` the wording is unknown and weighs nothing in the score; with them, the
    words of the sentences holding the evidence are compared."""
    next_id = 0
    for article_id in sorted(results):
        result = results[article_id]
        text = (texts or {}).get(article_id, "")
        cues = [c.get("cue") for c in result.get("claims") or []]
        for index, raw in enumerate(result.get("events") or []):
            event = Event.from_dict(dict(raw))
            claim = event.source_claim
            denied = claim is not None and 0 <= claim < len(cues) and cue_denies(cues[claim])
            words = " … ".join(text[e.start:e.end].strip() for e in event.evidence) if text else ""
            context = context_text(text, ((e.start, e.end) for e in event.evidence)) if text else None
            yield report_from_event(
                event, report_id=next_id, article_id=article_id, index=index, evidence_text=words,
                outlet=(outlets or {}).get(article_id), published=(published or {}).get(article_id),
                context=context, denied=denied,
            )
            next_id += 1

