"""Score contract ``claims`` against PolNeAR attributions (SCORING.md, "PolNeAR — claims").

Gold: every ``*.flat.jsonl`` in the gold folder, one line per (article, annotator); each article is scored
against one annotator, the first id in sorted order. Gold attributions without a content span are skipped,
and a discontinuous content counts as its hull. Predicted claims and gold attributions sharing a character are
matched one-to-one, greedily by intersection-over-union, then speaker agreement, then overlap size.

A claim linked to another by ``within`` (a quotation the same speaker gives inside their own reported
speech) is a view of that claim's attribution, not a second one: PolNeAR marks one attribution per source,
so such claims are not scored.

Only the articles present in ``predictions`` are scored (so a sample run gives a sample's figures);
``n_docs_missing`` says how many gold articles had no prediction.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import EvalError
from newsevents.eval.metrics import Scores

ID_PREFIX = "polnear-"
QUOTE_MARKS = "\"'“”‘’«»„‟‚‛`"
EXACT_TRIM = " \t\r\n" + QUOTE_MARKS + ",.;:"


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    start: int  # the content hull
    end: int
    sources: tuple[tuple[int, int, str], ...]  # (start, end, text) of each source span
    text: str  # the hull's text


@dataclass(frozen=True, slots=True)
class PredictedClaim:
    start: int
    end: int
    speaker: str | None
    speaker_span: tuple[int, int] | None


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def read_gold(gold_dir: Path) -> dict[str, tuple[str, list[GoldAttribution]]]:
    """(text, gold attributions) by document, from the first annotator (sorted ids) of each document."""
    files = sorted(Path(gold_dir).glob("*.flat.jsonl"))
    if not files:
        raise EvalError(f"no *.flat.jsonl gold file in {gold_dir}", path=str(gold_dir))
    records: dict[str, dict[str, Any]] = {}
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                record = json.loads(line)
                doc, annotator = str(record["doc"]), str(record["annotator"])
                if doc not in records or annotator < str(records[doc]["annotator"]):
                    records[doc] = record
    return {doc: (str(record["text"]), list(_attributions(record))) for doc, record in records.items()}


def _attributions(record: Mapping[str, Any]) -> Iterable[GoldAttribution]:
    text = str(record["text"])
    for attribution in record["attributions"]:
        content = attribution.get("content") or []
        if not content:
            continue
        start = min(int(s["start"]) for s in content)
        end = max(int(s["end"]) for s in content)
        sources = tuple(
            (int(s["start"]), int(s["end"]), str(s["text"])) for s in attribution.get("source") or []
        )
        yield GoldAttribution(start, end, sources, text[start:end])


def predicted_claims(result: Mapping[str, Any] | None) -> list[PredictedClaim]:
    if not result or result.get("error"):
        return []
    claims = []
    for claim in result.get("claims") or []:
        span = claim.get("content_span")
        if not span or claim.get("within") is not None:
            continue
        speaker_span = claim.get("speaker_span")
        claims.append(
            PredictedClaim(
                int(span[0]), int(span[1]), claim.get("speaker"),
                (int(speaker_span[0]), int(speaker_span[1])) if speaker_span else None,
            )
        )
    return claims


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def speaker_agrees(claim: PredictedClaim, gold: GoldAttribution) -> bool:
    """The claim's speaker_span overlaps a gold source span, or its speaker equals the gold source text."""
    if not gold.sources:
        return False
    if claim.speaker_span is not None and any(
        _overlap(claim.speaker_span[0], claim.speaker_span[1], s, e) for s, e, _ in gold.sources
    ):
        return True
    if claim.speaker is None:
        return False
    names = {_norm(t) for _, _, t in gold.sources} | {_norm(" ".join(t for _, _, t in gold.sources))}
    return _norm(claim.speaker) in names


def match(gold: Sequence[GoldAttribution], predicted: Sequence[PredictedClaim]) -> dict[int, int]:
    """Gold index -> predicted index, one-to-one, greedily by IoU, then speaker agreement, then overlap."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            inter = _overlap(g.start, g.end, p.start, p.end)
            if inter <= 0:
                continue
            union = max(g.end, p.end) - min(g.start, p.start)
            candidates.append((-inter / union, not speaker_agrees(p, g), -inter, gi, pi))
    candidates.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for *_, gi, pi in candidates:
        if gi in pairs or pi in used:
            continue
        pairs[gi] = pi
        used.add(pi)
    return pairs


def _exact_key(text: str, start: int, end: int) -> tuple[int, int]:
    """A span with whitespace, quote marks and , . ; : trimmed from both ends."""
    while start < end and text[start] in EXACT_TRIM:
        start += 1
    while end > start and text[end - 1] in EXACT_TRIM:
        end -= 1
    return start, end


def _prf(hits_p: float, total_p: float, hits_r: float, total_r: float) -> tuple[float, float, float]:
    p = hits_p / total_p if total_p else 0.0
    r = hits_r / total_r if total_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    gold_chars: int = 0
    predicted_chars: int = 0
    overlap_chars: int = 0
    exact: int = 0
    with_source: int = 0
    speaker_right: int = 0
    direct_gold: int = 0
    direct_matched: int = 0

    def add(self, text: str, gold: Sequence[GoldAttribution], predicted: Sequence[PredictedClaim]) -> None:
        pairs = match(gold, predicted)
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        # Characters are counted between the trimmed ends (the exact key's): quote marks and the comma
        # handing over to the cue are not content, whichever side includes them.
        gold_spans = [_exact_key(text, g.start, g.end) for g in gold]
        predicted_spans = [_exact_key(text, p.start, p.end) for p in predicted]
        self.gold_chars += sum(end - start for start, end in gold_spans)
        self.predicted_chars += sum(max(0, end - start) for start, end in predicted_spans)
        for gi, pi in pairs.items():
            g, p = gold[gi], predicted[pi]
            self.overlap_chars += _overlap(*gold_spans[gi], *predicted_spans[pi])
            if g.sources:
                self.with_source += 1
                self.speaker_right += speaker_agrees(p, g)
        for gi, g in enumerate(gold):
            if g.text.lstrip()[:1] in QUOTE_MARKS and g.text.strip():
                self.direct_gold += 1
                self.direct_matched += gi in pairs
        gold_keys = Counter(_exact_key(text, g.start, g.end) for g in gold)
        predicted_keys = Counter(_exact_key(text, p.start, p.end) for p in predicted)
        self.exact += sum((gold_keys & predicted_keys).values())


@dataclass(frozen=True, slots=True)
class PolnearScores(Scores):
    content_overlap_p: float  # a predicted claim overlapping a gold attribution's content
    content_overlap_r: float
    content_overlap_f1: float
    content_char_p: float  # content characters, between trimmed ends
    content_char_r: float
    content_char_f1: float
    content_exact_p: float  # content with the same trimmed ends
    content_exact_r: float
    content_exact_f1: float
    speaker_accuracy: float  # among matched attributions with a gold source
    direct_quote_recall: float
    n: int  # documents scored
    n_gold: int
    n_predicted: int
    n_matched: int
    n_docs_missing: int


def score(predictions: Mapping[str, dict[str, Any]], gold_dir: Path) -> PolnearScores:
    """PolNeAR metrics for contract results keyed by input id ("polnear-<doc>" or the bare doc)."""
    gold = read_gold(Path(gold_dir))
    by_doc = {key.removeprefix(ID_PREFIX): value for key, value in predictions.items()}
    tally = Tally()
    scored = 0
    for doc, (text, attributions) in gold.items():
        if doc not in by_doc:
            continue
        scored += 1
        tally.add(text, attributions, predicted_claims(by_doc[doc]))
    overlap = _prf(tally.matched, tally.predicted, tally.matched, tally.gold)
    chars = _prf(tally.overlap_chars, tally.predicted_chars, tally.overlap_chars, tally.gold_chars)
    exact = _prf(tally.exact, tally.predicted, tally.exact, tally.gold)
    return PolnearScores(
        *overlap, *chars, *exact,
        speaker_accuracy=tally.speaker_right / tally.with_source if tally.with_source else 0.0,
        direct_quote_recall=tally.direct_matched / tally.direct_gold if tally.direct_gold else 0.0,
        n=scored,
        n_gold=tally.gold,
        n_predicted=tally.predicted,
        n_matched=tally.matched,
        n_docs_missing=len(gold) - scored,
    )

