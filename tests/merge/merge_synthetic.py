"""Synthetic event reports for the merge tests, built from the model dataclasses (no NLP)."""

from __future__ import annotations

from newsevents.merge import Report, report_from_event
from newsevents.model import Actor, Counts, DateSpan, Event, Evidence, Location, Plover

TOWNS = {
    # name: (country, admin1, lat, lon, geonames id)
    "Lagos": ("NG", "Lagos", 6.45, 3.39, 2332459),
    "Ikeja": ("NG", "Lagos", 6.60, 3.35, 2338635),
    "Kano": ("NG", "Kano", 12.00, 8.52, 2335204),
    "Nairobi": ("KE", "Nairobi Area", -1.29, 36.82, 184745),
}
EVENT_TYPE = {
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Arrests": "Strategic developments",
    "Agreement": "Strategic developments",
    "Attack": "Violence against civilians",
    "Mob violence": "Riots",
    "Armed clash": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Change to group/activity": "Strategic developments",
}


def event(
    sub_type: str = "Peaceful protest",
    *,
    day: str = "2023-05-02",
    precision: int = 1,
    town: str | None = "Lagos",
    actors: tuple[str, ...] = ("Teachers",),
    counts: Counts | None = None,
    modality: str = "asserted",
    end: str | None = None,
    source_claim: int | None = None,
    evidence_start: int = 0,
) -> Event:
    location = None
    if town is not None:
        country, admin1, lat, lon, gid = TOWNS[town]
        location = Location(town, country, admin1, lat, lon, gid, 1)
    return Event(
        event_type=EVENT_TYPE[sub_type],
        sub_event_type=sub_type,
        plover=Plover("PROTEST", None),
        date=DateSpan(day, end or day, precision),
        location=location,
        actors=tuple(Actor(name, "actor1", "Protesters", None) for name in actors),
        counts=counts or Counts(),
        modality=modality,  # type: ignore[arg-type]
        evidence=(Evidence(evidence_start, evidence_start + 10),),
        source_claim=source_claim,
        confidence=0.8,
    )


def report(
    rid: int, article: str, ev: Event, words: str, *, index: int = 0, outlet: str | None = None
) -> Report:
    return report_from_event(
        ev,
        report_id=rid,
        article_id=article,
        index=index,
        evidence_text=words,
        outlet=outlet,
        published=ev.date.start,
    )


def partition(groups: list[list[Report]] | list[tuple[Report, ...]]) -> set[frozenset[tuple[str, str]]]:
    """A clustering as a set of sets of canonical keys: comparable whatever ids or order were used."""
    return {frozenset(r.key for r in g) for g in groups}
