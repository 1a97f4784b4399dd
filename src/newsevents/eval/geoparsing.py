"""Scoring contract ``places`` against the geoparsing gold (GeoWebNews and LGL; SCORING.md "Geoparsing").

Scored gold toponyms have lat/lon and a verified character span. A gold toponym is detected when some
predicted place overlaps it (the place with the largest overlap is used). Resolution is right when the
predicted point lies within 161 km of the gold point.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Scores
from newsevents.gazetteer.distance import haversine_km

ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldArticle:
    corpus: str
    doc_id: str
    toponyms: tuple[GoldToponym, ...]
    all_spans: tuple[tuple[int, int], ...]  # every gold span, scored or not, for place precision
    text: str = ""

    @property
    def input_id(self) -> str:
        return f"{self.corpus}-{self.doc_id}"


@dataclass(frozen=True, slots=True)
class GeoFigures:
    """The figures of one tally: all articles, or one corpus's."""

    detection_recall: float
    resolution_acc161: float
    end_to_end_acc161: float
    median_error_km: float
    mean_error_km: float
    place_precision: float
    n: float
    errors_missed: float
    errors_too_coarse: float
    errors_wrong_place: float
    errors_no_point: float

    def flat(self, prefix: str = "") -> dict[str, float]:
        return {f"{prefix}{f.name}": getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class GeoparsingScores(Scores):
    """The figures over all articles, then each corpus's, written flat ("GeoWebNews.end_to_end_acc161")."""

    total: GeoFigures
    per_corpus: tuple[tuple[str, GeoFigures], ...]  # by corpus name, sorted

    def corpus(self, name: str) -> GeoFigures:
        """One corpus's figures (a KeyError for a corpus with no gold)."""
        return dict(self.per_corpus)[name]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = self.total.flat()
        for corpus, figures in self.per_corpus:
            out.update(figures.flat(f"{corpus}."))
        return out


@dataclass
class Tally:
    gold: int = 0
    detected: int = 0
    resolved: int = 0
    errors_km: list[float] = field(default_factory=list)
    predicted: int = 0
    predicted_on_gold: int = 0
    # Misses by kind: not detected; placed at a country or region (too coarse); at another town or district
    # (wrong candidate); detected without a point.
    missed: int = 0
    too_coarse: int = 0
    wrong_place: int = 0
    no_point: int = 0

    def add(self, other: Tally) -> None:
        self.missed += other.missed
        self.too_coarse += other.too_coarse
        self.wrong_place += other.wrong_place
        self.no_point += other.no_point
        self.gold += other.gold
        self.detected += other.detected
        self.resolved += other.resolved
        self.errors_km.extend(other.errors_km)
        self.predicted += other.predicted
        self.predicted_on_gold += other.predicted_on_gold

    def metrics(self) -> GeoFigures:
        return GeoFigures(
            detection_recall=_ratio(self.detected, self.gold),
            resolution_acc161=_ratio(self.resolved, self.detected),
            end_to_end_acc161=_ratio(self.resolved, self.gold),
            median_error_km=statistics.median(self.errors_km) if self.errors_km else 0.0,
            mean_error_km=statistics.fmean(self.errors_km) if self.errors_km else 0.0,
            place_precision=_ratio(self.predicted_on_gold, self.predicted),
            n=float(self.gold),
            errors_missed=float(self.missed),
            errors_too_coarse=float(self.too_coarse),
            errors_wrong_place=float(self.wrong_place),
            errors_no_point=float(self.no_point),
        )


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _span(t: dict[str, Any]) -> tuple[int, int] | None:
    start, end = t.get("char_start"), t.get("char_end")
    return (int(start), int(end)) if start is not None and end is not None else None


def read_gold(gold_dir: Path) -> Iterator[GoldArticle]:
    files = sorted(Path(gold_dir).glob("*.flat.jsonl"))
    if not files:
        raise EvalError(f"no *.flat.jsonl gold files in {gold_dir}", gold=str(gold_dir))
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield gold_article(json.loads(line))


def gold_article(d: dict[str, Any]) -> GoldArticle:
    scored, spans = [], []
    for t in d.get("toponyms", []):
        span = _span(t)
        if span is None:
            continue
        spans.append(span)
        if t.get("lat") is not None and t.get("lon") is not None:
            scored.append(GoldToponym(span[0], span[1], float(t["lat"]), float(t["lon"])))
    text = str(d.get("text") or "")
    return GoldArticle(str(d["corpus"]), str(d["doc_id"]), tuple(scored), tuple(spans), text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def is_coarse(place: dict[str, Any]) -> bool:
    """A country or a first-level region (no admin1 of its own beneath, or named as its own admin1)."""
    if place.get("country_code") is None:
        return True  # a world region, sea or continent
    admin1 = place.get("admin1")
    return admin1 is None or admin1 == place.get("name")


def score_article(gold: GoldArticle, places: list[dict[str, Any]]) -> Tally:
    tally = Tally(gold=len(gold.toponyms), predicted=len(places))
    spans = [(int(p["start"]), int(p["end"])) for p in places]
    for t in gold.toponyms:
        overlaps = [(_overlap((t.start, t.end), s), i) for i, s in enumerate(spans)]
        best = max(overlaps, default=(0, -1), key=lambda x: x[0])
        if best[0] <= 0:
            tally.missed += 1
            continue
        tally.detected += 1
        place = places[best[1]]
        if place.get("lat") is None or place.get("lon") is None:
            tally.no_point += 1
            continue
        error = haversine_km(t.lat, t.lon, float(place["lat"]), float(place["lon"]))
        tally.errors_km.append(error)
        if error <= ACC_KM:
            tally.resolved += 1
        elif is_coarse(place):
            tally.too_coarse += 1
        else:
            tally.wrong_place += 1
    tally.predicted_on_gold = sum(1 for s in spans if any(_overlap(s, g) > 0 for g in gold.all_spans))
    return tally


def _prediction_for(
    predictions: Mapping[str, dict[str, Any]], gold: GoldArticle, bare: dict[str, int]
) -> dict[str, Any]:
    found = predictions.get(gold.input_id)
    if found is None and bare.get(gold.doc_id) == 1:
        found = predictions.get(gold.doc_id)
    return found or {}


def score(predictions: Mapping[str, dict[str, Any]], gold_dir: Path) -> GeoparsingScores:
    """Figures overall and per corpus ("GeoWebNews.end_to_end_acc161"...), from contract result dicts by id.

    An article without a prediction, or with an error, has no places: its toponyms count as missed.
    """
    articles = list(read_gold(gold_dir))
    bare: dict[str, int] = {}
    for article in articles:
        bare[article.doc_id] = bare.get(article.doc_id, 0) + 1
    total = Tally()
    per_corpus: dict[str, Tally] = {}
    for article in articles:
        result = _prediction_for(predictions, article, bare)
        tally = score_article(article, list(result.get("places") or []))
        total.add(tally)
        per_corpus.setdefault(article.corpus, Tally()).add(tally)
    return GeoparsingScores(
        total.metrics(), tuple((corpus, tally.metrics()) for corpus, tally in sorted(per_corpus.items()))
    )
