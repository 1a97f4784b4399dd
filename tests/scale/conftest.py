"""Small inputs written for these tests: a JSONL file (with a bad line), a gzipped WARC, a gzipped JSONL
file and a plain text file, all in one folder, as a crawl might leave them."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLES = [
    {
        "id": "harbour-strike",
        "published": "2023-05-02",
        "title": "Dock workers strike in Port Harcourt",
        "source": "Delta Tribune",
        "text": "Dock workers strike in Port Harcourt\n\nHundreds of dock workers walked off the job in Port "
        "Harcourt on Monday, demanding unpaid wages. Police arrested 12 strikers who blocked the main "
        'gate, a union spokesman said. "We will not go back until we are paid," said Chidi Okafor, '
        "the union's regional secretary.",
    },
    {
        "id": "border-clash",
        "published": "2023-06-18T08:00:00+00:00",
        "url": "https://tribune.example.org/border-clash",
        "text": "Soldiers and gunmen clashed near the town of Gao on Saturday, leaving five soldiers dead, "
        "the army said in a statement. The attackers fled towards the border after the fighting.",
    },
    {
        "id": "minister-denies",
        "text": "The interior minister denied on Tuesday that security forces had fired on students in "
        "Dhaka. According to the ministry, officers only used tear gas to disperse the crowd.",
    },
]
BAD_LINE = '{"id": "broken", "text": "an unfinished line'
PAGE_STORIES = [
    ("https://courier.example.com/a/rally",
     "Thousands of farmers rallied outside parliament in Nairobi on Thursday against a new tax on "
     "fertiliser. Riot police fired tear gas at the crowd and detained 30 people, the police chief said."),
    ("https://courier.example.com/a/flood",
     "Floods swept through villages near Sylhet on Wednesday, killing at least nine people and forcing "
     "thousands from their homes, officials said. The army was deployed to help with rescue work."),
]
NOTE = ("Protesters gathered in Lima on Friday to demand the release of a jailed opposition leader. "
        "Police said the gathering was peaceful and no one was arrested.")


def page(url: str, story: str) -> bytes:
    title = story.split(".")[0]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:url' content='{url}'>"
        "<meta property='article:published_time' content='2024-02-08T10:00:00Z'></head>"
        f"<body><nav>Home | World</nav><article><h1>{title}</h1><p>{story}</p></article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()


HOST = "courier.example.com"
HTML = "text/html; charset=utf-8"


def write_warc(path: Path) -> None:
    """Two page responses, each after its request, as a crawler writes them."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, story in PAGE_STORIES:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", HOST)], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            http = StatusAndHeaders("200 OK", [("Content-Type", HTML)], protocol="HTTP/1.1")
            payload = page(url, story)
            # A known length spares warcio a temporary file (left unclosed, which pytest turns into an error).
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=http
            )
            writer.write_record(record)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """news.jsonl (three articles, a blank and a bad line), pages.warc.gz, more.jsonl.gz and note.txt."""
    root = tmp_path_factory.mktemp("crawl")
    lines = [json.dumps(ARTICLES[0]), "", BAD_LINE, json.dumps(ARTICLES[1]), json.dumps(ARTICLES[2])]
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(root / "pages.warc.gz")
    more = {"id": "lima-gathering-copy", "text": NOTE, "published": "2024-03-01"}
    (root / "more.jsonl.gz").write_bytes(gzip.compress((json.dumps(more) + "\n").encode()))
    (root / "note.txt").write_text(NOTE, encoding="utf-8")
    return root
