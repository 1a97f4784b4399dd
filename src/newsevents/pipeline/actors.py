"""Stage ``newsevents_actors``: scaffolding, to be replaced by the real stage."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("ne_actors"):
    Doc.set_extension("ne_actors", default=())


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of an actor, normalised: "Kazakhstan's Interior Ministry" -> Police Forces of Kazakhstan."""

    start: int
    end: int
    text: str
    name: str  # the normalised name, the same across articles
    type: str  # ACLED actor type: State forces, Protesters, Rioters, Civilians, External/Other forces, ...
    country_code: str | None


class Placeholder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_actors = ()
        return doc


@Language.factory("newsevents_actors", assigns=["doc._.ne_actors"], default_config={})
def make_actors(nlp: Language, name: str) -> Placeholder:
    return Placeholder(nlp, name)
