"""The bad-input matrix: every kind of broken input is one coded Rejected, and the stream goes on."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newsevents.config import load_config
from newsevents.ingest import read_inputs, validate
from newsevents.model import Article, Rejected


def read_one(path: Path, **kwargs: object) -> Rejected:
    [item] = read_inputs([str(path)], **kwargs)  # type: ignore[arg-type]
    assert isinstance(item, Rejected), item
    return item


@pytest.mark.parametrize(
    ("name", "content", "code", "item_id"),
    [
        ("empty.txt", b"", "E101", "empty"),
        ("blank.txt", b"  \n\t\n", "E101", "blank"),
        ("empty.html", b"", "E101", "empty"),
        ("junk.txt", os.urandom(3000) + b"\x00\x00", "E102", "junk"),
        ("junk.bin", b"\x00\x01\x02\x03" * 500, "E102", "junk.bin"),
        ("furniture.html", b"<html><body><nav>Home | World</nav></body></html>", "E106", "furniture"),
        (
            "script.htm",
            b"<html><head><script>var x = 1;</script></head><body></body></html>",
            "E106",
            "script",
        ),
        ("broken.rss", b'<?xml version="1.0"?><rss><channel><item><title>Half', "E107", "broken#1"),
        ("nonsense.xml", b"this is not xml at all, just words", "E107", "nonsense"),
        (
            "empty-feed.rss",
            b'<rss version="2.0"><channel><title>T</title></channel></rss>',
            "E101",
            "empty-feed",
        ),
        ("fake.warc", b"this is not a web archive\n" * 20, "E108", "fake"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", "E111", "report.pdf"),
        ("archive.zip", b"PK\x03\x04" + bytes(100), "E111", "archive.zip"),
        (
            "sitemap",
            b'<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
            "E111",
            "sitemap",
        ),
        ("list.json", b'[{"id": "a", "text": "b"}]', "E111", "list"),
    ],
)
def test_each_bad_input_is_one_rejected_with_its_code(
    tmp_path: Path, name: str, content: bytes, code: str, item_id: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    rejected = read_one(path)
    assert (rejected.id, rejected.error.code) == (item_id, code)
    assert rejected.origin is not None and rejected.origin.startswith(str(path))
    assert rejected.error.message


def test_missing_file_and_unmatched_glob_are_e112(tmp_path: Path) -> None:
    missing = read_one(tmp_path / "nowhere.txt")
    assert (missing.error.code, missing.id) == ("E112", str(tmp_path / "nowhere.txt"))
    [unmatched] = read_inputs([str(tmp_path / "*.html")])
    assert isinstance(unmatched, Rejected) and unmatched.error.code == "E112"


def test_over_size_file_is_e105_and_not_read_whole(tmp_path: Path, story: str) -> None:
    (tmp_path / "long.txt").write_text(story * 100, encoding="utf-8")
    rejected = read_one(tmp_path / "long.txt", max_bytes=5000)
    assert rejected.error.code == "E105"
    assert "5,000 bytes" in rejected.error.message
    assert rejected.excerpt == story[:200]


def test_truncated_gzip_document_is_e109(tmp_path: Path, html_page: str) -> None:
    data = gzip.compress(html_page.encode("utf-8") * 20)
    (tmp_path / "cut.html.gz").write_bytes(data[: len(data) // 2])
    rejected = read_one(tmp_path / "cut.html.gz")
    assert (rejected.id, rejected.error.code) == ("cut", "E109")
    assert "ends early" in rejected.error.message


def test_truncated_gzipped_warc_yields_records_before_the_cut_then_e109(
    tmp_path: Path, write_warc: Callable[..., Path], page_of: Callable[..., str], story: str
) -> None:
    records = [(f"https://h.example.org/{n}", page_of(f"Report {n}. {story}").encode()) for n in range(40)]
    path = write_warc(tmp_path / "cc.warc.gz", records)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    *articles, last = read_inputs([str(path)])
    assert 10 < len(articles) < 40
    assert all(isinstance(a, Article) for a in articles)
    assert isinstance(last, Rejected)
    assert last.error.code == "E109"
    assert last.id == f"cc#{len(articles) + 1}"


def test_truncated_plain_warc_reports_the_cut_record(
    tmp_path: Path, write_warc: Callable[..., Path], html_page: str
) -> None:
    path = write_warc(
        tmp_path / "p.warc",
        [(f"https://h.example.org/{n}", html_page.encode()) for n in range(3)],
        gzip=False,
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 500])  # inside the third record's page
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Rejected"]
    assert isinstance(items[2], Rejected)
    assert (items[2].id, items[2].error.code) == ("p#3", "E109")


def test_damaged_warc_is_e108_after_the_good_records(
    tmp_path: Path, write_warc: Callable[..., Path], html_page: str
) -> None:
    path = write_warc(tmp_path / "d.warc", [("https://h.example.org/a", html_page.encode())], gzip=False)
    with path.open("ab") as out:
        out.write(b"this line should be the start of a record\r\n\r\n")
    first, second = read_inputs([str(path)])
    assert isinstance(first, Article)
    assert isinstance(second, Rejected)
    assert (second.id, second.error.code) == ("d#2", "E108")
    assert "this line should be" in second.error.message


def test_warc_record_with_missing_headers_is_e108_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "h.warc").write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 6\r\n\r\n<html>\r\n\r\n"
    )
    [item] = read_inputs([str(tmp_path / "h.warc")])
    assert isinstance(item, Rejected)
    assert (item.id, item.error.code) == ("h#1", "E108")


def test_the_batch_goes_on_after_every_kind_of_bad_input(tmp_path: Path, story: str) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-good.txt").write_text(story, encoding="utf-8")
    (tmp_path / "3-report.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "4-good.txt").write_text(story, encoding="utf-8")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt"), str(tmp_path / "2-good.txt")]))
    assert [(i.id, i.error.code if isinstance(i, Rejected) else "ok") for i in items] == [
        ("1-empty", "E101"),
        ("2-good", "ok"),
        ("3-report.pdf", "E111"),
        ("4-good", "ok"),
        (str(tmp_path / "missing.txt"), "E112"),
        ("2-good", "ok"),
    ]


@pytest.fixture(scope="module")
def settings():  # type: ignore[no-untyped-def]
    return load_config().settings


@pytest.mark.parametrize("language", ["french", "german"])
def test_non_english_articles_are_rejected_by_validate(
    tmp_path: Path, request: pytest.FixtureRequest, settings: object, language: str
) -> None:
    (tmp_path / f"{language}.txt").write_text(request.getfixturevalue(language), encoding="utf-8")
    [article] = read_inputs([str(tmp_path / f"{language}.txt")])
    assert isinstance(article, Article)  # reading does not judge the language: validate does
    rejected = validate(article, settings)  # type: ignore[arg-type]
    assert isinstance(rejected, Rejected)
    assert (rejected.id, rejected.error.code) == (language, "E104")
    assert rejected.origin == str(tmp_path / f"{language}.txt")


def test_stray_bytes_between_records_are_e108_and_reading_goes_on(
    tmp_path: Path, write_warc: Callable[..., Path], html_page: str, capfd: pytest.CaptureFixture[str]
) -> None:
    one = write_warc(tmp_path / "one.warc", [("https://h.example.org/1", html_page.encode())], gzip=False)
    two = write_warc(tmp_path / "two.warc", [("https://h.example.org/2", html_page.encode())], gzip=False)
    # Record 1 loses its closing blank lines and gains a stray line: its Content-Length no longer fits.
    (tmp_path / "stray.warc").write_bytes(one.read_bytes()[:-4] + b"stray line\r\n" + two.read_bytes())
    items = list(read_inputs([str(tmp_path / "stray.warc")]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Article"]
    assert isinstance(items[1], Rejected)
    assert (items[1].id, items[1].error.code) == ("stray#1", "E108")
    assert capfd.readouterr().err == ""  # warcio's own warning is not printed
