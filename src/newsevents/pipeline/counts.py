"""Stage ``newsevents_counts``: scaffolding, to be replaced by the real stage."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("ne_counts"):
    Doc.set_extension("ne_counts", default=())


@dataclass(frozen=True, slots=True)
class CountMention:
    """A number of people or things in the text: "164 people", "just over 2,000 troops", "dozens"."""

    start: int  # the whole phrase, number and noun
    end: int
    category: str  # one of model.COUNT_FIELDS: killed, injured, arrested, troops, protesters, equipment
    value: int
    approximate: bool  # "nearly", "about", "dozens", "hundreds", a range
    number_start: int  # where the number itself is
    number_end: int


class Placeholder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_counts = ()
        return doc


@Language.factory("newsevents_counts", assigns=["doc._.ne_counts"], default_config={})
def make_counts(nlp: Language, name: str) -> Placeholder:
    return Placeholder(nlp, name)
