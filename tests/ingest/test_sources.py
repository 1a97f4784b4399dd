"""Naming inputs: files, folders, globs and standard input, each format found by name and first bytes."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

import newsevents.ingest
from newsevents.ingest import read_inputs
from newsevents.ingest.sources import choose_format, stem_and_format
from newsevents.model import Article, Rejected


def test_public_surface() -> None:
    assert sorted(newsevents.ingest.__all__) == ["Decoded", "decode_bytes", "read_inputs", "validate"]


def test_folder_is_walked_in_sorted_order_skipping_hidden_files(tmp_path: Path, story: str) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "b/1.txt", "a.txt", ".DS_Store", ".git/config"):
        (tmp_path / name).write_text(story, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [Path(item.origin or "").relative_to(tmp_path).as_posix() for item in items] == [
        "a.txt",
        "b/1.txt",
        "b/2.txt",
    ]


def test_glob_matches_in_sorted_order(tmp_path: Path, story: str) -> None:
    for name in ("c.txt", "a.txt", "b.html", "d.txt"):
        (tmp_path / name).write_text(story, encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "*.txt")]))
    assert [item.id for item in items] == ["a", "c", "d"]


def test_stdin_format_is_sniffed(story: str, html_page: str, rss_feed: str) -> None:
    line = json.dumps({"id": "j1", "text": story}).encode()
    [from_jsonl] = read_inputs(["-"], stdin=io.BytesIO(line + b"\n"))
    assert isinstance(from_jsonl, Article) and from_jsonl.id == "j1"
    [from_html] = read_inputs(["-"], stdin=io.BytesIO(html_page.encode()))
    assert isinstance(from_html, Article)
    assert (from_html.id, from_html.title) == ("stdin", "Thousands march on parliament in Valletta")
    entries = list(read_inputs(["-"], stdin=io.BytesIO(rss_feed.encode())))
    assert [e.id for e in entries] == [
        "herald-2022-0110-march",
        "https://herald.example.org/news/port-strike",
    ]
    [from_text] = read_inputs(["-"], stdin=io.BytesIO(story.encode()))
    assert isinstance(from_text, Article) and from_text.text == story
    [from_gzip] = read_inputs(["-"], stdin=io.BytesIO(gzip.compress(line)))
    assert isinstance(from_gzip, Article) and from_gzip.id == "j1"


def test_warc_from_stdin(write_warc: Callable[..., Path], tmp_path: Path, html_page: str) -> None:
    path = write_warc(tmp_path / "x.warc.gz", [("https://h.example.org/a", html_page.encode())])
    [article] = read_inputs(["-"], stdin=io.BytesIO(path.read_bytes()))
    assert isinstance(article, Article)
    assert article.origin == "-#1"


def test_content_overrules_a_misleading_name(
    tmp_path: Path, write_warc: Callable[..., Path], html_page: str, story: str
) -> None:
    write_warc(tmp_path / "crawl.dat", [("https://h.example.org/a", html_page.encode())])
    (tmp_path / "notes.md").write_text(story, encoding="utf-8")  # unknown name, text inside: read as text
    warc_article, text_article = read_inputs([str(tmp_path / "crawl.dat"), str(tmp_path / "notes.md")])
    assert isinstance(warc_article, Article) and warc_article.url == "https://h.example.org/a"
    assert isinstance(text_article, Article) and (text_article.id, text_article.text) == ("notes.md", story)


def test_stem_and_format() -> None:
    assert stem_and_format("report.html.gz") == ("report", "html")
    assert stem_and_format("cc-news-001.warc.gz") == ("cc-news-001", "warc")
    assert stem_and_format("Feed.ATOM") == ("Feed", "feed")
    assert stem_and_format("paper.pdf") == ("paper.pdf", None)
    assert stem_and_format("README") == ("README", None)


def test_choose_format_trusts_certain_bytes_over_names() -> None:
    assert choose_format("text", b"WARC/1.1\r\nWARC-Type: warcinfo") == "warc"
    assert choose_format("feed", b"<!DOCTYPE html><html>") == "html"
    assert (
        choose_format("html", b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">') == "feed"
    )
    assert choose_format("text", b'{"id": 1}') == "text"  # a .txt stays text: its text is what was given
    assert choose_format(None, b'{"id": 1}') == "jsonl"
    pdf = choose_format("text", b"%PDF-1.5")
    assert isinstance(pdf, Rejected) and pdf.error.code == "E111"


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [item] = read_inputs([str(tmp_path / "empty")])
    assert isinstance(item, Rejected) and item.error.code == "E112"
