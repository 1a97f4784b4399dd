"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL tests use a fresh schema per test (dropped afterwards), reached through ``search_path`` in the
URL, so tests never see each other's tables. They are skipped only when NEWSEVENTS_TEST_PG is "0"; if the
server is down they fail. NEWSEVENTS_TEST_PG_URL names the server (default: the local test database).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from newsevents.store import Store

# Tests run with --import-mode=importlib, which does not put test folders on sys.path: the synthetic-data
# helper (shared with the crash test's child process) is imported by its unique name from here.
sys.path.insert(0, str(Path(__file__).parent))

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


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened
