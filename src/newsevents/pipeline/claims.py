"""Stage ``newsevents_claims``: scaffolding, to be replaced by the real stage."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("ne_claims"):
    Doc.set_extension("ne_claims", default=())


class Placeholder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_claims = ()
        return doc


@Language.factory("newsevents_claims", assigns=["doc._.ne_claims"], default_config={})
def make_claims(nlp: Language, name: str) -> Placeholder:
    return Placeholder(nlp, name)
