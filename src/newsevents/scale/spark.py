"""``run_spark``: the newsevents pipeline on Spark, giving the records ``newsevents extract`` gives.

How inputs are read, by file name:

- ``*.jsonl`` / ``*.ndjson`` / ``*.json`` (not gzipped): Spark's ``text`` source, so a large file is split
  across tasks. Lines are numbered as ``newsevents extract`` numbers them (a bad line is ``<file>:<line>``):
  a first, cheap pass counts the lines of each split. These files must be UTF-8, as JSON is.
- ``*.parquet``: Spark's ``parquet`` source; the columns ``id, text`` and optionally ``title, published,
  url, source`` are one article a row, checked like a JSONL line (a bad row is ``<file>:<row>``).
- everything else (WARC, anything gzipped, text, HTML, feeds): ``binaryFiles``, one whole file per
  record, read by the same readers as ``newsevents extract``. A file is held in memory whole, so a file
  must fit in an executor's memory (and under 2 GB, Spark's limit for one record).

The articles are then spread over ``partitions`` tasks; each task runs the pipeline with the Extractor its
Python worker loaded once (Spark reuses its Python workers, so a model is loaded once per worker, not per
task). The results are sorted back into input order and written (see ``newsevents.scale.records``).

Files and folders whose names start with "." or "_" (``_SUCCESS``, ``.crc``) are skipped, as Spark does.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from newsevents.config import load_config
from newsevents.errors import MissingInput, OversizeInput, ScaleError
from newsevents.ingest.jsonl import parse_line
from newsevents.ingest.sources import read_opened, stem_and_format
from newsevents.ingest.streams import Source, open_stream, rejected
from newsevents.model import Article, Rejected
from newsevents.pipeline import Extractor
from newsevents.scale.records import FIELDS, output_row

Format = Literal["jsonl", "parquet"]
FORMATS = ("jsonl", "parquet")
GLOB_CHARS = frozenset("*?[{")
TEXT_FORMATS = frozenset({"jsonl"})
INPUT_FIELDS = ("id", "text", "title", "published", "url", "source")
MAX_BYTES = 20_000_000  # one document, WARC record or JSONL line, as ``read_inputs`` bounds it


@dataclass(frozen=True, slots=True)
class SparkSummary:
    """What a run read and wrote."""

    output: str
    fmt: str
    files: int
    records: int  # one per input, as ``newsevents extract`` writes one line per input
    errors: int  # records whose ``error`` is set (also in ``rejected/``)
    partitions: int
    seconds: float


@dataclass(frozen=True, slots=True)
class InputFile:
    index: int  # the file's place among all inputs: records are sorted by it, then by position
    path: str  # as Hadoop names it (``file:/...``, ``hdfs://...``, ``s3a://...``)
    name: str
    kind: Literal["text", "parquet", "binary"]


Numbered = tuple[int, int, Article | Rejected]  # (file index, position in the file, the input)
# (the file's metadata path, the split's first byte) -> (the file, how many of its rows come before the split)
Offsets = dict[tuple[str, int], tuple[InputFile, int]]


def run_spark(
    inputs: Sequence[str],
    output: str,
    *,
    fmt: Format = "jsonl",
    master: str | None = None,
    config_path: str | None = None,
    partitions: int | None = None,
    published: str | None = None,
    spark: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> SparkSummary:
    """Extract from ``inputs`` (paths, folders or globs Spark can read) into the folder ``output``.

    ``fmt`` is the output form (JSONL text or Parquet); ``master`` the Spark master when no session is
    running (default: what spark-submit or ``local[*]`` says); ``partitions`` the number of extraction
    tasks (default: twice the default parallelism). ``spark`` is a session to use; a session this function
    started is stopped when it ends. ``progress`` is told (tasks done, tasks known) of this run's Spark jobs
    as they go, and once more at the end. Raises ScaleError (E600) when the output exists or Spark fails.
    """
    if fmt not in FORMATS:
        raise ScaleError(f"unknown output format {fmt!r}: one of {', '.join(FORMATS)}", fmt=fmt)
    config_text = _config_text(config_path)
    start = time.perf_counter()
    session, own = (spark, False) if spark is not None else _session(master)
    try:
        _check_output_free(session, output)
        files, missing = list_inputs(session, inputs)
        n = partitions or 2 * session.sparkContext.defaultParallelism
        items = _read_all(session, files, missing, published).repartition(n)
        results = session.createDataFrame(items.mapPartitions(extract_partition(config_text)), _schema())
        results = results.persist()
        try:
            with _watched(session, progress):
                records, errors = _count(results)
                _write(results.orderBy("file_index", "position"), output, fmt)
        finally:
            results.unpersist()
    except ScaleError:
        raise
    except Exception as exc:  # py4j and Spark raise their own types; the caller gets one coded error
        message = f"the Spark run failed: {type(exc).__name__}: {_first_line(exc)}"
        raise ScaleError(message, output=output) from exc
    finally:
        if own:
            session.stop()
    return SparkSummary(output, fmt, len(files), records, errors, n, time.perf_counter() - start)


PROGRESS_GROUP = "newsevents-spark"  # the job group of a run's jobs, which its progress counts


@contextmanager
def _watched(session: Any, progress: Callable[[int, int], None] | None, every: float = 0.5) -> Iterator[None]:
    """Tell ``progress`` (tasks done, tasks known) of the jobs run inside the block, from a thread asking
    Spark's status tracker every ``every`` seconds, and once more when the block ends."""
    if progress is None:
        yield
        return
    context = session.sparkContext
    before = context.getLocalProperty("spark.jobGroup.id")
    context.setJobGroup(PROGRESS_GROUP, "newsevents spark", interruptOnCancel=False)
    tracker = context.statusTracker()
    done = threading.Event()

    def tasks() -> tuple[int, int]:
        finished = known = 0
        for job in tracker.getJobIdsForGroup(PROGRESS_GROUP):
            info = tracker.getJobInfo(job)
            for stage in (info.stageIds if info else ()):
                found = tracker.getStageInfo(stage)
                if found is not None:  # a finished job has done every stage (skipped ones reuse a shuffle)
                    ended = str(info.status) == "SUCCEEDED"
                    finished += found.numTasks if ended else found.numCompletedTasks
                    known += found.numTasks
        return finished, known

    def watch() -> None:
        while not done.wait(every):
            progress(*tasks())

    watcher = threading.Thread(target=watch, name="newsevents-spark-progress", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
        context.setLocalProperty("spark.jobGroup.id", before)
        progress(*tasks())


# --- the session and the inputs (driver) --------------------------------------------------------------


def _session(master: str | None) -> tuple[Any, bool]:
    """The active session, or a new one (True: this run started it, and stops it)."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    if _launches_local(master):
        # Executors on this machine run this interpreter, which has newsevents installed. On a cluster the
        # executors' Python is the user's to name (PYSPARK_PYTHON, spark.pyspark.python): see docs/scale.md.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newsevents")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate(), True


def _launches_local(master: str | None) -> bool:
    """Whether this process starts Spark itself (not under spark-submit) on this machine."""
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    return not under_submit and (master is None or master.startswith("local"))


def _config_text(config_path: str | None) -> str | None:
    """The config file's text, checked here so that a bad config fails before any task starts; the text
    (not the path) goes to the executors, which need not see the driver's files."""
    if config_path is None:
        return None
    load_config(config_path)
    return Path(config_path).read_text(encoding="utf-8")


def _hadoop(session: Any) -> tuple[Any, Any]:
    jvm = session.sparkContext._jvm
    return jvm, session.sparkContext._jsc.hadoopConfiguration()


def _check_output_free(session: Any, output: str) -> None:
    jvm, conf = _hadoop(session)
    path = jvm.org.apache.hadoop.fs.Path(output)
    if path.getFileSystem(conf).exists(path):
        raise ScaleError(f"the output {output!r} exists: give a new folder", output=output)


def list_inputs(session: Any, inputs: Sequence[str]) -> tuple[list[InputFile], list[Numbered]]:
    """Every file the inputs name, in ``newsevents extract``'s order (inputs as given, each folder's files
    sorted), and an E112 Rejected for each input that names nothing."""
    jvm, conf = _hadoop(session)
    files: list[InputFile] = []
    missing: list[Numbered] = []
    for name in inputs:
        found = _expand(jvm, conf, name)
        if isinstance(found, Rejected):
            missing.append((len(files) + len(missing), 0, found))
            continue
        for path, file_name in found:
            files.append(InputFile(len(files) + len(missing), path, file_name, _kind(file_name)))
    return files, missing


def _expand(jvm: Any, conf: Any, name: str) -> list[tuple[str, str]] | Rejected:
    """(path, file name) of the files one input names, with the messages ``read_inputs`` gives."""
    path = jvm.org.apache.hadoop.fs.Path(name)
    fs = path.getFileSystem(conf)
    if GLOB_CHARS.intersection(name):
        statuses = fs.globStatus(path) or []
        found = [f for s in statuses for f in (_walk(fs, s.getPath()) if s.isDirectory() else [_pair(s)])]
        return sorted(found) if found else rejected(MissingInput, f"no file matches {name!r}", name, name)
    if not fs.exists(path):
        return rejected(MissingInput, f"no such file or folder: {name!r}", name, name)
    if fs.getFileStatus(path).isDirectory():
        return _walk(fs, path) or rejected(MissingInput, f"the folder {name!r} holds no files", name, name)
    return [_pair(fs.getFileStatus(path))]


def _walk(fs: Any, root: Any) -> list[tuple[str, str]]:
    """The files under ``root``, sorted by their path below it, leaving out hidden and ``_`` names."""
    prefix = root.toString().rstrip("/") + "/"
    found = []
    listing = fs.listFiles(root, True)
    while listing.hasNext():
        status = listing.next()
        path, name = _pair(status)
        parts = path[len(prefix):].split("/") if path.startswith(prefix) else [name]
        if not any(part.startswith((".", "_")) for part in parts):
            found.append((parts, path, name))
    return [(path, name) for _, path, name in sorted(found)]


def _pair(status: Any) -> tuple[str, str]:
    return status.getPath().toString(), status.getPath().getName()


def _kind(file_name: str) -> Literal["text", "parquet", "binary"]:
    if file_name.lower().endswith(".parquet"):
        return "parquet"
    _, fmt = stem_and_format(file_name)
    gzipped = file_name.lower().endswith(".gz")
    return "text" if fmt in TEXT_FORMATS and not gzipped else "binary"


# --- reading (executors) ---------------------------------------------------------------------------


def _read_all(session: Any, files: list[InputFile], missing: list[Numbered], published: str | None) -> Any:
    """One RDD of (file index, position, Article or Rejected) over every input."""
    sc = session.sparkContext
    parts = [sc.parallelize(missing, 1)] if missing else []
    binary = [f for f in files if f.kind == "binary"]
    if binary:
        by_path = {f.path: f for f in binary}
        paths = ",".join(f.path for f in binary)
        parts.append(sc.binaryFiles(paths).flatMap(read_binary(by_path, published)))
    for kind in ("text", "parquet"):
        chosen = [f for f in files if f.kind == kind]
        if chosen:
            parts.append(_read_rows(session, chosen, kind, published))
    if not parts:
        return sc.parallelize([], 1)
    return sc.union(parts)


def read_binary(
    by_path: dict[str, InputFile], published: str | None
) -> Callable[[tuple[str, bytes]], Iterator[Numbered]]:
    def read(pair: tuple[str, bytes]) -> Iterator[Numbered]:
        path, data = pair
        found = by_path[path]
        stem, fmt = stem_and_format(found.name)
        source = Source(stem, path, published, MAX_BYTES)
        for position, item in enumerate(read_opened(open_stream(io.BytesIO(data)), fmt, source)):
            yield found.index, position, item

    return read


def _read_rows(session: Any, files: list[InputFile], kind: str, published: str | None) -> Any:
    """JSONL lines or Parquet rows, each numbered by its place in its file (1-based), as Articles."""
    reader = session.read
    if kind == "text":
        df = reader.option("lineSep", "\n").text([f.path for f in files])
    else:
        df = reader.option("mergeSchema", "true").parquet(*[f.path for f in files])
    columns = ["value"] if kind == "text" else [c for c in INPUT_FIELDS if c in df.columns]
    df = df.select(*columns, "_metadata.file_path", "_metadata.file_block_start")
    offsets = _split_offsets(session, df, files)
    return df.rdd.mapPartitions(number_rows(offsets, kind, published, columns))


def _split_offsets(session: Any, df: Any, files: list[InputFile]) -> Offsets:
    """For each split (file, first byte) Spark reads: its file, and how many rows the file has before it.

    This is the first pass over the data, a count; it is what lets a line of a split file be named by its
    line number, as ``newsevents extract`` names it.
    """
    jvm, _ = _hadoop(session)
    by_path = {f.path: f for f in files}
    counts = df.groupBy("file_path", "file_block_start").count().collect()
    offsets: Offsets = {}
    before: dict[str, int] = {}
    for row in sorted(counts, key=lambda r: (r["file_path"], r["file_block_start"])):
        # The metadata column gives a URI (spaces as %20); Hadoop's Path gives the name the listing gave.
        listed = jvm.org.apache.hadoop.fs.Path(jvm.java.net.URI(row["file_path"])).toString()
        found = by_path[listed]
        offsets[(row["file_path"], row["file_block_start"])] = (found, before.get(listed, 0))
        before[listed] = before.get(listed, 0) + row["count"]
    return offsets


def number_rows(
    offsets: Offsets, kind: str, published: str | None, columns: list[str]
) -> Callable[[Iterator[Any]], Iterator[Numbered]]:
    def run(rows: Iterator[Any]) -> Iterator[Numbered]:
        split: tuple[str, int] | None = None
        count = 0
        for row in rows:
            here = (row["file_path"], row["file_block_start"])
            if here != split:  # a partition reads its splits one after the other, each in file order
                split, count = here, 0
            count += 1
            found, before = offsets[here]
            number = before + count
            stem, _ = stem_and_format(found.name)
            source = Source(stem, found.path, published, MAX_BYTES)
            item = _line_item(row["value"], number, source) if kind == "text" else _row_item(row, columns,
                                                                                               number, source)
            if item is not None:
                yield found.index, number, item

    return run


def _line_item(value: str, number: int, source: Source) -> Article | Rejected | None:
    """A JSONL line as ``read_jsonl`` reads it: blank lines skipped, long lines rejected (E105)."""
    if not value.strip():
        return None
    # ``read_jsonl`` hands each line over with its newline, which JSON error positions count.
    line = value.encode("utf-8") + b"\n"
    if len(line) > source.max_bytes:
        message = f"line {number} is longer than the limit of {source.max_bytes:,} bytes"
        return rejected(OversizeInput, message, source.part(number, ":"), f"{source.origin}:{number}", line)
    return parse_line(line, number, source)


def _row_item(row: Any, columns: list[str], number: int, source: Source) -> Article | Rejected:
    """A Parquet row, checked as the JSONL line with the same fields would be."""
    values = {c: _plain(row[c]) for c in columns if row[c] is not None}
    return parse_line(json.dumps(values, ensure_ascii=False).encode("utf-8") + b"\n", number, source)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- extracting (executors) -----------------------------------------------------------------------

# One Extractor per Python worker and config, loaded by the first task that needs it: Spark reuses its
# Python workers between tasks, so the model is loaded once per worker rather than once per partition.
_EXTRACTORS: dict[str | None, Extractor] = {}


def worker_extractor(config_text: str | None) -> Extractor:
    if config_text not in _EXTRACTORS:
        _EXTRACTORS[config_text] = _load_extractor(config_text)
    return _EXTRACTORS[config_text]


def _load_extractor(config_text: str | None) -> Extractor:
    if config_text is None:
        return Extractor.from_config()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "newsevents.cfg"
        path.write_text(config_text, encoding="utf-8")
        return Extractor.from_config(path)


def extract_partition(config_text: str | None) -> Callable[[Iterator[Numbered]], Iterator[tuple[Any, ...]]]:
    """The task run on each partition: the pipeline over its inputs, one output row per input."""

    def run(items: Iterator[Numbered]) -> Iterator[tuple[Any, ...]]:
        extractor = worker_extractor(config_text)
        pending: deque[Numbered] = deque()

        def inputs() -> Iterator[Article | Rejected]:
            for numbered in items:
                pending.append(numbered)
                yield numbered[2]

        for result in extractor.extract(inputs()):  # one result per input, in order
            file_index, position, item = pending.popleft()
            yield output_row(file_index, position, item, result).as_tuple()

    return run


# --- writing (driver) ------------------------------------------------------------------------------


def _schema() -> Any:
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    types = {"file_index": IntegerType(), "position": LongType()}
    return StructType([StructField(name, types.get(name, StringType()), True) for name in FIELDS])


def _count(results: Any) -> tuple[int, int]:
    from pyspark.sql import functions as F

    row = results.agg(F.count(F.lit(1)).alias("n"), F.count("error_code").alias("errors")).collect()[0]
    return int(row["n"]), int(row["errors"])


def _write(ordered: Any, output: str, fmt: str) -> None:
    from pyspark.sql import functions as F

    base = output.rstrip("/")
    rejected_rows = ordered.where(F.col("error_code").isNotNull()).select(
        "id", F.col("error_code").alias("code"), F.col("error_message").alias("message"), "origin", "excerpt"
    )
    if fmt == "parquet":
        ordered.select("id", "error_code", "record_json", "article_json").write.parquet(f"{base}/records")
        rejected_rows.write.parquet(f"{base}/rejected")
        return
    ordered.select("record_json").write.text(f"{base}/records")
    ordered.select(F.coalesce("article_json", F.lit("null"))).write.text(f"{base}/articles")
    rejected_rows.write.json(f"{base}/rejected")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""
