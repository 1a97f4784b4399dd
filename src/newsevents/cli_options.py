"""What every ``newsevents`` command shares: its exit codes, the options several commands take (``--db``,
``--config``, ``--published``) and how a coded error becomes an exit. ``cli`` and ``scale.commands`` both
import them from here, so a command registered from either says and does the same.

Exit codes: 0 all went well; 1 some inputs were rejected or failed (each recorded with its reason);
2 a usage mistake (a bad option, a filter that names nothing, a store that does not exist for a command that
only reads it); 3 the run could not proceed (no model, unreadable store, missing eval data).
"""

from __future__ import annotations

import os

import click

from newsevents.errors import FilterError, NewsEventsError

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2  # click's own code for a usage mistake
EXIT_FATAL = 3
DEFAULT_DB = "newsevents.sqlite"

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


def published_callback(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A ``--published`` date the ingest rules accept, else a usage mistake (exit 2)."""
    if value is None:
        return None
    from newsevents.ingest.validate import published_problem

    problem = published_problem(value)
    if problem is not None:
        raise click.BadParameter(f"{value!r} {problem}")
    return value


published_option = click.option(
    "--published", default=None, callback=published_callback,
    help="Publication date for inputs that carry none (YYYY-MM-DD; not more than a year ahead).",
)


class Failure(click.ClickException):
    """The run could not proceed (exit 3)."""

    exit_code = EXIT_FATAL


def fatal(exc: NewsEventsError) -> click.ClickException:
    """The click exception a coded error ends a command with: a filter that names nothing is the user's
    mistake (exit 2), anything else a failure (exit 3)."""
    if isinstance(exc, FilterError):
        return click.UsageError(str(exc))
    return Failure(str(exc))
