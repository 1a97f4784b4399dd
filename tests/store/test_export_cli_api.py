"""The exports through the CLI and the API: every filter honoured, one JSON line per event in both, Parquet
and PLOVER in both, and what produced each export beside it (a sidecar file) or with it (a header)."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning
from tests.fixtures.export_samples import fill

from newsevents.__about__ import __version__
from newsevents.api import create_app
from newsevents.cli import main
from newsevents.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "events.sqlite")
    with Store.open(path) as store:
        fill(store)
    return path


@pytest.fixture()
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=None), raise_server_exceptions=False) as test_client:
        yield test_client


def cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_jsonl_is_one_line_per_event_and_honours_the_country(db: str, client: TestClient) -> None:
    lines = [json.loads(line) for line in cli(db, "--format", "jsonl", "--country", "KZ").splitlines()]
    assert len(lines) == 7  # every Kazakh event, the Brooklyn one left out
    assert {line["location"]["country_code"] for line in lines} == {"KZ"}
    api = client.get("/api/export", params={"format": "jsonl", "country": "KZ"}).text.splitlines()
    assert [json.loads(line)["event_id"] for line in api] == [line["event_id"] for line in lines]
    reports = cli(db, "--format", "jsonl", "--level", "reports", "--type", "Protests").splitlines()
    assert [json.loads(line)["sub_event_type"] for line in reports] == [
        "Excessive force against protesters", "Peaceful protest"]


def test_cli_contract_jsonl_honours_the_filters(db: str) -> None:
    every = [json.loads(line) for line in cli(db, "--format", "contract").splitlines()]
    assert [r["id"] for r in every] == ["steppe-1", "wire-2", "ledger-3", "borough-4"]
    kazakh = [json.loads(line) for line in cli(db, "--format", "contract", "--country", "KZ",
                                               "--type", "Battles").splitlines()]
    assert [(r["id"], [e["sub_event_type"] for e in r["events"]]) for r in kazakh] == [
        ("ledger-3", ["Armed clash"])]


def test_cli_writes_parquet_plover_and_a_provenance_sidecar(db: str, tmp_path: Path) -> None:
    target = tmp_path / "kz.parquet"
    cli(db, "--format", "parquet", "--country", "KZ", "--from", "2022-01-01", "--to", "2022-01-31",
        "-o", str(target))
    table = pq.read_table(target)
    assert table.num_rows == 6  # ACLED's own types only
    assert str(table.schema.field("inter1").type) == "int64"
    assert str(table.schema.field("event_date").type) == "date32[day]"
    meta = json.loads((tmp_path / "kz.parquet.meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == __version__ and meta["format"] == "parquet" and meta["events"] == 6
    assert meta["filters"]["country"] == "KZ" and meta["filters"]["date_from"] == "2022-01-01"
    assert meta["exported_at"].startswith("20") and meta["extra_types"] is False
    with_extra = tmp_path / "all.csv"
    cli(db, "--format", "acled-csv", "--include-extra-types", "-o", str(with_extra))
    assert len(list(csv.DictReader(io.StringIO(with_extra.read_text(encoding="utf-8"))))) == 8
    plover = [json.loads(line) for line in cli(db, "--format", "plover", "--country", "US").splitlines()]
    assert [(r["event_type"], r["mode"]) for r in plover] == [("PROTEST", "demo")]


def test_api_export_says_what_produced_it(client: TestClient) -> None:
    params = {"format": "plover", "country": "KZ", "event_type": "Battles"}
    response = client.get("/api/export", params=params)
    assert response.status_code == 200
    meta = json.loads(response.headers["X-Newsevents-Export"])
    assert meta["version"] == __version__ and meta["format"] == "plover" and meta["events"] == 1
    assert meta["filters"]["country"] == "KZ" and meta["filters"]["event_type"] == "Battles"
    assert meta["codebook"].startswith("PLOVER")
    assert "newsevents-plover-KZ" in response.headers["Content-Disposition"]
    assert [json.loads(line)["event_type"] for line in response.text.splitlines()] == ["ASSAULT"]


def test_api_extra_types_only_when_asked(client: TestClient) -> None:
    plain = list(csv.DictReader(io.StringIO(client.get("/api/export").text)))
    extra = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"extra_types": "true"}).text)))
    assert "Diplomatic event" not in {r["sub_event_type"] for r in plain}
    assert "Diplomatic event" in {r["sub_event_type"] for r in extra}
    attack = next(r for r in plain if r["sub_event_type"] == "Attack")
    assert attack["source"].startswith("'=HYPERLINK(")  # not a formula in a spreadsheet
