"""Stage ``newsevents_events``: political events with their type, actors, counts, place, date and evidence.

Trigger words from the lexicon (``data/triggers.json``) find the events and the codebook
(``data/ontology.json``) names them; the arguments come from the earlier stages (dates, places, counts,
actors, claims) through the parse. When ``classifier`` names a trained artefact folder, its sub-event
probabilities are blended with the rules'. This stage reads the Doc's earlier-stage attributes and the
article into ``Inputs``; the work is in ``newsevents.events`` (``mentions``, ``arguments``, ``modality``,
``incidents``), which never reads spaCy extensions itself.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.events.calibration import load_calibration
from newsevents.events.classifier import Classifier, load_classifier
from newsevents.events.geo import main_country
from newsevents.events.incidents import detect_events
from newsevents.events.lexicon import Lexicon, load_lexicon
from newsevents.events.ontology import Ontology, load_ontology
from newsevents.events.records import Inputs
from newsevents.model import DEFAULT_MIN_CONFIDENCE, Event
from newsevents.pipeline.doc import published_date, zones_of

if not Doc.has_extension("ne_events"):
    Doc.set_extension("ne_events", default=())


def read_inputs(doc: Doc) -> Inputs:
    """What the earlier stages and the article give the events stage, read once per document."""

    def stage(attr: str) -> tuple:  # type: ignore[type-arg]
        return tuple(getattr(doc._, attr)) if doc.has_extension(attr) else ()

    places = stage("ne_places")
    zones = zones_of(doc)
    return Inputs(
        places=places,
        dates=stage("ne_dates"),
        counts=stage("ne_counts"),
        actors=stage("ne_actors"),
        claims=stage("ne_claims"),
        published=published_date(doc),
        focus=main_country(places, zones),
        zones=zones,
    )


class EventDetector:
    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        classifier: str,
        classifier_weight: float,
        calibration: str = "",
        min_confidence: float | None = None,
        lexicon: Lexicon | None = None,
        ontology: Ontology | None = None,
        one_town: bool = False,
    ) -> None:
        self.name = name
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.ontology = ontology if ontology is not None else load_ontology()
        self.classifier: Classifier | None = load_classifier(classifier) if classifier else None
        self.classifier_weight = classifier_weight
        self.calibration = load_calibration(calibration)
        self.min_confidence = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
        self.one_town = one_town

    def __call__(self, doc: Doc) -> Doc:
        events = detect_events(
            doc,
            self.lexicon,
            self.ontology,
            read_inputs(doc),
            calibration=self.calibration,
            min_confidence=self.min_confidence,
            one_town=self.one_town,
        )
        if self.classifier is not None:
            events = self.classifier.refine(doc, events, self.ontology, weight=self.classifier_weight)
        doc._.ne_events = events
        return doc

    def find(self, doc: Doc) -> tuple[Event, ...]:
        return tuple(self(doc)._.ne_events)


@Language.factory(
    "newsevents_events",
    assigns=["doc._.ne_events"],
    default_config={
        "classifier": "",
        "classifier_weight": 0.5,
        "calibration": "",
        "min_confidence": None,
        "lexicon": {"@misc": "newsevents.trigger_lexicon.v1", "path": ""},
        "ontology": {"@misc": "newsevents.ontology.v1", "path": ""},
        "one_town": False,
    },
)
def make_events(
    nlp: Language,
    name: str,
    classifier: str,
    classifier_weight: float,
    calibration: str,
    min_confidence: float | None,
    lexicon: Lexicon,
    ontology: Ontology,
    one_town: bool,
) -> EventDetector:
    return EventDetector(
        nlp,
        name,
        classifier=classifier,
        classifier_weight=classifier_weight,
        calibration=calibration,
        min_confidence=min_confidence,
        lexicon=lexicon,
        ontology=ontology,
        one_town=one_town,
    )
