"""The events stage's word lists (``data/event_words.json``), loaded once, under the names the code uses.

The file groups the lists by the module that reads them; each entry has an ``about`` line and either
``words`` (a set of lowercase words or lemmas) or ``map`` (word to value).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsevents.errors import ConfigError

WORDS_FILE = "event_words.json"


@lru_cache(maxsize=1)
def _entries() -> dict[str, dict[str, Any]]:
    text = resources.files("newsevents").joinpath("data", WORDS_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    entries: dict[str, dict[str, Any]] = {}
    for group, lists in data.items():
        if group == "about":
            continue
        for name, entry in lists.items():
            if name != "about":
                entries[name] = entry
    return entries


def _set(name: str) -> frozenset[str]:
    entry = _entries().get(name)
    if entry is None or not isinstance(entry.get("words"), list):
        raise ConfigError(f"{WORDS_FILE}: no word list {name!r}")
    return frozenset(entry["words"])


def _map(name: str) -> dict[str, str]:
    entry = _entries().get(name)
    if entry is None or not isinstance(entry.get("map"), dict):
        raise ConfigError(f"{WORDS_FILE}: no word map {name!r}")
    return dict(entry["map"])


# modality
NEGATIONS = _set("NEGATIONS")
HYPOTHETICAL_AUX = _set("HYPOTHETICAL_AUX")
FUTURE_AUX = _set("FUTURE_AUX")
PLAN_VERBS = _set("PLAN_VERBS")
IMPLICATIVE_VERBS = _set("IMPLICATIVE_VERBS")
WISH_VERBS = _set("WISH_VERBS")
FAIL_VERBS = _set("FAIL_VERBS")
PLAN_NOUNS = _set("PLAN_NOUNS")
HYPOTHETICAL_MARKS = _set("HYPOTHETICAL_MARKS")
# mentions
LEGAL_HEADS = _set("LEGAL_HEADS")
LEGAL_NOUNS = _set("LEGAL_NOUNS")
SUPERLATIVES = _set("SUPERLATIVES")
RIOT_WORDS = _set("RIOT_WORDS")
ARMED_TARGETS = _set("ARMED_TARGETS")
VAGUE_TOLLS = _set("VAGUE_TOLLS")
# arguments
LOCATIVE_PREPS = _set("LOCATIVE_PREPS")
PLACE_NOUNS = _set("PLACE_NOUNS")
SPEECH_VERBS = _set("SPEECH_VERBS")
ISSUE_PREPS = _set("ISSUE_PREPS")
STATE_WORDS = _map("STATE_WORDS")
KILL_VERBS = _set("KILL_VERBS")
PATIENT_NOUNS = _set("PATIENT_NOUNS")
PERSON_NOUNS = _set("PERSON_NOUNS")
CONFLICT_NOUNS = _set("CONFLICT_NOUNS")
COUNTER_VERBS = _set("COUNTER_VERBS")
HAZARD_OUTCOMES = _set("HAZARD_OUTCOMES")
COMPARATIVES = _set("COMPARATIVES")
