"""JSONL in the contract's input form; a bad line is an E110 for that line and the file goes on."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

from newsevents.ingest import read_inputs
from newsevents.model import Article, Rejected


def test_jsonl_lines_become_articles(tmp_path: Path, story: str) -> None:
    lines = [
        {
            "id": "m1",
            "text": story,
            "title": "March in Valletta",
            "published": "2022-01-10",
            "url": "https://h.example.org/m1",
            "source": "Island Herald",
        },
        {"id": 7, "text": "Two soldiers were killed in a roadside blast, the army said."},
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    first, second = read_inputs([str(tmp_path / "batch.jsonl")], published="2022-02-01")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.to_input_dict() == lines[0]
    assert first.origin == f"{tmp_path / 'batch.jsonl'}:1"
    assert second.id == "7"
    assert second.published == "2022-02-01"  # the argument fills in only where the line gives none


def test_bad_lines_are_rejected_and_the_batch_goes_on(
    tmp_path: Path, story: str, codes: Callable[..., list[str]]
) -> None:
    good = json.dumps({"id": "ok", "text": story})
    content = (
        "\n".join(
            [
                good,
                '{"id": "broken", "text": "unterminated',
                "",  # blank lines are not inputs
                '["a", "list"]',
                '{"text": "no id here"}',
                '{"id": "n", "text": null}',
                '{"id": "t", "text": "fine", "title": 5}',
                good.replace('"ok"', '"ok2"'),
            ]
        )
        + "\n"
    )
    (tmp_path / "mixed.jsonl").write_text(content, encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "mixed.jsonl")]))
    assert codes(items) == ["ok", "E110", "E110", "E110", "E110", "E110", "ok"]
    assert [item.id for item in items] == ["ok", "mixed:2", "mixed:4", "mixed:5", "mixed:6", "mixed:7", "ok2"]
    rejected = items[1]
    assert isinstance(rejected, Rejected)
    assert "line 2 is not valid JSON" in rejected.error.message
    assert rejected.excerpt.startswith('{"id": "broken"')


def test_an_over_long_line_is_rejected_without_losing_the_next(
    tmp_path: Path, codes: Callable[..., list[str]]
) -> None:
    long_line = json.dumps({"id": "huge", "text": "word " * 5000})
    short_line = json.dumps({"id": "small", "text": "Police arrested three men on Friday."})
    (tmp_path / "sizes.jsonl").write_text(f"{long_line}\n{short_line}\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "sizes.jsonl")], max_bytes=1000))
    assert codes(items) == ["E105", "ok"]
    assert items[0].id == "sizes:1"
    assert items[1].id == "small"


def test_truncated_gzip_jsonl_yields_what_was_read_then_e109(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"a{n}", "text": f"Report {n}: police detained {n} people."}) for n in range(4000)
    ]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_inputs([str(tmp_path / "cut.jsonl.gz")]))
    *articles, last = items
    assert len(articles) > 100
    assert all(isinstance(a, Article) for a in articles)
    assert [a.id for a in articles] == [f"a{n}" for n in range(len(articles))]  # none lost before the cut
    assert isinstance(last, Rejected)
    assert last.error.code == "E109"
    assert last.id == f"cut:{len(articles) + 1}"
    assert f"lines from {len(articles) + 1} on are lost" in last.error.message
