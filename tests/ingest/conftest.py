"""Small inputs written for these tests: a news page, feeds, WARC archives, and the texts inside them."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.model import Article, Rejected

STORY = (
    "Several thousand people marched through the centre of Valletta on Sunday to demand the resignation "
    "of the transport minister, organisers said.\n"
    "Police said the march was largely peaceful, but two men were arrested for throwing bottles at officers "
    "outside the parliament building in the late afternoon.\n"
    '"We will come back every week until he goes," said Maria Borg, a teacher who helped to organise it.'
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Thousands march on parliament in Valletta | Island Herald</title>
<meta property="og:site_name" content="Island Herald">
<meta property="og:url" content="https://herald.example.org/news/valletta-march">
<meta content="2022-01-10T23:30:00-05:00" property="article:published_time">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Thousands march on parliament in Valletta</h1>
{paragraphs}
</article>
<footer>Copyright 2022 Island Herald. All rights reserved.</footer>
</body></html>
"""

FRENCH = (
    "Des milliers de manifestants ont défilé dimanche dans les rues de Lyon pour protester contre la "
    "réforme des retraites. La police a indiqué que la marche s'est déroulée dans le calme et qu'aucune "
    "interpellation n'a eu lieu avant la dispersion du cortège en fin de journée."
)
GERMAN = (
    "Tausende Menschen sind am Sonntag in Leipzig auf die Straße gegangen, um gegen die geplante Reform "
    "zu protestieren. Die Polizei teilte mit, dass die Kundgebung friedlich verlaufen sei und es keine "
    "Festnahmen gegeben habe."
)


def page(story: str = STORY, charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{line}</p>" for line in story.split("\n"))
    return PAGE.format(charset=charset, paragraphs=paragraphs)


@pytest.fixture
def story() -> str:
    return STORY


@pytest.fixture
def html_page() -> str:
    return page()


@pytest.fixture
def rss_feed() -> str:
    return """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Island Herald &#8211; World</title><link>https://herald.example.org/</link>
<description>World news</description>
<item>
  <title>Thousands march on parliament in Valletta</title>
  <link>https://herald.example.org/news/valletta-march</link>
  <guid isPermaLink="false">herald-2022-0110-march</guid>
  <pubDate>Mon, 10 Jan 2022 23:30:00 -0500</pubDate>
  <description>&lt;p&gt;Several thousand people marched in Valletta on Sunday, organisers said.&lt;/p&gt;
&lt;p&gt;Police said two men were arrested.&lt;/p&gt;</description>
</item>
<item>
  <title>Strike closes port of Marsaxlokk</title>
  <link>https://herald.example.org/news/port-strike</link>
  <description>Dock workers walked out on Tuesday over unpaid wages, a union spokesman said.</description>
</item>
</channel></rss>
"""


@pytest.fixture
def atom_feed() -> str:
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Gazette</title>
  <id>urn:example:gazette</id>
  <updated>2022-03-02T09:00:00+05:30</updated>
  <entry>
    <title type="html">Farmers block highway near &lt;b&gt;Nagpur&lt;/b&gt;</title>
    <id>urn:example:gazette:1</id>
    <link href="https://gazette.example.net/farmers-block-highway"/>
    <updated>2022-03-02T01:15:00+05:30</updated>
    <summary>Short summary only.</summary>
    <content type="html">&lt;p&gt;Hundreds of farmers blocked a national highway near Nagpur on
Tuesday night, demanding higher support prices.&lt;/p&gt;&lt;p&gt;Traffic was diverted for six hours, the
district police said.&lt;/p&gt;</content>
  </entry>
</feed>
"""


WarcRecord = tuple[str, bytes] | tuple[str, bytes, str]


@pytest.fixture
def write_warc() -> Callable[..., Path]:
    """Write a WARC of response records [(url, payload[, content type])] the way a crawler does."""

    def write(
        path: Path, records: Sequence[WarcRecord], *, gzip: bool = True, with_requests: bool = False
    ) -> Path:
        with path.open("wb") as out:
            writer = WARCWriter(out, gzip=gzip)
            for number, record in enumerate(records):
                url, payload = record[0], record[1]
                content_type = record[2] if len(record) > 2 else "text/html; charset=utf-8"  # type: ignore[misc]
                if with_requests:
                    request = StatusAndHeaders(
                        "GET / HTTP/1.1", [("Host", "herald.example.org")], is_http_request=True
                    )
                    writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
                http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
                date = f"2022-01-{11 + number % 10:02d}T04:00:00Z"
                warc_record = writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(payload),
                    length=len(payload),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": date},  # a known length spares warcio a temporary file
                )
                writer.write_record(warc_record)
        return path

    return write


def articles(items: Sequence[Article | Rejected]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


@pytest.fixture
def only_articles() -> Callable[[Sequence[Article | Rejected]], list[Article]]:
    return articles


@pytest.fixture
def codes() -> Callable[[Sequence[Article | Rejected]], list[str]]:
    """Each item's error code, "ok" for an Article: the shape of a batch at a glance."""

    def shape(items: Sequence[Article | Rejected]) -> list[str]:
        return [item.error.code if isinstance(item, Rejected) else "ok" for item in items]

    return shape


@pytest.fixture
def french() -> str:
    return FRENCH


@pytest.fixture
def german() -> str:
    return GERMAN


@pytest.fixture
def page_of() -> Callable[..., str]:
    """The news page around any story, with any declared charset."""
    return page
