"""Training the place ranker from articles in the geoparsing form (texts written for this test)."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.eval.place_training import LEARNERS, train_place_ranker
from newsevents.pipeline.place_ranker import PlaceRanker
from newsevents.pipeline.runner import Extractor

ARTICLES = [
    ("A", "1", "Floods reached Springfield, Illinois, on Monday, and residents of Peoria were warned.",
     {"Springfield": (39.80, -89.64), "Illinois": (40.0, -89.0), "Peoria": (40.69, -89.59)}),
    ("A", "2", "Storms crossed Paris, Texas, overnight before reaching Dallas and Tyler.",
     {"Paris": (33.66, -95.56), "Texas": (31.25, -99.25), "Dallas": (32.78, -96.81),
      "Tyler": (32.35, -95.30)}),
    ("B", "3", "The mayor of Paris met farmers in Lyon and later travelled to Marseille.",
     {"Paris": (48.85, 2.35), "Lyon": (45.75, 4.85), "Marseille": (43.30, 5.37)}),
    ("B", "4", "Police in Portland, Maine, closed two roads near Augusta after the storm.",
     {"Portland": (43.66, -70.26), "Maine": (45.25, -69.0), "Augusta": (44.31, -69.78)}),
]


def write_corpus(folder: Path) -> None:
    for corpus in ("A", "B"):
        lines = []
        for name, doc_id, text, places in ARTICLES:
            if name != corpus:
                continue
            toponyms = []
            for phrase, (lat, lon) in places.items():
                start = text.index(phrase)
                toponyms.append({"phrase": phrase, "start": start, "end": start + len(phrase), "lat": lat,
                                 "lon": lon, "char_start": start, "char_end": start + len(phrase)})
            lines.append(json.dumps({"corpus": corpus, "doc_id": doc_id, "text": text, "toponyms": toponyms}))
        (folder / f"{corpus}.flat.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_training_writes_a_ranker_and_honest_figures(tmp_path: Path, extractor: Extractor) -> None:
    write_corpus(tmp_path)
    out = tmp_path / "models" / "place-ranker-1.json"
    figures = train_place_ranker(tmp_path, out, extractor.nlp, folds=2)
    assert figures.chosen in LEARNERS and figures.path == out
    assert figures.toponyms >= 10
    cv = figures.cross_validation
    assert list(cv.shares) == ["rules", *LEARNERS]
    assert all(0.0 <= cv.shares[name] <= 1.0 for name in ("rules", *LEARNERS))
    assert set(cv.per_corpus) == {"A", "B"} and all(row.gold > 0 for row in cv.per_corpus.values())
    assert set(figures.across_corpora) == {"A", "B"}
    ranker = PlaceRanker.load(out)
    assert ranker.kind == figures.chosen
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["cross_validation"] == {"folds": 2, **cv.as_dict()}
    assert list(written["cross_validation"]) == ["folds", "rules", *LEARNERS, "per_corpus"]
