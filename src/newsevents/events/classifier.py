"""A light sub-event type classifier: logistic regression over lemma n-grams and word vectors.

``train_classifier(examples, out_dir, nlp)`` learns it with scikit-learn from labelled ``(text, label)`` pairs
(CASE 2021 TSV rows, ACLED export notes, ...), scores it by stratified k-fold cross-validation (never on the
rows it learnt from) and saves a
versioned artefact folder ``events-classifier-<version>/`` with ``metadata.json`` (data, labels, metrics),
``vocab.json`` and ``weights.npz``. The events stage loads such a folder when its ``classifier`` setting
names one and blends the probabilities with the trigger rules; predicting needs numpy only, not
scikit-learn (the ``train`` extra). No artefact ships with the package.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsevents.__about__ import __version__
from newsevents.errors import ConfigError, EvalError
from newsevents.events.incidents import with_sub_event
from newsevents.events.ontology import Ontology, load_ontology
from newsevents.model import Event

ARTEFACT_PREFIX = "events-classifier-"
# The artefact's files: metadata.json, vocab.json and weights.npz holding ``weights`` (features x labels) and
# ``bias``, read as softmax(x @ weights + bias). Format 1 was trained by a hand-written Adam loop, format 2 by
# scikit-learn; both are read the same way.
FORMAT_VERSION = 2
READABLE_FORMATS = frozenset({1, 2})
# Inverse L2 strength of scikit-learn's LogisticRegression, and its lbfgs iteration cap.
DEFAULT_C = 10.0
MAX_ITER = 1000
LEMMA_PIPES = frozenset({"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "morphologizer"})


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str  # an ontology sub-event type name


@dataclass(frozen=True, slots=True)
class Scores:
    """Cross-validated figures: each row predicted by a model that never saw it."""

    accuracy: float
    macro_f1: float  # over the gold labels
    weighted_f1: float  # by each gold label's support
    per_label: Mapping[str, float]  # gold label -> F1
    folds: int

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.accuracy, "macro_f1": self.macro_f1, "weighted_f1": self.weighted_f1,
                "folds": self.folds, "per_label": dict(self.per_label)}


@dataclass(frozen=True, slots=True)
class ClassifierTraining:
    """What ``train_classifier`` learned and wrote."""

    scores: Scores  # cross-validated, before the model is trained on every row
    examples: int  # rows used
    path: Path  # the artefact folder written


# --- reading labelled data -------------------------------------------------------------------------------


def read_case_tsv(path: Path) -> list[Example]:
    """CASE 2021 task 2 rows (columns id, EventSnippet, SubType); labels become ontology names."""
    return _labelled(_rows(path, "\t"), "EventSnippet", "SubType", path)


def read_acled_csv(path: Path) -> list[Example]:
    """An ACLED export: ``notes`` is the text, ``sub_event_type`` the label."""
    return _labelled(_rows(path, ","), "notes", "sub_event_type", path)


def read_examples(path: Path) -> list[Example]:
    """Either format, told apart by the file's columns."""
    with path.open(encoding="utf-8", newline="") as fh:
        header = fh.readline()
    return read_case_tsv(path) if "EventSnippet" in header else read_acled_csv(path)


def _rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter=delimiter))
    except OSError as exc:
        raise EvalError(f"cannot read training data: {exc}", path=str(path)) from exc


def _labelled(rows: list[dict[str, str]], text_col: str, label_col: str, path: Path) -> list[Example]:
    if rows and (text_col not in rows[0] or label_col not in rows[0]):
        raise EvalError(f"training data lacks the columns {text_col!r} and {label_col!r}", path=str(path))
    ontology = load_ontology()
    out = []
    for row in rows:
        sub = ontology.lookup(row.get(label_col) or "")
        text = (row.get(text_col) or "").strip()
        if sub is not None and text:
            out.append(Example(text, sub.name))
    return out


# --- features ------------------------------------------------------------------------------------------


def lemma_features(span: Span | Doc) -> list[str]:
    words = [t.lemma_.lower() for t in span if not (t.is_punct or t.is_space or t.like_num)]
    grams = [f"u:{w}" for w in words if len(w) > 1]
    grams += [f"b:{a}_{b}" for a, b in pairwise(words)]
    return grams


def vector_of(span: Span | Doc) -> np.ndarray:
    vectors = [
        np.asarray(t.vector, dtype=np.float32) for t in span if t.has_vector and not (t.is_punct or t.is_stop)
    ]
    if not vectors:
        width = span.doc.vocab.vectors_length if isinstance(span, Span) else span.vocab.vectors_length
        return np.zeros(width, dtype=np.float32)
    mean = np.mean(vectors, axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


@dataclass
class Featuriser:
    vocab: dict[str, int]
    vector_width: int

    @property
    def width(self) -> int:
        return len(self.vocab) + self.vector_width

    def matrix(self, spans: Sequence[Span | Doc]) -> np.ndarray:
        x = np.zeros((len(spans), self.width), dtype=np.float32)
        for row, span in enumerate(spans):
            counts = Counter(f for f in lemma_features(span) if f in self.vocab)
            for feat, n in counts.items():
                x[row, self.vocab[feat]] = 1.0 + math.log(n)
            norm = np.linalg.norm(x[row, : len(self.vocab)])
            if norm:
                x[row, : len(self.vocab)] /= norm
            if self.vector_width:
                x[row, len(self.vocab) :] = vector_of(span)[: self.vector_width]
        return x


def build_vocab(docs: Sequence[Doc], min_count: int = 2, max_size: int = 20000) -> dict[str, int]:
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(lemma_features(doc)))
    kept = [f for f, n in df.most_common(max_size) if n >= min_count]
    return {f: i for i, f in enumerate(sorted(kept))}


# --- the model -----------------------------------------------------------------------------------------


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def fit_logreg(
    x: np.ndarray, y: np.ndarray, n_labels: int, *, c: float = DEFAULT_C
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression (scikit-learn's, lbfgs, L2 with inverse strength ``c``) as the
    ``(features x labels)`` weights and ``labels`` biases that ``softmax(x @ w + b)`` turns into its
    ``predict_proba``; scikit-learn is needed to train, not to predict."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=MAX_ITER)
    model.fit(x, y)
    coef = np.zeros((n_labels, x.shape[1]), dtype=np.float32)
    bias = np.zeros(n_labels, dtype=np.float32)
    if len(model.classes_) == 2:
        # Two labels: scikit-learn keeps one row, the log-odds of the second; a zero row for the first
        # gives the same probabilities through the softmax.
        coef[model.classes_[1]] = model.coef_[0]
        bias[model.classes_[1]] = model.intercept_[0]
    else:
        coef[model.classes_] = model.coef_
        bias[model.classes_] = model.intercept_
    # A label the training rows lack keeps no chance at all.
    missing = np.setdiff1d(np.arange(n_labels), model.classes_)
    bias[missing] = -1e4
    return coef.T.copy(), bias


@dataclass
class Classifier:
    labels: tuple[str, ...]
    featuriser: Featuriser
    weights: np.ndarray
    bias: np.ndarray
    metadata: dict[str, Any]

    def probabilities(self, spans: Sequence[Span | Doc]) -> np.ndarray:
        return softmax(self.featuriser.matrix(spans) @ self.weights + self.bias)

    def predict(self, spans: Sequence[Span | Doc]) -> list[str]:
        return [self.labels[i] for i in self.probabilities(spans).argmax(axis=1)]

    def refine(
        self, doc: Doc, events: tuple[Event, ...], ontology: Ontology, *, weight: float
    ) -> tuple[Event, ...]:
        """Blend the rules' choice with the classifier's: a label wins on (1-w)*rule + w*probability."""
        out = []
        for event in events:
            span = _sentence_of(doc, event)
            probs = self.probabilities([span])[0]
            scores = {label: weight * float(p) for label, p in zip(self.labels, probs, strict=True)}
            rule_label = event.sub_event_type
            scores[rule_label] = scores.get(rule_label, 0.0) + (1 - weight) * event.confidence
            best = max(scores, key=lambda k: scores[k])
            confidence = min(1.0, scores[best])
            sub = ontology.lookup(best)
            out.append(with_sub_event(event, sub, confidence) if sub is not None else event)
        return tuple(out)

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez(folder / "weights.npz", weights=self.weights, bias=self.bias)
        (folder / "vocab.json").write_text(json.dumps(self.featuriser.vocab), encoding="utf-8")
        meta = dict(self.metadata, labels=list(self.labels), vector_width=self.featuriser.vector_width)
        (folder / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        return folder


def _sentence_of(doc: Doc, event: Event) -> Span:
    start = event.evidence[0].start if event.evidence else 0
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            return sent
    return doc[:]


def load_classifier(path: str | Path) -> Classifier:
    folder = Path(path)
    try:
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        arrays = np.load(folder / "weights.npz")
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot load the events classifier: {exc}", path=str(folder)) from exc
    if meta.get("format") not in READABLE_FORMATS:
        raise ConfigError(f"unsupported classifier format {meta.get('format')!r}", path=str(folder))
    featuriser = Featuriser(vocab, int(meta["vector_width"]))
    return Classifier(tuple(meta["labels"]), featuriser, arrays["weights"], arrays["bias"], meta)


# --- training and cross-validation ----------------------------------------------------------------------


def parse_texts(texts: Sequence[str], nlp: Language) -> list[Doc]:
    """The texts as Docs with lemmas (and vectors when the model has them): the parser, NER and the
    newsevents stages stay off."""
    wanted = [p for p in nlp.pipe_names if p in LEMMA_PIPES]
    with nlp.select_pipes(enable=wanted):
        return list(nlp.pipe(texts, batch_size=64))


def _train(
    docs: Sequence[Doc], labels: Sequence[str], label_set: tuple[str, ...], use_vectors: bool, c: float
) -> Classifier:
    vocab = build_vocab(docs)
    width = docs[0].vocab.vectors_length if (use_vectors and docs) else 0
    featuriser = Featuriser(vocab, width)
    x = featuriser.matrix(docs)
    index = {label: i for i, label in enumerate(label_set)}
    y = np.array([index[label] for label in labels])
    w, b = fit_logreg(x, y, len(label_set), c=c)
    return Classifier(label_set, featuriser, w, b, {})


def classification_scores(gold: Sequence[str], predicted: Sequence[str], folds: int) -> Scores:
    """Accuracy, macro and support-weighted F1 over the gold labels, and each one's F1 (scikit-learn)."""
    from sklearn.metrics import accuracy_score, f1_score

    labels = sorted(set(gold))
    if not gold:
        return Scores(0.0, 0.0, 0.0, {}, folds)
    per_label = f1_score(gold, predicted, labels=labels, average=None, zero_division=0.0)
    return Scores(
        accuracy=float(accuracy_score(gold, predicted)),
        macro_f1=float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0.0)),
        weighted_f1=float(f1_score(gold, predicted, labels=labels, average="weighted", zero_division=0.0)),
        per_label={label: float(f) for label, f in zip(labels, per_label, strict=True)},
        folds=folds,
    )


def cross_validate(
    examples: Sequence[Example],
    docs: Sequence[Doc],
    *,
    folds: int = 5,
    use_vectors: bool = True,
    c: float = DEFAULT_C,
) -> Scores:
    """Stratified k-fold scores (scikit-learn's folds, shuffled with a fixed seed): each row is predicted by
    a model that never saw it, its vocabulary included."""
    import warnings

    from sklearn.model_selection import StratifiedKFold

    labels = [e.label for e in examples]
    label_set = tuple(sorted(set(labels)))
    predicted: list[str] = [""] * len(examples)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        # A label rarer than the folds is warned about and still split as well as it can be.
        warnings.simplefilter("ignore", UserWarning)
        splits = list(splitter.split(np.zeros(len(labels)), labels))
    for train, test in splits:
        model = _train([docs[i] for i in train], [labels[i] for i in train], label_set, use_vectors, c)
        for i, label in zip(test, model.predict([docs[i] for i in test]), strict=True):
            predicted[i] = label
    return classification_scores(labels, predicted, folds)


def train_classifier(
    examples: Iterable[Example | tuple[str, str]],
    out_dir: str | Path,
    nlp: Language,
    *,
    version: str = "1",
    data: str = "",
    folds: int = 5,
    use_vectors: bool = True,
    c: float = DEFAULT_C,
) -> ClassifierTraining:
    """Cross-validate, then train on every example and save ``out_dir/events-classifier-<version>/``.

    ``nlp`` is the caller's spaCy pipeline (the CLI passes the config's base model); only its lemma
    components run.
    """
    if importlib.util.find_spec("sklearn") is None:
        raise ConfigError("training the events classifier needs scikit-learn: install newsevents[train]")
    ontology = load_ontology()
    rows: list[Example] = []
    for item in examples:
        text, label = (item.text, item.label) if isinstance(item, Example) else item
        sub = ontology.lookup(label)
        if sub is not None and text.strip():
            rows.append(Example(text, sub.name))
    if len(rows) < max(folds, 2) or len({r.label for r in rows}) < 2:
        raise EvalError("training needs at least two labels and more examples than folds", examples=len(rows))
    docs = parse_texts([r.text for r in rows], nlp)
    scores = cross_validate(rows, docs, folds=folds, use_vectors=use_vectors, c=c)
    label_set = tuple(sorted({r.label for r in rows}))
    model = _train(docs, [r.label for r in rows], label_set, use_vectors, c)
    model.metadata = {
        "format": FORMAT_VERSION,
        "name": f"{ARTEFACT_PREFIX}{version}",
        "version": version,
        "newsevents_version": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": data,
        "examples": len(rows),
        "label_counts": dict(Counter(r.label for r in rows)),
        "features": "lemma unigrams+bigrams (log tf, l2) + mean word vector"
        if use_vectors
        else "lemma n-grams",
        "model": f"multinomial logistic regression (scikit-learn LogisticRegression, lbfgs, C={c})",
        "cross_validation": scores.to_dict(),
    }
    folder = model.save(Path(out_dir) / f"{ARTEFACT_PREFIX}{version}")
    return ClassifierTraining(scores, len(rows), folder)
