"""Store fixtures: every store test runs on SQLite and on PostgreSQL (``store_url``, in tests/conftest.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.store import Store

# Tests run with --import-mode=importlib, which does not put test folders on sys.path: the synthetic-data
# helper (shared with the crash test's child process) is imported by its unique name from here.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened
