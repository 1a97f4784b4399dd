"""The events stage's lexicon and codebook are named in the config, as registered, versioned functions."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
import spacy

from newsevents.config import load_config
from newsevents.errors import ConfigError
from newsevents.events.lexicon import load_lexicon
from newsevents.events.ontology import load_ontology
from newsevents.pipeline.events import EventDetector
from newsevents.pipeline.runner import build_pipeline


def events_stage(overrides: dict[str, str]) -> EventDetector:
    """The events stage alone, built from the packaged config with these overrides on a blank pipeline."""
    config = load_config(overrides=overrides)
    alone = replace(config, pipeline=("newsevents_events",),
                    components={"newsevents_events": config.components["newsevents_events"]})
    stage = build_pipeline(alone, spacy.blank("en")).get_pipe("newsevents_events")
    assert isinstance(stage, EventDetector)
    return stage


def test_the_default_config_names_the_packaged_lexicon_and_codebook() -> None:
    block = load_config().components["newsevents_events"]
    assert block["lexicon"] == {"@misc": "newsevents.trigger_lexicon.v1", "path": ""}
    assert block["ontology"] == {"@misc": "newsevents.ontology.v1", "path": ""}
    stage = events_stage({})
    assert stage.lexicon == load_lexicon() and stage.ontology == load_ontology()


def test_a_config_can_name_its_own_codebook(tmp_path: Path) -> None:
    data = json.loads(resources.files("newsevents").joinpath("data", "ontology.json").read_text("utf-8"))
    data["version"] = "2-test"
    path = tmp_path / "ontology.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    stage = events_stage({"components.newsevents_events.ontology.path": str(path)})
    assert stage.ontology.version == "2-test"


def test_a_missing_lexicon_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        events_stage({"components.newsevents_events.lexicon.path": str(tmp_path / "none.json")})
