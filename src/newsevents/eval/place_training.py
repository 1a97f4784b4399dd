"""Training the place ranker (``newsevents train --task places``) from articles in the geoparsing form.

Every article is read by the pipeline up to the places stage. Each name it finds that overlaps a gold
toponym gives one ranking: the name's gazetteer candidates with the ranker's features
(``pipeline.place_ranker.FEATURE_NAMES``), a candidate being right when it lies within 161 km of the gold
point. Cross-validation splits by article (no article lends names to both sides). Two learners are measured
against the rules: a logistic regression (scikit-learn) and gradient-boosted trees (LightGBM); the better
one on the cross-validated share of toponyms placed within 161 km is fitted on every article and written.
Figures are also given across corpora (trained on one, tested on the other), the nearest thing on this data
to text nobody tuned on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from spacy.language import Language

from newsevents.errors import EvalError
from newsevents.eval.geoparsing import ACC_KM, GoldArticle, read_gold
from newsevents.eval.metrics import plain
from newsevents.gazetteer.distance import haversine_km
from newsevents.pipeline.place_ranker import FEATURE_NAMES, RANKER_FORMAT, vector
from newsevents.pipeline.places import PlaceTagger

LATER_STAGES = ("newsevents_counts", "newsevents_actors", "newsevents_claims", "newsevents_events")


@dataclass(frozen=True, slots=True)
class Ranking:
    """One name of one article: its candidates' features, which are right, and how many gold toponyms."""

    article: str
    corpus: str
    rows: tuple[tuple[float, ...], ...]
    right: tuple[tuple[int, ...], ...]  # per candidate: 1 for each gold toponym of the name it places right
    gold: int  # gold toponyms the name covers
    key: str = ""
    names: tuple[str, ...] = ()  # each candidate as "name (feature code, country)"

    def labels(self) -> list[int]:
        return [1 if 2 * sum(r) >= self.gold else 0 for r in self.right]

    def hits(self, pick: int) -> int:
        return sum(self.right[pick])


def rankings(articles: Iterable[GoldArticle], nlp: Language) -> list[Ranking]:
    """The rankings of every article's names that overlap its gold toponyms."""
    tagger = nlp.get_pipe("newsevents_places")
    if not isinstance(tagger, PlaceTagger):
        raise EvalError("the pipeline has no newsevents_places stage")
    disabled = [name for name in LATER_STAGES if name in nlp.pipe_names]
    items = [a for a in articles if a.text]
    found: list[Ranking] = []
    with nlp.select_pipes(disable=disabled):
        for article, doc in zip(items, nlp.pipe(a.text for a in items), strict=True):
            found.extend(_article_rankings(article, tagger, doc))
    return found


def _article_rankings(article: GoldArticle, tagger: PlaceTagger, doc: Any) -> Iterable[Ranking]:
    mentions = tagger.finder.find(doc)
    state = tagger.resolver.rules(mentions)
    options = tagger.resolver.options(mentions, state)
    gold_of: dict[str, list[tuple[float, float]]] = {}
    for t in article.toponyms:
        best = max(
            (m for m in mentions if min(m.end, t.end) > max(m.start, t.start)),
            key=lambda m: min(m.end, t.end) - max(m.start, t.start),
            default=None,
        )
        if best is not None and best.key in options:
            gold_of.setdefault(best.key, []).append((t.lat, t.lon))
    for key, points in gold_of.items():
        found = options[key]
        right = tuple(
            tuple(1 if haversine_km(o.candidate.lat, o.candidate.lon, lat, lon) <= ACC_KM else 0
                  for lat, lon in points)
            for o in found
        )
        rows = tuple(tuple(vector(o.features)) for o in found)
        names = tuple(
            f"{o.candidate.name} ({o.candidate.feature_code}, {o.candidate.country_code})" for o in found
        )
        yield Ranking(article.input_id, article.corpus, rows, right, len(points), key, names)


# --- learning ---------------------------------------------------------------------------------------------


def _rule_pick(r: Ranking) -> int:
    column = FEATURE_NAMES.index("rule_pick")
    return max(range(len(r.rows)), key=lambda i: r.rows[i][column])


def _flatten(rs: Sequence[Ranking]) -> tuple[list[list[float]], list[int], list[int]]:
    rows: list[list[float]] = []
    labels: list[int] = []
    sizes: list[int] = []
    for r in rs:
        rows.extend(list(x) for x in r.rows)
        labels.extend(r.labels())
        sizes.append(len(r.rows))
    return rows, labels, sizes


def _learnable(rs: Sequence[Ranking]) -> list[Ranking]:
    """Names with a choice to learn from: more than one candidate, not all right or all wrong."""
    return [r for r in rs if len(r.rows) > 1 and 0 < sum(r.labels()) < len(r.rows)]


LIGHTGBM_PARAMS: dict[str, Any] = {
    "objective": "lambdarank",
    "learning_rate": 0.1,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "lambda_l2": 1.0,
    "verbosity": -1,
    "seed": 7,
    "deterministic": True,
    "num_threads": 1,
}
LIGHTGBM_ROUNDS = 80


def fit_lightgbm(rs: Sequence[Ranking]) -> dict[str, Any]:
    import lightgbm
    import numpy as np

    rows, labels, sizes = _flatten(_learnable(rs))
    data = lightgbm.Dataset(
        np.asarray(rows, dtype=float), np.asarray(labels), group=sizes, feature_name=list(FEATURE_NAMES)
    )
    booster = lightgbm.train(LIGHTGBM_PARAMS, data, num_boost_round=LIGHTGBM_ROUNDS)
    return {"format": RANKER_FORMAT, "kind": "lightgbm", "features": list(FEATURE_NAMES),
            "model": booster.dump_model()}


def fit_logistic(rs: Sequence[Ranking], *, c: float = 1.0) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows, labels, _ = _flatten(_learnable(rs))
    x = np.asarray(rows, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / scale, np.asarray(labels))
    return {
        "format": RANKER_FORMAT, "kind": "logistic", "features": list(FEATURE_NAMES),
        "mean": mean.tolist(), "scale": scale.tolist(), "weights": model.coef_[0].tolist(),
        "intercept": float(model.intercept_[0]),
    }


LEARNERS = {"logistic": fit_logistic, "lightgbm": fit_lightgbm}


@dataclass(frozen=True, slots=True)
class CorpusShares:
    """One corpus's out-of-fold shares placed right, by picker, and its gold toponyms."""

    shares: Mapping[str, float]  # "rules", then each learner
    gold: int

    def as_dict(self) -> dict[str, Any]:
        return {**self.shares, "gold": self.gold}


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Out-of-fold shares of gold toponyms placed within 161 km, by picker, overall and per corpus."""

    shares: Mapping[str, float]  # "rules", then each learner
    per_corpus: Mapping[str, CorpusShares]  # by corpus name, sorted

    def as_dict(self) -> dict[str, Any]:
        """As the artefact writes it: the pickers' shares, then ``per_corpus``."""
        return {**self.shares, "per_corpus": {c: row.as_dict() for c, row in self.per_corpus.items()}}


@dataclass(frozen=True, slots=True)
class TrainedRanker:
    """What ``train_place_ranker`` did: the learner chosen, where it went, and the figures that chose it."""

    path: Path
    chosen: str
    rankings: int
    toponyms: int
    cross_validation: CrossValidation
    across_corpora: Mapping[str, Mapping[str, float]]  # held-out corpus -> picker -> share


def accuracy(rs: Sequence[Ranking], pick: Any) -> tuple[int, int]:
    """(gold toponyms placed right, gold toponyms) when each name takes ``pick(ranking)``."""
    return sum(r.hits(pick(r)) for r in rs), sum(r.gold for r in rs)


def _model_pick(artefact: dict[str, Any]) -> Any:
    from newsevents.pipeline.place_ranker import PlaceRanker

    ranker = PlaceRanker.from_dict(artefact)

    def pick(r: Ranking) -> int:
        return max(range(len(r.rows)), key=lambda i: ranker.score(r.rows[i]))

    return pick


def cross_validate(rs: Sequence[Ranking], folds: int) -> CrossValidation:
    """Out-of-fold figures of the rules and of each learner, folds split by article."""
    articles = sorted({r.article for r in rs})
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    hits = {name: 0 for name in ("rules", *LEARNERS)}
    per_corpus: dict[str, dict[str, int]] = {}
    total = sum(r.gold for r in rs)
    for fold in range(folds):
        train = [r for r in rs if fold_of[r.article] != fold]
        test = [r for r in rs if fold_of[r.article] == fold]
        picks = {"rules": _rule_pick, **{n: _model_pick(fit(train)) for n, fit in LEARNERS.items()}}
        for name, pick in picks.items():
            for r in test:
                h = r.hits(pick(r))
                hits[name] += h
                row = per_corpus.setdefault(r.corpus, {"gold": 0})
                row[name] = row.get(name, 0) + h
        for r in test:
            per_corpus[r.corpus]["gold"] += r.gold
    return CrossValidation(
        shares=MappingProxyType({name: h / total if total else 0.0 for name, h in hits.items()}),
        per_corpus=MappingProxyType({
            corpus: CorpusShares(
                MappingProxyType({k: v / row["gold"] for k, v in row.items() if k != "gold"}), row["gold"]
            )
            for corpus, row in sorted(per_corpus.items())
        }),
    )


def across_corpora(rs: Sequence[Ranking]) -> dict[str, dict[str, float]]:
    """Trained on every corpus but one, tested on that one."""
    figures: dict[str, dict[str, float]] = {}
    corpora = sorted({r.corpus for r in rs})
    if len(corpora) < 2:
        return figures
    for corpus in corpora:
        train = [r for r in rs if r.corpus != corpus]
        test = [r for r in rs if r.corpus == corpus]
        picks = {"rules": _rule_pick, **{n: _model_pick(fit(train)) for n, fit in LEARNERS.items()}}
        figures[corpus] = {}
        for name, pick in picks.items():
            right, gold = accuracy(test, pick)
            figures[corpus][name] = right / gold if gold else 0.0
    return figures


def train_place_ranker(data: Path, out: Path, nlp: Language, *, folds: int = 5) -> TrainedRanker:
    """Learn the ranker from the geoparsing-form files in ``data``; write the better learner to ``out``."""
    rs = rankings(read_gold(data), nlp)
    if not _learnable(rs):
        raise EvalError(f"no toponym in {data} has a choice of candidates to learn from", data=str(data))
    cv = cross_validate(rs, folds)
    across = across_corpora(rs)
    chosen = max(LEARNERS, key=lambda n: (cv.shares[n], n == "logistic"))
    artefact = LEARNERS[chosen](rs)
    artefact["trained_on"] = {"data": str(data), "rankings": len(rs), "toponyms": sum(r.gold for r in rs)}
    artefact["cross_validation"] = {"folds": folds, **cv.as_dict()}
    artefact["across_corpora"] = plain(across)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(artefact, allow_nan=False), encoding="utf-8")
    return TrainedRanker(
        out, chosen, len(rs), sum(r.gold for r in rs), cv,
        MappingProxyType({corpus: MappingProxyType(row) for corpus, row in across.items()}),
    )

