"""What a merged event says, worked out from its reports, with every field traceable to the report behind it.

The rules, per field:
- type: the sub-event type most reports give (ties: the more confident report, then the canonical key);
  the event type is that report's.
- date: the most precise report's date (ACLED time_precision 1 beats 2 beats 3; then the narrower span).
- location: the most precise report's place (geo_precision 1 beats 2 beats 3; then the place most reports
  name); the country is that place's, else the country most reports give.
- confidence: the highest confidence among the reports (the store passes only those no reviewer rejected,
  and gives 0 to an event whose every report was rejected).
- modality: the most factual one among the reports, in the order asserted < claimed < planned < hypothetical
  < negated, a report whose source claim denies it ("dismissed claims that...") counting as negated. One
  report stating the event as fact makes it asserted; it is negated only when every report denies it.
- counts: ACLED's conservative rule, the lowest well-sourced figure. A figure is well sourced when its report
  states the event as fact (modality "asserted", not known only through someone's claim); when no report
  does, the lowest figure of a claimed report is used. Negated (or denied), hypothetical and planned reports
  never give a figure. Every reported figure is kept in ``figures`` with the report and article it came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsevents.merge.reports import Report
from newsevents.model import COUNT_FIELDS, Actor, Counts, DateSpan, Location

MODALITIES = ("asserted", "claimed", "planned", "hypothetical", "negated")  # most factual first
UNSTATED = frozenset({"negated", "hypothetical", "planned"})  # modalities that report no happening
Stance = Literal["asserted", "denied"]


@dataclass(frozen=True, slots=True)
class FieldSource:
    """Which report a merged field was taken from."""

    field: str  # "sub_event_type", "date", "location", "country_code" or a count name
    report_id: int
    article_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "report_id": self.report_id, "article_id": self.article_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FieldSource:
        return cls(str(d["field"]), int(d["report_id"]), str(d["article_id"]))


@dataclass(frozen=True, slots=True)
class Figure:
    """One count as one report gave it."""

    field: str
    value: int
    report_id: int
    article_id: str
    well_sourced: bool
    # A reviewer's correction of the report's figure: who made it (the outlet did not say this number).
    reviewer: str | None = None
    # The outlet's own figure that a reviewer replaced: shown for the record, never chosen.
    superseded: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "report_id": self.report_id,
                "article_id": self.article_id, "well_sourced": self.well_sourced, "reviewer": self.reviewer,
                "superseded": self.superseded}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        return cls(str(d["field"]), int(d["value"]), int(d["report_id"]), str(d["article_id"]),
                   bool(d["well_sourced"]), d.get("reviewer"), bool(d.get("superseded", False)))


@dataclass(frozen=True, slots=True)
class EventClaim:
    """Someone's statement about a merged event, from one of its articles."""

    stance: Stance
    speaker: str | None
    content: str
    article_id: str
    report_id: int  # the member report the claim is about
    claim_index: int  # the claim's index in its article's result
    link: Literal["source_claim", "sentence"]  # how the claim was tied to the report

    def to_dict(self) -> dict[str, Any]:
        return {"stance": self.stance, "speaker": self.speaker, "content": self.content,
                "article_id": self.article_id, "report_id": self.report_id, "claim_index": self.claim_index,
                "link": self.link}


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One real-world event and the reports it was merged from."""

    id: int | None  # the store's merged_events id (None before it is stored)
    event_type: str
    sub_event_type: str
    date: DateSpan
    location: Location | None
    country_code: str | None
    counts: Counts
    n_reports: int
    n_outlets: int
    first_report: str | None  # the earliest and latest publication time among the articles
    last_report: str | None
    reports: tuple[int, ...]  # member report ids, in canonical order
    sources: tuple[FieldSource, ...]
    figures: tuple[Figure, ...]
    claims: tuple[EventClaim, ...] = ()
    # Filled in when read from a store: the actor each role is given by most member reports (sources say
    # which report each came from).
    actors: tuple[Actor, ...] = ()
    confidence: float = 0.0  # the highest confidence among its reports that no reviewer rejected
    modality: str = "asserted"  # the most factual of its reports' (``merged_modality``)

    def source_of(self, field: str) -> FieldSource | None:
        return next((s for s in self.sources if s.field == field), None)

    @property
    def asserted_by(self) -> dict[str | None, tuple[EventClaim, ...]]:
        return _by_speaker(c for c in self.claims if c.stance == "asserted")

    @property
    def denied_by(self) -> dict[str | None, tuple[EventClaim, ...]]:
        return _by_speaker(c for c in self.claims if c.stance == "denied")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "event_type": self.event_type, "sub_event_type": self.sub_event_type,
            "date": self.date.to_dict(), "location": self.location.to_dict() if self.location else None,
            "country_code": self.country_code, "counts": self.counts.to_dict(), "n_reports": self.n_reports,
            "n_outlets": self.n_outlets, "first_report": self.first_report, "last_report": self.last_report,
            "reports": list(self.reports), "sources": [s.to_dict() for s in self.sources],
            "figures": [f.to_dict() for f in self.figures], "claims": [c.to_dict() for c in self.claims],
            "actors": [a.to_dict() for a in self.actors], "confidence": round(self.confidence, 4),
            "modality": self.modality,
        }


def _by_speaker(claims: Any) -> dict[str | None, tuple[EventClaim, ...]]:
    grouped: dict[str | None, list[EventClaim]] = {}
    for claim in claims:
        grouped.setdefault(claim.speaker, []).append(claim)
    return {speaker: tuple(found) for speaker, found in grouped.items()}


def summarise(reports: Sequence[Report], event_id: int | None = None) -> MergedEvent:
    """The merged event that ``reports`` (at least one) describe."""
    if not reports:
        raise ValueError("a merged event needs at least one report")
    ordered = sorted(reports, key=lambda r: r.key)
    typed = _typed_by(ordered)
    dated = _dated_by(ordered)
    placed = _placed_by(ordered)
    country, country_from = _country(ordered, placed)
    counts, figures, count_sources = _counts(ordered)
    sources = [_source("sub_event_type", typed)]
    if dated is not None:
        sources.append(_source("date", dated))
    if placed is not None:
        sources.append(_source("location", placed))
    if country_from is not None:
        sources.append(_source("country_code", country_from))
    sources.extend(count_sources)
    published = sorted(r.published for r in ordered if r.published)
    return MergedEvent(
        id=event_id, event_type=typed.event_type, sub_event_type=typed.sub_event_type,
        date=DateSpan(dated.date_start, dated.date_end, dated.time_precision) if dated
        else DateSpan(None, None, None),
        location=_location(placed) if placed else None, country_code=country, counts=counts,
        n_reports=len(ordered), n_outlets=len({r.outlet for r in ordered}),
        first_report=published[0] if published else None, last_report=published[-1] if published else None,
        reports=tuple(r.id for r in ordered), sources=tuple(sources), figures=tuple(figures),
        confidence=max(r.confidence for r in ordered), modality=merged_modality(ordered),
    )


def stated_modality(report: Report) -> str:
    """A report's modality, "negated" when its source claim denies it."""
    return "negated" if report.denied else report.modality


def merged_modality(reports: Sequence[Report]) -> str:
    """The most factual modality among ``reports``' (see ``most_factual``)."""
    return most_factual(stated_modality(r) for r in reports)


def most_factual(modalities: Iterable[str]) -> str:
    """The first of ``modalities`` in the order asserted, claimed, planned, hypothetical, negated."""
    return min(modalities, key=lambda m: _RANK.get(m, len(_RANK)))


_RANK = {m: i for i, m in enumerate(MODALITIES)}


def _source(field: str, report: Report) -> FieldSource:
    return FieldSource(field, report.id, report.article_id)


def _typed_by(reports: Sequence[Report]) -> Report:
    votes = Counter(r.sub_event_type for r in reports)
    return min(reports, key=lambda r: (-votes[r.sub_event_type], -r.confidence, r.key))


def _dated_by(reports: Sequence[Report]) -> Report | None:
    dated = [r for r in reports if r.date_start]
    if not dated:
        return None

    def span(r: Report) -> int:
        window = r.window()
        return (window[1] - window[0]).days if window else 0

    return min(dated, key=lambda r: (r.time_precision or 4, span(r), r.key))


def _placed_by(reports: Sequence[Report]) -> Report | None:
    placed = [r for r in reports if r.location_name is not None and r.lat is not None]
    if not placed:
        return None
    names = Counter(r.location_name for r in placed)
    return min(placed, key=lambda r: (r.geo_precision or 4, -names[r.location_name], r.key))


def _country(reports: Sequence[Report], placed: Report | None) -> tuple[str | None, Report | None]:
    if placed is not None and placed.country_code:
        return placed.country_code, placed
    votes = Counter(r.country_code for r in reports if r.country_code)
    if not votes:
        return None, None
    best = min(votes, key=lambda c: (-votes[c], c))
    return best, next(r for r in reports if r.country_code == best)


def _location(r: Report) -> Location:
    assert r.location_name is not None and r.lat is not None and r.lon is not None
    return Location(r.location_name, r.country_code or "", r.admin1, r.lat, r.lon, r.geonames_id,
                    r.geo_precision or 3)


def _counts(reports: Sequence[Report]) -> tuple[Counts, list[Figure], list[FieldSource]]:
    figures: list[Figure] = []
    for r in reports:
        if stated_modality(r) in UNSTATED:
            continue
        well_sourced = r.modality == "asserted" and r.source_claim is None
        figures += [Figure(name, value, r.id, r.article_id, well_sourced, r.counts_reviewer)
                    for name, value in r.counts]
        # What the outlet itself said, where a reviewer corrected it: kept, credited to the outlet, not used.
        figures += [Figure(name, value, r.id, r.article_id, well_sourced, superseded=True)
                    for name, value in r.outlet_counts]
    chosen: dict[str, int] = {}
    sources: list[FieldSource] = []
    for name in COUNT_FIELDS:
        given = [f for f in figures if f.field == name and not f.superseded]
        pool = [f for f in given if f.well_sourced] or given
        if pool:
            lowest = min(pool, key=lambda f: (f.value, f.report_id))
            chosen[name] = lowest.value
            sources.append(FieldSource(name, lowest.report_id, lowest.article_id))
    return Counts(**chosen), figures, sources


MAX_ASSOCIATED = 5  # associated actors kept on a merged event


def vote_actors(
    given: Sequence[tuple[FieldSource, Actor]],
) -> tuple[tuple[Actor, ...], tuple[FieldSource, ...]]:
    """The merged event's actors from its reports' actors (each with the report that gave it): for actor1 and
    actor2 the name most reports give (ties: the earliest report), then the other names as associated
    actors. Returns the actors and, for actor1 and actor2, the report each was taken from."""
    chosen: list[Actor] = []
    sources: list[FieldSource] = []
    for role in ("actor1", "actor2"):
        in_role = [(src, actor) for src, actor in given if actor.role == role]
        votes = Counter(actor.name for _, actor in in_role)
        taken = {a.name for a in chosen}
        ranked = sorted((p for p in in_role if p[1].name not in taken),
                        key=lambda p: (-votes[p[1].name], p[0].report_id))
        if ranked:
            src, actor = ranked[0]
            chosen.append(actor)
            sources.append(FieldSource(role, src.report_id, src.article_id))
    names = {a.name for a in chosen}
    for _, actor in sorted(given, key=lambda p: p[0].report_id):
        if actor.name not in names and len(chosen) < 2 + MAX_ASSOCIATED:
            chosen.append(Actor(actor.name, "associated", actor.type, actor.country_code))
            names.add(actor.name)
    return tuple(chosen), tuple(sources)
