"""Scoring the merger: do the reports it puts together describe the same real-world event?

Gold: ``expectations/clusters.json``, hand-made labels for the event reports the pipeline found in a chosen
set of articles from ``../shared/eval`` (ids and labels only, no text). A label names its article and a key
within the article, ``sub_event_type|date_start|first evidence offset``; the offset points at the words the
labeller read. Labels are matched to the predicted reports so that they survive other stages changing the
order, number, types or dates of events (``match_labels``):

  1. a predicted report of the article with exactly the label's key (the first such report) takes it;
  2. else the report of the article whose evidence spans hold the offset, else the one with a span nearest
     to it in the offset's sentence and within ``WINDOW`` characters, whatever its type and date; among
     equally near reports one that no other label has taken yet, then one with the label's type, then its
     date, then the first in the article;
  3. else the label is missing (``missing_labelled_reports``: no predicted report covers it).

A predicted report may so cover several labels. If they share a cluster, it simply has that cluster; if they
do not, the events stage has merged into one record what the labeller saw as different happenings (a real
precision loss of that stage, which B-cubed over reports cannot see): the report takes the cluster most of
its labels give (ties: that of the label with the lowest offset) and is counted in ``conflicting_labels``;
``overruled_labels`` counts the labels whose cluster lost. Reports that no label covers are merged like any
other but left out of the scores, and counted (``unlabelled_reports``).

``gold_dir`` is the evaluation folder (``../shared/eval``): the articles' texts are read from the input
files named in the labels, because the merger compares the words of the evidence.

Metrics over the labelled reports present in the prediction:
  bcubed_precision / recall / f1: B-cubed (Bagga & Baldwin 1998): for each report, the share of its
      predicted cluster that is in its gold cluster (precision) and the share of its gold cluster that is in
      its predicted cluster (recall), averaged over reports; F1 of the two averages.
  reports, events_predicted, events_gold: labelled reports, and how many events they make.
  labels_matched, labels_matched_by_key: labels covered by a predicted report, and of them those matched by
      their exact key.
  labels_bcubed_*, labels_events_predicted: B-cubed over the matched labels rather than the reports, each
      label in its report's predicted event: labels that one report covers are merged, rightly or not, so
      this stays comparable when the events stage changes how many reports the labels fall into.
  gdelt_*: the same for GDELT's rule as a baseline: reports merge only when type, date, country, location
      and actor names are all equal.
  tune_*, check_*: the merger's B-cubed over the labelled reports of each half of the labels' ``split``
      (the merger still runs over every report; each half scores only its own reports).

A regression check, not a measure of quality: the labels were made from the pipeline's own output and the
merge weights were tuned on all of them, so the headline figures are fitted. Future tuning watches the
``tune_*`` figures only and reads ``check_*`` once at the end (the split's ``how`` in the labels file).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Scores
from newsevents.merge.cluster import cluster
from newsevents.merge.reports import Report, outlet_of, report_key_text, reports_from_results, sentence_span
from newsevents.merge.similarity import MergeSettings
from newsevents.model import Article

LABELS = "expectations/clusters.json"
KIND = ("a regression check: labels made from the pipeline's output, merge weights tuned on them; "
        "tune on tune_*, read check_* once")
# The halves of the labelled articles (``split`` in the labels): tune the merger on one, check on the other.
HALVES = ("tune", "check")
# How far (in characters) from a label's offset the nearest evidence span of a report may lie: a sentence.
WINDOW = 200


def load_labels() -> dict[str, Any]:
    text = resources.files("newsevents.eval").joinpath(LABELS).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def split_halves(labels: Mapping[str, Any] | None = None) -> dict[str, frozenset[str]]:
    """The labels' tune and check halves: article ids, each labelled article in exactly one half."""
    labels = labels or load_labels()
    split = labels["split"]
    return {half: frozenset(split[half]) for half in HALVES}


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


@dataclass(frozen=True, slots=True)
class Label:
    """One hand label: the report of ``article`` keyed ``key`` describes the happening ``cluster``."""

    article: str
    key: str
    cluster: str

    @property
    def sub_event_type(self) -> str:
        return self.key.split("|")[0]

    @property
    def date_start(self) -> str:
        return self.key.split("|")[1]

    @property
    def offset(self) -> int | None:
        """The first evidence offset the labeller read (None when the key has none)."""
        text = self.key.split("|")[2]
        return int(text) if text.lstrip("-").isdigit() else None

    def order(self) -> tuple[bool, int, str]:
        return self.offset is None, self.offset or 0, self.key

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Label:
        return cls(str(d["article"]), str(d["key"]), str(d["cluster"]))


@dataclass(slots=True)
class LabelMatch:
    """Which labels each predicted report covers, and the gold cluster it thereby has."""

    covered: dict[int, list[Label]] = field(default_factory=dict)  # report id -> its labels, by offset
    gold: dict[Hashable, Hashable] = field(default_factory=dict)  # report id -> cluster (the majority's)
    by_key: int = 0  # labels matched by their exact key
    missing: list[Label] = field(default_factory=list)  # labels no predicted report covers

    @property
    def conflicting(self) -> int:
        """Reports covering labels of more than one cluster."""
        return sum(len({label.cluster for label in labels}) > 1 for labels in self.covered.values())

    @property
    def overruled(self) -> int:
        """Labels whose cluster is not the one their report took."""
        return sum(lb.cluster != self.gold[rid] for rid, labels in self.covered.items() for lb in labels)

    @property
    def matched(self) -> int:
        return sum(len(labels) for labels in self.covered.values())


def _distance(offset: int, spans: Iterable[tuple[int, int]]) -> int | None:
    """Characters from ``offset`` to the nearest span (0 when a span holds it); None without spans."""
    return min((max(start - offset, offset - end + 1, 0) for start, end in spans), default=None)


def _near(offset: int, spans: Sequence[tuple[int, int]], text: str | None) -> int | None:
    """How near a report's evidence comes to a label's offset: 0 when a span holds it, else the distance
    to the nearest span within ``WINDOW`` characters and (given the article's text) in the same sentence;
    None when none is that near."""
    if text and 0 <= offset < len(text):
        first, last = sentence_span(text, offset, offset)
        spans = [(s, e) for s, e in spans if (s <= offset < e) or (s < last and e > first)]
    distance = _distance(offset, spans)
    return distance if distance is not None and distance <= WINDOW else None


def majority(labels: Sequence[Label]) -> str:
    """The cluster most of ``labels`` give; on a tie, that of the first label by offset among the tied."""
    counts = Counter(label.cluster for label in labels)
    top = max(counts.values())
    return next(label.cluster for label in sorted(labels, key=Label.order) if counts[label.cluster] == top)


def match_labels(reports: Sequence[Report], spans: Mapping[int, Sequence[tuple[int, int]]],
                 labels: Iterable[Label], texts: Mapping[str, str] | None = None) -> LabelMatch:
    """Match labels to predicted reports (see the module's docstring). ``spans``: report id -> its evidence
    spans (start, end), all of them, not only the first; ``texts``: article id -> text, which keeps a
    label's nearest evidence within its sentence (without it, within ``WINDOW`` characters only)."""
    by_key: dict[tuple[str, str], Report] = {}
    by_article: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_key.setdefault(report_key(report), report)  # a second report with the same key is not matched
        by_article[report.article_id].append(report)
    match = LabelMatch()
    covered: dict[int, list[Label]] = defaultdict(list)
    rest: list[Label] = []
    for label in labels:
        if (exact := by_key.get((label.article, label.key))) is not None:
            covered[exact.id].append(label)
            match.by_key += 1
        else:
            rest.append(label)
    for label in sorted(rest, key=lambda lb: (lb.article, *lb.order())):
        near: list[tuple[int, bool, bool, bool, int, Report]] = []
        for report in by_article.get(label.article, []):
            if (offset := label.offset) is None:
                break
            distance = _near(offset, spans.get(report.id, ()), (texts or {}).get(label.article))
            if distance is not None:
                near.append((distance, report.id in covered, report.sub_event_type != label.sub_event_type,
                             (report.date_start or "") != label.date_start, report.index, report))
        if near:
            covered[min(near, key=lambda n: n[:5])[5].id].append(label)
        else:
            match.missing.append(label)
    for rid, its in covered.items():
        match.covered[rid] = sorted(its, key=Label.order)
        match.gold[rid] = majority(its)
    return match


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


@dataclass(frozen=True, slots=True)
class BCubed:
    """B-cubed figures of one clustering against the gold clusters, and how many events it makes."""

    precision: float
    recall: float
    f1: float
    events_predicted: float

    @classmethod
    def of(cls, predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> BCubed:
        p, r = bcubed(predicted, gold)
        present = [i for i in gold if i in predicted]
        return cls(p, r, _f1(p, r), float(len({predicted[i] for i in present})))

    def flat(self, prefix: str) -> dict[str, float]:
        return {f"{prefix}bcubed_precision": self.precision, f"{prefix}bcubed_recall": self.recall,
                f"{prefix}bcubed_f1": self.f1, f"{prefix}events_predicted": self.events_predicted}


@dataclass(frozen=True, slots=True)
class ClustersScores(Scores):
    """The merger's figures (see the module's text); the B-cubed groups are written flat, with prefixes."""

    kind: str  # what the figures are worth (``KIND``), printed first
    merged: BCubed  # the merger over the labelled reports
    gdelt: BCubed  # GDELT's rule over them
    labels: BCubed  # the merger over the matched labels
    gdelt_labels: BCubed
    tune: BCubed  # the merger over the labelled reports of the split's tune half
    check: BCubed  # and of its check half
    reports: float
    events_gold: float
    all_reports: float
    all_events_predicted: float
    all_reports_per_event: float
    reports_per_event_gold: float
    events_in_one_country: float
    events_within_a_week: float
    labels_matched: float
    labels_matched_by_key: float
    conflicting_labels: float  # reports of what the labeller saw as different happenings
    overruled_labels: float
    unlabelled_reports: float
    missing_labelled_reports: float
    articles: float

    def as_dict(self) -> dict[str, Any]:
        prefixes = {"merged": "", "gdelt": "gdelt_", "labels": "labels_", "gdelt_labels": "gdelt_labels_",
                    "tune": "tune_", "check": "check_"}
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out.update(value.flat(prefixes[f.name]) if isinstance(value, BCubed) else {f.name: value})
        return out


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
          settings: MergeSettings | None = None) -> ClustersScores:
    labels = load_labels()
    articles = {a.id: a for a in select_articles(gold_dir, labels)}
    results = {aid: p for aid in articles if (p := predictions.get(aid)) is not None and not p.get("error")}
    reports = list(reports_from_results(
        results, texts={aid: a.text for aid, a in articles.items()},
        published={aid: a.published for aid, a in articles.items()},
        outlets={aid: outlet_of(a.source, a.url, aid) for aid, a in articles.items()},
    ))
    spans = {r.id: [(int(e["start"]), int(e["end"]))
                    for e in (results[r.article_id].get("events") or [])[r.index].get("evidence") or []]
             for r in reports}
    match = match_labels(reports, spans, [Label.from_dict(r) for r in labels["reports"]],
                         {aid: a.text for aid, a in articles.items()})
    gold = match.gold
    unlabelled = len(reports) - len(gold)
    groups = cluster(reports, None, settings)
    merged, gdelt = merged_clusters(reports, settings), gdelt_clusters(reports)
    report_of = {label: rid for rid, its in match.covered.items() for label in its}
    label_gold: dict[Hashable, Hashable] = {label: label.cluster for label in report_of}
    article_of: dict[Hashable, str] = {r.id: r.article_id for r in reports}
    halves = {half: BCubed.of(merged, {rid: c for rid, c in gold.items() if article_of[rid] in articles_of})
              for half, articles_of in split_halves(labels).items()}
    return ClustersScores(
        kind=KIND,
        merged=BCubed.of(merged, gold),
        gdelt=BCubed.of(gdelt, gold),
        # Over the labels themselves (each in its report's event): labels that one report covers count as
        # merged, so what the events stage merged wrongly is a precision loss here too.
        labels=BCubed.of({label: merged[rid] for label, rid in report_of.items()}, label_gold),
        gdelt_labels=BCubed.of({label: gdelt[rid] for label, rid in report_of.items()}, label_gold),
        tune=halves["tune"],
        check=halves["check"],
        reports=float(len(gold)),
        events_gold=float(len(set(gold.values()))),
        all_reports=float(len(reports)),
        all_events_predicted=float(len(groups)),
        # Before merging every report is an event of its own: reports per event goes from 1 to this.
        all_reports_per_event=len(reports) / max(len(groups), 1),
        reports_per_event_gold=len(gold) / max(len(set(gold.values())), 1),
        **span_shares([a.reports for a in groups]),
        labels_matched=float(match.matched),
        labels_matched_by_key=float(match.by_key),
        # Reports of what the labeller saw as different happenings, merged by the events stage.
        conflicting_labels=float(match.conflicting),
        overruled_labels=float(match.overruled),
        unlabelled_reports=float(unlabelled),
        missing_labelled_reports=float(len(match.missing)),
        articles=float(len(results)),
    )
