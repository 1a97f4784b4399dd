"""The PolNeAR scorer on a small gold folder written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.errors import EvalError
from newsevents.eval.polnear import read_gold, score

TEXT = 'The mayor said the bridge would reopen. "It is safe," she added. "We checked it twice."'


def span(start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": TEXT[start:end]}


def write_gold(folder: Path, records: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "toy.flat.jsonl").open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record) + "\n")
    return folder


def record(annotator: str, attributions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"doc": "d1", "annotator": annotator, "text": TEXT, "attributions": attributions}


GOLD = [
    # A reported claim with a named source.
    {"type": "Attribution", "source": [span(0, 9)], "cue": [span(10, 14)], "content": [span(15, 38)]},
    # A direct quote split by "she added": its hull runs from the first mark to the last.
    {"type": "Attribution", "source": [span(54, 57)], "cue": [span(58, 63)],
     "content": [span(40, 53), span(65, 87)]},
    # No content: skipped.
    {"type": "Attribution", "source": [span(0, 9)], "cue": [span(10, 14)], "content": []},
]


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    # Annotator "b" comes second in sorted order and is ignored although it is written first.
    other = record("b", [{"type": "Attribution", "source": [], "cue": [], "content": [span(0, 87)]}])
    return write_gold(tmp_path / "gold", [other, record("a", GOLD)])


def claim(
    start: int, end: int, speaker: str | None = None, speaker_span: list[int] | None = None
) -> dict[str, Any]:
    return {"speaker": speaker, "speaker_span": speaker_span, "cue": None, "cue_span": None,
            "content": TEXT[start:end], "content_span": [start, end], "direct": False}


def result(*claims: dict[str, Any]) -> dict[str, Any]:
    return {"id": "polnear-d1", "error": None, "claims": list(claims)}


def test_first_annotator_and_hull(gold_dir: Path) -> None:
    gold = read_gold(gold_dir)
    _, attributions = gold["d1"]
    assert [(a.start, a.end) for a in attributions] == [(15, 38), (40, 87)]


def test_perfect_prediction(gold_dir: Path) -> None:
    both = result(claim(15, 38, "mayor", [0, 9]), claim(40, 87, "Ann", [54, 57]))
    metrics = score({"polnear-d1": both}, gold_dir)
    assert metrics.content_overlap_f1 == 1.0
    assert metrics.content_char_f1 == 1.0
    assert metrics.content_exact_f1 == 1.0
    assert metrics.speaker_accuracy == 1.0
    assert metrics.direct_quote_recall == 1.0
    assert metrics.n == 1


def test_partial_overlap_wrong_speaker_and_a_spurious_claim(gold_dir: Path) -> None:
    predictions = {"d1": result(
        claim(19, 38, "nobody", [60, 62]),  # overlaps the first gold, speaker span misses the source
        claim(41, 51, "the mayor", None),  # inside the quote hull; speaker string equals no source text
        claim(30, 45),  # overlaps both golds, but the better pairs took them
    )}
    metrics = score(predictions, gold_dir)
    assert metrics.content_overlap_p == pytest.approx(2 / 3)
    assert metrics.content_overlap_r == 1.0
    # Characters between the trimmed ends: the second gold loses its outer marks and final full stop (44).
    assert metrics.content_char_r == pytest.approx((19 + 10) / (23 + 44))
    assert metrics.content_char_p == pytest.approx((19 + 10) / (19 + 10 + 15))
    assert metrics.content_exact_f1 == 0.0
    assert metrics.speaker_accuracy == 0.0


def test_speaker_string_equal_to_source_counts(gold_dir: Path) -> None:
    metrics = score({"d1": result(claim(15, 38, " The  Mayor ", None))}, gold_dir)
    assert metrics.speaker_accuracy == 1.0
    assert metrics.direct_quote_recall == 0.0
    assert metrics.content_overlap_r == 0.5


def test_exact_match_ignores_quote_marks_and_trailing_punctuation(gold_dir: Path) -> None:
    metrics = score({"d1": result(claim(15, 39), claim(41, 86))}, gold_dir)
    assert metrics.content_exact_f1 == 1.0


def test_error_result_and_missing_articles(gold_dir: Path) -> None:
    errored = {"d1": {"id": "d1", "error": {"code": "E101", "message": "empty"}, "claims": []}}
    metrics = score(errored, gold_dir)
    assert metrics.content_overlap_r == 0.0 and metrics.n == 1
    assert score({}, gold_dir).n_docs_missing == 1


def test_missing_gold_raises(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        score({}, tmp_path)


def test_a_quotation_linked_within_another_claim_is_not_scored_again(gold_dir: Path) -> None:
    inner = claim(15, 38) | {"within": 1, "direct": True}
    metrics = score({"polnear-d1": result(claim(40, 87), claim(15, 38), inner)}, gold_dir)
    assert metrics.n_predicted == 2
    assert metrics.content_overlap_p == 1.0
