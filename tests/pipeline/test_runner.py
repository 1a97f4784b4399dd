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
