"""A real Spark standalone cluster on this machine: a master and two workers started from the pyspark
distribution with ``spark-class``, the job submitted with ``spark-submit``, its records those of
``newsevents extract``, byte for byte; and nothing of the cluster left running afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.ingest import read_inputs
from newsevents.pipeline import Extractor
from newsevents.scale.records import record_line
from newsevents.scale.standalone import StandaloneCluster, group_alive, submit


@pytest.mark.slow
def test_a_standalone_cluster_of_two_workers_gives_the_records_of_extract(
    crawl: Path, extractor: Extractor, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    with StandaloneCluster(workers=2, cores=1, memory="1g", folder=tmp_path / "cluster") as cluster:
        assert cluster.alive_workers() == 2
        groups = [p.pid for p in cluster.processes]
        ran = submit(cluster.master_url, [str(crawl), "--output", str(out), "--partitions", "4"],
                     conf={"spark.executor.memory": "512m", "spark.ui.enabled": "false"}, timeout_s=240)
    assert ran.returncode == 1, ran.stderr[-3000:]  # 1: the crawl's bad line is a record with an error
    assert not any(group_alive(g) for g in groups)  # master, workers, executors and Python workers gone

    # Both workers ran an executor of the job (each keeps a folder per application and executor).
    assert all(any((tmp_path / "cluster" / f"worker-{i}").glob("app-*/*")) for i in range(2))
    expected = "".join(record_line(r) + "\n" for r in extractor.extract(read_inputs([str(crawl)])))
    got = b"".join(p.read_bytes() for p in sorted((out / "records").glob("part-*")))
    assert got.decode("utf-8") == expected
    assert expected.count("\n") == 8
