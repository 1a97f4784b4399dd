"""A record's confidence as the chance that it is a real, rightly typed event: a logistic model over what the
mentions behind the record show (its kind, modality, how often and where it is told, whether it has its own
day, place, counts and actors), with weights learned from hand-coded articles (``newsevents train --task
confidence``) and shipped in ``data/event_confidence.json``. Without weights the rules' score stands."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.events.ontology import SubEventType

# Kinds of record whose reliability differs: the sub-event types gathered where they behave alike.
GROUPS: dict[str, str] = {
    "Arrests": "arrests",
    "Diplomatic event": "diplomacy",
    "Agreement": "agreement",
    "Attribution of responsibility": "attribution",
    "Change to group/activity": "group-change",
    "Headquarters or base established": "group-change",
    "Non-violent transfer of territory": "territory",
    "Government regains territory": "territory",
    "Non-state actor overtakes territory": "territory",
    "Disrupted weapons use": "disrupted",
    "Natural disaster": "disaster",
    "Man-made disaster": "disaster",
    "Other": "other",
    "Looting/property destruction": "other",
    "Organized crime": "other",
}
EVENT_TYPE_GROUPS = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "protests",
    "Riots": "riots",
}
GROUP_NAMES = tuple(sorted(set(GROUPS.values()) | set(EVENT_TYPE_GROUPS.values())))
MODALITIES = ("asserted", "claimed", "other")
CAPTION_FACTOR = 0.8


def group_of(sub: SubEventType) -> str:
    return GROUPS.get(sub.name) or EVENT_TYPE_GROUPS.get(sub.event_type, "other")


@dataclass(frozen=True, slots=True)
class Signals:
    """What a record's mentions show, the calibration model's input."""

    group: str
    modality: str
    mentions: int  # how many times the article tells it
    weight: float  # the best trigger's weight in the lexicon
    own_date: bool  # a day told in a mention's own sentence (not the narrative's)
    place_precision: int  # 1 town, 2 district, 3 region or country; 0 no place of its own
    counts: bool
    lead: bool  # told in the headline or the first two sentences of the body
    verbal: bool  # the best trigger is a verb (a clause tells it), not a noun
    quoted: float  # share of its mentions inside someone's claim
    actors: int
    background: bool
    rule_score: float  # the rules' confidence
    caption_only: bool = False  # told only in photo captions

    def features(self) -> dict[str, float]:
        out = {f"group={g}": float(self.group == g) for g in GROUP_NAMES}
        modality = self.modality if self.modality in MODALITIES else "other"
        out.update({f"modality={m}": float(modality == m) for m in MODALITIES})
        out.update(
            {
                "log_mentions": math.log1p(self.mentions),
                "weight": self.weight,
                "own_date": float(self.own_date),
                "town": float(self.place_precision in (1, 2)),
                "region_or_country": float(self.place_precision == 3),
                "counts": float(self.counts),
                "lead": float(self.lead),
                "verbal": float(self.verbal),
                "quoted": self.quoted,
                "actors": min(self.actors, 3) / 3,
                "background": float(self.background),
                "rule_score": self.rule_score,
            }
        )
        return out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic weights over ``Signals.features``; ``about`` says what they were learned from."""

    intercept: float
    weights: Mapping[str, float]
    about: Mapping[str, Any]

    def probability(self, signals: Signals) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in signals.features().items())
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        # Too few captioned records to learn from: one told only in a caption keeps the rules' discount.
        return p * CAPTION_FACTOR if signals.caption_only else p

    def to_dict(self) -> dict[str, Any]:
        return {"intercept": self.intercept, "weights": dict(self.weights), "about": dict(self.about)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Calibration:
        return cls(float(d["intercept"]), {k: float(v) for k, v in d["weights"].items()}, d.get("about", {}))


PACKAGED = "event_confidence.json"


@lru_cache(maxsize=8)
def load_calibration(path: str = "") -> Calibration | None:
    """The calibration at ``path``; "" = the packaged one; "none" = no calibration (the rules' score)."""
    if path == "none":
        return None
    if path:
        return Calibration.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    packaged = resources.files("newsevents").joinpath("data", PACKAGED)
    if not packaged.is_file():
        return None
    return Calibration.from_dict(json.loads(packaged.read_text(encoding="utf-8")))


def feature_names(signals: Sequence[Signals]) -> list[str]:
    return sorted({k for s in signals for k in s.features()})
