"""Importing the CLI (as every ``newsevents`` command does) loads neither spaCy, the pipeline nor the store:
the ``spark`` and ``load`` commands' package imports its names on first use, so a cold ``extract`` does
not pay for the store, nor ``load`` for spaCy."""

from __future__ import annotations

import json
import subprocess
import sys


def test_importing_the_cli_loads_no_model_library_and_no_store() -> None:
    heavy = ("spacy", "newsevents.pipeline", "newsevents.store")
    code = f"import json, sys, newsevents.cli; print(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(ran.stdout) == []


def test_the_scale_names_still_import_from_the_package() -> None:
    from newsevents.scale import LoadSummary, SparkSummary, load_output, run_spark

    assert run_spark.__module__ == "newsevents.scale.spark" and SparkSummary.__name__ == "SparkSummary"
    assert load_output.__module__ == "newsevents.scale.load" and LoadSummary.__name__ == "LoadSummary"
