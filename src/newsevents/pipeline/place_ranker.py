"""A learned ranking of a toponym's gazetteer candidates (``newsevents train --task places``).

The rules of ``places`` score every candidate on its size, kind and the article's context; the ranker reads
those same signals as features (``FEATURE_NAMES``: population, feature kind, how the name matched, the
article's focus country, "X, Y" containment, nearness to the article's other places, usage, the rules' own
score and pick) and scores each candidate with a model learned from articles in the geoparsing form. The
candidate with the highest score is taken.

The artefact is one JSON file: either a LightGBM model (its trees, as ``Booster.dump_model`` writes them) or
a logistic regression (means, scales, weights). Both are evaluated here in plain Python, so running a trained
ranker needs neither LightGBM nor scikit-learn; only training does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import ConfigError

RANKER_FORMAT = 1

FEATURE_NAMES: tuple[str, ...] = (
    "log_population",
    "population_share",  # its population over the largest candidate's
    "population_rank",  # 0 for the most populous candidate, 1 for the next...
    "log_candidates",
    "is_country",
    "is_region",  # continent, world region, sea
    "is_capital",
    "is_adm1",
    "is_adm2",
    "is_town",
    "main_name",  # the name written is the candidate's main name
    "abbreviation",  # a state abbreviation, short form or acronym
    "division_word",  # "Ghazni province": a division word follows the name
    "admin_word_in_name",  # "Henry County"
    "source_ner",
    "source_gazetteer",
    "usage_literal",
    "usage_metonym",
    "usage_demonym",
    "usage_embedded",
    "dateline",
    "mentions",  # how often the article names it
    "focus_share",  # share of the article's other names in its country
    "in_top_country",  # it lies in the country most of the article's names lie in
    "region_focus",  # share of the article's other names in its first-level region (state, province)
    "region_share",  # share of the article's other names with some reading in its first-level region
    "admin1_named",  # its first-level division is named in the article
    "containment",  # "X, Y": the subdivision or country written after it holds it
    "nearness",  # the rules' bonus for lying near the other places
    "neighbours",  # the rules' bonus for local neighbours
    "log_km_nearest",  # distance to the nearest other resolved place (log10 km)
    "rule_prior",
    "rule_score",
    "rule_margin",  # its rule score minus the best rule score of the name
    "rule_pick",
)


def _leaf(node: Mapping[str, Any], row: Sequence[float]) -> float:
    while "leaf_value" not in node:
        value = row[int(node["split_feature"])]
        threshold = float(node["threshold"])
        left = bool(node.get("default_left", True)) if math.isnan(value) else value <= threshold
        node = node["left_child"] if left else node["right_child"]
    return float(node["leaf_value"])


@dataclass(frozen=True, slots=True)
class PlaceRanker:
    """A trained candidate scorer, read from its JSON artefact."""

    kind: str  # "lightgbm" or "logistic"
    features: tuple[str, ...]
    trees: tuple[Mapping[str, Any], ...] = ()
    mean: tuple[float, ...] = ()
    scale: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()
    intercept: float = 0.0

    @classmethod
    def load(cls, path: str | Path) -> PlaceRanker:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read the place ranker {path}: {exc}", path=str(path)) from exc
        return cls.from_dict(data, str(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "") -> PlaceRanker:
        features = tuple(data.get("features") or ())
        if data.get("format") != RANKER_FORMAT or features != FEATURE_NAMES:
            raise ConfigError(
                f"the place ranker {origin} was trained with other features or in another format; "
                "train it again",
                path=origin,
            )
        kind = str(data.get("kind"))
        if kind == "lightgbm":
            return cls(kind, features, trees=tuple(t["tree_structure"] for t in data["model"]["tree_info"]))
        if kind == "logistic":
            return cls(
                kind, features, mean=tuple(data["mean"]), scale=tuple(data["scale"]),
                weights=tuple(data["weights"]), intercept=float(data["intercept"]),
            )
        raise ConfigError(f"unknown place ranker kind {kind!r} in {origin}", path=origin)

    def score(self, row: Sequence[float]) -> float:
        """The model's raw score of one candidate (higher is likelier right)."""
        if self.kind == "lightgbm":
            return sum(_leaf(tree, row) for tree in self.trees)
        total = self.intercept
        for value, m, s, w in zip(row, self.mean, self.scale, self.weights, strict=True):
            total += w * (value - m) / s
        return total


def vector(features: Mapping[str, float]) -> list[float]:
    return [float(features[name]) for name in FEATURE_NAMES]
