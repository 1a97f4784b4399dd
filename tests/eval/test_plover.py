import json
from pathlib import Path

from newsevents.eval.plover import load_gold, score


def write_gold(folder: Path) -> None:
    records = [
        {"id": "DOC", "event": "DOCUMENT"},
        {"id": "R1", "event": "PROTEST", "mode": "demo", "text": "Crowds marched."},
        {"id": "R2", "event": "COERCE", "mode": "arrest", "text": "Police arrested two men."},
        {"id": "R2", "event": "COERCE", "text": "Police detained a man."},
        {"id": "R3", "event": "AGREE", "text": "The sides agreed."},
    ]
    (folder / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(records))


def event(kind: str, mode: str | None, confidence: float) -> dict:
    return {"plover": {"type": kind, "mode": mode}, "confidence": confidence}


def test_repeated_ids_are_told_apart_and_documents_skipped(tmp_path: Path) -> None:
    write_gold(tmp_path)
    assert list(load_gold(tmp_path)) == ["plover-R1", "plover-R2", "plover-R2-dup2", "plover-R3"]


def test_the_most_confident_event_is_the_prediction(tmp_path: Path) -> None:
    write_gold(tmp_path)
    predictions = {
        "plover-R1": {"events": [event("ASSAULT", None, 0.4), event("PROTEST", "demo", 0.9)]},
        "plover-R2": {"events": [event("COERCE", "raid", 0.8)]},
        "plover-R2-dup2": {"events": [event("COERCE", None, 0.5)]},
        "plover-R3": {"events": []},
    }
    result = score(predictions, tmp_path)
    assert result.type_accuracy == 0.75
    assert result.mode_accuracy == 0.5  # R1's mode is right, R2's is not
    assert result.no_event == 0.25
    assert result.per_type["AGREE"] == 0.0
