"""Stage ``newsevents_events``: political events with their type, actors, counts, place, date and evidence.

Trigger words from the lexicon (``data/triggers.json``) find the events and the codebook
(``data/ontology.json``) names them; the arguments come from the earlier stages (dates, places, counts,
actors, claims) through the parse. When ``classifier`` names a trained artefact folder, its sub-event
probabilities are blended with the rules'. The work is in ``newsevents.events.detect``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.events.classifier import Classifier, load_classifier
from newsevents.events.detect import detect_events
from newsevents.events.lexicon import load_lexicon
from newsevents.events.ontology import load_ontology
from newsevents.model import Event

if not Doc.has_extension("ne_events"):
    Doc.set_extension("ne_events", default=())


class EventDetector:
    def __init__(self, nlp: Language, name: str, *, classifier: str, classifier_weight: float) -> None:
        self.name = name
        self.lexicon = load_lexicon()
        self.ontology = load_ontology()
        self.classifier: Classifier | None = load_classifier(classifier) if classifier else None
        self.classifier_weight = classifier_weight

    def __call__(self, doc: Doc) -> Doc:
        events = detect_events(doc, self.lexicon, self.ontology)
        if self.classifier is not None:
            events = self.classifier.refine(doc, events, self.ontology, weight=self.classifier_weight)
        doc._.ne_events = events
        return doc

    def find(self, doc: Doc) -> tuple[Event, ...]:
        return tuple(self(doc)._.ne_events)


@Language.factory(
    "newsevents_events",
    assigns=["doc._.ne_events"],
    default_config={"classifier": "", "classifier_weight": 0.5},
)
def make_events(nlp: Language, name: str, classifier: str, classifier_weight: float) -> EventDetector:
    return EventDetector(nlp, name, classifier=classifier, classifier_weight=classifier_weight)
