"""The Spark runner on local[2]: the same records as ``newsevents extract``, byte for byte, and a store
loaded from its output. One Spark session serves the whole module (starting one takes seconds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsevents.errors import ScaleError
from newsevents.model import Article
from newsevents.pipeline import Extractor
from newsevents.scale import load_output, run_spark
from newsevents.scale.commands import load, spark
from newsevents.scale.records import record_line
from newsevents.store import Store

from .conftest import ARTICLES


@pytest.fixture(scope="module")
def session() -> Iterator[object]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark_session = (
        SparkSession.builder.master("local[2]").appName("newsevents-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Tiny splits, so that news.jsonl is read as several splits and its lines must still be numbered
        # as ``newsevents extract`` numbers them.
        .config("spark.sql.files.maxPartitionBytes", "300")
        .config("spark.sql.files.openCostInBytes", "1")
        .getOrCreate()
    )
    spark_session.sparkContext.setLogLevel("ERROR")
    yield spark_session
    spark_session.stop()


def newsevents_extract(inputs: list[str], output: Path) -> bytes:
    """What ``newsevents extract INPUTS -o OUTPUT`` writes, run as a user runs it."""
    ran = subprocess.run([sys.executable, "-m", "newsevents", "extract", *inputs, "-o", str(output)],
                         capture_output=True, text=True, check=False)
    assert ran.returncode == 1, ran.stderr  # 1: some inputs were rejected, each recorded with its reason
    return output.read_bytes()


def part_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("part-*")))


def part_lines(folder: Path) -> list[str]:
    return [line for line in part_bytes(folder).decode("utf-8").split("\n") if line]


def test_jsonl_records_equal_extract_byte_for_byte(session: object, crawl: Path, tmp_path: Path) -> None:
    inputs = [str(crawl), str(tmp_path / "missing.warc.gz")]
    summary = run_spark(inputs, str(tmp_path / "out"), fmt="jsonl", spark=session, partitions=3)

    extracted = newsevents_extract(inputs, tmp_path / "extract.jsonl")
    assert part_bytes(tmp_path / "out" / "records") == extracted
    expected = extracted.decode("utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in expected]
    assert "news:3" in ids  # the bad line, numbered across Spark's splits of the file
    assert sum(i.startswith("urn:uuid:") for i in ids) == 2  # the WARC's two pages, not its requests
    assert ids[-1] == inputs[-1]  # the missing input, rejected (E112) after the folder's files
    assert (summary.files, summary.records) == (4, len(expected))
    errors = [json.loads(line) for line in expected if json.loads(line)["error"]]
    assert summary.errors == len(errors) == 2
    rejected = [json.loads(line) for line in part_lines(tmp_path / "out" / "rejected")]
    assert [(r["id"], r["code"]) for r in rejected] == [(e["id"], e["error"]["code"]) for e in errors]
    assert rejected[0]["origin"].endswith("news.jsonl:3")

    store_path = tmp_path / "store.sqlite"
    with Store.open(store_path) as store:
        first = load_output(tmp_path / "out", store)
        again = load_output(tmp_path / "out", store)
        kept = store.article("harbour-strike")
        assert store.summary().rejected == 2
    assert (first.records, first.stored, first.duplicates, first.rejected_new) == (len(expected), 6, 1, 2)
    assert (again.stored, again.duplicates, again.rejected_new) == (0, 7, 0)
    assert kept is not None
    assert kept[0].text == ARTICLES[0]["text"] and kept[0].source == "Delta Tribune"
    assert record_line(kept[1]) == next(line for line in expected if '"harbour-strike"' in line)


def test_parquet_in_and_out_through_the_commands(
    session: object, extractor: Extractor, tmp_path: Path
) -> None:
    rows = [dict(ARTICLES[1]), {"id": "no-text", "title": "only a title"}, dict(ARTICLES[2])]
    columns = ("id", "text", "title", "published", "url")
    table = pa.table({name: [r.get(name) for r in rows] for name in columns})
    pq.write_table(table, tmp_path / "articles.parquet")
    out = tmp_path / "out"

    ran = CliRunner().invoke(spark, [str(tmp_path / "articles.parquet"), "--output", str(out),
                                     "--format", "parquet", "--partitions", "2"])
    assert ran.exit_code == 1, ran.output  # one row could not be processed
    got = pq.read_table(out / "records").to_pylist()
    assert [r["id"] for r in got] == ["border-clash", "articles.parquet:2", "minister-denies"]
    assert got[1]["error_code"] == "E110" and got[1]["article_json"] is None
    articles = [Article.from_input_dict(ARTICLES[i]) for i in (1, 2)]
    expected = [record_line(r) for r in extractor.extract(articles)]
    assert [got[0]["record_json"], got[2]["record_json"]] == expected

    db = str(tmp_path / "store.sqlite")
    for _ in range(2):
        loaded = CliRunner().invoke(load, [str(out), "--db", db])
        assert loaded.exit_code == 0, loaded.output
    assert "stored 0, already stored 2" in loaded.output
    with Store.open(db) as store:
        assert (store.summary().articles, store.summary().rejected) == (2, 1)


def test_an_existing_output_is_refused(session: object, crawl: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(ScaleError) as caught:
        run_spark([str(crawl)], str(tmp_path / "out"), spark=session)
    assert caught.value.code == "E600"


def test_progress_is_told_of_the_runs_tasks_to_the_last(session: object, crawl: Path, tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    run_spark([str(crawl)], str(tmp_path / "out"), fmt="jsonl", spark=session, partitions=3,
              progress=lambda done, known: told.append((done, known)))
    assert told, "progress was never told"
    done, known = told[-1]
    assert done == known >= 3  # every task of the run's jobs, the 3 extraction tasks among them
    assert all(d <= k for d, k in told) and [d for d, _ in told] == sorted(d for d, _ in told)
    assert session.sparkContext.getLocalProperty("spark.jobGroup.id") is None  # type: ignore[attr-defined]
