"""What the events package works on: the earlier stages' findings for one article (``Inputs``) and one
trigger occurrence with its arguments (``Mention``). Kept apart from ``mentions`` (which finds them) and
``arguments`` (which fills them) so that neither imports the other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsevents.events.lexicon import TriggerMatch
from newsevents.events.ontology import SubEventType
from newsevents.model import Actor, Claim, DateMention, Modality, Place, Plover, Zone


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the earlier stages found, read once per document by the pipeline's events stage."""

    places: tuple[Place, ...]
    dates: tuple[DateMention, ...]
    counts: tuple = ()  # type: ignore[type-arg]  # pipeline.counts.CountMention
    actors: tuple = ()  # type: ignore[type-arg]  # pipeline.actors.ActorMention
    claims: tuple[Claim, ...] = ()
    published: dt.date | None = None
    focus: str | None = None
    zones: tuple[Zone, ...] = ()  # sorted by start; none when the zones stage did not run


@dataclass
class Mention:
    """One trigger occurrence with its arguments, before repeated mentions are merged."""

    sub: SubEventType
    plover: Plover
    trigger: TriggerMatch
    sent: Span
    zone: str
    modality: Modality
    source_claim: int | None
    weight: float
    actors: list[Actor] = field(default_factory=list)
    date: DateMention | None = None
    place: Place | None = None
    counts: list = field(default_factory=list)  # type: ignore[type-arg]
    extra_evidence: list[tuple[int, int]] = field(default_factory=list)
    narrative_date: bool = False  # the date is the narrative's, not told in the mention's own sentence
    background: bool = False  # history told with its own date, well before publication

    @property
    def anchor(self) -> Token:
        return self.sent.doc[self.trigger.anchor]

    @property
    def start_char(self) -> int:
        doc = self.sent.doc
        return int(doc[self.trigger.start].idx)
