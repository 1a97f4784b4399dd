"""The command line as people expect it (issue 15): a store that does not exist is refused by the commands
that only read it, usage mistakes exit 2, the filters take the API's names (the older ones still work),
countries by name or ISO code, event types in any case, a modality filter, a progress bar only on a
terminal, and CORS origins checked."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from tests.fixtures import samples


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The API tests' made-up samples in a SQLite store: two Kenyan protests, one claimed clash in Mali."""
    path = str(tmp_path_factory.mktemp("cli-conventions") / "store.sqlite")
    samples.fill(path)
    return path


def cli(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, list(args))
    return outcome.exit_code, outcome.stdout, outcome.stderr


def merged_ids(store: str, *args: str) -> list[int]:
    code, out, err = cli("merged", "--db", store, "--json", *args)
    assert code == 0, err
    return [json.loads(line)["id"] for line in out.splitlines()]


@pytest.mark.parametrize("command", [["events"], ["merged"], ["claims"], ["export", "--format", "jsonl"],
                                     ["serve"]])
def test_a_store_that_does_not_exist_is_refused_by_commands_that_only_read(tmp_path: Path,
                                                                           command: list[str]) -> None:
    missing = tmp_path / "nowhere" / "news.sqlite"
    env = {"NEWSEVENTS_TOKEN": ""}  # serve without a token only reads
    outcome = CliRunner(env=env).invoke(main, [*command, "--db", str(missing)])
    assert outcome.exit_code == 2, outcome.output
    assert str(missing) in outcome.stderr and f"newsevents ingest ARTICLES --db {missing}" in outcome.stderr
    assert not missing.exists() and not missing.parent.exists()
    url = CliRunner(env=env).invoke(main, [*command, "--db", f"sqlite:///{missing}"])
    assert url.exit_code == 2 and not missing.exists()


@pytest.mark.parametrize("args", [["--date-from", "2022-02-30"], ["--from", "yesterday"],
                                  ["--to", "2022-13"], ["--country", "Narnia"], ["--type", "Protest march"],
                                  ["--sub-event-type", "nothing"], ["--modality", "rumoured"],
                                  ["--bbox", "1,2,3"], ["--min-confidence", "2"]])
@pytest.mark.parametrize("command", ["events", "merged", "export"])
def test_usage_mistakes_exit_2_and_name_the_option(store: str, command: str, args: list[str]) -> None:
    code, out, err = cli(command, "--db", store, *args)
    assert code == 2, err
    assert args[0] in err and out == ""


def test_countries_by_name_or_iso_code(store: str) -> None:
    kenya = merged_ids(store, "--country", "KE")
    assert len(kenya) == 2
    for given in ("Kenya", "KEN", "ke", "404"):
        assert merged_ids(store, "--country", given) == kenya


def test_the_apis_names_with_the_older_ones_as_aliases(store: str) -> None:
    protests = merged_ids(store, "--event-type", "Protests")
    assert len(protests) == 2
    assert merged_ids(store, "--type", "protests") == protests
    assert merged_ids(store, "--event-type", "PROTESTS") == protests
    assert merged_ids(store, "--sub-type", "peaceful protest") == protests
    january = merged_ids(store, "--date-from", "2022-01-12", "--date-to", "2022-01-15")
    assert len(january) == 3 and merged_ids(store, "--from", "2022-01-12", "--to", "2022-01-15") == january
    assert len(merged_ids(store, "--actor", "teachers")) == 1
    assert len(merged_ids(store, "--admin1", "lagos state")) == 1
    assert len(merged_ids(store, "--bbox", "30,-5,40,5")) == 2  # Nairobi


def test_modality_is_shown_and_filters_repeatably(store: str) -> None:
    code, out, _ = cli("merged", "--db", store, "--json")
    modality = {e["id"]: e["modality"] for e in map(json.loads, out.splitlines())}
    claimed = [i for i, m in modality.items() if m == "claimed"]
    assert len(claimed) == 1
    assert merged_ids(store, "--modality", "claimed") == claimed
    assert sorted(merged_ids(store, "--modality", "claimed", "--modality", "ASSERTED")) == sorted(modality)
    code, out, _ = cli("merged", "--db", store, "--modality", "claimed")
    assert code == 0 and "| claimed |" in out


def test_the_acled_export_records_whether_every_modality_was_kept(store: str, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    code, _, err = cli("export", "--db", store, "--format", "acled-csv", "--all-modalities", "-o", str(out))
    assert code == 0, err
    assert json.loads(Path(f"{out}.meta.json").read_text())["all_modalities"] is True


@pytest.mark.parametrize("origin", ["maps.example.org", "https://maps.example.org/page", "ftp://x.example"])
def test_cors_takes_origins_only(store: str, origin: str) -> None:
    code, _, err = cli("serve", "--db", store, "--cors", origin)
    assert code == 2 and "--cors" in err


ARTICLE = {"id": "harbour-1", "published": "2024-03-14",
           "text": "Dock workers marched through Mombasa on Wednesday to demand unpaid wages, and police "
                   "arrested six of them near the port gate."}


def _extract(tmp_path: Path, *, terminal: bool) -> str:
    """What ``newsevents extract`` writes to stderr, a real terminal (a pseudo-terminal) or a pipe."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    args = [sys.executable, "-m", "newsevents", "extract", str(source), "-o", str(tmp_path / "out.jsonl")]
    if not terminal:
        return subprocess.run(args, capture_output=True, text=True, timeout=300, check=True).stderr
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(300) == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_progress_bar_on_a_terminal_and_a_summary_line_otherwise(tmp_path: Path) -> None:
    piped = _extract(tmp_path, terminal=False)
    assert piped.strip().splitlines()[-1] == "articles read 1, with an error 0"
    assert "extracting" not in piped and "\r" not in piped
    shown = _extract(tmp_path, terminal=True)
    assert "extracting  [" in shown and "]  1  harbour-1" in shown  # click's bar, the count and the item
    assert "articles read 1, with an error 0" in shown
