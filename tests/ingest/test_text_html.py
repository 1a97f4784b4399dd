"""Plain text and HTML pages: one Article each, text as given or as extracted, metadata from the page."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

from newsevents.errors import WARN_DECODE
from newsevents.ingest import read_inputs
from newsevents.model import Article


def test_text_file_is_read_verbatim_with_the_file_stem_as_id(tmp_path: Path, story: str) -> None:
    text = "  " + story + "\r\n\r\n"  # surrounding space and CRLF stay: offsets index the text as given
    (tmp_path / "malta-march.txt").write_bytes(text.encode("utf-8"))
    [article] = read_inputs([str(tmp_path / "malta-march.txt")])
    assert isinstance(article, Article)
    assert article.id == "malta-march"
    assert article.text == text
    assert article.title is None
    assert article.published is None
    assert article.origin == str(tmp_path / "malta-march.txt")
    assert article.warnings == ()


def test_published_argument_fills_in_a_text_file_date(tmp_path: Path, story: str) -> None:
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    [article] = read_inputs([str(tmp_path / "a.txt")], published="2022-01-10")
    assert isinstance(article, Article)
    assert article.published == "2022-01-10"


def test_gzipped_text_file(tmp_path: Path, story: str) -> None:
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(story.encode("utf-8")))
    [article] = read_inputs([str(tmp_path / "story.txt.gz")])
    assert isinstance(article, Article)
    assert (article.id, article.text) == ("story", story)


def test_html_page_gives_main_text_and_metadata(tmp_path: Path, html_page: str) -> None:
    (tmp_path / "valletta.html").write_text(html_page, encoding="utf-8")
    [article] = read_inputs([str(tmp_path / "valletta.html")], published="2030-01-01")
    assert isinstance(article, Article)
    assert article.id == "valletta"
    assert article.title == "Thousands march on parliament in Valletta"
    assert "two men were arrested for throwing bottles" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text  # page furniture is left out
    assert article.url == "https://herald.example.org/news/valletta-march"
    assert article.source == "Island Herald"
    # The page's own date wins over the argument, and stays the day it was where it was written.
    assert article.published_raw == "2022-01-10T23:30:00-05:00"
    assert article.published == "2022-01-10"


def test_html_without_a_date_takes_the_published_argument(
    tmp_path: Path, page_of: Callable[..., str], story: str
) -> None:
    html = (
        "<html><head><title>March</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in story.split("\n"))
        + "</article></body></html>"
    )
    (tmp_path / "undated.htm").write_text(html, encoding="utf-8")
    [article] = read_inputs([str(tmp_path / "undated.htm")], published="2022-01-09")
    assert isinstance(article, Article)
    assert article.published == "2022-01-09"
    assert article.published_raw is None


def test_html_in_a_declared_legacy_charset_is_decoded_without_warning(
    tmp_path: Path, page_of: Callable[..., str]
) -> None:
    story = "Protesters gathered outside the café “Le Trianon” in the old town, police said on Sunday."
    html = page_of(story, charset="windows-1252")
    (tmp_path / "cafe.html").write_bytes(html.encode("cp1252"))
    [article] = read_inputs([str(tmp_path / "cafe.html")])
    assert isinstance(article, Article)
    assert "café “Le Trianon”" in article.text
    assert article.warnings == ()


def test_undecodable_bytes_are_replaced_and_warned_about(tmp_path: Path, story: str) -> None:
    data = story.encode("utf-8").replace(b"Sunday", b"Sun\xffday")  # one stray byte in UTF-8 text
    data += " — ‘quoted’ words”".encode() * 5
    (tmp_path / "stray.txt").write_bytes(data)
    [article] = read_inputs([str(tmp_path / "stray.txt")])
    assert isinstance(article, Article)
    assert "Sun\ufffdday" in article.text
    assert "‘quoted’" in article.text  # the valid UTF-8 around the bad byte is kept, not mangled
    [warning] = article.warnings
    assert warning.code == WARN_DECODE
    assert "1 byte could not be decoded" in warning.message


def test_latin1_text_is_decoded_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    text = "The mayor of Besançon said the café owners had agreed to reopen on Monday."
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    [article] = read_inputs([str(tmp_path / "latin.txt")])
    assert isinstance(article, Article)
    assert article.text == text
    assert [w.code for w in article.warnings] == [WARN_DECODE]
