"""``extract_parallel`` over two worker processes gives the records one process gives, in the same order."""

from __future__ import annotations

from pathlib import Path

from newsevents.ingest import read_inputs
from newsevents.pipeline import Extractor, extract_parallel
from newsevents.scale.records import record_line


def test_two_workers_give_the_records_of_one(crawl: Path, extractor: Extractor) -> None:
    items = list(read_inputs([str(crawl)]))
    one = [record_line(r) for r in extractor.extract(items)]
    # batch_size 2: the inputs are spread over both workers, and their results must come back in order.
    two = [record_line(r) for r in extract_parallel(items, workers=2, batch_size=2)]
    assert len(one) == len(items) == 8
    assert two == one
    assert any('"events": [{' in line for line in one)  # the pipeline found something to compare
