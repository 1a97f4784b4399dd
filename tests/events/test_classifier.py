from __future__ import annotations

import json
from pathlib import Path

from newsevents.events.classifier import Example, load_classifier, train_classifier
from newsevents.pipeline import Extractor

# Invented sentences, two kinds of event.
ARRESTS = [
    "Police arrested five men after a raid on a warehouse.",
    "Officers detained the suspects near the market.",
    "Three activists were taken into custody by police on Monday.",
    "Security forces arrested a journalist at his home.",
    "The police detained dozens of people overnight.",
    "Two men were arrested for selling stolen phones.",
]
QUAKES = [
    "A strong earthquake shook the coastal province on Friday.",
    "The tremor damaged hundreds of houses in the valley.",
    "An earthquake of magnitude six struck the island.",
    "Residents fled their homes as the quake hit the city.",
    "Aftershocks followed the earthquake for several days.",
    "The quake cut power to villages in the mountains.",
]


def test_train_saves_a_versioned_artefact_and_reports_cv(extractor: Extractor, tmp_path: Path) -> None:
    examples = [Example(t, "Arrests") for t in ARRESTS] + [(t, "NATURAL_DISASTER") for t in QUAKES]
    metrics = train_classifier(
        examples, tmp_path, version="0.test", data="invented", folds=3, nlp=extractor.nlp, epochs=30
    )
    folder = tmp_path / "events-classifier-0.test"
    assert Path(metrics["path"]) == folder
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["data"] == "invented" and meta["examples"] == 12
    assert set(meta["labels"]) == {"Arrests", "Natural disaster"}
    assert 0.0 <= metrics["macro_f1"] <= 1.0 and metrics["folds"] == 3
    model = load_classifier(folder)
    doc = extractor.nlp("An earthquake destroyed many houses in the province.")
    assert model.predict([doc]) == ["Natural disaster"]
