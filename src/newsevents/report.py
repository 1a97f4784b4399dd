"""Plain-text views of results for the terminal: events, claims, evaluation figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from newsevents.model import Event

if TYPE_CHECKING:
    from newsevents.eval.runner import SetReport
    from newsevents.merge import MergedEvent
    from newsevents.store import StoredClaim, StoredEvent


def describe_event(event: Event) -> str:
    where = "?"
    if event.location:
        where = f"{event.location.name}, {event.location.country_code}"
    when = event.date.start or "?"
    if event.date.end and event.date.end != event.date.start:
        when += f"..{event.date.end}"
    counts = ", ".join(f"{k} {v:,}" for k, v in event.counts.to_dict().items())
    actors = "; ".join(f"{a.role}: {a.name}" for a in event.actors)
    parts = [f"{event.sub_event_type} [{event.plover.type}]", f"at {where}", f"on {when}"]
    if counts:
        parts.append(counts)
    if actors:
        parts.append(actors)
    if event.modality != "asserted":
        parts.append(event.modality)
    return " | ".join(parts)


def format_event(stored: StoredEvent) -> str:
    return f"{stored.id:>6}  {describe_event(stored.event)}  ({stored.article_id})"


def format_merged(event: MergedEvent) -> str:
    where = (
        f"{event.location.name}, {event.location.country_code}"
        if event.location
        else event.country_code or "?"
    )
    counts = ", ".join(f"{k} {v:,}" for k, v in event.counts.to_dict().items())
    line = f"{event.id:>6}  {event.sub_event_type} | at {where} | on {event.date.start or '?'}"
    if event.modality != "asserted":  # a denied, claimed or planned event is not shown as a fact
        line += f" | {event.modality}"
    if counts:
        line += f" | {counts}"
    line += f" | {event.n_reports} report(s), {event.n_outlets} outlet(s)"
    return line + f" | confidence {event.confidence:.2f}"


def format_claim(stored: StoredClaim) -> str:
    claim = stored.claim
    content = claim.content if len(claim.content) <= 140 else claim.content[:137] + "..."
    mark = '"' if claim.direct else "~"
    return f"{claim.speaker or '(unknown)'} {claim.cue or ''}: {mark}{content}{mark}  ({stored.article_id})"


def events_by_type(events: Iterable[StoredEvent]) -> str:
    groups: dict[str, list[StoredEvent]] = defaultdict(list)
    for stored in events:
        groups[f"{stored.event.event_type} / {stored.event.sub_event_type}"].append(stored)
    lines = []
    for name in sorted(groups):
        lines.append(f"{name} ({len(groups[name])})")
        lines.extend(f"  - {describe_event(s.event)}  ({s.article_id})" for s in groups[name])
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def format_eval(reports: Sequence[SetReport]) -> str:
    lines = []
    for report in reports:
        rate = report.articles / report.seconds if report.seconds else 0.0
        lines.append(
            f"== {report.name}: {report.articles} articles, {report.errors} errors, "
            f"{report.seconds:.1f} s ({rate:.1f} articles/s)"
        )
        for key, value in report.metrics.items():
            lines.extend(_metric_lines(key, value))
    return "\n".join(lines)


def _metric_lines(key: str, value: Any) -> list[str]:
    """One metric as lines: a number on one line, a dict of dicts as aligned rows, short notes one a line."""
    if isinstance(value, list):
        if value and len(value) <= 40 and all(isinstance(v, str) for v in value):
            return [f"   {key} ({len(value)}):", *(f"     {v}" for v in value)]
        return [f"   {key:<32} ({len(value)} listed in the JSON report)"]
    if isinstance(value, dict):
        if value and all(isinstance(v, dict) for v in value.values()):
            return [f"   {key}:", *_table_rows(value)]
        shown = ", ".join(f"{k}={_fmt(v)}" for k, v in list(value.items())[:40])
        return [f"   {key}: {shown}"]
    return [f"   {key:<32} {_fmt(value)}"]


def _table_rows(table: dict[Any, dict[str, Any]]) -> list[str]:
    rows = list(table.items())[:40]
    cells = [[str(k), *(f"{name}={_fmt(v)}" for name, v in row.items())] for k, row in rows]
    widths = [max(len(r[i]) for r in cells if i < len(r)) for i in range(max(map(len, cells)))]
    return ["     " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip() for r in cells]
