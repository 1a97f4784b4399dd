"""How event reports are merged: ``MergeSettings``, made from the ``[merge]`` section of the pipeline config.

The values live in one place, ``default.cfg`` (or the config a run is given); the section names the
registered, versioned function that makes the settings from them, as spaCy's configs do::

    [merge]
    @misc = "newsevents.merge_settings.v1"
    threshold = 0.55
    ...

A changed meaning of a setting gets a new version of the function (``v2``), so an old config still reads
as it was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.util import registry

from newsevents.config import resolve_section
from newsevents.errors import ConfigError

SECTION = "merge"


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeSettings:
    """How reports are compared and when they are merged (the values: ``default.cfg``'s ``[merge]``)."""

    threshold: float  # mean similarity to a cluster's members needed to join it
    floor: float  # no two members of a merged event may be less similar than this
    near_km: float  # places closer than this count as the same place
    far_km: float  # places this far apart or more score zero
    # The weights of the six cues in the similarity (a weighted mean).
    weight_type: float
    weight_date: float
    weight_place: float
    weight_actors: float
    weight_counts: float
    weight_words: float
    # Pseudo-count of the wording cue: evidence of n words per report counts as n/(n + word_prior) of its
    # overlap, so two one-word evidences that match are weak evidence, not proof.
    word_prior: float
    same_article: bool  # whether two reports of one article may merge
    # A store compares a new report with its stored events dated up to this many days beyond the report's
    # date window (``store.merged``).
    nearby_days: int


def merge_settings_v1(
    *, threshold: float, floor: float, near_km: float, far_km: float, weight_type: float, weight_date: float,
    weight_place: float, weight_actors: float, weight_counts: float, weight_words: float, word_prior: float,
    same_article: bool, nearby_days: int,
) -> MergeSettings:
    return MergeSettings(
        threshold=threshold, floor=floor, near_km=near_km, far_km=far_km, weight_type=weight_type,
        weight_date=weight_date, weight_place=weight_place, weight_actors=weight_actors,
        weight_counts=weight_counts, weight_words=weight_words, word_prior=word_prior,
        same_article=same_article, nearby_days=nearby_days,
    )


registry.misc.register("newsevents.merge_settings.v1", func=merge_settings_v1)


def merge_settings(path: str | Path | None = None) -> MergeSettings:
    """The settings of a config file's ``[merge]`` section (the packaged ``default.cfg`` when None)."""
    return _default_settings() if path is None else _settings_of(path)


@lru_cache(maxsize=1)
def _default_settings() -> MergeSettings:
    return _settings_of(None)


def _settings_of(path: str | Path | None) -> MergeSettings:
    made = resolve_section(SECTION, path)
    if not isinstance(made, MergeSettings):
        raise ConfigError(f"the [{SECTION}] section does not make merge settings", path=str(path))
    return made
