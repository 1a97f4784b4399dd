"""``newsevents train --task claims``: learn the verbs that cue attributions from PolNeAR-format data.

Input: PolNeAR's flat JSON Lines (``{"doc", "annotator", "text", "attributions": [{"cue": [{start, end}]}]}``,
one line per article and annotator; the first annotator in sorted order is used, as in scoring) or a folder
of BRAT ``.txt`` + ``.ann`` pairs whose cue entities have a type containing "Cue". A verb lemma becomes a cue
when its tokens lie inside a gold cue at least ``min_share`` of the time and at least ``min_count`` times.
The result is a cue file for ``[components.newsevents_claims] cues_path``: the packaged lists, with the
learned verbs added (or, with ``replace``, instead of the packaged verbs).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsevents.errors import EvalError

Span = tuple[int, int]
BRAT_ENTITY = re.compile(r"^T\d+\t(?P<type>\S+) (?P<spans>[\d ;]+)\t")


@dataclass(frozen=True, slots=True)
class Attributed:
    """One article's text and where its cues are."""

    doc: str
    text: str
    cues: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class CueTraining:
    """What ``train_cues`` learned and wrote."""

    articles: int  # annotated articles read
    learned: int  # verbs that passed the thresholds
    new: tuple[str, ...]  # of them, those not in the packaged list
    verbs: int  # verbs in the written cue file
    path: Path  # the cue file written


def _read_flat(path: Path) -> Iterator[Attributed]:
    chosen: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            current = chosen.get(record["doc"])
            if current is None or record["annotator"] < current["annotator"]:
                chosen[record["doc"]] = record
    for doc, record in sorted(chosen.items()):
        cues = tuple(
            (int(part["start"]), int(part["end"]))
            for attribution in record.get("attributions", [])
            for part in attribution.get("cue", [])
        )
        yield Attributed(doc, record["text"], cues)


def _read_brat(folder: Path) -> Iterator[Attributed]:
    for ann in sorted(folder.rglob("*.ann")):
        text_path = ann.with_suffix(".txt")
        if not text_path.is_file():
            continue
        cues: list[Span] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            match = BRAT_ENTITY.match(line)
            if match and "cue" in match["type"].lower():
                for piece in match["spans"].split(";"):
                    start, end = piece.split()
                    cues.append((int(start), int(end)))
        yield Attributed(ann.stem, text_path.read_text(encoding="utf-8"), tuple(cues))


def read_attributions(path: str | Path) -> list[Attributed]:
    source = Path(path)
    if source.is_dir():
        found = list(_read_brat(source))
    elif source.is_file():
        found = list(_read_flat(source))
    else:
        raise EvalError(f"no PolNeAR data at {source}", path=str(source))
    if not found:
        raise EvalError(f"no annotated articles found in {source}", path=str(source))
    return found


def learn_cues(
    articles: Iterable[Attributed], nlp: Language, *, min_share: float = 0.3, min_count: int = 5
) -> dict[str, tuple[int, int]]:
    """Verb lemmas that cue attributions: lemma -> (times inside a cue, times seen)."""
    inside: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    items = list(articles)
    # Lemmas need the tagger, not the parser or NER.
    with nlp.select_pipes(
        enable=[p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if p in nlp.pipe_names]
    ):
        for item, doc in zip(items, nlp.pipe(i.text for i in items), strict=True):
            cue_chars = {i for start, end in item.cues for i in range(start, end)}
            for token in doc:
                if token.pos_ != "VERB":
                    continue
                lemma = token.lemma_.lower()
                seen[lemma] += 1
                inside[lemma] += token.idx in cue_chars
    return {
        lemma: (inside[lemma], seen[lemma])
        for lemma in sorted(inside)
        if inside[lemma] >= min_count and inside[lemma] / seen[lemma] >= min_share
    }


def train_cues(
    data: str | Path,
    out_path: str | Path,
    nlp: Language,
    *,
    replace: bool = False,
    min_share: float = 0.3,
    min_count: int = 5,
) -> CueTraining:
    """Learn cue verbs from ``data`` and write a complete cue file to ``out_path``; returns a summary."""
    articles = read_attributions(data)
    learned = learn_cues(articles, nlp, min_share=min_share, min_count=min_count)
    packaged = json.loads(
        resources.files("newsevents").joinpath("data", "cues.json").read_text(encoding="utf-8")
    )
    verbs = set(learned) if replace else set(learned) | set(packaged["verbs"])
    cues = dict(packaged, verbs=sorted(verbs))
    cues["_about"] = (
        f"Learned by newsevents train --task claims from {data} ({len(articles)} articles, "
        f"{sum(len(a.cues) for a in articles)} cue spans; min_share {min_share}, min_count {min_count}); "
        f"verbs {'replaced' if replace else 'added to the packaged list'}. Other lists as packaged."
    )
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(cues, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    new = tuple(sorted(set(learned) - set(packaged["verbs"])))
    return CueTraining(articles=len(articles), learned=len(learned), new=new, verbs=len(verbs), path=out)
