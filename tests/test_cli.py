"""The command line, run as a user would: a real process, real files, a real SQLite store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from newsevents.model import DEFAULT_MIN_CONFIDENCE, Result
from tests.fixtures import samples

ARTICLES = [
    {
        "id": "kenya-1",
        "published": "2024-03-14",
        "title": "Police detain dozens in Nairobi fuel protests",
        "text": "Police detain dozens in Nairobi fuel protests\n\n"
        "Kenyan police detained 46 people in Nairobi on "
        'Wednesday as thousands of demonstrators marched against higher fuel prices. "We are hungry," '
        "said Grace Wanjiru, a trader. The Kenya Red Cross said two people were killed.",
    },
    {"id": "empty-1", "text": "   "},
    {
        "id": "german-1",
        "text": "Die Regierung hat am Montag neue Maßnahmen gegen die steigenden Preise "
        "beschlossen, wie das Ministerium mitteilte. Die Opposition kritisierte den Plan.",
    },
]


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NEWSEVENTS_DB=str(cwd / "store.sqlite"))
    return subprocess.run(
        [sys.executable, "-m", "newsevents", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli")
    (path / "in.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    return path


@pytest.fixture(scope="module")
def extracted(workdir: Path) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    proc = run("extract", "in.jsonl", cwd=workdir)
    return proc, [json.loads(line) for line in proc.stdout.splitlines()]


def test_extract_writes_one_valid_contract_line_per_input_in_order(extracted: tuple) -> None:
    _, lines = extracted
    schema = json.loads((Path(__file__).parents[1] / "src/newsevents/data/contract.schema.json").read_text())
    assert [line["id"] for line in lines] == ["kenya-1", "empty-1", "german-1"]
    for line in lines:
        jsonschema.validate(line, schema)
        Result.from_dict(line)


def test_bad_inputs_carry_coded_errors_and_set_the_exit_code(extracted: tuple) -> None:
    proc, lines = extracted
    assert lines[0]["error"] is None
    assert lines[1]["error"]["code"] == "E101"
    assert lines[2]["error"]["code"] == "E104"
    assert proc.returncode == 1
    assert "could not be processed" in proc.stderr


def test_every_offset_lands_on_its_words(extracted: tuple) -> None:
    _, lines = extracted
    text = ARTICLES[0]["text"]
    result = lines[0]
    for place in result["places"]:
        assert text[place["start"] : place["end"]] == place["text"]
    for date in result["dates"]:
        assert text[date["start"] : date["end"]] == date["text"]
    for claim in result["claims"]:
        start, end = claim["content_span"]
        assert text[start:end] == claim["content"]
    for event in result["events"]:
        for ev in event["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(text)


def test_ingest_is_idempotent_and_queryable(workdir: Path) -> None:
    first = run("ingest", "in.jsonl", cwd=workdir)
    second = run("ingest", "in.jsonl", cwd=workdir)
    assert first.returncode == 1, first.stderr  # two inputs are rejected, and say so
    assert "stored 1" in first.stderr and "rejected 2" in first.stderr
    assert "stored 0" in second.stderr and "already stored 1" in second.stderr
    listed = run("events", "--json", cwd=workdir)
    assert listed.returncode == 0, listed.stderr
    events = [json.loads(line) for line in listed.stdout.splitlines()]
    assert events, "the Nairobi article reports events"
    exported = run("export", "--format", "contract", cwd=workdir)
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == ["kenya-1"]
    csv = run("export", "--format", "acled-csv", cwd=workdir)
    assert csv.stdout.splitlines()[0].count(",") == 30


def test_info_names_the_model_and_the_store(workdir: Path) -> None:
    proc = run("info", cwd=workdir)
    assert proc.returncode == 0, proc.stderr
    assert "newsevents 0." in proc.stdout and "model loaded:" in proc.stdout


def test_extract_reads_stdin(workdir: Path) -> None:
    proc = run("extract", "-", "--published", "2024-03-14", cwd=workdir, stdin=json.dumps(ARTICLES[0]) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "kenya-1"


def test_train_learns_a_classifier_from_a_case_style_tsv(tmp_path: Path) -> None:
    rows = ["id\tEventSnippet\tSubType"]
    protest = [
        "Thousands marched peacefully through the capital demanding higher wages",
        "Students held a sit-in outside the ministry to protest tuition fees",
        "Farmers rallied in the square against the new land law",
        "Workers staged a peaceful demonstration outside the factory gates",
        "Residents marched to city hall to protest water shortages",
        "Teachers protested in front of parliament over unpaid salaries",
    ]
    arrest = [
        "Police arrested five suspects in a dawn raid on the district",
        "Security forces detained the opposition leader at his home",
        "Officers took twelve men into custody after the search",
        "Authorities arrested a journalist accused of spreading false news",
        "The army detained three activists at a checkpoint",
        "Police rounded up dozens of suspected smugglers near the border",
    ]
    for i, text in enumerate(protest):
        rows.append(f"{i}\t{text}\tPEACE_PROTEST")
    for i, text in enumerate(arrest, start=100):
        rows.append(f"{i}\t{text}\tARREST")
    (tmp_path / "train.tsv").write_text("\n".join(rows) + "\n")
    proc = run("train", "train.tsv", "--out", "models", "--folds", "3", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "3-fold cross-validation" in proc.stdout
    metadata = json.loads((tmp_path / "models/events-classifier-1/metadata.json").read_text())
    assert metadata["examples"] == 12


# --- precision first: --min-confidence -------------------------------------------------------------------


@pytest.fixture(scope="module")
def doubtful_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the API tests' samples (confidence 0.8) and one doubtful report (0.2), in Goma."""
    path = tmp_path_factory.mktemp("cli-confidence")
    samples.fill(str(path / "store.sqlite"), extra=(samples.DOUBTFUL,))
    return path


def test_the_default_minimum_hides_a_doubtful_report_until_lowered(doubtful_store: Path) -> None:
    assert 0.2 < DEFAULT_MIN_CONFIDENCE <= 0.8
    for command in ("events", "merged"):
        default = run(command, "--json", cwd=doubtful_store)
        assert default.returncode == 0, default.stderr
        assert len(default.stdout.splitlines()) == 5 and "Goma" not in default.stdout
        everything = run(command, "--json", "--min-confidence", "0", cwd=doubtful_store)
        assert everything.returncode == 0, everything.stderr
        found = [json.loads(line) for line in everything.stdout.splitlines()]
        assert len(found) == 6
        goma = next(e for e in found if (e.get("location") or {}).get("name") == "Goma")
        assert goma["confidence"] == 0.2
        stricter = run(command, "--json", "--min-confidence", "0.9", cwd=doubtful_store)
        assert stricter.returncode == 0 and stricter.stdout == ""


@pytest.mark.parametrize("level", ["events", "reports"])
def test_acled_export_leaves_out_doubtful_events_unless_lowered(doubtful_store: Path, level: str) -> None:
    default = run("export", "--format", "acled-csv", "--level", level, cwd=doubtful_store)
    assert default.returncode == 0, default.stderr
    assert len(default.stdout.splitlines()) == 1 + 5 and "Goma" not in default.stdout
    everything = run("export", "--format", "acled-csv", "--level", level, "--min-confidence", "0",
                     cwd=doubtful_store)
    assert everything.returncode == 0, everything.stderr
    assert len(everything.stdout.splitlines()) == 1 + 6 and "Goma" in everything.stdout


def test_jsonl_export_leaves_out_doubtful_events_unless_lowered(doubtful_store: Path) -> None:
    """The contract format is one line per article: the doubtful event is left out of its article's line."""
    for args, expected in (((), []), (("--min-confidence", "0"), [0.2])):
        proc = run("export", "--format", "contract", *args, cwd=doubtful_store)
        assert proc.returncode == 0, proc.stderr
        lines = {line["id"]: line for line in map(json.loads, proc.stdout.splitlines())}
        assert len(lines) == 6
        assert [e["confidence"] for e in lines["goma-rumour"]["events"]] == expected
        assert lines["goma-rumour"]["places"][0]["name"] == "Goma"
        assert [e["confidence"] for e in lines["kenya-rally"]["events"]] == [0.8]


@pytest.mark.parametrize("value", ["2", "-0.5", "abc", "nan"])
@pytest.mark.parametrize("command", ["events", "merged", "export"])
def test_a_minimum_outside_0_to_1_is_a_usage_mistake(doubtful_store: Path, command: str, value: str) -> None:
    proc = run(command, "--min-confidence", value, cwd=doubtful_store)
    assert proc.returncode == 2, proc.stderr
    assert "--min-confidence" in proc.stderr


def test_events_are_listed_as_reviewed_and_a_cut_listing_says_so(tmp_path: Path) -> None:
    """A reviewer's corrected figure is what `events` shows, marked as corrected; a listing that stops at
    its --limit says so on stderr."""
    from dataclasses import replace

    from newsevents.model import Counts
    from newsevents.store import EventFilter, Store
    from newsevents.store.review import EventCorrection, Reviews

    samples.fill(str(tmp_path / "store.sqlite"))
    with Store.open(str(tmp_path / "store.sqlite")) as store:
        first = store.events(EventFilter(limit=1))[0]
        counts = replace(first.event.counts, killed=(first.event.counts.killed or 0) + 1000)
        Reviews(store).review_event(first.id, "correct", reviewer="Ana", correction=EventCorrection(
            counts=Counts(**counts.to_dict())))
    listed = run("events", "--json", "--limit", "100", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    killed = [json.loads(line)["counts"].get("killed") for line in listed.stdout.splitlines()]
    assert counts.killed in killed
    table = run("events", "--limit", "100", cwd=tmp_path)
    assert any(line.endswith("corrected by Ana") for line in table.stdout.splitlines())
    assert "showing the first" not in table.stderr
    cut = run("events", "--limit", "2", cwd=tmp_path)
    assert len(cut.stdout.splitlines()) == 2
    assert "showing the first 2" in cut.stderr
