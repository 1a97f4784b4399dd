"""A small run of ``bench/throughput.py``: every row of its table comes out (a smoke test of the benchmark,
not a timed assertion: the figures of a few articles on a shared machine mean nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARTICLES

BENCH = Path(__file__).resolve().parents[2] / "bench" / "throughput.py"
ROWS = ("bare spaCy nlp.pipe", "newsevents, 1 worker(s)", "newsevents, 2 worker(s)",
        "newsevents, Spark local[2]", "newsevents, Spark standalone")


@pytest.mark.slow
def test_the_throughput_table_has_every_row(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES * 2), encoding="utf-8")
    command = [sys.executable, str(BENCH), "--input", str(source), "--n", "6", "--batch-size", "2"]
    ran = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert ran.returncode == 0, ran.stderr[-3000:]
    lines = ran.stdout.splitlines()
    assert lines[0].split()[:2] == ["run", "articles"] and "vs bare" in lines[0]
    for name in ROWS:
        row = next((line for line in lines if line.startswith(name)), None)
        assert row is not None, ran.stdout
        figures = row[len(name):].split()
        assert figures[0] == "6", ran.stdout  # every article came through
        # Columns: articles, load s, run s, art/s, kchar/s, peak RSS MB, 1 proc MB, vs bare, cpu s,
        # cpu vs bare
        # (the CPU columns are "–" for Spark, whose executors are not the benchmark's children).
        assert len(figures) == 10, row
        assert float(figures[7]) >= 0  # the ratio to the bare parse (a Spark run of 6 articles rounds to 0)
    assert float(lines[1].split()[-3]) == 1.0
