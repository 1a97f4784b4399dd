"""Stage ``newsevents_places``: scaffolding, to be replaced by the real stage."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("ne_places"):
    Doc.set_extension("ne_places", default=())


class Placeholder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_places = ()
        return doc


@Language.factory("newsevents_places", assigns=["doc._.ne_places"], default_config={})
def make_places(nlp: Language, name: str) -> Placeholder:
    return Placeholder(nlp, name)
