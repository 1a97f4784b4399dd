"""The place ranker: a learned scorer over each name's gazetteer candidates, read from its JSON artefact and
scored in plain Python; the rules stay the default and the fallback."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.errors import ConfigError
from newsevents.gazetteer import Gazetteer, normalise, open_gazetteer
from newsevents.pipeline.place_ranker import FEATURE_NAMES, RANKER_FORMAT, PlaceRanker, vector
from newsevents.pipeline.places import RANKED_CANDIDATES, Mention, Resolver


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def mention(text: str, start: int = 0) -> Mention:
    return Mention(start, start + len(text), text, normalise(text), "ner")


def logistic(**weights: float) -> dict[str, Any]:
    """A logistic ranker that weighs only the named features."""
    n = len(FEATURE_NAMES)
    return {
        "format": RANKER_FORMAT, "kind": "logistic", "features": list(FEATURE_NAMES),
        "mean": [0.0] * n, "scale": [1.0] * n,
        "weights": [weights.get(name, 0.0) for name in FEATURE_NAMES], "intercept": 0.0,
    }


def test_without_a_ranker_the_rules_pick(gazetteer: Gazetteer) -> None:
    choice = Resolver(gazetteer).resolve([mention("Paris")])
    assert choice["paris"].country_code == "FR"


def test_a_ranker_decides_between_the_candidates(gazetteer: Gazetteer) -> None:
    smallest_first = PlaceRanker.from_dict(logistic(log_population=-1.0))
    resolver = Resolver(gazetteer, smallest_first)
    mentions = [mention("Paris")]
    choice = resolver.resolve(mentions)
    # The ranker orders the rules' best few (RANKED_CANDIDATES) and takes the smallest of them.
    offered = [o.candidate for o in resolver.options(mentions, resolver.rules(mentions))["paris"]]
    assert 1 < len(offered) <= RANKED_CANDIDATES < len(gazetteer.lookup("Paris"))
    assert choice["paris"] == min(offered, key=lambda c: c.population)
    assert choice["paris"].country_code != "FR"
    follows_rules = PlaceRanker.from_dict(logistic(rule_pick=5.0))
    assert Resolver(gazetteer, follows_rules).resolve([mention("Paris")])["paris"].country_code == "FR"


def test_every_candidate_has_every_feature(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    mentions = [mention("Springfield"), mention("Illinois", 20)]
    options = resolver.options(mentions, resolver.rules(mentions))
    assert set(options) == {"springfield", "illinois"}
    for found in options.values():
        assert sum(o.features["rule_pick"] for o in found) == 1
        for o in found:
            assert len(vector(o.features)) == len(FEATURE_NAMES)
    # The region named beside it counts for the Springfield in Illinois, not for the others.
    illinois = [o for o in options["springfield"] if o.candidate.admin1_name == "Illinois"]
    assert illinois and all(o.features["admin1_named"] == 1.0 for o in illinois)
    assert all(o.features["region_focus"] == 1.0 for o in illinois)


def test_trees_are_read_as_lightgbm_writes_them() -> None:
    column = FEATURE_NAMES.index("rule_pick")
    tree = {
        "split_feature": column, "threshold": 0.5, "decision_type": "<=", "default_left": True,
        "left_child": {"leaf_value": -1.0}, "right_child": {"leaf_value": 2.0},
    }
    ranker = PlaceRanker.from_dict({
        "format": RANKER_FORMAT, "kind": "lightgbm", "features": list(FEATURE_NAMES),
        "model": {"tree_info": [{"tree_structure": tree}, {"tree_structure": {"leaf_value": 0.5}}]},
    })
    row = [0.0] * len(FEATURE_NAMES)
    assert ranker.score(row) == -0.5
    row[column] = 1.0
    assert ranker.score(row) == 2.5
    row[column] = float("nan")
    assert ranker.score(row) == -0.5


def test_an_artefact_with_other_features_is_refused(tmp_path: Any) -> None:
    stale = logistic()
    stale["features"] = stale["features"][:-1]
    with pytest.raises(ConfigError) as info:
        PlaceRanker.from_dict(stale, "old.json")
    assert info.value.code == "E400"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError):
        PlaceRanker.load(broken)
