"""The event codebook (``data/ontology.json``): ACLED types, extra sub-types, CASE codes, PLOVER."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    event_types: tuple[str, ...]
    sub_event_types: tuple[SubEventType, ...]

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
    return Ontology(str(data["version"]), tuple(e["name"] for e in data["event_types"]), subs)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged codebook, read once."""
    try:
        text = resources.files("newsevents").joinpath("data", ONTOLOGY_FILE).read_text(encoding="utf-8")
        return _parse(json.loads(text))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the event ontology: {exc}", file=ONTOLOGY_FILE) from exc
