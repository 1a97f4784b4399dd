"""Benchmark: merging synthetic event reports in memory (no store), printed as a table.

    .venv/bin/python bench/merge.py [--reports 100000] [--seed 1]

Synthetic world: events spread over 40 countries and one year, each reported by 1 to 6 articles whose
reports vary the date (precision 1-3), the place (a few km), the counts and the evidence wording. Prints the
time to build reports, to cluster them, reports in and events out, and B-cubed F1 against the true events.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from newsevents.eval.clusters import bcubed
from newsevents.merge import Report, cluster, merge_settings
from newsevents.merge.reports import evidence_words

SUB_TYPES = (
    ("Protests", "Peaceful protest"),
    ("Riots", "Mob violence"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Arrests"),
    ("Battles", "Armed clash"),
)
VOCAB = [f"w{i}" for i in range(3000)]


def synthetic(n_reports: int, seed: int) -> tuple[list[Report], dict[int, int]]:
    rng = random.Random(seed)
    reports: list[Report] = []
    truth: dict[int, int] = {}
    event = 0
    while len(reports) < n_reports:
        event += 1
        country = f"C{rng.randrange(40):02d}"
        event_type, sub = rng.choice(SUB_TYPES)
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
        lat, lon = rng.uniform(-30, 50), rng.uniform(-20, 100)
        words = rng.sample(VOCAB, 12)
        actor = f"group {rng.randrange(500)}"
        killed = rng.randrange(1, 50)
        for _ in range(min(rng.randint(1, 6), n_reports - len(reports))):
            rid = len(reports)
            precision = rng.choice((1, 1, 1, 2, 3))
            shown = day + timedelta(days=rng.randint(-1, 1) if precision > 1 else 0)
            text = " ".join(rng.sample(words, 8) + rng.sample(VOCAB, 3))
            reports.append(
                Report(
                    id=rid,
                    article_id=f"a{rid}",
                    index=0,
                    outlet=f"outlet{rng.randrange(50)}",
                    published=(day + timedelta(days=rng.randint(0, 2))).isoformat(),
                    event_type=event_type,
                    sub_event_type=sub,
                    date_start=shown.isoformat(),
                    date_end=shown.isoformat(),
                    time_precision=precision,
                    location_name="x",
                    country_code=country,
                    admin1=None,
                    lat=lat + rng.uniform(-0.03, 0.03),
                    lon=lon + rng.uniform(-0.03, 0.03),
                    geonames_id=None,
                    geo_precision=rng.choice((1, 2)),
                    counts=(("killed", max(1, killed + rng.randint(-3, 3))),),
                    actor_names=frozenset({actor}),
                    actor_types=frozenset({"Rebel group"}),
                    modality="asserted",
                    source_claim=None,
                    confidence=0.8,
                    evidence_start=0,
                    evidence_text=text,
                    words=evidence_words(text),
                    key=(shown.isoformat(), f"{rid:012d}"),
                )
            )
            truth[rid] = event
    return reports, truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    reports, truth = synthetic(args.reports, args.seed)
    built = time.perf_counter()
    assignments = cluster(reports, None, merge_settings())
    done = time.perf_counter()
    predicted = {r.id: n for n, a in enumerate(assignments) for r in a.reports}
    p, r = bcubed(predicted, truth)  # type: ignore[arg-type]
    rows = [
        ("reports", f"{len(reports):,}"),
        ("true events", f"{len(set(truth.values())):,}"),
        ("merged events", f"{len(assignments):,}"),
        ("build s", f"{built - started:.1f}"),
        ("merge s", f"{done - built:.1f}"),
        ("reports/s", f"{len(reports) / (done - built):,.0f}"),
        ("B-cubed P", f"{p:.3f}"),
        ("B-cubed R", f"{r:.3f}"),
        ("B-cubed F1", f"{2 * p * r / (p + r) if p + r else 0:.3f}"),
    ]
    width = max(len(k) for k, _ in rows)
    sys.stdout.write("\n".join(f"{k:<{width}}  {v:>12}" for k, v in rows) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
