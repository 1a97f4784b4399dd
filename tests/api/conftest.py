"""Fixtures for the API tests: a real store file filled with the made-up samples, and test clients."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette >= 1.x asks for the httpx2 package and warns when it finds httpx: either client works.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from tests.fixtures import samples as sample_stories

from newsevents.api import create_app

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def samples() -> ModuleType:
    """The made-up stories of tests/fixtures/samples.py."""
    return sample_stories


@pytest.fixture(scope="session")
def filled_store(tmp_path_factory: pytest.TempPathFactory, samples: ModuleType) -> Path:
    """The samples stored once per session (storing and merging them takes most of a test's time)."""
    path = tmp_path_factory.mktemp("samples") / "events.sqlite"
    samples.fill(str(path))
    return path


@pytest.fixture()
def db(tmp_path: Path, filled_store: Path) -> str:
    """A store of the samples that this test may change: a copy of the session's (one SQLite file)."""
    path = tmp_path / "events.sqlite"
    shutil.copyfile(filled_store, path)
    return str(path)


@pytest.fixture()
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture()
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def any_db(store_url: str, samples: ModuleType) -> str:
    """The samples in a new store on each backend (SQLite file, PostgreSQL schema)."""
    samples.fill(store_url)
    return store_url


@pytest.fixture()
def any_client(any_db: str) -> Iterator[TestClient]:
    """A writable app over ``any_db``: every test using it runs on SQLite and on PostgreSQL."""
    with TestClient(create_app(any_db, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client
