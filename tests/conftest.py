"""Shared fixtures: the real English pipeline, loaded once per test session, and store URLs on both backends;
and the test tiers (docs/testing.md), assigned from the fixtures each test uses.

PostgreSQL tests use a fresh schema per test (dropped afterwards), reached through ``search_path`` in the
URL, so tests never see each other's tables. They are skipped only when NEWSEVENTS_TEST_PG is "0"; if the
server is down they fail. NEWSEVENTS_TEST_PG_URL names the server (default: the local test database).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import psycopg
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Article
from newsevents.pipeline import Extractor
from tests.fixtures.docs import blank_stages


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.from_config()


def _runner(extractor: Extractor) -> Callable[..., Doc]:
    def run(text: str, published: str | None = "2022-01-10", title: str | None = None) -> Doc:
        doc = extractor.nlp.make_doc(text)
        doc._.ne_article = Article(id="t", text=text, title=title, published=published)
        return extractor.nlp(doc)

    return run


@pytest.fixture(scope="session")
def analyse(extractor: Extractor) -> Callable[..., Doc]:
    """Run the whole configured pipeline over a text and return the Doc, every stage's attributes set."""
    return _runner(extractor)


@pytest.fixture(scope="session")
def analyse_all(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Doc]:
    """The pipeline with no minimum confidence: every record the rules make, for tests of what a record
    says (its type, modality, counts) rather than whether it clears the default minimum."""
    default = resources.files("newsevents").joinpath("default.cfg").read_text(encoding="utf-8")
    assert "\nmin_confidence = null\n" in default
    path = tmp_path_factory.mktemp("cfg") / "all.cfg"
    path.write_text(default.replace("\nmin_confidence = null\n", "\nmin_confidence = 0\n"), encoding="utf-8")
    return _runner(Extractor.from_config(path))


@pytest.fixture(scope="session")
def stages() -> Language:
    """A blank English pipeline with the stages that need no parse (tests/fixtures/docs.py): fast tier."""
    return blank_stages()


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


# --- tiers ------------------------------------------------------------------------------------------------
# Each test gets the markers of what it needs, read from its fixtures (their closure, so a fixture built on
# ``extractor`` counts too), its parameters and its module; ``fast`` is everything else. ``make test-fast``
# runs ``-m fast``; ``make test`` runs them all. A test that needs a heavy part none of these shows (a model
# loaded in a subprocess, training, a crash loop) carries ``@pytest.mark.slow`` itself; one that loads the
# English model in this process without the fixtures fails (``_no_model_in_fast_tests``), so it cannot
# hide in ``fast``. docs/testing.md has the rules and the counts.
MODEL_FIXTURES = frozenset({"extractor", "analyse", "analyse_all"})
BROWSER_FIXTURES = frozenset({"browser", "page"})
# Modules whose tests start other processes (a new interpreter imports spaCy and newsevents: seconds each).
PROCESS_MODULES = frozenset({"subprocess", "multiprocessing", "pty"})
# Heavy for a reason neither fixtures nor imports show: the explicit list, with the reason.
SLOW_MODULES = {
    "tests/scale/test_spark.py": "a Spark session and its Python workers",
    "tests/scale/test_standalone.py": "a standalone Spark cluster",
    "tests/api/test_fuzz.py": "schemathesis drives every API operation with generated inputs",
}
HEAVY = ("model", "postgres", "browser", "app", "slow")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With ``-m fast`` the slow modules are not even imported (Spark, schemathesis: seconds of imports)."""
    if config.option.markexpr == "fast" and collection_path.is_file():
        relative = collection_path.resolve().relative_to(config.rootpath).as_posix()
        if relative in SLOW_MODULES:
            return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & MODEL_FIXTURES:
            item.add_marker(pytest.mark.model)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store_url") == "postgresql":
            item.add_marker(pytest.mark.postgres)
        # The HTTP API through Starlette's TestClient: an app started over a store filled for the test.
        module = getattr(item, "module", None)
        names = vars(module) if module is not None else {}
        if "TestClient" in names:
            item.add_marker(pytest.mark.app)
        if PROCESS_MODULES & set(names) or item.nodeid.split("::")[0] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if not any(item.get_closest_marker(name) for name in HEAVY):
            item.add_marker(pytest.mark.fast)


@pytest.fixture(autouse=True)
def _no_model_in_fast_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``fast`` test may build blank pipelines (``spacy.blank``) but never load a trained one: the
    English model takes seconds to load and belongs to the ``model`` tier."""
    if request.node.get_closest_marker("fast") is None:
        return

    def refuse(name: object, *args: object, **kwargs: object) -> None:
        pytest.fail(
            f"a fast test loaded the spaCy model {name!r}: use the `extractor`/`analyse` fixtures or mark "
            "the test `@pytest.mark.model` (docs/testing.md)",
            pytrace=False,
        )

    monkeypatch.setattr(spacy, "load", refuse)
