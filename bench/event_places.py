"""How finely the extractor places its events: the share at each ACLED geo_precision, and the towns it
leaves unused.

    .venv/bin/python bench/event_places.py [--eval-dir ../shared/eval] [--sets events_gold seed voa]
                                           [--json-out F] [--verbose]

For each set (``input.jsonl`` of events_gold, seed and voa), the extractor runs with the packaged config
and the table counts its events by ``location.geo_precision`` (1 town, 2 near a town or part of a region,
3 region or country, "none" no location). "town unused" counts the events placed farther than 25 km from
every literal town (a GeoNames populated place) named in a sentence of the event's evidence or in the
sentence before it, when there is one; "same country" only those whose town lies in the event's own
country (the likelier misses). "admin2" counts the events whose location carries a second-level division.
``--verbose`` prints each event that leaves a town unused, with its sentences.

For events_gold, the gold events whose place is a town (geo_precision 1 or 2, coded to a town) and that
some predicted event finds (type and evidence, as ``events_gold/score.py`` matches them) are checked
against the issue's goal: the share placed within 25 km of the gold town.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.gazetteer.distance import haversine_km
from newsevents.model import Article, Event, Place, Result

SETS = {"events_gold": "events_gold/input.jsonl", "seed": "seed/input.jsonl", "voa": "voa/input.jsonl"}
# Sentence ends: a full stop, question or exclamation mark before a space and a capital or a quote, or a
# line break.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“A-Z0-9])|\n+")
TOWN_KM = 25.0


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a plain splitter is enough to say which sentence a span sits in."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def sentence_index(bounds: list[tuple[int, int]], offset: int) -> int:
    return next((i for i, (s, e) in enumerate(bounds) if s <= offset < e), len(bounds) - 1)


def unused_towns(event: Event, places: tuple[Place, ...], bounds: list[tuple[int, int]]) -> list[Place]:
    """Literal towns named in a sentence of the event's evidence or the sentence before, when the event is not
    placed at (within 25 km of) one of them."""
    loc = event.location
    told = {sentence_index(bounds, e.start) for e in event.evidence}
    near = told | {i - 1 for i in told if i > 0}
    towns = [
        p for p in places
        if p.feature == "P" and p.usage == "literal" and sentence_index(bounds, p.start) in near
    ]
    if loc is not None and any(haversine_km(loc.lat, loc.lon, t.lat, t.lon) <= TOWN_KM for t in towns):
        return []
    return towns


def gold_town_events(eval_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """events_gold's events placed at (or near) a town, by article id."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((eval_dir / "events_gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = gold["input"]["text"]
        for g in gold["events"]:
            loc = g.get("location") or {}
            if loc.get("geo_precision") in (1, 2) and loc.get("lat") is not None:
                targets = [g.get("evidence_text"), *(g.get("supporting_text") or [])]
                spans = [(i, i + len(t)) for t in targets if t for i in _occurrences(text, t)]
                out.setdefault(gold["input"]["id"], []).append({**g, "_spans": spans})
    return out


def _occurrences(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _type_ok(event: Event, gold: dict[str, Any]) -> bool:
    accepted = [(gold["event_type"], gold["sub_event_type"])]
    accepted += [tuple(t) for t in (gold.get("accept") or {}).get("types", [])]
    return (event.event_type, event.sub_event_type) in accepted


def town_goal(results: list[Result], gold: dict[str, list[dict[str, Any]]]) -> tuple[int, int, list[str]]:
    """(found gold town events, of them placed within 25 km, what the misses were placed at)."""
    found = near = 0
    misses: list[str] = []
    for result in results:
        for g in gold.get(result.id, ()):
            matches = [
                e for e in result.events
                if _type_ok(e, g)
                and any(v.start < ge and gs < v.end for v in e.evidence for gs, ge in g["_spans"])
            ]
            if not matches:
                continue
            found += 1
            loc = g["location"]
            placed = [m.location for m in matches if m.location is not None]
            if any(haversine_km(p.lat, p.lon, loc["lat"], loc["lon"]) <= TOWN_KM for p in placed):
                near += 1
            else:
                where = ", ".join(f"{p.name} ({p.geo_precision})" for p in placed) or "none"
                misses.append(f"{result.id} {g['id']} gold {loc['name']}: {where}")
    return found, near, misses


def run(eval_dir: Path, names: list[str], *, verbose: bool = False) -> dict[str, Any]:
    from newsevents.pipeline import Extractor

    extractor = Extractor.from_config()
    report: dict[str, Any] = {}
    for name in names:
        with (eval_dir / SETS[name]).open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        articles = {r["id"]: Article.from_input_dict(r) for r in rows}
        results = list(extractor.extract(articles.values()))
        precision: Counter[str] = Counter()
        unused = unused_same = admin2 = 0
        for result in results:
            bounds = sentences(articles[result.id].text)
            for event in result.events:
                loc = event.location
                precision[str(loc.geo_precision) if loc else "-"] += 1
                admin2 += bool(loc is not None and getattr(loc, "admin2", None))  # older versions lack it
                towns = unused_towns(event, result.places, bounds)
                unused += bool(towns)
                if verbose and towns:
                    text = articles[result.id].text
                    told = sorted({sentence_index(bounds, e.start) for e in event.evidence})
                    where = f"{loc.name} ({loc.geo_precision})" if loc else "none"
                    print(f"[{result.id}] {event.sub_event_type} at {where}; towns "
                          + ", ".join(f"{t.text}/{t.country_code}" for t in towns))
                    for i in told:
                        s, e = bounds[i - 1][0] if i else bounds[i][0], bounds[i][1]
                        print("   | " + text[s:e].replace("\n", " ")[:400])
                same = loc is not None and any(t.country_code == loc.country_code for t in towns)
                unused_same += bool(same)
        row: dict[str, Any] = {
            "events": sum(precision.values()), "precision": dict(precision), "town_unused": unused,
            "town_unused_same_country": unused_same, "admin2": admin2,
        }
        if name == "events_gold":
            found, near, misses = town_goal(results, gold_town_events(eval_dir))
            row.update(
                gold_town_events_found=found, gold_town_events_within_25km=near, gold_town_misses=misses
            )
        report[name] = row
    return report


def print_table(report: dict[str, Any]) -> None:
    head = f"{'set':<12}{'events':>7}{'prec 1':>10}{'prec 2':>10}{'prec 3':>10}{'none':>8}"
    print(head + f"{'town unused':>13}{'same country':>14}{'admin2':>8}")
    for name, row in report.items():
        n = row["events"] or 1
        cells = [f"{row['precision'].get(k, 0):>4} {row['precision'].get(k, 0) / n:>4.0%}" for k in "123"]
        tail = f"{row['precision'].get('-', 0):>8}{row['town_unused']:>13}"
        tail += f"{row['town_unused_same_country']:>14}{row['admin2']:>8}"
        print(f"{name:<12}{row['events']:>7}" + "".join(f"{c:>10}" for c in cells) + tail)
    gold = report.get("events_gold")
    if gold and "gold_town_events_found" in gold:
        found, near = gold["gold_town_events_found"], gold["gold_town_events_within_25km"]
        print(f"\nevents_gold: {near}/{found} found gold events at a town placed within {TOWN_KM:.0f} km"
              + (f" ({near / found:.2f})" if found else ""))
        for miss in gold["gold_town_misses"]:
            print(f"  miss: {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--verbose", action="store_true", help="print each event that leaves a town unused")
    args = parser.parse_args()
    report = run(args.eval_dir, args.sets, verbose=args.verbose)
    print_table(report)
    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
