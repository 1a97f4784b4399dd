"""Resolving names with the article's context, without the parser: the region the article's towns share."""

from __future__ import annotations

import pytest

from newsevents.gazetteer import Gazetteer, normalise, open_gazetteer
from newsevents.pipeline.places import Mention, Resolver


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def resolve(gazetteer: Gazetteer, *names: str) -> dict[str, str | None]:
    mentions = [Mention(i * 20, i * 20 + len(n), n, normalise(n), "ner") for i, n in enumerate(names)]
    return {k: c.admin1_name for k, c in Resolver(gazetteer).resolve(mentions).items()}


def test_towns_named_together_are_read_in_the_region_they_share(gazetteer: Gazetteer) -> None:
    # Each name has namesakes in many states (Portland, Oregon is the largest); Maine has all three.
    found = resolve(gazetteer, "Portland", "Bangor", "Augusta")
    assert (found["portland"], found["augusta"]) == ("Maine", "Maine")


def test_the_shared_region_does_not_swing_between_rounds(gazetteer: Gazetteer) -> None:
    # Illinois has all three; no round moves each name to the state of another's current reading.
    assert set(resolve(gazetteer, "Springfield", "Decatur", "Quincy").values()) == {"Illinois"}
    assert set(resolve(gazetteer, "Columbus", "Dayton", "Toledo").values()) == {"Ohio"}
