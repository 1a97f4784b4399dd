"""The API fuzzed from its own OpenAPI document: Schemathesis generates valid and invalid requests for every
operation (reads, reviews, merges and ingest, with the write token) against the app in-process, with a fixed
seed and a bounded number of cases per operation. No answer may be a 5xx or a status the document does not
list for the operation.

The schema is loaded when the module is imported (Schemathesis' fixture-based loader does not run on this
pytest), over a store in a temporary folder that the module fixture fills with the samples and removes."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, status_code_conformance

from newsevents.api import create_app
from newsevents.api.app import Services

from .conftest import TOKEN

SEED = 14
MAX_EXAMPLES = 20  # per operation
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CASES: Counter[str] = Counter()  # cases run, by operation
STATUSES: Counter[int] = Counter()

FOLDER = Path(tempfile.mkdtemp(prefix="newsevents-fuzz-"))
APP = create_app(str(FOLDER / "events.sqlite"), token=TOKEN)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)
schema.config.seed = SEED
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                max_examples=MAX_EXAMPLES, deterministic=True)


@pytest.fixture(scope="module", autouse=True)
def filled(samples: ModuleType) -> Iterator[None]:
    """The samples stored before the first case; the ingest worker and store closed after the last."""
    samples.fill(str(FOLDER / "events.sqlite"))
    yield
    statuses = dict(sorted(STATUSES.items()))
    print(f"\nfuzz: {len(CASES)} operations, {CASES.total()} cases, statuses {statuses}", file=sys.stderr)
    services: Services = APP.state.services
    services.worker.close()
    services.store.close()
    shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
def test_no_5xx_and_no_undocumented_status(case: schemathesis.Case) -> None:
    response = case.call_and_validate(headers=AUTH, checks=[not_a_server_error, status_code_conformance])
    CASES[case.operation.label] += 1
    STATUSES[response.status_code] += 1
