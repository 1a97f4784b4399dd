"""Learning the events' confidence calibration from hand-coded articles in the events_gold form.

Every record the rules make (none left out) is labelled by the gold: supported when some gold event of an
accepted type has evidence it overlaps (the events_gold scorer's rule). A logistic regression
(scikit-learn) over ``events.calibration.Signals`` learns the chance of support; leave-one-story-out
predictions give honest figures (AUC, Brier score, and what each minimum confidence keeps and how much of it
is right). The weights are written as JSON for ``[components.newsevents_events] calibration``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from newsevents.errors import EvalError
from newsevents.eval.events_gold import any_overlap, evidence_spans, gold_targets, load_gold, type_accepted
from newsevents.eval.metrics import Scores
from newsevents.events.calibration import Calibration, Signals, feature_names
from newsevents.events.incidents import candidate_events
from newsevents.model import Article
from newsevents.pipeline.events import EventDetector, read_inputs
from newsevents.pipeline.runner import Extractor

THRESHOLDS = (0.3, 0.35, 0.4, 0.5, 0.6, 0.7)


@dataclass(frozen=True, slots=True)
class AtMinimum:
    """What one minimum confidence keeps, from the leave-one-story-out predictions."""

    kept: int
    supported_share: float | None  # None when it keeps nothing
    supported_kept: float  # the share of all supported records it keeps


@dataclass(frozen=True, slots=True)
class CalibrationFigures(Scores):
    """The training data's size and the leave-one-story-out figures, in the order they are written."""

    records: int
    supported: int
    stories: int
    cv_auc: float
    cv_brier: float
    cv_by_minimum: Mapping[str, AtMinimum]  # by THRESHOLDS, as strings


@dataclass(frozen=True, slots=True)
class TrainedCalibration:
    """What ``train_calibration`` did: its figures and where it wrote the weights."""

    figures: CalibrationFigures
    path: Path


def labelled_records(gold_dir: Path, extractor: Extractor) -> list[tuple[str, Signals, bool]]:
    """(story id, signals, supported) for every record the rules make on the gold stories."""
    detector = extractor.nlp.get_pipe("newsevents_events")
    if not isinstance(detector, EventDetector):
        raise EvalError("the pipeline has no newsevents_events stage")
    rows = []
    for story in load_gold(gold_dir):
        article = Article.from_input_dict(story["input"])
        doc = extractor.nlp.make_doc(article.text)
        doc._.ne_article = article
        with extractor.nlp.select_pipes(disable=["newsevents_events"]):
            doc = extractor.nlp(doc)
        text = article.text
        targets = [(g, gold_targets(text, g)) for g in story.get("events") or []]
        for candidate in candidate_events(doc, detector.lexicon, detector.ontology, read_inputs(doc)):
            record = candidate.event.to_dict()
            spans = evidence_spans(record)
            supported = any(type_accepted(record, g) and any_overlap(spans, t) for g, t in targets)
            rows.append((article.id, candidate.signals, supported))
    return rows


def fit(
    rows: Sequence[tuple[str, Signals, bool]], *, c: float = 0.3
) -> tuple[Calibration, CalibrationFigures]:
    """The calibration learned from all rows, and leave-one-story-out figures."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.model_selection import LeaveOneGroupOut

    if len({r[2] for r in rows}) < 2:
        raise EvalError("calibration needs both supported and unsupported records")
    names = feature_names([r[1] for r in rows])
    x = np.array([[r[1].features()[n] for n in names] for r in rows])
    y = np.array([int(r[2]) for r in rows])
    groups = np.array([r[0] for r in rows])

    def model() -> LogisticRegression:
        return LogisticRegression(C=c, max_iter=2000)

    held_out = np.zeros(len(rows))
    for train_idx, test_idx in LeaveOneGroupOut().split(x, y, groups):
        if len(set(y[train_idx])) < 2:
            held_out[test_idx] = y[train_idx].mean()
            continue
        held_out[test_idx] = model().fit(x[train_idx], y[train_idx]).predict_proba(x[test_idx])[:, 1]
    final = model().fit(x, y)
    figures = CalibrationFigures(
        records=len(rows),
        supported=int(y.sum()),
        stories=len(set(groups)),
        cv_auc=round(float(roc_auc_score(y, held_out)), 4),
        cv_brier=round(float(brier_score_loss(y, held_out)), 4),
        cv_by_minimum=MappingProxyType({
            str(t): AtMinimum(
                kept=int((held_out >= t).sum()),
                supported_share=(
                    round(float(y[held_out >= t].mean()), 4) if (held_out >= t).any() else None
                ),
                supported_kept=round(float(y[held_out >= t].sum() / max(1, y.sum())), 4),
            )
            for t in THRESHOLDS
        }),
    )
    calibration = Calibration(
        intercept=round(float(final.intercept_[0]), 6),
        weights={n: round(float(w), 6) for n, w in zip(names, final.coef_[0], strict=True)},
        about={"C": c, "trained": dt.date.today().isoformat(), **figures.as_dict()},
    )
    return calibration, figures


def train_calibration(
    gold_dir: Path, out: Path, extractor: Extractor, *, c: float = 0.3
) -> TrainedCalibration:
    rows = labelled_records(gold_dir, extractor)
    calibration, figures = fit(rows, c=c)
    about = dict(calibration.about)
    about["data"] = str(gold_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(Calibration(calibration.intercept, calibration.weights, about).to_dict(), indent=1) + "\n",
        encoding="utf-8",
    )
    return TrainedCalibration(figures, out)
