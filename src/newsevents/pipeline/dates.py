"""Stage ``newsevents_dates``: scaffolding, to be replaced by the real stage."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("ne_dates"):
    Doc.set_extension("ne_dates", default=())


class Placeholder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_dates = ()
        return doc


@Language.factory("newsevents_dates", assigns=["doc._.ne_dates"], default_config={})
def make_dates(nlp: Language, name: str) -> Placeholder:
    return Placeholder(nlp, name)
