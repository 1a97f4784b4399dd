"""WARC archives: each HTML response record through the HTML reader, streamed one record at a time."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest import read_inputs
from newsevents.model import Article, Rejected


def test_gzipped_warc_gives_one_article_per_response(
    tmp_path: Path, write_warc: Callable[..., Path], html_page: str, page_of: Callable[..., str]
) -> None:
    undated = (
        "<html><body><article><p>" + "Dock workers in Marsaxlokk walked out over unpaid wages, "
        "a union spokesman said, and the port was closed for the rest of the day.</p></article></body></html>"
    )
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://herald.example.org/news/valletta-march", html_page.encode()),
            ("https://herald.example.org/news/port-strike", undated.encode()),
        ],
        with_requests=True,  # request records hold no page: they are not articles and not errors
    )
    first, second = read_inputs([str(path)], published="2030-01-01")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id.startswith("urn:uuid:")
    assert first.url == "https://herald.example.org/news/valletta-march"
    assert first.title == "Thousands march on parliament in Valletta"
    assert "two men were arrested" in first.text
    assert first.published == "2022-01-10"  # the page's own date, not the crawl's
    assert first.origin == f"{path}#2"  # record 1 is the request
    # No date in the page: the WARC-Date is the fallback, before the argument.
    assert second.published_raw == "2022-01-12T04:00:00Z"
    assert second.published == "2022-01-12"
    assert second.source == "herald.example.org"


def test_uncompressed_warc(tmp_path: Path, write_warc: Callable[..., Path], html_page: str) -> None:
    path = write_warc(tmp_path / "plain.warc", [("https://h.example.org/a", html_page.encode())], gzip=False)
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert "Maria Borg" in article.text


def test_non_html_records_are_reported_not_dropped(
    tmp_path: Path, write_warc: Callable[..., Path], html_page: str, codes: Callable[..., list[str]]
) -> None:
    path = write_warc(
        tmp_path / "mixed.warc.gz",
        [
            ("https://h.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
            ("https://h.example.org/a", html_page.encode()),
            ("https://h.example.org/empty", b"<html><body><nav>Home</nav></body></html>"),
        ],
    )
    items = list(read_inputs([str(path)]))
    assert codes(items) == ["E111", "ok", "E106"]
    assert [item.id for item in items if isinstance(item, Rejected)] == ["mixed#1", "mixed#3"]


class CountingReader(io.RawIOBase):
    """A stream over a file that counts how many bytes the reader has taken so far."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.file = path.open("rb")
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.file.read(len(buffer))
        buffer[: len(data)] = data
        self.taken += len(data)
        return len(data)


def test_large_warc_is_streamed_record_by_record(
    tmp_path: Path, write_warc: Callable[..., Path], page_of: Callable[..., str], story: str
) -> None:
    records = [
        (f"https://h.example.org/{n}", page_of(f"Report number {n}. {story}").encode()) for n in range(1500)
    ]
    path = write_warc(tmp_path / "big.warc.gz", records)
    size = path.stat().st_size
    stream = CountingReader(path)
    items = read_inputs(["-"], stdin=stream)  # type: ignore[arg-type]
    first = next(items)
    assert isinstance(first, Article) and first.text.startswith("Thousands march")
    assert "Report number 0." in first.text
    assert stream.taken < size / 10  # the first article came before a tenth of the archive was read
    second = next(items)
    assert isinstance(second, Article) and "Report number 1." in second.text
    assert stream.taken < size / 10
    items.close()
    stream.file.close()


def test_over_size_record_is_e105_and_the_next_record_is_read(
    tmp_path: Path, write_warc: Callable[..., Path], html_page: str, codes: Callable[..., list[str]]
) -> None:
    huge = html_page.replace("</article>", "<p>" + "filler words here " * 2000 + "</p></article>")
    path = write_warc(
        tmp_path / "sizes.warc.gz",
        [("https://h.example.org/huge", huge.encode()), ("https://h.example.org/ok", html_page.encode())],
    )
    items = list(read_inputs([str(path)], max_bytes=20_000))
    assert codes(items) == ["E105", "ok"]
    assert items[0].id == "sizes#1"


def test_error_responses_are_reported(tmp_path: Path, html_page: str) -> None:
    path = tmp_path / "status.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for status, body in (
            ("404 Not Found", b"<html><body><p>No such page</p></body></html>"),
            ("200 OK", html_page.encode()),
        ):
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                "https://h.example.org/x",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
            )
            writer.write_record(record)
    missing, page = read_inputs([str(path)])
    assert isinstance(missing, Rejected)
    assert (missing.id, missing.error.code) == ("status#1", "E106")
    assert "404" in missing.error.message
    assert isinstance(page, Article)
