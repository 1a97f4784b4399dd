"""The ``newsevents`` command: a thin shell over importable functions.

Exit codes (``newsevents.cli_options``, shared with ``scale.commands``): 0 all went well; 1 some inputs were
rejected or failed (each recorded with its reason); 2 a usage mistake (a bad option, a filter that names
nothing, a store that does not exist for a command that only reads it); 3 the run could not proceed (no
model, unreadable store, missing eval data).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, get_args

import click

from newsevents.__about__ import SCHEMA_VERSION, __version__
from newsevents.cli_options import EXIT_REJECTED, config_option, db_option, fatal, published_option
from newsevents.errors import FilterError, NewsEventsError
from newsevents.model import DEFAULT_MIN_CONFIDENCE, Article, Modality, Rejected, Result


def _sqlite_path(db: str) -> Path | None:
    """The file of a SQLite store given as a path or sqlite:/// URL; None for other databases."""
    if db.startswith("sqlite:///"):
        return Path(db.removeprefix("sqlite:///").split("?", 1)[0])
    return None if "://" in db or db in ("", ":memory:") else Path(db)


def _require_store(db: str) -> None:
    """Refuse (exit 2) a SQLite store that does not exist, for commands that only read: opening it would
    create an empty one and answer nothing (datasette and sqlite-utils refuse too)."""
    path = _sqlite_path(db)
    if path is not None and not path.exists():
        raise click.BadParameter(
            f"no store at {str(path)!r}: create one with 'newsevents ingest ARTICLES --db {db}' "
            "(or try 'newsevents demo')", param_hint="'--db'")


@click.group()
@click.version_option(__version__, prog_name="newsevents")
def main() -> None:
    """Evidence-linked political events and claims from news reports."""


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


def _unknown_length() -> Iterator[Result]:
    yield from ()  # a generator: the bar knows no total and shows how many are done


@contextmanager
def _progress(label: str) -> Iterator[Callable[[Result], None]]:
    """A tick per article: a progress bar (click's) on stderr when it is a terminal, nothing otherwise (the
    command ends with a summary line either way)."""
    if not sys.stderr.isatty():
        yield lambda _result: None
        return
    bar = click.progressbar(_unknown_length(), label=label, file=sys.stderr, show_pos=True,
                            item_show_func=lambda r: r.id if r is not None else None)
    with bar:
        yield lambda result: bar.update(1, result)


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
    n = rejected = 0
    try:
        run = _extractor(config, workers)
        with _progress("extracting") as tick:
            for result in run(_inputs(inputs, published, skipped)):
                output.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                rejected += result.error is not None
                n += 1
                tick(result)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    output.flush()
    click.echo(f"articles read {n}, with an error {rejected}", err=True)
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
    from newsevents.merge.settings import merge_settings
    from newsevents.store import Store

    skipped: list[str] = []
    try:
        settings = merge_settings(config)  # the config's [merge] section (the packaged one without --config)
        with Store.open(db) as store, _progress("ingesting") as tick:
            run = _extractor(config, workers)
            summary = run_ingest(_inputs(inputs, published, skipped), store, run, tick, settings=settings)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    click.echo(
        f"articles read {summary.read}, stored {summary.stored}, already stored {summary.duplicates}, "
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

    return EventFilter(**{k: v for k, v in options.items() if v is not None and v != ()})


def _checked(read: Callable[[str], Any]) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """An option callback that reads the value with ``read`` (from ``store.filters``); what names nothing
    is a usage mistake (exit 2) that says why."""

    def callback(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        try:
            return read(value)
        except FilterError as exc:
            raise click.BadParameter(exc.message) from exc

    return callback


def _filter_reader(name: str) -> Callable[[str], Any]:
    def read(value: str) -> Any:
        from newsevents.store import filters

        return getattr(filters, name)(value)

    return read


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

MODALITY_NAMES: tuple[str, ...] = get_args(Modality)

# The API's names, spelled as options (docs/filters.md); the older names stay as aliases.
event_filters = [
    click.option("--date-from", "--from", "date_from", default=None, callback=_checked(_filter_reader(
        "checked_period")), help="Events on or after this day, month or year (YYYY-MM-DD, YYYY-MM, YYYY)."),
    click.option("--date-to", "--to", "date_to", default=None, callback=_checked(_filter_reader(
        "checked_period")), help="Events on or before this day, month or year."),
    click.option("--country", default=None, callback=_checked(_filter_reader("country_code")),
                 help="A country's name or ISO code: Kazakhstan, KZ, KAZ or 398."),
    click.option("--admin1", default=None, help="The first-level region (province, state), any case."),
    click.option("--event-type", "--type", "event_type", default=None,
                 callback=_checked(_filter_reader("event_type_name")), help="ACLED event type, any case."),
    click.option("--sub-event-type", "--sub-type", "sub_event_type", default=None,
                 callback=_checked(_filter_reader("sub_event_type_name")),
                 help="ACLED sub-event type, any case."),
    click.option("--actor", default=None, help="Part of an actor's name."),
    click.option("--modality", multiple=True, type=click.Choice(MODALITY_NAMES, case_sensitive=False),
                 help="Only events of this modality (repeat for several); a real-world event's is the most "
                      "factual of its reports'."),
    click.option("--text", default=None, help="Full-text search in the articles."),
    click.option("--bbox", default=None, callback=_checked(_filter_reader("parse_bbox")),
                 help="min_lon,min_lat,max_lon,max_lat."),
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
    from newsevents.store.review import Reviews

    _require_store(db)
    try:
        with Store.open(db) as store:
            found = Reviews(store).reviewed(store.events(_event_filter(**filters)))
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    for reviewed in found:  # as reviewed: a corrected figure is the reviewer's, and says so
        if as_json:
            click.echo(json.dumps(reviewed.stored.event.to_dict(), ensure_ascii=False))
        else:
            status = f" | {reviewed.status} by {reviewed.review.reviewer}" if reviewed.review else ""
            click.echo(format_event(reviewed.stored) + status)
    _say_if_cut(len(found), filters.get("limit"))


@main.command()
@db_option
@with_event_filters
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object per merged event, with its provenance."
)
def merged(db: str, as_json: bool, **filters: Any) -> None:
    """List real-world events merged from the stored reports, most reported first, with how many reports
    and outlets say so."""
    from newsevents.report import format_merged
    from newsevents.store import Store
    from newsevents.store.merged_read import merged_events_list as merged_events

    _require_store(db)
    try:
        with Store.open(db) as store:
            found = merged_events(store, _event_filter(order="-confidence", **filters), with_claims=True)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    for event in found:
        click.echo(json.dumps(event.to_dict(), ensure_ascii=False) if as_json else format_merged(event))
    _say_if_cut(len(found), filters.get("limit"))


@main.command()
@db_option
@click.option("--speaker", default=None, help="Speaker name contains this.")
@click.option("--text", default=None, help="Claim content contains this.")
@click.option("--limit", type=int, default=100, show_default=True)
def claims(db: str, speaker: str | None, text: str | None, limit: int) -> None:
    """List stored claims with their speakers."""
    from newsevents.report import format_claim
    from newsevents.store import ClaimFilter, Store

    _require_store(db)
    try:
        with Store.open(db) as store:
            found = store.claims(ClaimFilter(speaker=speaker, text=text, limit=limit))
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    for stored in found:
        click.echo(format_claim(stored))
    _say_if_cut(len(found), limit)


def _say_if_cut(shown: int, limit: int | None) -> None:
    """A listing that stopped at its limit says so, on stderr: the table is not everything stored."""
    if limit is not None and shown >= limit:
        click.echo(f"showing the first {limit}: there may be more (--limit N to see more)", err=True)


EXPORT_FORMATS = ["jsonl", "acled-csv", "parquet", "plover", "contract"]


@main.command()
@db_option
@with_all_events
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True,
    help="jsonl: one JSON object per event (as /api/export gives); acled-csv: ACLED's 31 columns; parquet: "
         "the same columns, typed; plover: PLOVER JSON Lines; contract: the extraction contract's JSON "
         "Lines, one line per article.",
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
    "--all-modalities", "all_modalities", is_flag=True,
    help="ACLED CSV and Parquet: also events reported as denied, hypothetical or planned (left out by "
         "default, as ACLED codes only events that happened; --modality keeps what it names).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
    help="Output file (default stdout); <file>.meta.json beside it says what produced it.",
)
def export(db: str, fmt: str, level: str, extra_types: bool, all_modalities: bool, output: str,
           **filters: Any) -> None:
    """Export the stored events that match the filters, one per line or row. Every format honours every
    filter; the contract format writes the articles with a matching event, each with only those events (with
    no filter but the minimum confidence: every article)."""
    from newsevents.store import Store
    from newsevents.store.export import (
        acled_types_only,
        filtered_results,
        happened_only,
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
    _require_store(db)
    f = _event_filter(**filters)
    try:
        with Store.open(db) as store, _output(output, binary=fmt == "parquet") as out:
            if fmt == "contract":
                n = write_jsonl(filtered_results(store, f), out)
            else:
                items = iter_items(store, level, f)  # type: ignore[arg-type]
                acled = acled_types_only(happened_only(items, all_modalities or bool(f.modalities)),
                                         extra_types)
                if fmt == "acled-csv":
                    n = write_acled_csv(acled, out)
                elif fmt == "parquet":
                    n = write_parquet(acled, out)
                elif fmt == "plover":
                    n = write_plover(items, out)
                else:
                    n = write_event_jsonl(items, out)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    if output != "-":
        meta = provenance(fmt, "articles" if fmt == "contract" else level, f, n, extra_types=extra_types,
                          all_modalities=all_modalities)
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
    from newsevents.report import events_by_type, format_claim, format_merged
    from newsevents.store import ClaimFilter, EventFilter, Store, merged_queries
    from newsevents.store.merged_read import merged_events_list as merged_events

    paths = demo_inputs(list(inputs), eval_dir)
    click.echo(f"reading {len(paths)} input(s): {', '.join(paths)}", err=True)
    try:
        with Store.open(db) as store:
            with _progress("ingesting") as tick:
                summary = run_ingest(_inputs(tuple(paths), None), store, _extractor(config, workers), tick)
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
        raise fatal(exc) from exc
    click.echo(f"\nStored in {db}. Query it: newsevents merged --db {db} --type Protests")
    click.echo(f"See it on a map: newsevents serve --db {db}, then open http://127.0.0.1:8000/")


def _origins(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from urllib.parse import urlsplit

    for origin in values:
        parts = urlsplit(origin)
        if origin != "*" and not (parts.scheme in ("http", "https") and parts.netloc and not parts.path
                                  and not parts.query and not parts.fragment):
            raise click.BadParameter(f"{origin!r} is no origin: give a scheme and host (and port), such as "
                                     "https://example.org, with no path")
    return values


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
@click.option(
    "--cors", "cors", multiple=True, metavar="ORIGIN", callback=_origins,
    help="Let pages of this origin (https://example.org) read the API from a browser; repeat for several. "
         "None by default.",
)
def serve(db: str, host: str, port: int, token: str | None, token_file: TextIO | None,
          cors: tuple[str, ...]) -> None:
    """Serve the REST API (/api/...) and the dashboard (/) over the store. Without a token the server only
    reads, and the store must exist; with one it may start on a new store and fill it through /api/ingest."""
    from newsevents.api import TOKEN_VARIABLE
    from newsevents.api import serve as run_server

    if token_file is not None:
        if token is not None:
            raise click.BadParameter("give --token or --token-file, not both", param_hint="--token-file")
        token = token_file.readline().strip()
        if not token:
            raise click.BadParameter(f"{token_file.name!r} holds no token on its first line",
                                     param_hint="--token-file")
    if not (token or os.environ.get(TOKEN_VARIABLE)):
        _require_store(db)
    click.echo(
        f"newsevents dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True
    )
    try:
        run_server(db, host, port, token, cors=cors)
    except NewsEventsError as exc:
        raise fatal(exc) from exc


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
    type=click.Choice(["events", "claims", "confidence", "places"]),
    default="events",
    show_default=True,
    help="events: the sub-type classifier; claims: the cue verbs, from PolNeAR-format data; confidence: the "
    "events' confidence calibration, from a folder of hand-coded stories in the events_gold form; places: "
    "the place ranker, from a folder of *.flat.jsonl articles in the geoparsing form.",
)
@config_option
def train(
    data: Path, out_dir: Path, artefact_version: str, folds: int, task: str, config: str | None
) -> None:
    """Train from DATA.

    --task events (default): the event sub-type classifier, from a CASE-2021 TSV (snippet, label) or an
    ACLED export CSV; prints k-fold cross-validated figures; use the artefact by setting `classifier` in the
    config's [components.newsevents_events] block.

    --task claims: the verbs that cue claims, from PolNeAR flat JSON Lines or a folder of BRAT .txt/.ann
    files; writes OUT/claims-cues-<version>.json for `cues_path` in [components.newsevents_claims].

    --task confidence: the events' confidence calibration, from a folder of hand-coded stories in the
    events_gold form (../shared/eval/events_gold); writes OUT/event-confidence-<version>.json for
    `calibration` in [components.newsevents_events] and prints leave-one-story-out figures.

    --task places: the place ranker, from a folder of *.flat.jsonl articles with toponyms and coordinates
    (the geoparsing form, ../shared/eval/geoparsing); prints cross-validated figures (folds split by article)
    and writes OUT/place-ranker-<version>.json for `ranker` in [components.newsevents_places].
    """
    if task == "places":
        _train_places(data, out_dir / f"place-ranker-{artefact_version}.json", folds, config)
        return
    if task == "claims":
        _train_claims(data, out_dir / f"claims-cues-{artefact_version}.json", config)
        return
    if task == "confidence":
        _train_confidence(data, out_dir / f"event-confidence-{artefact_version}.json", config)
        return
    from newsevents.events.classifier import read_examples, train_classifier

    try:
        trained = train_classifier(
            read_examples(data), out_dir, _base_model(config), version=artefact_version, data=str(data),
            folds=folds,
        )
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    click.echo(
        f"{trained.examples} examples, {folds}-fold cross-validation: "
        f"accuracy {trained.scores.accuracy:.3f}, macro F1 {trained.scores.macro_f1:.3f}, "
        f"weighted F1 {trained.scores.weighted_f1:.3f}"
    )
    click.echo(f"saved {trained.path}")


def _base_model(config: str | None) -> Any:
    """The config's spaCy base model (its fallback when that is not installed), without newsevents' stages."""
    from newsevents.config import load_config
    from newsevents.pipeline import load_base_model

    try:
        settings = load_config(config).settings
        return load_base_model(settings.base_model, settings.fallback_model)
    except NewsEventsError as exc:
        raise fatal(exc) from exc


def _train_places(data: Path, out: Path, folds: int, config: str | None) -> None:
    from newsevents.eval.place_training import train_place_ranker
    from newsevents.pipeline.runner import Extractor

    try:
        figures = train_place_ranker(data, out, Extractor.from_config(config).nlp, folds=folds)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    cv = figures.cross_validation.shares
    click.echo(
        f"{figures.toponyms} toponyms ({figures.rankings} names with candidates); {folds}-fold "
        f"cross-validation by article, share placed within 161 km: rules {cv['rules']:.3f}, "
        f"logistic {cv['logistic']:.3f}, lightgbm {cv['lightgbm']:.3f}"
    )
    for corpus, shares in figures.cross_validation.per_corpus.items():
        click.echo(f"  {corpus}: " + ", ".join(f"{k} {v:.3f}" for k, v in shares.shares.items()))
    for corpus, row in figures.across_corpora.items():
        scores = ", ".join(f"{k} {v:.3f}" for k, v in row.items())
        click.echo(f"  trained without {corpus}, tested on it: {scores}")
    click.echo(f"chose {figures.chosen}; saved {out} (set it as ranker in [components.newsevents_places])")


def _train_confidence(data: Path, out: Path, config: str | None) -> None:
    from newsevents.eval.calibrate import train_calibration
    from newsevents.pipeline.runner import Extractor

    try:
        figures = train_calibration(data, out, Extractor.from_config(config)).figures
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    click.echo(
        f"{figures.records} records from {figures.stories} stories ({figures.supported} supported); "
        f"leave-one-story-out AUC {figures.cv_auc:.3f}, Brier {figures.cv_brier:.3f}"
    )
    for minimum, row in figures.cv_by_minimum.items():
        click.echo(
            f"  minimum {minimum}: keeps {row.kept}, of which supported {row.supported_share}; "
            f"keeps {row.supported_kept:.0%} of the supported"
        )
    click.echo(f"saved {out} (set it as calibration in [components.newsevents_events])")


def _train_claims(data: Path, out: Path, config: str | None) -> None:
    from newsevents.claims import train_cues

    nlp = _base_model(config)
    try:
        summary = train_cues(data, out, nlp)
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    click.echo(
        f"{summary.articles} articles: {summary.learned} cue verbs learned, "
        f"{len(summary.new)} new ({', '.join(summary.new[:20])}); {summary.verbs} verbs in all"
    )
    click.echo(f"saved {summary.path}")


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
    from newsevents.gazetteer import open_gazetteer
    from newsevents.gazetteer.geonames import import_geonames

    try:
        gaz = open_gazetteer(gaz_path)  # the default index is built first when it does not exist yet
        for file in files:
            click.echo(f"{file}: {import_geonames(gaz, file):,} records")
    except NewsEventsError as exc:
        raise fatal(exc) from exc


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
@click.option(
    "--predictions-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write each set's extracted records to DIR/<set>.jsonl (to compare two versions).",
)
@config_option
def evaluate(
    eval_dir: Path,
    sets: tuple[str, ...],
    limit: int | None,
    workers: int,
    floors: Path | None,
    json_out: Path | None,
    predictions_dir: Path | None,
    config: str | None,
) -> None:
    """Score the extractor on the gold sets in ../shared/eval and print the figures."""
    from newsevents.eval import gate
    from newsevents.eval.runner import EVAL_SETS, evaluate_set
    from newsevents.report import format_eval

    chosen = [s for s in EVAL_SETS if not sets or s.name in sets]
    if not chosen:
        raise click.UsageError(f"no such set: {', '.join(sets)}")
    try:
        run = _extractor(config, workers)
        reports = [evaluate_set(s, eval_dir, run, limit, predictions_dir) for s in chosen]
    except NewsEventsError as exc:
        raise fatal(exc) from exc
    click.echo(format_eval(reports))
    measured = gate.measured(reports)
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
