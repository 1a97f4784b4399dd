"""Whole-record scoring against ``events_gold``: hand-written gold events and claims for VOA stories.

The rules are those of the set's README ("Scoring"); the headline figures equal the reference scorer's.

- A gold event is *found* when some predicted event has an accepted type (the gold pair or one of
  ``accept.types``) and an evidence span that overlaps an occurrence of the gold ``evidence_text`` or
  of one of its ``supporting_text`` strings.
- It is *right* when one of those predicted events also has the right date start (the gold one, one
  within ``accept.date_start_range``, or the start of one of ``accept.dates``), the right place (same
  country, and for a town within 25 km or the same GeoNames id; ``accept.locations`` names or records
  are alternatives), and every gold count (or one of ``accept.counts``).
- ``predicted_supported`` is the share of predicted events that some gold event, must or not, supports
  by type and evidence.
- A gold claim is *found* when a predicted ``content_span`` overlaps its ``content_text``; its speaker
  is right when one such claim names the gold speaker's surname, or (organisations) ends with a word of
  the gold name. Pronouns never count.

Claims whose speaker is not right are counted by kind (``claims_speaker_errors``: not found, another
name, a description kept, no name) and listed (``claims_speaker_misses``).

Event places: ``town_within_25km`` is the share of found gold events at a town the story names (geo_precision
1) that a matching prediction places within 25 km of it (``town_within_25km_all`` counts the events not found
as misses too).

Besides the headline figures: events per article (ours and gold), figures per kind of story (the kind comes
from the type of the story's first ``must`` event; "analysis" when there is none) and ``must_misses``, one
line for each ``must`` event that is not right, saying why.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Scores
from newsevents.gazetteer.distance import haversine_km

Record = dict[str, Any]
Span = tuple[int, int]

TOWN_RADIUS_KM = 25.0
NOT_SPEAKERS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "who", "some"}
    | {"officials"}
)

KINDS = ("attack", "protest", "arrest", "disaster", "diplomacy", "analysis")
KIND_OF_SUB_TYPE = {
    "Arrests": "arrest",
    "Natural disaster": "disaster",
    "Man-made disaster": "disaster",
}
KIND_OF_EVENT_TYPE = {
    "Battles": "attack",
    "Violence against civilians": "attack",
    "Explosions/Remote violence": "attack",
    "Riots": "attack",
    "Protests": "protest",
    "Strategic developments": "diplomacy",  # diplomatic events, agreements, changes to groups, "Other"
}


# -- gold ---------------------------------------------------------------------------------------------------


def load_gold(gold_dir: Path) -> list[Record]:
    """Every gold story (a ``*.json`` file with an ``input``) under ``gold_dir``, in path order."""
    if not gold_dir.is_dir():
        raise EvalError(f"events_gold folder not found: {gold_dir}", path=str(gold_dir))
    stories = []
    for path in sorted(gold_dir.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "input" in data:
            stories.append(data)
    if not stories:
        raise EvalError(f"no gold stories in {gold_dir}", path=str(gold_dir))
    return stories


def story_kind(gold_events: Sequence[Record]) -> str:
    """The kind of a story, from the type of its first ``must`` event ("analysis" when it has none)."""
    first = next((e for e in gold_events if e.get("must")), None)
    if first is None:
        return "analysis"
    return KIND_OF_SUB_TYPE.get(first.get("sub_event_type") or "") or KIND_OF_EVENT_TYPE.get(
        first.get("event_type") or "", "other"
    )


# -- spans --------------------------------------------------------------------------------------------------


def find_all(text: str, needles: str | Iterable[str] | None) -> list[Span]:
    """Every occurrence (overlapping ones too) of each needle in ``text``."""
    if needles is None:
        return []
    if isinstance(needles, str):
        needles = [needles]
    spans: list[Span] = []
    for needle in needles:
        if not needle:
            continue
        at = text.find(needle)
        while at != -1:
            spans.append((at, at + len(needle)))
            at = text.find(needle, at + 1)
    return spans


def any_overlap(ours: Iterable[Span], theirs: Sequence[Span]) -> bool:
    return any(a < d and c < b for a, b in ours for c, d in theirs)


def evidence_spans(event: Record) -> list[Span]:
    return [(e["start"], e["end"]) for e in event.get("evidence") or []]


def gold_targets(text: str, gold: Record) -> list[Span]:
    return find_all(text, gold.get("evidence_text")) + find_all(text, gold.get("supporting_text"))


# -- one event's fields -------------------------------------------------------------------------------------


def _accept(gold: Record) -> Record:
    accept: Record = gold.get("accept") or {}
    return accept


def type_accepted(pred: Record, gold: Record) -> bool:
    pair = (pred.get("event_type"), pred.get("sub_event_type"))
    allowed = [(gold["event_type"], gold["sub_event_type"])]
    allowed += [(t[0], t[1]) for t in _accept(gold).get("types", [])]
    return pair in allowed


def date_right(pred: Record, gold: Record) -> bool:
    start = (pred.get("date") or {}).get("start")
    accept = _accept(gold)
    if any(alt.get("start") == start for alt in accept.get("dates", [])):
        return True
    gold_start = (gold.get("date") or {}).get("start")
    if gold_start is None:
        return start is None
    low, high = accept.get("date_start_range", [gold_start, gold_start])
    return start is not None and low <= start <= high


def _folded(name: str | None) -> str:
    return unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower().strip()


def _place_matches(place: Record, alt: Record | str | None) -> bool:
    if isinstance(alt, str):  # an accepted place given by name only
        return bool(_folded(alt)) and _folded(alt) == _folded(place.get("name"))
    if not alt or place.get("country_code") != alt.get("country_code"):
        return False
    if alt.get("geo_precision") != 1 or alt.get("lat") is None or place.get("lat") is None:
        return True  # a region or a country: the country is enough
    if alt.get("geonames_id") and alt.get("geonames_id") == place.get("geonames_id"):
        return True
    return haversine_km(alt["lat"], alt["lon"], place["lat"], place["lon"]) <= TOWN_RADIUS_KM


def place_right(pred: Record, gold: Record) -> bool:
    gold_place = gold.get("location")
    if not gold_place:
        return True  # no place to get wrong (calls, conferences, the sea)
    place = pred.get("location") or {}
    alternatives = [gold_place, *_accept(gold).get("locations", [])]
    return any(_place_matches(place, alt) for alt in alternatives)


def counts_right(pred: Record, gold: Record) -> bool:
    ours = pred.get("counts") or {}
    accepted = _accept(gold).get("counts", {})
    return all(
        ours.get(key) == value or ours.get(key) in accepted.get(key, [])
        for key, value in (gold.get("counts") or {}).items()
    )


FIELD_CHECKS = (("date", date_right), ("place", place_right), ("counts", counts_right))


def fully_right(pred: Record, gold: Record) -> bool:
    return all(check(pred, gold) for _, check in FIELD_CHECKS)


# -- claims -------------------------------------------------------------------------------------------------


def last_word(name: str | None) -> str:
    words = (name or "").replace("'s", "").split()
    return words[-1].lower() if words else ""


def speaker_right(gold_speaker: str | None, pred_speaker: str | None) -> bool:
    """The gold surname is in our speaker, or our speaker's last word (no pronoun) is in the gold name."""
    surname = last_word(gold_speaker)
    if surname and surname in (pred_speaker or "").lower():
        return True
    ours = last_word(pred_speaker)
    gold_words = (gold_speaker or "").lower().replace("'s", "").split()
    return len(ours) > 3 and ours not in NOT_SPEAKERS and ours in gold_words


# Why a gold claim's speaker is not right: no claim of ours holds its words; ours credits another named
# person or body; ours keeps a title or description ("the journalist's lawyer"); ours has no name at all.
SPEAKER_ERRORS = ("not_found", "another_name", "description", "no_name")


def speaker_error(found: Sequence[Record]) -> tuple[str, str | None]:
    """The kind of a wrong speaker, judged on our best claim over the gold words (one with a name first)."""
    if not found:
        return "not_found", None
    named = [c.get("speaker") for c in found if c.get("speaker")]
    ours = named[0] if named else None
    if ours is None or ours.lower() in NOT_SPEAKERS:
        return "no_name", ours
    if not any(word[:1].isupper() for word in ours.split()) or ours[:1].islower():
        return "description", ours
    return "another_name", ours


# -- one story ----------------------------------------------------------------------------------------------


def _miss_reason(story_id: str, gold: Record, found: Sequence[Record]) -> str:
    head = f"{story_id} {gold.get('id')} {gold.get('sub_event_type')}"
    if not found:
        return f"{head}: not found"
    # The candidate with the most fields right (the first one on a tie) says what was wrong.
    best = max(found, key=lambda p: sum(check(p, gold) for _, check in FIELD_CHECKS))
    wrong = [name for name, check in FIELD_CHECKS if not check(best, gold)]
    details = []
    for name in wrong:
        if name == "date":
            ours, theirs = (best.get("date") or {}).get("start"), (gold.get("date") or {}).get("start")
            details.append(f"date {ours} vs {theirs}")
        elif name == "place":
            ours_p, theirs_p = best.get("location") or {}, gold.get("location") or {}
            details.append(
                f"place {ours_p.get('name')}/{ours_p.get('country_code')}"
                f" vs {theirs_p.get('name')}/{theirs_p.get('country_code')}"
            )
        else:
            details.append(f"counts {best.get('counts')} vs {gold.get('counts')}")
    return f"{head}: wrong {'/'.join(wrong)}: {'; '.join(details)}"


@dataclass(slots=True)
class Tally:
    stories: int = 0
    stories_predicted: int = 0
    gold_events: int = 0
    gold_found: int = 0
    must: int = 0
    must_found: int = 0
    must_right: int = 0
    predicted: int = 0
    supported: int = 0
    claims: int = 0
    claims_found: int = 0
    claims_speaker: int = 0
    misses: list[str] = field(default_factory=list)
    speaker_errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SPEAKER_ERRORS, 0))
    speaker_misses: list[str] = field(default_factory=list)
    town_events: int = 0  # gold events placed at a town the story names
    town_found: int = 0
    town_placed: int = 0  # found, and some matching prediction is within 25 km of the town


def names_town(text: str, gold: Record) -> bool:
    """The gold event lies at a town (geo_precision 1, with a point) whose name the story writes."""
    place = gold.get("location") or {}
    if place.get("geo_precision") != 1 or place.get("lat") is None or place.get("lon") is None:
        return False
    return bool(_folded(place.get("name"))) and _folded(place.get("name")) in _folded(text)


def placed_at_town(pred: Record, gold: Record) -> bool:
    """The predicted event lies within 25 km of the gold town (or is the same GeoNames place)."""
    town, place = gold.get("location") or {}, pred.get("location") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return False
    if town.get("geonames_id") and town.get("geonames_id") == place.get("geonames_id"):
        return True
    return haversine_km(town["lat"], town["lon"], place["lat"], place["lon"]) <= TOWN_RADIUS_KM


def score_story(gold_story: Record, pred: Record | None, tally: Tally, kind_tally: Tally) -> None:
    text = gold_story["input"]["text"]
    story_id = gold_story["id"]
    ours = (pred or {}).get("events") or []
    our_claims = (pred or {}).get("claims") or []
    golds = gold_story.get("events") or []
    targets = [gold_targets(text, g) for g in golds]
    for t in (tally, kind_tally):
        t.stories += 1
        t.stories_predicted += pred is not None
        t.gold_events += len(golds)
        t.predicted += len(ours)
    for gold, spans in zip(golds, targets, strict=True):
        found = [p for p in ours if type_accepted(p, gold) and any_overlap(evidence_spans(p), spans)]
        right = any(fully_right(p, gold) for p in found)
        must = bool(gold.get("must"))
        for t in (tally, kind_tally):
            t.gold_found += bool(found)
            t.must += must
            t.must_found += must and bool(found)
            t.must_right += must and right
        if must and not right:
            tally.misses.append(_miss_reason(story_id, gold, found))
        if names_town(text, gold):
            placed = any(placed_at_town(p, gold) for p in found)
            for t in (tally, kind_tally):
                t.town_events += 1
                t.town_found += bool(found)
                t.town_placed += placed
    pairs = list(zip(golds, targets, strict=True))
    supported = sum(
        1 for p in ours if any(type_accepted(p, g) and any_overlap(evidence_spans(p), s) for g, s in pairs)
    )
    for gold_claim in gold_story.get("claims") or []:
        spans = find_all(text, gold_claim["content_text"])
        found = [
            c for c in our_claims if c.get("content_span") and any_overlap([tuple(c["content_span"])], spans)
        ]
        speaker = any(speaker_right(gold_claim.get("speaker"), c.get("speaker")) for c in found)
        for t in (tally, kind_tally):
            t.claims += 1
            t.claims_found += bool(found)
            t.claims_speaker += speaker
        if not speaker:
            kind, ours = speaker_error(found)
            tally.speaker_errors[kind] += 1
            tally.speaker_misses.append(
                f"{story_id} {kind}: {gold_claim.get('speaker')!r} vs {ours!r}: "
                f"{gold_claim['content_text'][:60]}"
            )
    for t in (tally, kind_tally):
        t.supported += supported


@dataclass(frozen=True, slots=True)
class KindScores:
    """The figures of the stories of one kind."""

    articles: int
    must_events: int
    must_right: float
    predicted_events: int
    predicted_supported: float


@dataclass(frozen=True, slots=True)
class EventsGoldScores(Scores):
    """The set's figures, in the report's order (see the module's text)."""

    docs: int
    docs_predicted: int
    must_events: int
    must_found: float
    must_right: float
    all_found: float
    predicted_events: int
    predicted_supported: float
    town_events: int
    town_within_25km: float
    town_within_25km_all: float
    claims: int
    claims_found: float
    claims_speaker_right: float
    claims_speaker_errors: Mapping[str, int]  # by kind, in SPEAKER_ERRORS' order
    events_per_article: float
    gold_events_per_article: float
    events_per_article_ratio: float
    by_kind: Mapping[str, KindScores]  # KINDS' order, then any other kind by name
    must_misses: tuple[str, ...]
    claims_speaker_misses: tuple[str, ...]


def _share(part: int, whole: int) -> float:
    return round(part / max(1, whole), 4)


# -- the set ------------------------------------------------------------------------------------------------


def score(predictions: Mapping[str, Record], gold_dir: Path) -> EventsGoldScores:
    """Figures over every gold story in ``gold_dir``; a story with no prediction has predicted nothing."""
    tally = Tally()
    by_kind: dict[str, Tally] = {}
    for story in load_gold(gold_dir):
        kind = story_kind(story.get("events") or [])
        score_story(story, predictions.get(story["id"]), tally, by_kind.setdefault(kind, Tally()))
    ours_per_article = tally.predicted / max(1, tally.stories)
    gold_per_article = tally.gold_events / max(1, tally.stories)
    return EventsGoldScores(
        docs=tally.stories,
        docs_predicted=tally.stories_predicted,
        must_events=tally.must,
        must_found=_share(tally.must_found, tally.must),
        must_right=_share(tally.must_right, tally.must),
        all_found=_share(tally.gold_found, tally.gold_events),
        predicted_events=tally.predicted,
        predicted_supported=_share(tally.supported, tally.predicted),
        town_events=tally.town_events,
        town_within_25km=_share(tally.town_placed, tally.town_found),
        town_within_25km_all=_share(tally.town_placed, tally.town_events),
        claims=tally.claims,
        claims_found=_share(tally.claims_found, tally.claims),
        claims_speaker_right=_share(tally.claims_speaker, tally.claims),
        claims_speaker_errors=MappingProxyType(dict(tally.speaker_errors)),
        events_per_article=round(ours_per_article, 4),
        gold_events_per_article=round(gold_per_article, 4),
        events_per_article_ratio=round(ours_per_article / gold_per_article, 4) if gold_per_article else 0,
        by_kind=MappingProxyType({
            kind: KindScores(
                articles=t.stories,
                must_events=t.must,
                must_right=_share(t.must_right, t.must),
                predicted_events=t.predicted,
                predicted_supported=_share(t.supported, t.predicted),
            )
            for kind in (*KINDS, *sorted(set(by_kind) - set(KINDS)))
            if (t := by_kind.get(kind)) is not None
        }),
        must_misses=tuple(tally.misses),
        claims_speaker_misses=tuple(tally.speaker_misses),
    )
