"""Learning cue verbs from PolNeAR-format annotations, and the claims stage using what was learned."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.claims import read_attributions, train_cues
from newsevents.config import load_config
from newsevents.model import Article
from newsevents.pipeline import Extractor, build_pipeline

SENTENCES = [
    "The mayor hollered that the bridge would stay closed until spring.",
    "Her aide hollered that the budget had been cut again this year.",
    "A farmer hollered that the river had flooded his fields overnight.",
    "The coach hollered that the team had trained hard all week long.",
    "The senator hollered that the vote was rigged from the start.",
    "The teacher hollered that the school would open late on Friday.",
]


def write_flat(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(SENTENCES):
            start = text.index("hollered")
            cue = {"start": start, "end": start + len("hollered"), "text": "hollered"}
            for annotator in ("b2", "a1"):  # the first annotator in sorted order is the one used
                attributions = [{"cue": [cue]}] if annotator == "a1" else []
                fh.write(
                    json.dumps(
                        {"doc": f"d{i}", "annotator": annotator, "text": text, "attributions": attributions}
                    )
                    + "\n"
                )


def test_brat_and_flat_forms_read_the_same_cues(tmp_path: Path) -> None:
    write_flat(tmp_path / "train.flat.jsonl")
    brat = tmp_path / "brat"
    brat.mkdir()
    for i, text in enumerate(SENTENCES):
        start = text.index("hollered")
        (brat / f"d{i}.txt").write_text(text, encoding="utf-8")
        (brat / f"d{i}.ann").write_text(f"T1\tCue {start} {start + 8}\thollered\n", encoding="utf-8")
    flat = read_attributions(tmp_path / "train.flat.jsonl")
    from_brat = read_attributions(brat)
    assert [a.cues for a in flat] == [a.cues for a in from_brat]
    assert all(len(a.cues) == 1 for a in flat)


def test_a_learned_cue_verb_makes_claims(tmp_path: Path, extractor: Extractor) -> None:
    write_flat(tmp_path / "train.flat.jsonl")
    text = "The minister hollered that the talks had failed completely."
    before = extractor.extract_one(Article(id="x", text=text, published="2024-01-01"))
    assert not [c for c in before.claims if c.cue == "hollered"]

    summary = train_cues(tmp_path / "train.flat.jsonl", tmp_path / "cues.json", extractor.nlp)
    assert "holler" in summary.new
    assert summary.path == tmp_path / "cues.json" and summary.articles >= 1
    assert summary.verbs >= summary.learned >= len(summary.new)
    config = load_config(overrides={"components.newsevents_claims.cues_path": str(tmp_path / "cues.json")})
    trained = Extractor(build_pipeline(config), config)
    after = trained.extract_one(Article(id="x", text=text, published="2024-01-01"))
    claim = next(c for c in after.claims if c.cue == "hollered")
    assert claim.speaker is not None and "minister" in claim.speaker
    assert "talks had failed" in claim.content
