"""What the places stage costs per article, with the rules and with a trained ranker.

    .venv/bin/python bench/places_cost.py [--eval-dir ../shared/eval] [--set voa] [--n 200] [--ranker FILE]

The articles of the set's ``input.jsonl`` (first N) are parsed once by spaCy and the stages before places;
then ``newsevents_places`` runs on each parsed article, timed in CPU seconds of this process
(``time.process_time``: less disturbed than the wall clock by other processes on a shared machine), once
with the rules (the shipped default) and, with ``--ranker``, once with that ranker, after one untimed pass
that brings the index file into the operating system's cache. The gazetteer's own look-up cache is cleared
before each timed pass, so both pay for their own look-ups. Prints ms per article (mean, median, 95th
percentile).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from newsevents.pipeline.place_ranker import PlaceRanker
from newsevents.pipeline.places import PlaceTagger
from newsevents.pipeline.runner import Extractor

SETS = {
    "voa": "voa/input.jsonl", "events_gold": "events_gold/input.jsonl", "geoparsing": "geoparsing/input.jsonl"
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--set", default="voa", choices=sorted(SETS))
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--ranker", type=Path, default=None)
    args = parser.parse_args()
    lines = (args.eval_dir / SETS[args.set]).read_text(encoding="utf-8").split("\n")
    texts = [json.loads(line)["text"] for line in lines if line.strip()][: args.n]
    nlp = Extractor.from_config().nlp
    tagger = nlp.get_pipe("newsevents_places")
    assert isinstance(tagger, PlaceTagger)
    before = nlp.pipe_names[: nlp.pipe_names.index("newsevents_places")]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(texts))
    rankers: dict[str, PlaceRanker | None] = {"rules": None}
    if args.ranker is not None:
        rankers["ranker"] = PlaceRanker.load(args.ranker)
    chars = sum(len(t) for t in texts)
    print(f"{len(docs)} articles of {args.set}, {chars / max(1, len(docs)):,.0f} characters on average")
    print("| places stage | mean ms | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for doc in docs:  # a first pass, not timed: the index file in the operating system's cache
        tagger(doc)
    for name, ranker in rankers.items():
        tagger.resolver.ranker = ranker
        tagger.gazetteer.clear_cache()
        times = []
        for doc in docs:
            start = time.process_time()
            tagger(doc)
            times.append((time.process_time() - start) * 1000)
        p95 = sorted(times)[int(0.95 * (len(times) - 1))]
        print(f"| {name} | {statistics.fmean(times):.2f} | {statistics.median(times):.2f} | {p95:.2f} |")


if __name__ == "__main__":
    main()
