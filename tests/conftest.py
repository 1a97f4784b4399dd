"""Shared fixtures: the real English pipeline, loaded once per test session, and store URLs on both backends.

PostgreSQL tests use a fresh schema per test (dropped afterwards), reached through ``search_path`` in the
URL, so tests never see each other's tables. They are skipped only when NEWSEVENTS_TEST_PG is "0"; if the
server is down they fail. NEWSEVENTS_TEST_PG_URL names the server (default: the local test database).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
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


PG_URL = os.environ.get("NEWSEVENTS_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        os.environ.get("NEWSEVENTS_TEST_PG") == "0", reason="NEWSEVENTS_TEST_PG=0"
    )),
]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL nobody has used yet: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
        return
    schema = f"ne_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
