"""The runner keeps going when one article breaks a stage, and keeps the input order."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.config import load_config
from newsevents.model import Article, ErrorInfo, Rejected
from newsevents.pipeline import Extractor


@Language.component("test_fails_on_boom")
def fails_on_boom(doc: Doc) -> Doc:
    if "boom" in doc.text:
        raise ValueError("stage broke")
    return doc


def blank_extractor() -> Extractor:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsevents_zones")
    nlp.add_pipe("test_fails_on_boom")
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
