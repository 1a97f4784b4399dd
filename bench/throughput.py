"""Throughput and memory of the whole pipeline against a bare spaCy parse of the same articles.

    .venv/bin/python bench/throughput.py [--eval-dir ../shared/eval | --input A.jsonl ...] [--n 500]
        [--workers 1 2] [--no-spark] [--no-standalone] [--batch-size 16]
    .venv/bin/python bench/throughput.py --profile [--n 500] [--top 15] [--profiled 100]

The first form prints one table: articles/s and peak memory for (a) ``spacy.load(model).pipe`` over the
texts (the same model, the same batch size), (b) the newsevents pipeline (``Extractor.extract``) in one
process and over 2 worker processes (``n_process=2``: spaCy forks them from the loaded process), (c) the
Spark runner on ``local[2]`` and (d) ``spark-submit`` to a standalone cluster of a master and two one-core
workers started here from the pyspark distribution; each with its ratio to (a). Each measurement runs in a
fresh process; this process samples the resident memory of that process and all its descendants (worker
processes, JVMs, Spark's Python workers) every 0.1 s and reports the peak of their sum (pages shared by
forked workers are counted once per process). "load s" is what comes before the clock for "run s"
starts: loading the model, or starting Spark (the session; for the cluster, the master and workers and
``spark-submit`` up to the job's own start); "run s" for the cluster is the job's own time as the
``spark`` command reports it (its executors load their models inside it).

The second form times each stage on the same texts in one process, batch by batch as ``nlp.pipe`` runs
them, after a first batch to warm up: reading (validation), tokenising, each spaCy component in pipeline
order, and assembling the Result; then, in a second pass over the first ``--profiled`` articles, the
functions that cost most (cProfile, by own time).

The articles are the first ``--n`` of the VOA stories and then the IndiaPoliceEvents documents of the
evaluation data (``input.jsonl``), read in place (Spark reads a temporary copy, deleted after), or the
lines of the ``--input`` files.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

SETS = ("voa/input.jsonl", "india_police_events/input.jsonl")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") / 1024


def load_rows(eval_dir: Path, n: int, inputs: list[str] | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in inputs or [eval_dir / name for name in SETS]:
        with Path(path).open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows[:n]


# --- one measurement, in its own process ----------------------------------------------------------


def measure(kind: str, args: argparse.Namespace, workers: int) -> dict[str, Any]:
    rows = load_rows(Path(args.eval_dir), args.n, args.input)
    start = time.perf_counter()
    if kind == "bare":
        run = _bare(rows, args.batch_size)
    elif kind == "spark":
        run = _spark(rows)
    elif kind == "standalone":
        run = _standalone(rows)
    else:
        run = _pipeline(rows, workers, args.batch_size)
    loaded = time.perf_counter()
    cpu_before = _cpu_s()
    count, own_seconds = run()
    cpu = _cpu_s() - cpu_before
    done = time.perf_counter()
    run_s = own_seconds if own_seconds is not None else done - loaded
    return {"kind": kind, "workers": workers, "articles": count, "load_s": done - start - run_s,
            "run_s": run_s, "cpu_s": cpu, "chars": sum(len(r["text"]) for r in rows)}


def _cpu_s() -> float:
    """CPU seconds (user and system) of this process and of the children it has waited for (spaCy's
    worker processes; not Spark's executors)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _bare(rows: list[dict[str, Any]], batch_size: int) -> Any:
    from newsevents.config import load_config
    from newsevents.pipeline import load_base_model

    settings = load_config().settings
    nlp = load_base_model(settings.base_model, settings.fallback_model)

    def run() -> tuple[int, None]:
        return sum(1 for _ in nlp.pipe((r["text"] for r in rows), batch_size=batch_size)), None

    return run


def _pipeline(rows: list[dict[str, Any]], workers: int, batch_size: int) -> Any:
    from newsevents.model import Article
    from newsevents.pipeline import Extractor

    articles = [Article.from_input_dict(r) for r in rows]
    extractor = Extractor.from_config()

    def run() -> tuple[int, None]:
        return sum(1 for _ in extractor.extract(articles, n_process=workers, batch_size=batch_size)), None

    return run


def _copy(rows: list[dict[str, Any]]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="newsevents-bench-"))
    source = folder / "input.jsonl"  # a temporary copy, deleted after the run
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return folder


def _spark(rows: list[dict[str, Any]]) -> Any:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from newsevents.scale import run_spark

    folder = _copy(rows)
    session = (SparkSession.builder.master("local[2]").appName("newsevents-bench")
               .config("spark.ui.enabled", "false").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")

    def run() -> tuple[int, None]:
        try:
            summary = run_spark([str(folder / "input.jsonl")], str(folder / "out"), fmt="jsonl",
                                spark=session)
        finally:
            session.stop()
            shutil.rmtree(folder, ignore_errors=True)
        return summary.records, None

    return run


def _standalone(rows: list[dict[str, Any]]) -> Any:
    """spark-submit to a master and two one-core workers started here; the clock is the job's own."""
    from newsevents.scale.standalone import StandaloneCluster, submit

    folder = _copy(rows)
    cluster = StandaloneCluster(workers=2, cores=1, memory="2g", folder=folder / "cluster").__enter__()

    def run() -> tuple[int, float]:
        try:
            ran = submit(cluster.master_url, [str(folder / "input.jsonl"), "--output", str(folder / "out"),
                                              "--partitions", "8"],
                         conf={"spark.executor.memory": "1g", "spark.ui.enabled": "false"})
        finally:
            cluster.stop()
        try:
            # The spark command's summary: "N record(s) from F file(s) in S s over P partition(s); ..."
            summary = re.search(r"(\d+) record\(s\) from \d+ file\(s\) in ([\d.]+)s", ran.stdout + ran.stderr)
            if ran.returncode not in (0, 1) or summary is None:
                raise SystemExit(f"spark-submit failed ({ran.returncode}): {ran.stderr[-2000:]}")
            return int(summary[1]), float(summary[2])
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return run


# --- the driver: runs each measurement and watches its memory ------------------------------------


def tree_rss_mb(root: int) -> tuple[float, float]:
    """Resident memory of ``root`` and all its descendants, in MB, from /proc: their sum, and the most
    any one of them holds."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children[int(fields[1])].append(pid)
        rss[pid] = int(fields[21]) * PAGE_KB / 1024
    total, most, todo = 0.0, 0.0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0.0)
        most = max(most, rss.get(pid, 0.0))
        todo += children.get(pid, [])
    return total, most


def run_one(args: argparse.Namespace, kind: str, workers: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--eval-dir", args.eval_dir, "--n", str(args.n),
               "--batch-size", str(args.batch_size), "--one", kind, str(workers)]
    if args.input:
        command += ["--input", *args.input]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        peak = one = 0.0
        while proc.poll() is None:
            total, most = tree_rss_mb(proc.pid)
            peak, one = max(peak, total), max(one, most)
            time.sleep(0.1)
        out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"{kind} ({workers}) failed with exit code {proc.returncode}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"], result["process_rss_mb"] = peak, one
    return result


ROW_NAMES = {"bare": "bare spaCy nlp.pipe", "spark": "newsevents, Spark local[2]",
             "standalone": "newsevents, Spark standalone"}


def print_table(results: list[dict[str, Any]]) -> None:
    """"vs bare": articles/s over the bare parse's; "cpu vs bare": the bare parse's CPU seconds per article
    over this row's (1.00: the same CPU per article). CPU seconds grow less than wall time with other load
    on the machine, but they do grow (pure-Python code most): compare rows of one run."""
    bare = results[0]["articles"] / results[0]["run_s"]
    bare_cpu = results[0]["cpu_s"] / results[0]["articles"]
    print(f"{'run':<30}{'articles':>9}{'load s':>8}{'run s':>8}{'art/s':>8}{'kchar/s':>9}"
          f"{'peak RSS MB':>13}{'1 proc MB':>11}{'vs bare':>9}{'cpu s':>8}{'cpu vs bare':>13}")
    for r in results:
        rate = r["articles"] / r["run_s"]
        name = ROW_NAMES.get(r["kind"], f"newsevents, {r['workers']} worker(s)")
        print(f"{name:<30}{r['articles']:>9}{r['load_s']:>8.1f}{r['run_s']:>8.1f}{rate:>8.2f}"
              f"{r['chars'] / r['run_s'] / 1000:>9.1f}{r['peak_rss_mb']:>13.0f}{r['process_rss_mb']:>11.0f}"
              f"{rate / bare:>9.2f}{_cpu_columns(r, bare_cpu)}")


def _cpu_columns(r: dict[str, Any], bare_cpu: float) -> str:
    """CPU seconds are not counted for Spark's rows: its executors' Python workers are not this
    measurement's waited-for children."""
    if r["kind"] in ("spark", "standalone"):
        return f"{'–':>8}{'–':>13}"
    return f"{r['cpu_s']:>8.1f}{bare_cpu / (r['cpu_s'] / r['articles']):>13.2f}"


# --- the profile -----------------------------------------------------------------------------------


def profile(args: argparse.Namespace) -> None:
    from newsevents.ingest import validate
    from newsevents.model import Article
    from newsevents.pipeline import Extractor
    from newsevents.pipeline.assemble import assemble

    extractor = Extractor.from_config()
    nlp, settings = extractor.nlp, extractor.config.settings
    articles = [Article.from_input_dict(r) for r in load_rows(Path(args.eval_dir), args.n, args.input)]
    spent: dict[str, float] = defaultdict(float)

    def timed(stage: str, fn: Any, *a: Any) -> Any:
        start = time.perf_counter()
        value = fn(*a)
        spent[stage] += time.perf_counter() - start
        return value

    def run_all(articles: list[Article]) -> None:
        """Each stage over a batch in turn, as ``nlp.pipe`` runs them (spaCy's components batch their
        network's work; the newsevents stages go one document at a time)."""
        for first in range(0, len(articles), args.batch_size):
            batch = articles[first : first + args.batch_size]
            checked = [timed("validate", validate, a, settings) for a in batch]
            docs = []
            for article in checked:
                if isinstance(article, Article):
                    doc = timed("tokenizer", nlp.make_doc, article.text)
                    doc._.ne_article = article
                    docs.append(doc)
            for name, proc in nlp.pipeline:
                if hasattr(proc, "pipe"):
                    docs = timed(name, lambda d, p=proc: list(p.pipe(d, batch_size=args.batch_size)), docs)
                else:
                    docs = [timed(name, proc, doc) for doc in docs]
            for doc in docs:
                timed("assemble", assemble, doc)

    run_all(articles[: args.batch_size])  # a first batch to warm up (lazily loaded tables, caches), untimed
    spent.clear()
    run_all(articles)  # the stage times, without a profiler's overhead
    total = sum(spent.values())
    print(f"{len(articles)} articles, {total:.1f} s in stages (one process, batches of {args.batch_size})\n")
    print(f"{'stage':<24}{'seconds':>9}{'share':>8}{'ms/article':>12}")
    for stage, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{stage:<24}{seconds:>9.2f}{seconds / total:>8.1%}{seconds / len(articles) * 1000:>12.1f}")
    profiler = cProfile.Profile()
    profiler.runcall(run_all, articles[: args.profiled])
    print(f"\nTop {args.top} functions by own time over the first {min(args.profiled, args.n)} articles "
          "(cProfile, which slows pure-Python code more than C code):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", default="../shared/eval")
    parser.add_argument("--input", nargs="*", help="JSONL files to read instead of the evaluation data")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=None,
                        help="nlp.pipe's batch size, bare and pipeline (default: the config's)")
    parser.add_argument("--no-standalone", action="store_true", help="leave out the standalone cluster run")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--no-spark", action="store_true", help="leave out the Spark local[2] run")
    parser.add_argument("--profile", action="store_true", help="time each stage instead")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--profiled", type=int, default=100, help="articles run under cProfile")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batch_size is None:
        from newsevents.config import load_config

        args.batch_size = load_config().settings.batch_size
    if args.profile:
        profile(args)
        return
    if args.one:
        print(json.dumps(measure(args.one[0], args, int(args.one[1]))))
        return
    runs = [("bare", 1)] + [("pipeline", w) for w in args.workers] + ([] if args.no_spark else [("spark", 2)])
    runs += [] if args.no_spark or args.no_standalone else [("standalone", 2)]
    print_table([run_one(args, kind, workers) for kind, workers in runs])


if __name__ == "__main__":
    main()
