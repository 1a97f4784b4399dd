"""One event per happening: repeated mentions of one happening (same sub-event type, place and day) merge
into one event that keeps every mention's evidence; its date, counts, modality and confidence are
the mentions' merged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from newsevents.events.arguments import dedupe_actors, fallback_killed, location_of
from newsevents.events.lexicon import Lexicon
from newsevents.events.mentions import Inputs, Mention, find_mentions
from newsevents.events.modality import MODALITY_ORDER
from newsevents.events.ontology import Ontology, SubEventType
from newsevents.model import COUNT_FIELDS, Counts, DateSpan, Event, Evidence, Location, Modality
from newsevents.timespan import date_span_for

BASE_ZONE_FACTOR = {"body": 1.0, "headline": 0.9, "caption": 0.8}


def cluster(mentions: list[Mention], key: object) -> list[list[Mention]]:
    """Group mentions by a value (a place, a day); a mention without one joins the nearest group with one."""
    groups: dict[object, list[Mention]] = {}
    loose: list[Mention] = []
    for m in mentions:
        value = key(m)  # type: ignore[operator]
        (groups.setdefault(value, []) if value is not None else loose).append(m)
    if not groups:
        return [loose] if loose else []
    for m in loose:
        nearest = min(groups.values(), key=lambda g: min(abs(x.start_char - m.start_char) for x in g))
        nearest.append(m)
    return list(groups.values())


def merge_mentions(mentions: list[Mention], focus: str | None) -> list[list[Mention]]:
    """One event per (sub-event type, place, day): repeated mentions of one happening become one event.
    A phone call and a summit are both diplomatic events but not one event: the PLOVER mode tells them
    apart."""
    by_sub: dict[str, list[Mention]] = {}
    for m in mentions:
        country = m.place.country_code if m.place else focus
        by_sub.setdefault(f"{m.sub.name}|{country}|{m.plover.type}|{m.plover.mode}", []).append(m)
    events: list[list[Mention]] = []
    for group in by_sub.values():
        for placed in cluster(group, lambda m: m.place.name if m.place else None):
            events.extend(cluster(placed, lambda m: m.date.value if m.date else None))
    return sorted(events, key=lambda g: min(m.start_char for m in g))


def event_date(mentions: Sequence[Mention], published: dt.date | None) -> DateSpan:
    dated = [m.date for m in mentions if m.date is not None]
    if dated:
        return date_span_for(dated[:1])
    if published is None:
        return DateSpan(None, None, None)
    # Undated news is about the days before publication: ACLED's "within a week" precision.
    day = published.isoformat()
    return DateSpan(day, day, 2)


def merged_counts(mentions: Sequence[Mention]) -> tuple[Counts, list[tuple[int, int]]]:
    """ACLED's conservative rule: of several figures for one category, the lowest precise one."""
    values: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for category in COUNT_FIELDS:
        found = [c for m in mentions for c in m.counts if c.category == category]
        if not found:
            continue
        precise = [c for c in found if not c.approximate]
        chosen = min(precise or found, key=lambda c: c.value)
        values[category] = chosen.value
        spans.extend((c.start, c.end) for c in found)
    if "killed" not in values:
        ones = [v for m in mentions if (v := fallback_killed(m)) is not None]
        if ones:
            values["killed"] = 1
    return Counts(**values), spans


def merged_modality(mentions: Sequence[Mention]) -> tuple[Modality, int | None]:
    """The body decides over headlines and captions; one plain assertion makes the event asserted."""
    body = [m for m in mentions if m.zone == "body"] or list(mentions)
    best = min(body, key=lambda m: (MODALITY_ORDER[m.modality], m.start_char))
    claim = (
        best.source_claim
        if best.source_claim is not None
        else next(
            (m.source_claim for m in body if m.source_claim is not None and best.modality != "asserted"), None
        )
    )
    return best.modality, claim


def confidence_of(mentions: Sequence[Mention], location: Location | None, modality: Modality) -> float:
    best = max(m.weight * BASE_ZONE_FACTOR.get(m.zone, 1.0) for m in mentions)
    score = best
    if len(mentions) > 1:
        score += 0.05 * min(len(mentions) - 1, 3)
    if location is None or location.geo_precision == 3:
        score *= 0.95
    if all(m.date is None for m in mentions):
        score *= 0.97
    if modality == "claimed":
        score *= 0.9
    elif modality != "asserted":
        score *= 0.8
    return max(0.0, min(1.0, score))


def build_event(mentions: Sequence[Mention], inputs: Inputs) -> Event:
    first = max(mentions, key=lambda m: m.weight)
    place = next((m.place for m in mentions if m.place is not None), None)
    location = location_of(place, inputs.focus, inputs.places)
    modality, claim = merged_modality(mentions)
    counts, count_spans = merged_counts(mentions)
    spans: set[tuple[int, int]] = set(count_spans)
    doc = first.sent.doc
    for m in mentions:
        spans.add(
            (
                int(doc[m.trigger.start].idx),
                int(doc[m.trigger.end - 1].idx + len(doc[m.trigger.end - 1].text)),
            )
        )
        spans.update(m.extra_evidence)
        if m.date is not None:
            spans.add((m.date.start, m.date.end))
        if m.place is not None:
            spans.add((m.place.start, m.place.end))
    actors = dedupe_actors(a for m in mentions for a in m.actors)
    return Event(
        event_type=first.sub.event_type,
        sub_event_type=first.sub.name,
        plover=first.plover,
        date=event_date(mentions, inputs.published),
        location=location,
        actors=tuple(actors),
        counts=counts,
        modality=modality,
        evidence=tuple(Evidence(s, e) for s, e in sorted(spans)),
        source_claim=claim,
        confidence=confidence_of(mentions, location, modality),
    )


def detect_events(doc: Doc, lexicon: Lexicon, ontology: Ontology, inputs: Inputs) -> tuple[Event, ...]:
    """The events of a parsed article, given what the earlier stages found in it."""
    mentions = find_mentions(doc, lexicon, ontology, inputs)
    return tuple(build_event(group, inputs) for group in merge_mentions(mentions, inputs.focus))


def with_sub_event(event: Event, sub: SubEventType, confidence: float) -> Event:
    return replace(
        event, event_type=sub.event_type, sub_event_type=sub.name, plover=sub.plover, confidence=confidence
    )
