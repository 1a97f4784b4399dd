"""The phrase index must offer a token exactly the phrases a scan of the whole lexicon would try, in the
same order, and the sentence view must find phrases wherever a full scan would."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsevents.events.lexicon import SentenceView, form_matches, load_lexicon, parse_lexicon


def _scan(lexicon_rules: list[dict[str, object]], lemma: str, lower: str) -> list[tuple[str, ...]]:
    """What a token with these forms would try by scanning every phrase: exact lemma, exact lower form,
    then stems, each in lexicon order."""
    lexicon = parse_lexicon({"rules": lexicon_rules})
    pairs = [p for r in lexicon.rules for p in r.phrases]
    exact_lemma = [p for p in pairs if not p[0].endswith("*") and p[0] == lemma]
    exact_lower = [p for p in pairs if not p[0].endswith("*") and p[0] == lower and lower != lemma]
    stems = [p for p in pairs if p[0].endswith("*") and form_matches(p[0], lemma, lower)]
    return exact_lemma + exact_lower + stems


RULES: list[dict[str, object]] = [
    {"sub": "Arrests", "weight": 0.5, "phrases": ["arrest*", "held", "ar*", "hold up"]},
    {"sub": "Attack", "weight": 0.6, "phrases": ["attack*", "arrests made", "arre*"]},
    {"sub": "Looting/property destruction", "weight": 0.4, "phrases": ["hold", "loot*"]},
]


@pytest.mark.parametrize(
    ("lemma", "lower"),
    [
        ("arrest", "arrested"),
        ("hold", "held"),
        ("ar", "ar"),
        ("attack", "attacks"),
        ("loot", "looters"),
        ("a", "a"),
        ("", ""),
        ("arrests", "arrests"),
        ("release", "released"),
    ],
)
def test_index_offers_what_a_full_scan_would(lemma: str, lower: str) -> None:
    index = parse_lexicon({"rules": RULES}).trigger_index()
    assert [p for p, _ in index.starting(lemma, lower)] == _scan(RULES, lemma, lower)
    # a second look-up (from the memo) gives the same answer
    assert [p for p, _ in index.starting(lemma, lower)] == _scan(RULES, lemma, lower)


def test_packaged_index_matches_a_full_scan_for_stems() -> None:
    lexicon = load_lexicon()
    index = lexicon.trigger_index()
    pairs = [p for r in lexicon.rules for p in r.phrases]
    for lemma, lower in [("arrest", "arrested"), ("kill", "killed"), ("protest", "protesters")]:
        offered = {p for p, _ in index.starting(lemma, lower)}
        assert offered == {p for p in pairs if form_matches(p[0], lemma, lower)}


def test_view_finds_phrases_across_hyphens_and_stems(analyse: Callable[..., Doc]) -> None:
    doc = analyse("Soldiers opened fire on a sit-in near the arrested men's homes.")
    view = SentenceView(next(iter(doc.sents)))
    assert view.contains(("sit", "in"))
    assert view.contains(("open", "fire"))
    assert view.contains(("arrest*",))
    assert not view.contains(("tear", "gas"))
    assert not view.contains(("fire", "soldier*"))
