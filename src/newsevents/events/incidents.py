"""From mentions to records: the mentions that tell one happening are gathered into an incident (same kind,
country, agreeing places and days), each incident becomes one record (its most specific place, its most
precise self-told date, its counts by ACLED's conservative rule, every mention's evidence), and each record's
confidence is calibrated (``calibration``) and held to the minimum. docs/events.md tells the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Token

from newsevents.events.arguments import dedupe_actors, fallback_killed, location_of, one_person_held
from newsevents.events.calibration import Calibration, Signals, group_of
from newsevents.events.lexicon import Lexicon
from newsevents.events.mentions import find_mentions, segments
from newsevents.events.modality import MODALITY_ORDER
from newsevents.events.ontology import Ontology, SubEventType
from newsevents.events.records import Inputs, Mention
from newsevents.events.syntax import clause_verb, token_at
from newsevents.gazetteer.distance import haversine_km
from newsevents.model import (
    COUNT_FIELDS,
    Counts,
    DateMention,
    DateSpan,
    Event,
    Evidence,
    Location,
    Modality,
    Place,
    zone_kind_at,
)
from newsevents.timespan import date_span_for, mention_bounds

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

BASE_ZONE_FACTOR = {"body": 1.0, "headline": 0.9, "caption": 0.8}


# Records told within this many sentences of each other keep the rules' order of specificity, each a step
# below the more specific one.
NEAR_SENTENCES = 2
SAME_SENTENCE_STEP = 0.001
# Places further apart than this are different happenings.
SAME_PLACE_KM = 50.0


def family_of(m: Mention) -> str:
    """Mentions of one kind of happening: the sub-event type, and for diplomacy the PLOVER type and mode (a
    phone call and a summit are both diplomatic events but not one event)."""
    return f"{m.sub.name}|{m.plover.type}|{m.plover.mode}"


@dataclass
class Incident:
    """The mentions an article gives of one happening, gathered in reading order."""

    family: str
    country: str | None
    mentions: list[Mention]

    def places(self) -> list[Place]:
        return [m.place for m in self.mentions if m.place is not None]

    def dates(self) -> list[DateMention]:
        return [m.date for m in self.mentions if m.date is not None]


def places_meet(a: Place, b: Place) -> bool:
    if a.country_code != b.country_code:
        return False
    if a.precision == 3 or b.precision == 3:
        # a region and a town in another region are two places; a country holds every town
        return a.feature != "A" or b.feature != "A" or not (a.admin1 and b.admin1) or a.admin1 == b.admin1
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def dates_meet(a: DateMention, b: DateMention) -> bool:
    (a0, a1), (b0, b1) = mention_bounds(a), mention_bounds(b)
    return a0 <= b1 and b0 <= a1


def joins(incident: Incident, m: Mention, country: str | None) -> bool:
    if incident.family != family_of(m) or incident.country != country:
        return False
    if incident.mentions[0].background != m.background:  # history and news are told apart
        return False
    if m.place is not None and not all(places_meet(p, m.place) for p in incident.places()):
        return False
    return m.date is None or all(dates_meet(d, m.date) for d in incident.dates())


def group_incidents(mentions: list[Mention], focus: str | None) -> list[list[Mention]]:
    """Mentions that tell one happening, gathered in reading order: a mention joins the latest incident of
    its kind in the same country whose places and days agree with its own (history and news apart); a
    mention with no place or day of its own agrees with any."""
    incidents: list[Incident] = []
    for m in sorted(mentions, key=lambda m: m.start_char):
        country = m.place.country_code if m.place else focus
        home = next((inc for inc in reversed(incidents) if joins(inc, m, country)), None)
        if home is None:
            incidents.append(Incident(family_of(m), country, [m]))
        else:
            home.mentions.append(m)
    return [inc.mentions for inc in incidents]


def incident_place(mentions: Sequence[Mention]) -> Place | None:
    """The most specific place the mentions tie to the happening (a region before its country); a caption's
    only when the body has none."""
    places = [m.place for m in mentions if m.place is not None and m.zone != "caption"] or [
        m.place for m in mentions if m.place is not None
    ]
    if not places:
        return None
    return min(places, key=lambda p: (p.precision, p.admin1 is None, p.start))


def event_date(mentions: Sequence[Mention], published: dt.date | None) -> DateSpan:
    told = [m.date for m in mentions if m.date is not None and not m.narrative_date]
    dated = told or [m.date for m in mentions if m.date is not None]
    if dated:
        # the most precise date the mentions tell themselves (the narrative's only when none does); of
        # equals, the first told
        best = min(dated, key=lambda d: (PRECISION_RANK.get(d.precision, 9), d.start))
        return date_span_for([best])
    if published is None:
        return DateSpan(None, None, None)
    # Undated news is about the days before publication: ACLED's "within a week" precision.
    day = published.isoformat()
    return DateSpan(day, day, 2)


def added_up(mention: Mention) -> list:  # type: ignore[type-arg]
    """A mention's counts, with conjoined figures of one category added up: "21 passengers and four troops
    died" is 25 dead."""
    doc = mention.sent.doc
    out: list = []  # type: ignore[type-arg]
    heads: list[Token | None] = []
    for count in sorted(mention.counts, key=lambda c: c.start):
        noun = token_at(doc, count.start, count.end)
        partner = next(
            (
                i
                for i, (c, h) in enumerate(zip(out, heads, strict=True))
                if c.category == count.category and h is not None and noun is not None and conjoined(h, noun)
            ),
            None,
        )
        if partner is None:
            out.append(count)
            heads.append(noun)
            continue
        first = out[partner]
        out[partner] = replace(
            first,
            value=first.value + count.value,
            end=count.end,
            approximate=first.approximate or count.approximate,
        )
    return out


def told_as_more(doc: Doc, count: Any) -> bool:
    noun = token_at(doc, count.start, count.end)
    if noun is None:
        return False
    verb = clause_verb(noun)
    return any(c.lower_ == "also" and c.dep_ == "advmod" for c in verb.children)


def conjoined(a: Token, b: Token) -> bool:
    return (b.dep_ == "conj" and b.head.i == a.i) or (a.dep_ == "conj" and a.head.i == b.i)


def merged_counts(mentions: Sequence[Mention]) -> tuple[Counts, list[tuple[int, int]]]:
    """ACLED's conservative rule: of several figures for one category, the lowest precise one."""
    values: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    counted = [c for m in mentions for c in added_up(m)]
    doc = mentions[0].sent.doc
    for category in COUNT_FIELDS:
        found = [c for c in counted if c.category == category]
        if not found:
            continue
        # "Five soldiers were also killed": a figure told as more victims adds to the others'
        more = [c for c in found if told_as_more(doc, c)]
        same = [c for c in found if c not in more] or more
        precise = [c for c in same if not c.approximate]
        chosen = min(precise or same, key=lambda c: c.value)
        values[category] = chosen.value + sum(c.value for c in more if c not in same)
        spans.extend((c.start, c.end) for c in found)
    if "killed" not in values:
        ones = [v for m in mentions if (v := fallback_killed(m)) is not None]
        if ones:
            values["killed"] = 1
    if "arrested" not in values and any(one_person_held(m) for m in mentions):
        values["arrested"] = 1
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


def confidence_of(
    mentions: Sequence[Mention], location: Location | None, modality: Modality, *, borrowed: bool = False
) -> float:
    """The rules' confidence. A record the text places no finer than its country counts as such even when it
    borrowed the article's one town (``borrowed``): the town makes the record's place, not its case."""
    best = max(m.weight * BASE_ZONE_FACTOR.get(m.zone, 1.0) for m in mentions)
    score = best
    if len(mentions) > 1:
        score += 0.05 * min(len(mentions) - 1, 3)
    if location is None or location.geo_precision == 3 or borrowed:
        score *= 0.95
    if all(m.date is None for m in mentions):
        score *= 0.97
    if modality == "claimed":
        score *= 0.9
    elif modality != "asserted":
        score *= 0.8
    return max(0.0, min(1.0, score))


def build_event(mentions: Sequence[Mention], inputs: Inputs, *, one_town: bool = False) -> Event:
    first = max(mentions, key=lambda m: m.weight)
    place = incident_place(mentions)
    location = location_of(place, inputs.focus, inputs.places, one_town=one_town)
    # Placed by the article's one town only (events.geo.sole_town), not by its own words.
    own_country_at_most = place is None or place.precision == 3
    borrowed = own_country_at_most and location is not None and location.geo_precision != 3
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
    # Who took part, as the mentions that tell the happening the way the record does say it (a claim that
    # "the government failed to stop the violence" does not make the government a party to the violence).
    telling = [m for m in mentions if m.modality == modality] or list(mentions)
    actors = dedupe_actors(a for m in telling for a in m.actors)
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
        confidence=confidence_of(mentions, location, modality, borrowed=borrowed),
        background=all(m.background for m in mentions),
    )


def signals_of(mentions: Sequence[Mention], event: Event, lead_end: int) -> Signals:
    best = max(mentions, key=lambda m: m.weight)
    places = [m.place.precision for m in mentions if m.place is not None]
    return Signals(
        group=group_of(best.sub),
        modality=event.modality,
        mentions=len(mentions),
        weight=best.weight,
        own_date=any(m.date is not None and not m.narrative_date for m in mentions),
        place_precision=min(places) if places else 0,
        counts=any(v for v in event.counts.to_dict().values()),
        lead=any(m.zone == "headline" or m.start_char < lead_end for m in mentions),
        verbal=best.anchor.pos_ in ("VERB", "AUX"),
        quoted=sum(1 for m in mentions if m.source_claim is not None) / len(mentions),
        actors=len(event.actors),
        background=event.background,
        rule_score=event.confidence,
        caption_only=all(m.zone == "caption" for m in mentions),
    )


def lead_end(doc: Doc, inputs: Inputs) -> int:
    """Where the lead ends: the end of the body's second sentence."""
    body = [s for s in segments(doc) if zone_kind_at(inputs.zones, s.start_char) == "body"]
    return body[min(1, len(body) - 1)].end_char if body else 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record the mentions make (with the rules' confidence), what the calibration reads of it, and the
    sentences that tell it (their order in the article)."""

    event: Event
    signals: Signals
    sentences: frozenset[int]


def candidate_events(
    doc: Doc, lexicon: Lexicon, ontology: Ontology, inputs: Inputs, *, one_town: bool = False
) -> list[Candidate]:
    """Every record the mentions make, before calibration and the minimum (``one_town``: see
    ``arguments.location_of``)."""
    mentions = find_mentions(doc, lexicon, ontology, inputs)
    end = lead_end(doc, inputs)
    index = {s.start: i for i, s in enumerate(segments(doc))}
    out = []
    for group in group_incidents(mentions, inputs.focus):
        event = build_event(group, inputs, one_town=one_town)
        told = frozenset(index.get(m.sent.start, -1) for m in group)
        out.append(Candidate(event, signals_of(group, event, end), told))
    return out


def calibrated(
    candidates: Sequence[Candidate], calibration: Calibration, minimum: float = 0.0
) -> list[float]:
    """Each record's calibrated probability. Of two records told within a few sentences of each other, the one
    the rules rank higher (the more specific reading: a suicide bombing over an attack) stays the more
    probable: the calibration says how likely each kind of record is, the rules which reading a passage
    means. A record that clears ``minimum`` on its own is never pushed below it by this ordering."""
    own = [calibration.probability(c.signals) for c in candidates]
    probabilities = list(own)
    order = sorted(range(len(candidates)), key=lambda i: -candidates[i].event.confidence)
    for rank, i in enumerate(order):
        for j in order[:rank]:
            above = candidates[j]
            near = any(abs(a - b) <= NEAR_SENTENCES for a in above.sentences for b in candidates[i].sentences)
            if near and above.event.confidence > candidates[i].event.confidence:
                probabilities[i] = min(probabilities[i], probabilities[j] - SAME_SENTENCE_STEP)
    return [max(p, minimum) if o >= minimum else max(p, 0.0) for p, o in zip(probabilities, own, strict=True)]


def detect_events(
    doc: Doc,
    lexicon: Lexicon,
    ontology: Ontology,
    inputs: Inputs,
    *,
    calibration: Calibration | None = None,
    min_confidence: float = 0.0,
    one_town: bool = False,
) -> tuple[Event, ...]:
    """The events of a parsed article, given what the earlier stages found in it: with a calibration, each
    record's confidence is its calibrated probability; records below ``min_confidence`` are left out."""
    candidates = candidate_events(doc, lexicon, ontology, inputs, one_town=one_town)
    if calibration is not None:
        confidences = calibrated(candidates, calibration, min_confidence)
    else:
        confidences = [c.event.confidence for c in candidates]
    return tuple(
        replace(c.event, confidence=round(p, 4))
        for c, p in zip(candidates, confidences, strict=True)
        if p >= min_confidence
    )


def with_sub_event(event: Event, sub: SubEventType, confidence: float) -> Event:
    return replace(
        event, event_type=sub.event_type, sub_event_type=sub.name, plover=sub.plover, confidence=confidence
    )
