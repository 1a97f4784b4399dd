"""Scoring the merger: do the reports it puts together describe the same real-world event?

Gold: ``expectations/clusters.json``, hand-made labels for the event reports the pipeline found in a chosen
set of articles from ``../shared/eval`` (ids and labels only, no text). A report is named by its article id
and a key within the article, ``sub_event_type|date_start|first evidence offset``, so that labels survive
other stages changing the order or number of events. Reports whose key is not labelled are merged like any
other but left out of the scores, and counted (``unlabelled_reports``); labelled reports that the prediction
no longer has are counted too (``missing_labelled_reports``).

``gold_dir`` is the evaluation folder (``../shared/eval``): the articles' texts are read from the input
files named in the labels, because the merger compares the words of the evidence.

Metrics over the labelled reports present in the prediction:
  bcubed_precision / recall / f1: B-cubed (Bagga & Baldwin 1998): for each report, the share of its
      predicted cluster that is in its gold cluster (precision) and the share of its gold cluster that is in
      its predicted cluster (recall), averaged over reports; F1 of the two averages.
  reports, events_predicted, events_gold: labelled reports, and how many events they make.
  gdelt_*: the same for GDELT's rule as a baseline: reports merge only when type, date, country, location
      and actor names are all equal.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.merge.cluster import cluster
from newsevents.merge.reports import Report, outlet_of, report_key_text, reports_from_results
from newsevents.merge.similarity import MergeSettings
from newsevents.model import Article

LABELS = "expectations/clusters.json"


def load_labels() -> dict[str, Any]:
    text = resources.files("newsevents.eval").joinpath(LABELS).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def select_articles(eval_dir: Path, labels: Mapping[str, Any] | None = None) -> list[Article]:
    """The labelled articles, read from the evaluation inputs, in the labels' order of input files."""
    labels = labels or load_labels()
    wanted = {r["article"] for r in labels["reports"]}
    found: list[Article] = []
    for name in labels["inputs"]:
        path = eval_dir / name
        if not path.is_file():
            raise EvalError(f"evaluation input not found: {path}", path=str(path))
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and (article := json.loads(line))["id"] in wanted:
                    found.append(Article.from_input_dict(article))
    return found


def report_key(report: Report) -> tuple[str, str]:
    return report.article_id, report_key_text(report.sub_event_type, report.date_start, report.evidence_start)


def bcubed(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering over the items of ``gold`` (item -> cluster label)."""
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0
    by_pred: dict[Hashable, set[Hashable]] = defaultdict(set)
    by_gold: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += same / len(by_pred[predicted[item]])
        recall += same / len(by_gold[gold[item]])
    return precision / len(items), recall / len(items)


def gdelt_clusters(reports: Iterable[Report]) -> dict[Hashable, Hashable]:
    """GDELT's rule: one event per distinct (type, date, country, location, actor names)."""
    return {
        r.id: (r.sub_event_type, r.date_start, r.country_code, r.location_name, tuple(sorted(r.actor_names)))
        for r in reports
    }


def merged_clusters(reports: list[Report], settings: MergeSettings | None = None) -> dict[Hashable, Hashable]:
    return {r.id: n for n, a in enumerate(cluster(reports, None, settings)) for r in a.reports}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _metrics(prefix: str, predicted: Mapping[Hashable, Hashable],
             gold: Mapping[Hashable, Hashable]) -> dict[str, float]:
    p, r = bcubed(predicted, gold)
    present = [i for i in gold if i in predicted]
    return {
        f"{prefix}bcubed_precision": p, f"{prefix}bcubed_recall": r, f"{prefix}bcubed_f1": _f1(p, r),
        f"{prefix}events_predicted": float(len({predicted[i] for i in present})),
    }


def _days(report: Report) -> tuple[date, date] | None:
    if not report.date_start:
        return None
    start = date.fromisoformat(report.date_start[:10])
    return start, date.fromisoformat((report.date_end or report.date_start)[:10])


def span_shares(groups: Sequence[Sequence[Report]], max_days: int = 7) -> dict[str, float]:
    """The goal's guards: the share of merged events whose reports name one country at most, and the share
    spanning at most ``max_days`` days from first to last day, unless one report alone spans that long."""
    one_country = within_week = 0
    for reports in groups:
        one_country += len({r.country_code for r in reports if r.country_code}) <= 1
        days = [d for r in reports if (d := _days(r)) is not None]
        span = (max(d[1] for d in days) - min(d[0] for d in days)).days if days else 0
        longest = max(((d[1] - d[0]).days for d in days), default=0)
        within_week += span <= max(max_days, longest)
    n = max(len(groups), 1)
    return {"events_in_one_country": one_country / n, "events_within_a_week": within_week / n}


def score(predictions: Mapping[str, dict[str, Any]], gold_dir: Path,
          settings: MergeSettings | None = None) -> dict[str, Any]:
    labels = load_labels()
    articles = {a.id: a for a in select_articles(gold_dir, labels)}
    results = {aid: p for aid in articles if (p := predictions.get(aid)) is not None and not p.get("error")}
    reports = list(reports_from_results(
        results, texts={aid: a.text for aid, a in articles.items()},
        published={aid: a.published for aid, a in articles.items()},
        outlets={aid: outlet_of(a.source, a.url, aid) for aid, a in articles.items()},
    ))
    labelled = {(r["article"], r["key"]): r["cluster"] for r in labels["reports"]}
    gold: dict[Hashable, Hashable] = {}
    seen: set[tuple[str, str]] = set()
    for report in reports:
        key = report_key(report)
        if key in labelled and key not in seen:  # a second report with the same key stays unlabelled
            gold[report.id] = labelled[key]
            seen.add(key)
    unlabelled = len(reports) - len(gold)
    groups = cluster(reports, None, settings)
    metrics: dict[str, Any] = {
        **_metrics("", merged_clusters(reports, settings), gold),
        **_metrics("gdelt_", gdelt_clusters(reports), gold),
        "reports": float(len(gold)),
        "events_gold": float(len(set(gold.values()))),
        "all_reports": float(len(reports)),
        "all_events_predicted": float(len(groups)),
        # Before merging every report is an event of its own: reports per event goes from 1 to this.
        "all_reports_per_event": len(reports) / max(len(groups), 1),
        "reports_per_event_gold": len(gold) / max(len(set(gold.values())), 1),
        **span_shares([a.reports for a in groups]),
        "unlabelled_reports": float(unlabelled),
        "missing_labelled_reports": float(len(set(labelled) - seen)),
        "articles": float(len(results)),
    }
    return metrics
