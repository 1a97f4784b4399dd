"""The CLI's own commands and the Spark ones (scale.commands) take their shared options and exit codes from
one module: the same --published date is refused by both, with the same code."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsevents.cli import main
from newsevents.cli_options import EXIT_USAGE
from newsevents.scale.commands import spark


def test_spark_refuses_a_published_date_as_ingest_does(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Police arrested two men."}\n')
    runner = CliRunner()
    args = [str(tmp_path / "a.jsonl"), "--published", "2999-01-01"]
    by_spark = runner.invoke(spark, [*args, "--output", str(tmp_path / "out")])
    by_ingest = runner.invoke(main, ["ingest", *args, "--db", str(tmp_path / "s.sqlite")])
    assert by_spark.exit_code == by_ingest.exit_code == EXIT_USAGE
    assert "--published" in by_spark.output and "--published" in by_ingest.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "s.sqlite").exists()
