"""PLOVER JSON Lines: one event record a line, as the PLOVER specification (Open Event Data Alliance,
https://github.com/openeventdata/PLOVER, PLOVER_MANUAL; the 2024 revision used by POLECAT) names the fields.

The project's codebook (``data/ontology.json``) keeps the PLOVER labels its evaluation data uses, which
predate the 2024 revision; records are written in the revision's vocabulary: its 16 event types (FIGHT is
folded into ASSAULT, DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE), each type's modes as the
manual lists them (COERCE ``seize``, not ``confiscate``; property destruction is an ASSAULT ``destroy``; air
strikes are ``heavy-weapons``; chemical weapons a ``cbrn`` context), a mode the type does not list dropped.

A record: ``id`` (the ACLED export's content id), ``date`` (and ``enddate``), ``actor`` and ``recipient``
(lists of actor objects: ``actor_text``, ``code`` the ISO alpha-3 country or IGO, ``sector``; in two-sided
violence both sides are actors, as the manual says), ``event_type``, ``mode``, ``context`` (a list: the
sub-type's and the modality's: negation, hypothetical, future), ``event_loc`` (``name``, ``geonameid``,
``latitude``, ``longitude``, ``country_code`` ISO alpha-2, ``cc3`` ISO alpha-3, ``admin1``, ``resolution``
city, region or country), ``dead``, ``injured``, ``arrested`` and ``size`` (a crowd) where counts exist,
``quad_code``, ``event_text``, ``cite_info`` and a ``newsevents`` object with what PLOVER has no field for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsevents.__about__ import __version__
from newsevents.model import Actor, Plover
from newsevents.store.export import (
    PLOVER_CODEBOOK,
    ExportItem,
    actor_type_code,
    admin_names,
    country_info,
    implied_actor1,
)

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# The modes the manual lists for each event type; the other types take none.
MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "AID": ("economic", "military", "humanitarian", "asylum"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"),
    "SANCTION": ("convict", "cancel", "expel", "withdraw", "sever"),
    "MOBILIZE": ("troops", "weapons", "police"),
    "COERCE": ("seize", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"),
    "ASSAULT": ("abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "heavy-weapons"),
}
# The manual's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material.
QUAD_CODES = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
# Older PLOVER labels (the codebook's and its evaluation data's) to the 2024 revision's.
TYPE_RENAMES = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
MODE_RENAMES: dict[tuple[str, str], tuple[str, str | None, str | None]] = {
    # (old type, old mode) -> (type, mode, context)
    ("COERCE", "confiscate"): ("COERCE", "seize", None),
    ("COERCE", "destroy"): ("ASSAULT", "destroy", None),
    ("FIGHT", "aerial"): ("ASSAULT", "heavy-weapons", None),
    ("FIGHT", "CBRN"): ("ASSAULT", None, "cbrn"),
}
CONTEXT_BY_SUB_EVENT_TYPE = {
    "Chemical weapon": "cbrn", "Natural disaster": "enviro_disaster", "Man-made disaster": "enviro_disaster",
    "Organized crime": "crime", "Diplomatic event": "diplomatic",
}
CONTEXT_BY_MODALITY = {"negated": "negation", "hypothetical": "hypothetical", "planned": "future"}
TWO_SIDED_TYPES = frozenset({"Battles"})  # both sides use force: all are actors, none a recipient


def plover_code(plover: Plover) -> tuple[str, str | None, str | None]:
    """The 2024 revision's event type, mode and any context for a codebook PLOVER label."""
    renamed = MODE_RENAMES.get((plover.type, plover.mode or ""))
    if renamed is not None:
        return renamed
    kind = TYPE_RENAMES.get(plover.type, plover.type)
    mode = plover.mode if plover.mode in MODES.get(kind, ()) else None
    return kind, mode, None


def _sector(actor: Actor) -> str | None:
    name = actor.name.lower()
    code = actor_type_code(actor.type)
    if "government" in name:
        return "GOV"
    if code == 1:
        return "COP" if "police" in name else "MIL"
    if code == 2:
        return "REB"
    if code == 3:
        return "UAF" if name.startswith("unidentified") else "PRM"
    if code in (5, 6, 7):
        return "CVL"
    if code == 8:
        return None if _is_igo(actor) else "MIL"
    return None


def _is_igo(actor: Actor) -> bool:
    return actor.name.startswith(("UN:", "United Nations")) or " UN " in f" {actor.name} "


def actor_object(actor: Actor) -> dict[str, Any]:
    """PLOVER's actor object: the text, its code (ISO alpha-3 or IGO) and sector where known."""
    found: dict[str, Any] = {"actor_text": actor.name}
    info = country_info(actor.country_code) if actor.country_code else None
    code = "IGO" if _is_igo(actor) else info.alpha3 if info else None
    sector = _sector(actor)
    if code:
        found["code"] = code
    if sector:
        found["sector"] = sector
    if actor.type:
        found["acled_type"] = actor.type
    return found


def _sides(item: ExportItem) -> tuple[list[Actor], list[Actor]]:
    actors = list(item.event.actors)
    if not any(a.role == "actor1" for a in actors):
        implied = implied_actor1(item.event, item.country)
        if implied is not None:
            actors.insert(0, implied)
    first = [a for a in actors if a.role == "actor1"]
    second = [a for a in actors if a.role == "actor2"]
    first += [a for a in actors if a.role == "associated"]
    if item.event.event_type in TWO_SIDED_TYPES:
        return first + second, []
    return first, second


def event_loc(item: ExportItem) -> dict[str, Any] | None:
    """PLOVER's location object (GeoNames' field names, ``cc3`` for ISO alpha-3) and how precise it is."""
    loc = item.event.location
    info = country_info(item.country) if item.country else None
    if loc is None:
        if info is None or item.country is None:
            return None
        return {"name": info.name, "geonameid": info.geonames_id, "country_code": item.country.upper(),
                "cc3": info.alpha3, "resolution": "country", "geo_precision": 3}
    admin1, _ = admin_names(loc.geonames_id, loc.country_code)
    is_country = info is not None and loc.geonames_id is not None and loc.geonames_id == info.geonames_id
    resolution = "country" if is_country else "city" if loc.geo_precision == 1 else "region"
    found: dict[str, Any] = {
        "name": loc.name, "geonameid": loc.geonames_id, "latitude": loc.lat, "longitude": loc.lon,
        "country_code": loc.country_code.upper(), "cc3": info.alpha3 if info else None,
        "admin1": None if is_country else (loc.admin1 or admin1 or None), "resolution": resolution,
        "geo_precision": loc.geo_precision,
    }
    return {k: v for k, v in found.items() if v is not None}


def plover_record(item: ExportItem) -> dict[str, Any]:
    """One event as a PLOVER record."""
    event = item.event
    kind, mode, context = plover_code(item.plover)
    contexts = [c for c in (context, CONTEXT_BY_SUB_EVENT_TYPE.get(event.sub_event_type),
                            CONTEXT_BY_MODALITY.get(item.modality or "")) if c]
    actors, recipients = _sides(item)
    # An undated event takes its first report's publication day (PLOVER requires a date); it says so.
    published = item.payload.get("article_published") or item.payload.get("first_report") or ""
    record: dict[str, Any] = {"id": item.content_id, "date": (event.date.start or published)[:10] or None}
    if event.date.end and event.date.end[:10] != record["date"]:
        record["enddate"] = event.date.end[:10]
    record.update(
        actor=[actor_object(a) for a in actors], recipient=[actor_object(a) for a in recipients],
        event_type=kind, mode=mode, context=list(dict.fromkeys(contexts)), quad_code=QUAD_CODES.get(kind),
    )
    location = event_loc(item)
    if location is not None:
        record["event_loc"] = location
    counts = event.counts
    for name, value in (("dead", counts.killed), ("injured", counts.injured), ("arrested", counts.arrested)):
        if value is not None:
            record[name] = value
    if kind == "PROTEST" and counts.protesters is not None:
        record["size"] = counts.protesters
    if item.typed_by.sentence:
        record["event_text"] = [item.typed_by.sentence]
    outlet = item.typed_by
    record["cite_info"] = {k: v for k, v in {
        "url": outlet.url, "publication": outlet.outlet or None, "citation": outlet.article_id,
        "coder": f"newsevents {__version__}", "codebook": PLOVER_CODEBOOK}.items() if v}
    record["newsevents"] = {
        "event_id": item.payload.get("event_id"), "acled_event_type": event.event_type,
        "acled_sub_event_type": event.sub_event_type,
        "codebook_plover": {"type": item.plover.type, "mode": item.plover.mode},
        "modality": item.modality, "outlets": [o.outlet for o in item.outlets],
        "date_from_publication": not event.date.start,
    }
    return record


def write_plover(items: Iterable[ExportItem], fh: TextIO) -> int:
    """Write one PLOVER record per line; return how many were written."""
    n = 0
    for item in items:
        fh.write(json.dumps(plover_record(item), ensure_ascii=False) + "\n")
        n += 1
    return n

