"""Stage ``newsevents_events``: scaffolding, to be replaced by the real stage."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("ne_events"):
    Doc.set_extension("ne_events", default=())


class Placeholder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_events = ()
        return doc


@Language.factory("newsevents_events", assigns=["doc._.ne_events"], default_config={})
def make_events(nlp: Language, name: str) -> Placeholder:
    return Placeholder(nlp, name)
