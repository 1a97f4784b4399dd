"""The ``newsevents`` command: a thin shell over importable functions.

Exit codes: 0 all went well; 1 some inputs were rejected or failed (each recorded with its reason);
2 a usage mistake; 3 the run could not proceed (no model, unreadable store, missing eval data).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from newsevents.__about__ import SCHEMA_VERSION, __version__
from newsevents.errors import NewsEventsError
from newsevents.model import DEFAULT_MIN_CONFIDENCE, Article, Rejected, Result

DEFAULT_DB = "newsevents.sqlite"
EXIT_REJECTED = 1
EXIT_FATAL = 3

db_option = click.option(
    "--db",
    default=lambda: os.environ.get("NEWSEVENTS_DB", DEFAULT_DB),
    show_default="newsevents.sqlite or $NEWSEVENTS_DB",
    help="SQLite file path or database URL (sqlite:///..., postgresql://...).",
)
config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Pipeline config file (default: the packaged default.cfg).",
)


class Failure(click.ClickException):
    exit_code = EXIT_FATAL


def _fatal(exc: NewsEventsError) -> Failure:
    return Failure(str(exc))


@click.group()
@click.version_option(__version__, prog_name="newsevents")
def main() -> None:
    """Evidence-linked political events and claims from news reports."""


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from newsevents.ingest.validate import published_problem

    problem = published_problem(value)
    if problem is not None:
        raise click.BadParameter(f"{value!r} {problem}")
    return value


published_option = click.option(
    "--published", default=None, callback=_published,
    help="Publication date for inputs that carry none (YYYY-MM-DD; not more than a year ahead).",
)


def _inputs(
    paths: tuple[str, ...], published: str | None, skipped: list[str] | None = None
) -> Iterator[Article | Rejected]:
    from newsevents.ingest import read_inputs

    def skip(path: str, _why: str) -> None:
        if skipped is not None:
            skipped.append(path)

    return read_inputs(list(paths), published=published, stdin=sys.stdin.buffer, on_skip=skip)


def _extractor(config: str | None, workers: int) -> Any:
    """A callable turning inputs into results, over ``workers`` processes when more than one."""
    from newsevents.pipeline import Extractor, extract_parallel

    if workers > 1:
        return lambda items: extract_parallel(items, workers=workers, config_path=config)
    return Extractor.from_config(config).extract


def _progress(stream: TextIO) -> Any:
    state = {"n": 0, "start": time.perf_counter()}

    def tick(result: Result) -> None:
        state["n"] += 1
        if stream.isatty() or state["n"] % 50 == 0:
            rate = state["n"] / max(time.perf_counter() - state["start"], 1e-6)
            click.echo(f"\r{state['n']} articles, {rate:.1f}/s", file=stream, nl=False)

    return tick


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Output JSONL (default stdout).",
)
@published_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
@config_option
def extract(
    inputs: tuple[str, ...], output: TextIO, published: str | None, workers: int, config: str | None
) -> None:
    """Extract events, claims, places and dates from INPUTS as contract JSONL.

    INPUTS are files, folders, globs, or - for stdin.
    """
    skipped: list[str] = []
    try:
        run = _extractor(config, workers)
        rejected = 0
        for result in run(_inputs(inputs, published, skipped)):
            output.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            rejected += result.error is not None
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    output.flush()
    _say_skipped(skipped)
    if rejected:
        click.echo(f"{rejected} input(s) could not be processed: see their 'error'", err=True)
        sys.exit(EXIT_REJECTED)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@published_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
@config_option
def ingest(inputs: tuple[str, ...], db: str, published: str | None, workers: int, config: str | None) -> None:
    """Extract from INPUTS and keep the results in the store (the same article twice is stored once)."""
    from newsevents.batch import ingest as run_ingest
    from newsevents.store import Store

    skipped: list[str] = []
    try:
        with Store.open(db) as store:
            summary = run_ingest(
                _inputs(inputs, published, skipped), store, _extractor(config, workers), _progress(sys.stderr)
            )
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    click.echo(
        f"\narticles read {summary.read}, stored {summary.stored}, already stored {summary.duplicates}, "
        f"rejected {summary.rejected}, failed {summary.failed}; "
        f"events {summary.events}, claims {summary.claims}; real-world events new {summary.merged_new}, "
        f"grown {summary.merged_grown}",
        err=True,
    )
    if summary.renamed:
        click.echo(f"{summary.renamed} input id(s) already named other content: stored under new ids "
                   "(id~hash; see their W122 warnings)", err=True)
    _say_skipped(skipped)
    if summary.rejected or summary.failed:
        sys.exit(EXIT_REJECTED)


def _say_skipped(skipped: list[str]) -> None:
    if skipped:
        shown = ", ".join(skipped[:5]) + (", ..." if len(skipped) > 5 else "")
        click.echo(f"skipped {len(skipped)} README file(s) in folders (documentation, not articles): {shown}",
                   err=True)


def _event_filter(**options: Any) -> Any:
    from newsevents.store import EventFilter

    return EventFilter(**{k: v for k, v in options.items() if v is not None})


def _confidence(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    if not 0 <= value <= 1:  # NaN fails too
        raise click.BadParameter(f"{value} is not a confidence from 0 to 1")
    return value


min_confidence_option = click.option(
    "--min-confidence", "min_confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, show_default=True,
    callback=_confidence,
    help="Precision first: leave out events less confident than this (0 to 1; a real-world event's "
         "confidence is its most confident report's that no reviewer rejected); 0 shows every stored event.",
)

event_filters = [
    click.option("--from", "date_from", default=None, help="Events on or after this date (YYYY-MM-DD)."),
    click.option("--to", "date_to", default=None, help="Events on or before this date."),
    click.option("--country", default=None, help="ISO 3166-1 alpha-2 code."),
    click.option("--type", "event_type", default=None, help="ACLED event type."),
    click.option("--sub-type", "sub_event_type", default=None, help="ACLED sub-event type."),
    click.option("--text", default=None, help="Full-text search in the articles."),
    min_confidence_option,
]


def with_event_filters(f: Any, limit: int | None = 100) -> Any:
    limit_option = click.option("--limit", type=int, default=limit, show_default=limit is not None)
    options = [*event_filters, limit_option]
    for option in reversed(options):
        f = option(f)
    return f


def with_all_events(f: Any) -> Any:
    return with_event_filters(f, limit=None)


@main.command()
@db_option
@with_event_filters
@click.option("--json", "as_json", is_flag=True, help="Contract JSON per event instead of a table.")
def events(db: str, as_json: bool, **filters: Any) -> None:
    """List stored event reports (one article's account each; "merged" lists real-world events)."""
    from newsevents.report import format_event
    from newsevents.store import Store

    try:
        with Store.open(db) as store:
            found = store.events(_event_filter(**filters))
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    for stored in found:
        click.echo(
            json.dumps(stored.event.to_dict(), ensure_ascii=False) if as_json else format_event(stored)
        )


@main.command()
@db_option
@with_event_filters
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object per merged event, with its provenance."
)
def merged(db: str, as_json: bool, **filters: Any) -> None:
    """List real-world events merged from the stored reports, most reported first, with how many reports
    and outlets say so."""
    from newsevents.merge import merged_events
    from newsevents.report import format_merged
    from newsevents.store import Store

    try:
        with Store.open(db) as store:
            found = merged_events(store, _event_filter(order="-confidence", **filters), with_claims=True)
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    for event in found:
        click.echo(json.dumps(event.to_dict(), ensure_ascii=False) if as_json else format_merged(event))


@main.command()
@db_option
@click.option("--speaker", default=None, help="Speaker name contains this.")
@click.option("--text", default=None, help="Claim content contains this.")
@click.option("--limit", type=int, default=100, show_default=True)
def claims(db: str, speaker: str | None, text: str | None, limit: int) -> None:
    """List stored claims with their speakers."""
    from newsevents.report import format_claim
    from newsevents.store import ClaimFilter, Store

    try:
        with Store.open(db) as store:
            found = store.claims(ClaimFilter(speaker=speaker, text=text, limit=limit))
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    for stored in found:
        click.echo(format_claim(stored))


EXPORT_FORMATS = ["jsonl", "acled-csv", "parquet", "plover", "contract"]


@main.command()
@db_option
@with_all_events
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True,
    help="jsonl: one JSON object per event (as /api/export gives); acled-csv: ACLED's 31 columns; parquet: "
         "the same columns, typed; plover: PLOVER JSON Lines; contract: the extraction contract's JSON Lines, "
         "one line per article.",
)
@click.option(
    "--level", type=click.Choice(["events", "reports"]), default="events", show_default=True,
    help="Merged real-world events, or every article's event report (as reviewed).",
)
@click.option(
    "--include-extra-types", "extra_types", is_flag=True,
    help="ACLED CSV and Parquet: also the sub-event types ACLED does not have (diplomatic events, "
         "disasters...).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
    help="Output file (default stdout); <file>.meta.json beside it says what produced it.",
)
def export(db: str, fmt: str, level: str, extra_types: bool, output: str, **filters: Any) -> None:
    """Export the stored events that match the filters, one per line or row. Every format honours every
    filter; the contract format writes the articles with a matching event, each with only those events (with
    no filter but the minimum confidence: every article)."""
    from newsevents.store import Store
    from newsevents.store.export import (
        acled_types_only,
        filtered_results,
        iter_items,
        provenance,
        write_acled_csv,
        write_event_jsonl,
        write_jsonl,
        write_parquet,
    )
    from newsevents.store.plover import write_plover

    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give -o FILE")
    f = _event_filter(**filters)
    try:
        with Store.open(db) as store, _output(output, binary=fmt == "parquet") as out:
            if fmt == "contract":
                n = write_jsonl(filtered_results(store, f), out)
            else:
                items = iter_items(store, level, f)  # type: ignore[arg-type]
                if fmt == "acled-csv":
                    n = write_acled_csv(acled_types_only(items, extra_types), out)
                elif fmt == "parquet":
                    n = write_parquet(acled_types_only(items, extra_types), out)
                elif fmt == "plover":
                    n = write_plover(items, out)
                else:
                    n = write_event_jsonl(items, out)
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    if output != "-":
        meta = provenance(fmt, "articles" if fmt == "contract" else level, f, n, extra_types=extra_types)
        Path(output + ".meta.json").write_text(json.dumps(meta.to_dict(), indent=2) + "\n", encoding="utf-8")
        click.echo(f"wrote {n} to {output}; what produced it: {output}.meta.json", err=True)


@contextmanager
def _output(path: str, *, binary: bool) -> Iterator[Any]:
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


DEMO_MERGED = 15  # real-world events the demo lists


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--db", default="newsevents-demo.sqlite", show_default=True, help="The demo's SQLite store.")
@click.option(
    "--eval-dir", type=click.Path(path_type=Path), default=Path("../shared/eval"), show_default=True
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
@config_option
def demo(inputs: tuple[str, ...], db: str, eval_dir: Path, workers: int, config: str | None) -> None:
    """Ingest the bundled examples and show what was found.

    Also reads ../shared/eval's seed article and VOA stories when present, and any INPUTS.
    """
    from newsevents.batch import ingest as run_ingest
    from newsevents.demo import demo_inputs
    from newsevents.merge import merged_events
    from newsevents.report import events_by_type, format_claim, format_merged
    from newsevents.store import ClaimFilter, EventFilter, Store, merged_queries

    paths = demo_inputs(list(inputs), eval_dir)
    click.echo(f"reading {len(paths)} input(s): {', '.join(paths)}", err=True)
    try:
        with Store.open(db) as store:
            summary = run_ingest(
                _inputs(tuple(paths), None), store, _extractor(config, workers), _progress(sys.stderr)
            )
            click.echo(
                f"\n== {db}: {store.summary()}  (this run: stored {summary.stored}, "
                f"already stored {summary.duplicates}, rejected {summary.rejected})"
            )
            at_least = f"confidence at least {DEFAULT_MIN_CONFIDENCE}"
            click.echo(f"\n== Event reports by type (one per article's account; {at_least})")
            click.echo(events_by_type(store.events(EventFilter(limit=10_000))))
            merged = merged_events(store, EventFilter(order="-confidence", limit=DEMO_MERGED))
            total = merged_queries.count(store, EventFilter())
            click.echo(f"\n== Real-world events told by several reports ({total} real-world events in all, "
                       f"{at_least})")
            for event in merged:
                if event.n_reports > 1:
                    click.echo("  " + format_merged(event))
            click.echo("\n== Claims")
            for stored in store.claims(ClaimFilter(limit=10_000)):
                click.echo("  " + format_claim(stored))
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    click.echo(f"\nStored in {db}. Query it: newsevents merged --db {db} --type Protests")
    click.echo(f"See it on a map: newsevents serve --db {db}, then open http://127.0.0.1:8000/")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token", default=None,
    help="Bearer token for writes; none: read-only. Shown in the process list: prefer $NEWSEVENTS_TOKEN "
         "(the default) or --token-file.",
)
@click.option(
    "--token-file", type=click.File("r", encoding="utf-8"), default=None,
    help="Read the bearer token for writes from the first line of this file.",
)
def serve(db: str, host: str, port: int, token: str | None, token_file: TextIO | None) -> None:
    """Serve the REST API (/api/...) and the dashboard (/) over the store."""
    from newsevents.api import serve as run_server

    if token_file is not None:
        if token is not None:
            raise click.BadParameter("give --token or --token-file, not both", param_hint="--token-file")
        token = token_file.readline().strip()
        if not token:
            raise click.BadParameter(f"{token_file.name!r} holds no token on its first line",
                                     param_hint="--token-file")
    click.echo(
        f"newsevents dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True
    )
    try:
        run_server(db, host, port, token)
    except NewsEventsError as exc:
        raise _fatal(exc) from exc


@main.command()
@db_option
@config_option
def info(db: str, config: str | None) -> None:
    """Versions, the spaCy model in use, and the store."""
    import spacy

    from newsevents.config import load_config

    settings = load_config(config).settings
    click.echo(f"newsevents {__version__} (schema_version {SCHEMA_VERSION})")
    click.echo(f"python {sys.version.split()[0]}, spaCy {spacy.__version__}")
    click.echo(f"model: {settings.base_model} (fallback {settings.fallback_model})")
    try:
        from newsevents.pipeline import load_base_model

        nlp = load_base_model(settings.base_model, settings.fallback_model)
        click.echo(f"model loaded: {nlp.meta.get('name')} {nlp.meta.get('version')} from {nlp.path}")
    except NewsEventsError as exc:
        click.echo(f"model: NOT AVAILABLE ({exc})")
    if Path(db).exists() or "://" in db:
        from newsevents.store import Store

        try:
            with Store.open(db) as store:
                click.echo(f"store: {db}: {store.summary()}")
        except NewsEventsError as exc:
            click.echo(f"store: {db}: {exc}")
    else:
        click.echo(f"store: {db} (not created yet)")


@main.command()
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("models"),
    show_default=True,
    help="Folder that receives events-classifier-<version>/.",
)
@click.option(
    "--version", "artefact_version", default="1", show_default=True, help="Version of the artefact."
)
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True)
@click.option(
    "--task",
    type=click.Choice(["events", "claims", "confidence"]),
    default="events",
    show_default=True,
    help="events: the sub-type classifier; claims: the cue verbs, from PolNeAR-format data; confidence: the "
    "events' confidence calibration, from a folder of hand-coded stories in the events_gold form.",
)
def train(data: Path, out_dir: Path, artefact_version: str, folds: int, task: str) -> None:
    """Train from DATA.

    --task events (default): the event sub-type classifier, from a CASE-2021 TSV (snippet, label) or an
    ACLED export CSV; prints k-fold cross-validated figures; use the artefact by setting `classifier` in the
    config's [components.newsevents_events] block.

    --task claims: the verbs that cue claims, from PolNeAR flat JSON Lines or a folder of BRAT .txt/.ann
    files; writes OUT/claims-cues-<version>.json for `cues_path` in [components.newsevents_claims].

    --task confidence: the events' confidence calibration, from a folder of hand-coded stories in the
    events_gold form (../shared/eval/events_gold); writes OUT/event-confidence-<version>.json for
    `calibration` in [components.newsevents_events] and prints leave-one-story-out figures.
    """
    if task == "claims":
        _train_claims(data, out_dir / f"claims-cues-{artefact_version}.json")
        return
    if task == "confidence":
        _train_confidence(data, out_dir / f"event-confidence-{artefact_version}.json")
        return
    from newsevents.events.classifier import read_examples, train_classifier

    try:
        metrics = train_classifier(
            read_examples(data), out_dir, version=artefact_version, data=str(data), folds=folds
        )
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    click.echo(
        f"{metrics['examples']} examples, {folds}-fold cross-validation: "
        f"accuracy {metrics['accuracy']:.3f}, macro F1 {metrics['macro_f1']:.3f}, "
        f"weighted F1 {metrics['weighted_f1']:.3f}"
    )
    click.echo(f"saved {metrics['path']}")


def _train_confidence(data: Path, out: Path) -> None:
    from newsevents.eval.calibrate import train_calibration
    from newsevents.pipeline.runner import Extractor

    try:
        figures = train_calibration(data, out, Extractor.from_config())
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    click.echo(
        f"{figures['records']} records from {figures['stories']} stories ({figures['supported']} supported); "
        f"leave-one-story-out AUC {figures['cv_auc']:.3f}, Brier {figures['cv_brier']:.3f}"
    )
    for minimum, row in figures["cv_by_minimum"].items():
        click.echo(
            f"  minimum {minimum}: keeps {row['kept']}, of which supported {row['supported_share']}; "
            f"keeps {row['supported_kept']:.0%} of the supported"
        )
    click.echo(f"saved {out} (set it as calibration in [components.newsevents_events])")


def _train_claims(data: Path, out: Path) -> None:
    from newsevents.claims import train_cues
    from newsevents.config import load_config
    from newsevents.pipeline import load_base_model

    settings = load_config().settings
    try:
        summary = train_cues(data, out, load_base_model(settings.base_model, settings.fallback_model))
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    click.echo(
        f"{summary['articles']} articles: {summary['learned']} cue verbs learned, "
        f"{len(summary['new'])} new ({', '.join(summary['new'][:20])}); {summary['verbs']} verbs in all"
    )
    click.echo(f"saved {summary['path']}")


@main.group()
def gazetteer() -> None:
    """The offline place index."""


@gazetteer.command(name="import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--path",
    "gaz_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Gazetteer file (default: the one in the cache folder).",
)
def gazetteer_import(files: tuple[Path, ...], gaz_path: Path | None) -> None:
    """Load GeoNames dump FILES (allCountries / citiesN / admin1CodesASCII, .txt or .zip) into the index."""
    from newsevents.gazetteer import Gazetteer
    from newsevents.gazetteer.geonames import import_geonames

    try:
        gaz = Gazetteer.open(gaz_path)
        for file in files:
            click.echo(f"{file}: {import_geonames(gaz, file):,} records")
    except NewsEventsError as exc:
        raise _fatal(exc) from exc


@main.command(name="eval")
@click.option(
    "--eval-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/eval"),
    show_default=True,
)
@click.option(
    "--set",
    "sets",
    multiple=True,
    help="Only these sets (seed, case2021, ipe, plover, geoparsing, polnear, meantime, clusters, "
         "events_gold).",
)
@click.option(
    "--limit",
    type=int,
    default=None,
    help="Only the first N articles of each set (quick look; not for the gate).",
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option(
    "--gate",
    "floors",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fail (exit 1) when a metric is below its floor in this floors.json.",
)
@click.option(
    "--json-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the full report here.",
)
@config_option
def evaluate(
    eval_dir: Path,
    sets: tuple[str, ...],
    limit: int | None,
    workers: int,
    floors: Path | None,
    json_out: Path | None,
    config: str | None,
) -> None:
    """Score the extractor on the gold sets in ../shared/eval and print the figures."""
    from newsevents.eval import gate
    from newsevents.eval.runner import EVAL_SETS, evaluate_set, headline
    from newsevents.report import format_eval

    chosen = [s for s in EVAL_SETS if not sets or s.name in sets]
    if not chosen:
        raise click.UsageError(f"no such set: {', '.join(sets)}")
    try:
        run = _extractor(config, workers)
        reports = [evaluate_set(s, eval_dir, run, limit) for s in chosen]
    except NewsEventsError as exc:
        raise _fatal(exc) from exc
    click.echo(format_eval(reports))
    measured = {f"{r.name}.{k}": v for r in reports for k, v in headline(r.metrics).items()}
    if json_out:
        json_out.write_text(
            json.dumps(
                {
                    r.name: {
                        "metrics": r.metrics,
                        "articles": r.articles,
                        "errors": r.errors,
                        "seconds": r.seconds,
                    }
                    for r in reports
                },
                indent=2,
                default=str,
            )
        )
    if floors:
        breaches = gate.check(measured, gate.load_floors(floors), {s.name for s in chosen})
        for breach in breaches:
            click.echo(f"BELOW FLOOR {breach.describe()}", err=True)
        click.echo(f"gate: {'FAILED' if breaches else 'passed'} ({len(breaches)} below floor)", err=True)
        if breaches:
            sys.exit(EXIT_REJECTED)


def _register_scale_commands() -> None:
    from newsevents.scale.commands import load, spark

    main.add_command(spark)
    main.add_command(load)


_register_scale_commands()

if __name__ == "__main__":
    main()
