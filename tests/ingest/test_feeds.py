"""RSS and Atom feeds: one Article per entry, the entry's own date read in its own timezone."""

from __future__ import annotations

from pathlib import Path

from newsevents.ingest import read_inputs
from newsevents.model import Article


def test_rss_feed_gives_one_article_per_entry(tmp_path: Path, rss_feed: str) -> None:
    (tmp_path / "world.rss").write_text(rss_feed, encoding="utf-8")
    first, second = read_inputs([str(tmp_path / "world.rss")], published="2022-01-12")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "herald-2022-0110-march"
    assert first.title == "Thousands march on parliament in Valletta"
    assert first.text == (
        "Several thousand people marched in Valletta on Sunday, organisers said.\n"
        "Police said two men were arrested."
    )
    assert first.url == "https://herald.example.org/news/valletta-march"
    assert first.source == "Island Herald – World"
    assert first.origin == f"{tmp_path / 'world.rss'}#1"
    # 23:30 at -05:00 is already the 11th in UTC; the article was still written on the 10th.
    assert first.published_raw == "Mon, 10 Jan 2022 23:30:00 -0500"
    assert first.published == "2022-01-10"
    # No guid: the link is the id. No date: the argument fills in.
    assert second.id == "https://herald.example.org/news/port-strike"
    assert second.text == "Dock workers walked out on Tuesday over unpaid wages, a union spokesman said."
    assert second.published == "2022-01-12"
    assert second.published_raw is None


def test_atom_feed_prefers_full_content_and_keeps_its_own_timezone(tmp_path: Path, atom_feed: str) -> None:
    (tmp_path / "gazette.atom").write_text(atom_feed, encoding="utf-8")
    [entry] = read_inputs([str(tmp_path / "gazette.atom")])
    assert isinstance(entry, Article)
    assert entry.id == "urn:example:gazette:1"
    assert entry.title == "Farmers block highway near Nagpur"
    assert entry.text.startswith("Hundreds of farmers blocked a national highway near Nagpur")
    assert "Short summary" not in entry.text
    assert "\nTraffic was diverted for six hours" in entry.text  # paragraphs become lines
    assert entry.published_raw == "2022-03-02T01:15:00+05:30"
    assert entry.published == "2022-03-02"  # 1 March in UTC
    assert entry.source == "Harbour Gazette"


def test_feed_in_latin1_declared_in_the_xml_declaration(tmp_path: Path) -> None:
    feed = """<?xml version="1.0" encoding="iso-8859-1"?>
<rss version="2.0"><channel><title>Le Monde Diplo</title>
<item><guid>x1</guid><title>Strike in Besançon</title>
<description>Workers at the café chain in Besançon walked out on Monday.</description></item>
</channel></rss>"""
    (tmp_path / "latin.xml").write_bytes(feed.encode("latin-1"))
    [entry] = read_inputs([str(tmp_path / "latin.xml")])
    assert isinstance(entry, Article)
    assert entry.text == "Workers at the café chain in Besançon walked out on Monday."
    assert entry.title == "Strike in Besançon"
    assert entry.warnings == ()


def test_xml_named_file_holding_html_is_read_as_a_page(tmp_path: Path, html_page: str) -> None:
    (tmp_path / "page.xml").write_text(html_page, encoding="utf-8")
    [article] = read_inputs([str(tmp_path / "page.xml")])
    assert isinstance(article, Article)
    assert article.title == "Thousands march on parliament in Valletta"
