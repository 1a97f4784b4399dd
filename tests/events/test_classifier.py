from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from newsevents.errors import ConfigError
from newsevents.events.classifier import (
    DEFAULT_C,
    MAX_ITER,
    Example,
    Featuriser,
    build_vocab,
    fit_logreg,
    load_classifier,
    parse_texts,
    train_classifier,
)
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
    trained = train_classifier(examples, tmp_path, extractor.nlp, version="0.test", data="invented", folds=3)
    folder = tmp_path / "events-classifier-0.test"
    assert trained.path == folder and trained.examples == 12
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["data"] == "invented" and meta["examples"] == 12
    assert set(meta["labels"]) == {"Arrests", "Natural disaster"}
    assert meta["format"] == 2 and "scikit-learn" in meta["model"]
    assert 0.0 <= trained.scores.macro_f1 <= 1.0 and trained.scores.folds == 3
    assert meta["cross_validation"]["macro_f1"] == trained.scores.macro_f1
    model = load_classifier(folder)
    doc = extractor.nlp("An earthquake destroyed many houses in the province.")
    assert model.predict([doc]) == ["Natural disaster"]


def test_two_labels_read_as_scikit_learn_predicts_them(extractor: Extractor, tmp_path: Path) -> None:
    """The saved weights give scikit-learn's own probabilities (two labels keep one row of log-odds)."""
    docs = parse_texts(ARRESTS + QUAKES, extractor.nlp)
    featuriser = Featuriser(build_vocab(docs), 0)
    x = featuriser.matrix(docs)
    y = np.array([0] * len(ARRESTS) + [1] * len(QUAKES))
    w, b = fit_logreg(x, y, 2)
    ours = np.exp(x @ w + b)
    ours /= ours.sum(axis=1, keepdims=True)
    theirs = LogisticRegression(C=DEFAULT_C, max_iter=MAX_ITER).fit(x, y).predict_proba(x)
    assert np.allclose(ours, theirs, atol=1e-4)


def test_an_artefact_of_an_unknown_format_is_refused(extractor: Extractor, tmp_path: Path) -> None:
    train_classifier([Example(t, "Arrests") for t in ARRESTS] + [(t, "NATURAL_DISASTER") for t in QUAKES],
                     tmp_path, extractor.nlp, version="x", folds=2)
    meta_path = tmp_path / "events-classifier-x/metadata.json"
    meta = json.loads(meta_path.read_text())
    meta["format"] = 99
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ConfigError):
        load_classifier(tmp_path / "events-classifier-x")
