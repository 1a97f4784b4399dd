"""The ``spark`` and ``load`` commands; the lead registers them on the ``newsevents`` group. Their shared
options and exit codes are the CLI's own (``newsevents.cli_options``)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from newsevents.cli_options import EXIT_REJECTED, config_option, db_option, fatal, published_option
from newsevents.errors import NewsEventsError


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar (click's) of the Spark tasks on stderr when it is a terminal; None otherwise (the
    command ends with its summary line either way)."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=1, label="Spark tasks", file=sys.stderr, show_pos=True) as bar:

        def tell(done: int, known: int) -> None:
            bar.length = max(known, 1)
            bar.update(done - bar.pos)

        yield tell


@click.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="A new output folder (a path, hdfs://, s3a://...).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True)
@click.option("--master", default=None, help="Spark master URL (default: spark-submit's, or local[*]).")
@click.option("--partitions", type=click.IntRange(1), default=None,
              help="Extraction tasks (default: twice the default parallelism).")
@published_option
@config_option
def spark(inputs: tuple[str, ...], output: str, fmt: str, master: str | None, partitions: int | None,
          published: str | None, config: str | None) -> None:
    """Extract from INPUTS (files, folders, globs: WARC, gzip, JSONL, Parquet) on Spark into OUTPUT."""
    from newsevents.scale.spark import run_spark

    try:
        with _progress() as progress:
            summary = run_spark(list(inputs), output, fmt="parquet" if fmt == "parquet" else "jsonl",
                                master=master, config_path=config, partitions=partitions, published=published,
                                progress=progress)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    click.echo(f"{summary.records} record(s) from {summary.files} file(s) in {summary.seconds:.1f}s "
               f"over {summary.partitions} partition(s); {summary.errors} with an error; "
               f"written to {summary.output} ({summary.fmt})", err=True)
    if summary.errors:
        sys.exit(EXIT_REJECTED)


@click.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
def load(folder: str, db: str) -> None:
    """Put the output FOLDER of "newsevents spark" into a store (loading it twice stores nothing twice)."""
    from newsevents.scale.load import load_output
    from newsevents.store import Store

    try:
        with Store.open(db) as store:
            summary = load_output(folder, store)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    click.echo(f"records {summary.records}: stored {summary.stored}, already stored {summary.duplicates}, "
               f"with an error {summary.rejected} ({summary.rejected_new} newly recorded); real-world events "
               f"new {summary.merged_new}, grown {summary.merged_grown}", err=True)
