"""The runner keeps going when one article breaks a stage, and keeps the input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from newsevents.config import load_config
from newsevents.model import Article, ErrorInfo, Rejected
from newsevents.pipeline import Extractor


@Language.component("test_fails_on_boom")
def fails_on_boom(doc: Doc) -> Doc:
    if "boom" in doc.text:
        raise ValueError("stage broke")
    return doc


class FailsWholeBatches:
    """A component like spaCy's parser: it works on batches and takes no error handler, so what it raises
    comes out of ``nlp.pipe``."""

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            if any("crash" in doc.text for doc in batch):
                raise RuntimeError("whole batch lost")
            yield from batch


@Language.factory("test_fails_whole_batches")
def make_fails_whole_batches(nlp: Language, name: str) -> FailsWholeBatches:
    return FailsWholeBatches()


def blank_extractor(*extra: str) -> Extractor:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsevents_zones")
    nlp.add_pipe("test_fails_on_boom")
    for name in extra:
        nlp.add_pipe(name)
    return Extractor(nlp, load_config())


def article(i: str, text: str) -> Article:
    return Article(id=i, text=text, published="2024-01-01")


def test_a_stage_failure_is_that_articles_error_and_the_batch_goes_on() -> None:
    items = [
        article("a", "The police said the march ended calmly in the evening and people went home."),
        article("b", "Then boom: the stage breaks on this one, which is about an explosion in the town."),
        Rejected("c", ErrorInfo("E110", "bad line")),
        article("d", "The minister said the talks would resume next week with the other delegations."),
    ]
    results = list(blank_extractor().extract(items))
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert results[0].error is None and results[3].error is None
    assert results[1].error is not None and results[1].error.code == "E200"
    assert "stage broke" in results[1].error.message
    assert results[2].error == ErrorInfo("E110", "bad line")


@pytest.mark.parametrize("n_process", [1, 2])
def test_over_worker_processes_a_failure_is_still_that_articles_error(n_process: int) -> None:
    """spaCy's nlp.pipe(n_process=2) runs the stages in two worker processes; the article whose stage
    fails there comes back as an error in its place, its batch-mates with their results."""
    texts = [f"The police said march number {i} ended calmly in the evening and people went home." for i in
             range(7)]
    texts[3] = "Then boom: the stage breaks on this one, which is about an explosion in the town."
    items = [article(str(i), text) for i, text in enumerate(texts)]
    results = list(blank_extractor().extract(items, n_process=n_process, batch_size=2))
    assert [r.id for r in results] == [str(i) for i in range(7)]
    assert [r.error is not None for r in results] == [i == 3 for i in range(7)]
    assert results[3].error is not None and "stage broke" in results[3].error.message
    assert [w.code for w in results[0].warnings] == []  # a whole Result came back from the worker


def test_a_component_without_an_error_handler_loses_no_article_and_stops_nothing() -> None:
    texts = [f"Officials said meeting number {i} would take place in the capital next week." for i in
             range(6)]
    texts[2] = "A crash at the depot: this article breaks a whole batch of the batch component."
    items = [article(str(i), text) for i, text in enumerate(texts)]
    results = list(blank_extractor("test_fails_whole_batches").extract(items, batch_size=4))
    assert [r.id for r in results] == [str(i) for i in range(6)]
    assert [r.error is not None for r in results] == [i == 2 for i in range(6)]
    assert results[2].error == ErrorInfo("E200", "RuntimeError: whole batch lost")


def test_an_input_that_cannot_be_read_is_raised_after_the_results_before_it() -> None:
    def items() -> Iterator[Article]:
        yield article("a", "The police said the march ended calmly in the evening and people went home.")
        raise OSError("the disk went away")

    got: list[str] = []
    with pytest.raises(OSError, match="disk went away"):
        for result in blank_extractor().extract(items()):
            got.append(result.id)
    assert got == ["a"]


def test_an_article_without_a_publication_date_says_so() -> None:
    result = blank_extractor().extract_one(
        Article(id="x", text="The police said the march ended calmly and people went home after dark.")
    )
    assert [w.code for w in result.warnings] == ["W120"]


def test_the_extractor_process_parses_in_a_process_of_its_own_and_gives_the_same_results(
    extractor: Extractor,
) -> None:
    """A server's ingest jobs parse in an ExtractorProcess: the same results as in this process, in input
    order, a rejected input kept in its place; the worker process stays for the next job until closed."""
    import multiprocessing

    from newsevents.pipeline import ExtractorProcess

    items = [
        article("a", "Police in Accra arrested 12 protesters on Monday, officials said."),
        Rejected("bad", ErrorInfo("E101", "empty")),
        article("b", "Thousands marched in Lagos on Tuesday against fuel prices."),
    ]
    before = set(multiprocessing.active_children())
    worker = ExtractorProcess(batch_size=2)
    try:
        first = list(worker.extract(items))
        children = set(multiprocessing.active_children()) - before
        assert len(children) == 1  # the parse ran in a child process, which stays for the next job
        again = list(worker.extract(items[:1]))
        assert set(multiprocessing.active_children()) - before == children
    finally:
        worker.close()
    assert not set(multiprocessing.active_children()) - before
    assert first == list(extractor.extract(items))
    assert [r.id for r in first] == ["a", "bad", "b"] and first[1].error is not None
    assert again == first[:1]
