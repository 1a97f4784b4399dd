"""Shared fixtures: the real English pipeline, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsevents.model import Article
from newsevents.pipeline import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.from_config()


@pytest.fixture(scope="session")
def analyse(extractor: Extractor) -> Callable[..., Doc]:
    """Run the whole configured pipeline over a text and return the Doc, every stage's attributes set."""

    def run(text: str, published: str | None = "2022-01-10", title: str | None = None) -> Doc:
        doc = extractor.nlp.make_doc(text)
        doc._.ne_article = Article(id="t", text=text, title=title, published=published)
        return extractor.nlp(doc)

    return run
