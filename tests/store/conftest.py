"""Store fixtures: every store test runs on SQLite and on PostgreSQL (``store_url``, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsevents.store import Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened
