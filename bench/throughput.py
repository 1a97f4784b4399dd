"""Throughput and memory of the whole pipeline against a bare spaCy parse of the same articles.

    .venv/bin/python bench/throughput.py [--eval-dir ../shared/eval] [--n 500] [--workers 1 2]

Prints a table: articles/s and peak RSS for (a) ``spacy.load(model).pipe`` over the texts and (b) the
newsevents pipeline with 1 and 2 worker processes, and the ratio b/a. Each measurement runs in a fresh
process so that peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def load_texts(eval_dir: Path, n: int) -> list[dict]:
    rows: list[dict] = []
    for name in ("voa/input.jsonl", "india_police_events/input.jsonl"):
        with (eval_dir / name).open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows[:n]


def measure(kind: str, eval_dir: str, n: int, workers: int) -> dict:
    from newsevents.model import Article

    rows = load_texts(Path(eval_dir), n)
    if kind == "bare":
        from newsevents.config import load_config
        from newsevents.pipeline import load_base_model

        settings = load_config().settings
        nlp = load_base_model(settings.base_model, settings.fallback_model)
        start = time.perf_counter()
        for _ in nlp.pipe((r["text"] for r in rows), batch_size=16):
            pass
    else:
        from newsevents.pipeline import Extractor, extract_parallel

        articles = [Article.from_input_dict(r) for r in rows]
        if workers == 1:
            extractor = Extractor.from_config()
            start = time.perf_counter()
            for _ in extractor.extract(articles):
                pass
        else:
            start = time.perf_counter()
            for _ in extract_parallel(articles, workers=workers):
                pass
    seconds = time.perf_counter() - start
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "kind": kind,
        "workers": workers,
        "articles": len(rows),
        "seconds": seconds,
        "rate": len(rows) / seconds,
        "peak_rss_mb": max(rss_self, rss_children),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", default="../shared/eval")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--one", nargs=2, metavar=("KIND", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], args.eval_dir, args.n, int(args.one[1]))))
        return
    runs = [("bare", 1)] + [("pipeline", w) for w in args.workers]
    results = []
    for kind, workers in runs:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--eval-dir",
                args.eval_dir,
                "--n",
                str(args.n),
                "--one",
                kind,
                str(workers),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    bare = results[0]["rate"]
    print(f"{'run':<22}{'articles':>9}{'seconds':>9}{'art/s':>8}{'peak RSS MB':>13}{'vs bare':>9}")
    for r in results:
        name = "bare spaCy parse" if r["kind"] == "bare" else f"newsevents, {r['workers']} worker(s)"
        print(
            f"{name:<22}{r['articles']:>9}{r['seconds']:>9.1f}{r['rate']:>8.2f}{r['peak_rss_mb']:>13.0f}"
            f"{r['rate'] / bare:>9.2f}"
        )


if __name__ == "__main__":
    main()
