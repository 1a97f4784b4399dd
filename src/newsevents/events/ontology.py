"""The event codebook (``data/ontology.json``), the one home of its facts: ACLED's event and sub-event types
and the extra sub-types (those not from ACLED's codebook), CASE codes, PLOVER, which event types are violent,
and ACLED's actor types with their inter codes and the interaction code they make."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.util import registry

from newsevents.errors import ConfigError
from newsevents.model import Plover

ONTOLOGY_FILE = "ontology.json"


@dataclass(frozen=True, slots=True)
class SubEventType:
    name: str  # ACLED spelling, e.g. "Air/drone strike"
    event_type: str  # e.g. "Explosions/Remote violence"
    case_code: str  # e.g. "AIR_STRIKE"
    plover: Plover
    definition: str
    source: str


ACLED_SOURCE = "acled-2023"


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    event_types: tuple[str, ...]
    sub_event_types: tuple[SubEventType, ...]
    violent_types: frozenset[str] = frozenset()
    actor_types: tuple[str, ...] = ()  # ACLED's, in the order of their inter codes 1-8
    organised_actor_types: frozenset[str] = frozenset()  # organised armed actors

    @property
    def extra_sub_types(self) -> frozenset[str]:
        """The sub-event types that ACLED's codebook does not have (CASE 2021's five)."""
        return frozenset(s.name for s in self.sub_event_types if s.source != ACLED_SOURCE)

    def actor_code(self, actor_type: str | None) -> int:
        """ACLED's inter code of an actor type, its name in any case, plural or singular ("State force", as
        older stores spell it); 0 for none or an unknown one."""
        if not actor_type:
            return 0
        key = actor_type_key(actor_type)
        return next((i for i, name in enumerate(self.actor_types, 1) if actor_type_key(name) == key), 0)

    def interaction(self, type1: str | None, type2: str | None) -> int:
        """ACLED's interaction code of two actor types: their inter codes joined, the lower first, whichever
        actor is actor1 (ACLED Codebook 2023, "Interaction codes"; its column list: "recorded as lowest
        joint number"), so State forces (1) and Protesters (6) are 16; a sole actor's code times ten
        (Protesters alone are 60); 0 when neither type is known."""
        codes = sorted(c for c in (self.actor_code(type1), self.actor_code(type2)) if c)
        if not codes:
            return 0
        return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)

    def get(self, name: str) -> SubEventType:
        """The sub-event type for an ACLED name or a CASE code, matched loosely; ConfigError when unknown."""
        found = self.lookup(name)
        if found is None:
            raise ConfigError(f"unknown sub-event type {name!r}", ontology=self.version)
        return found

    def lookup(self, name: str) -> SubEventType | None:
        return _index(self).get(normalise_label(name))

    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sub_event_types)


def actor_type_key(name: str) -> str:
    """"Political militia", "political militias" and "Political Militias" are one key."""
    return " ".join(w.removesuffix("s") for w in name.lower().split())


def normalise_label(label: str) -> str:
    """Case-insensitive, punctuation collapsed: "Air/drone strike" and "air drone strike" are the same key."""
    return re.sub(r"[\W_]+", " ", label).strip().lower()


@lru_cache(maxsize=8)
def _index_cached(ontology: Ontology) -> dict[str, SubEventType]:
    index: dict[str, SubEventType] = {}
    for sub in ontology.sub_event_types:
        index[normalise_label(sub.name)] = sub
        index[normalise_label(sub.case_code)] = sub
    return index


def _index(ontology: Ontology) -> dict[str, SubEventType]:
    return _index_cached(ontology)


def _parse(data: dict) -> Ontology:  # type: ignore[type-arg]
    subs = tuple(
        SubEventType(
            name=s["name"],
            event_type=s["event_type"],
            case_code=s["case_code"],
            plover=Plover(s["plover"]["type"], s["plover"].get("mode")),
            definition=s["definition"],
            source=s.get("source", ""),
        )
        for s in data["sub_event_types"]
    )
    actors = sorted(data["actor_types"], key=lambda a: int(a["inter"]))
    if [int(a["inter"]) for a in actors] != list(range(1, len(actors) + 1)):
        raise ValueError("actor_types must have the inter codes 1..n, each once")
    return Ontology(
        str(data["version"]),
        tuple(e["name"] for e in data["event_types"]),
        subs,
        violent_types=frozenset(e["name"] for e in data["event_types"] if e["violent"]),
        actor_types=tuple(a["name"] for a in actors),
        organised_actor_types=frozenset(a["name"] for a in actors if a["organised"]),
    )


@lru_cache(maxsize=8)
def load_ontology(path: str | None = None) -> Ontology:
    """The codebook: the packaged ``data/ontology.json``, or the file at ``path``; each read once."""
    try:
        if path:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = resources.files("newsevents").joinpath("data", ONTOLOGY_FILE).read_text(encoding="utf-8")
        return _parse(json.loads(text))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the event ontology: {exc}", file=path or ONTOLOGY_FILE) from exc


def ontology_v1(path: str = "") -> Ontology:
    """The config's codebook for the events stage (``[components.newsevents_events.ontology]``): "" is the
    packaged one, which exports, merging and the scorers always read."""
    return load_ontology(path or None)


registry.misc.register("newsevents.ontology.v1", func=ontology_v1)
