"""``newsevents eval``: run the extractor over the evaluation sets in ``../shared/eval`` and score each.

Each set names its input file, its gold folder and its scorer (``score(predictions, gold_dir) -> Metrics``,
a typed frozen result; see ``newsevents.eval.metrics``); predictions are contract dicts keyed by input id,
exactly what ``newsevents extract`` writes.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Metrics
from newsevents.model import Article, Result

Scorer = Callable[[Mapping[str, dict[str, Any]], Path], Metrics]
Extract = Callable[[Iterable[Article]], Iterator[Result]]


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    input: str  # relative to the eval folder
    gold: str  # relative to the eval folder
    scorer: str  # module in newsevents.eval exposing score()
    what: str


EVAL_SETS: tuple[EvalSet, ...] = (
    EvalSet("seed", "seed/input.jsonl", "seed", "seed", "the reference article's main events and claims"),
    EvalSet(
        "case2021", "case2021_task2/input.jsonl", "case2021_task2", "case2021", "event sub-type (CASE 2021)"
    ),
    EvalSet("ipe", "india_police_events/input.jsonl", "india_police_events", "ipe", "police ARREST/KILL"),
    EvalSet("plover", "plover_gsr/input.jsonl", "plover_gsr", "plover", "PLOVER event type and mode"),
    EvalSet("geoparsing", "geoparsing/input.jsonl", "geoparsing", "geoparsing", "toponyms and coordinates"),
    EvalSet("polnear", "polnear/dev/input.jsonl", "polnear/dev", "polnear", "claims: content and speaker"),
    EvalSet("meantime", "meantime/input.jsonl", "meantime", "meantime", "DATE detection and values"),
    EvalSet("events_gold", "events_gold/input.jsonl", "events_gold", "events_gold", "whole event records"),
    # Its articles come from several input files: the scorer's select_articles() names them.
    EvalSet("clusters", "", ".", "clusters", "merging reports of one event (B-cubed vs GDELT's rule)"),
)


@dataclass(frozen=True, slots=True)
class SetReport:
    name: str
    result: Metrics  # the scorer's result
    articles: int
    errors: int
    seconds: float

    @property
    def metrics(self) -> dict[str, Any]:
        """The result as the report's ``metrics`` object: what is printed and written to --json-out."""
        return self.result.as_dict()

    def headline(self) -> dict[str, float]:
        """The result's flat numeric figures, the ones held to floors."""
        return self.result.headline()


def read_articles(path: Path, limit: int | None = None) -> list[Article]:
    if not path.is_file():
        raise EvalError(f"evaluation input not found: {path}", path=str(path))
    articles = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                articles.append(Article.from_input_dict(json.loads(line)))
            if limit is not None and len(articles) >= limit:
                break
    return articles


def scorer_for(module: str) -> Scorer:
    score: Scorer = importlib.import_module(f"newsevents.eval.{module}").score
    return score


def articles_for(eval_set: EvalSet, eval_dir: Path, limit: int | None = None) -> list[Article]:
    if eval_set.input:
        return read_articles(eval_dir / eval_set.input, limit)
    select: Callable[[Path], list[Article]] = importlib.import_module(
        f"newsevents.eval.{eval_set.scorer}"
    ).select_articles
    return select(eval_dir)[:limit]


def evaluate_set(
    eval_set: EvalSet,
    eval_dir: Path,
    extract: Extract,
    limit: int | None = None,
    predictions_dir: Path | None = None,
    score: Scorer | None = None,
) -> SetReport:
    """Extract and score one set; with ``predictions_dir``, also write what was extracted to
    ``<predictions_dir>/<set>.jsonl`` (one contract line per article, in input order), so two versions of the
    extractor can be compared output by output. ``score`` replaces the set's own scorer."""
    articles = articles_for(eval_set, eval_dir, limit)
    started = time.perf_counter()
    predictions = {r.id: r.to_dict() for r in extract(articles)}
    seconds = time.perf_counter() - started
    if predictions_dir is not None:
        predictions_dir.mkdir(parents=True, exist_ok=True)
        with (predictions_dir / f"{eval_set.name}.jsonl").open("w", encoding="utf-8") as fh:
            for prediction in predictions.values():
                fh.write(json.dumps(prediction, ensure_ascii=False, sort_keys=True) + "\n")
    result = (score or scorer_for(eval_set.scorer))(predictions, eval_dir / eval_set.gold)
    errors = sum(1 for p in predictions.values() if p["error"])
    return SetReport(eval_set.name, result, len(articles), errors, seconds)
