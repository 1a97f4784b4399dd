"""Test texts are written in our own words: no string in the tests shares a run of eight words with a text
of the evaluation sets (``../shared/eval``, never to be committed). Skipped where that folder is absent."""

from __future__ import annotations

import ast
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

RUN = 8  # words in a row that make a string too close to an eval text
WORD = re.compile(r"[a-z0-9]+")
TESTS = Path(__file__).resolve().parent
EVAL_DIR = Path(os.environ.get("NEWSEVENTS_EVAL_DIR", TESTS.parents[1] / "shared" / "eval"))


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def runs(text: str) -> Iterator[tuple[str, ...]]:
    found = words(text)
    return (tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1))


def literal_strings() -> Iterator[tuple[str, str]]:
    """(file:line, string) for every string literal of at least ``RUN`` words in the tests."""
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            if len(words(node.value)) >= RUN:
                yield f"{path.relative_to(TESTS.parent)}:{node.lineno}", node.value


def eval_texts(root: Path) -> Iterator[str]:
    """Every string in the eval folder's JSON lines, and the other text files whole."""
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix != ".jsonl":
            yield text
            continue
        for line in text.splitlines():
            try:
                yield from strings_in(json.loads(line))
            except json.JSONDecodeError:
                yield line


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_runs_are_word_windows() -> None:
    assert list(runs("One, two three four five six seven eight nine!")) == [
        ("one", "two", "three", "four", "five", "six", "seven", "eight"),
        ("two", "three", "four", "five", "six", "seven", "eight", "nine"),
    ]


@pytest.mark.slow  # reads every eval text (tens of megabytes)
def test_no_test_string_repeats_eight_words_of_an_eval_text() -> None:
    if not EVAL_DIR.is_dir():
        pytest.skip(f"no evaluation folder at {EVAL_DIR}")
    wanted: dict[tuple[str, ...], list[str]] = {}
    for where, text in literal_strings():
        for run in runs(text):
            wanted.setdefault(run, []).append(where)
    close = {where for text in eval_texts(EVAL_DIR) for run in runs(text) if run in wanted
             for where in wanted[run]}
    assert not close, f"test strings too close to an eval text (say it in your own words): {sorted(close)}"
