"""Decoding bytes of any encoding, and publication dates read in their writer's timezone."""

from __future__ import annotations

import pytest

from newsevents.errors import WARN_DECODE
from newsevents.ingest import decode_bytes
from newsevents.ingest.dates import day_in_own_zone
from newsevents.ingest.decode import declared_charset, excerpt, looks_binary

SAMPLE = "Le café “Trianon” – naïve"


@pytest.mark.parametrize(
    ("data", "declared", "text", "encoding", "warned"),
    [
        (SAMPLE.encode("utf-8"), None, SAMPLE, "utf-8", False),
        (SAMPLE.encode("utf-8-sig"), None, SAMPLE, "utf-8-sig", False),
        (SAMPLE.encode("utf-16"), None, SAMPLE, "utf-16", False),
        (SAMPLE.encode("cp1252"), "windows-1252", SAMPLE, "cp1252", False),
        (SAMPLE.encode("cp1252"), "ISO-8859-1", SAMPLE, "cp1252", False),  # browsers read latin-1 as 1252
        (SAMPLE.encode("cp1252"), None, SAMPLE, "cp1252", True),  # a guess: said so
        ("Новости дня".encode("koi8-r"), "koi8-r", "Новости дня", "koi8-r", False),
        (b"abc \x81 def", None, "abc \ufffd def", "cp1252", True),  # 0x81 means nothing in windows-1252
    ],
)
def test_decode_bytes(data: bytes, declared: str | None, text: str, encoding: str, warned: bool) -> None:
    decoded = decode_bytes(data, declared)
    assert (decoded.text, decoded.encoding) == (text, encoding)
    assert [w.code for w in decoded.warnings] == ([WARN_DECODE] if warned else [])


def test_a_wrong_declaration_does_not_garble_utf8() -> None:
    decoded = decode_bytes(SAMPLE.encode("utf-8"), "iso-8859-1")
    assert decoded.text == SAMPLE


def test_counts_replaced_bytes() -> None:
    data = ("ü" * 40).encode("utf-8") + b"\xc3" + b" end" + b"\xff\xfe"
    decoded = decode_bytes(data)
    assert decoded.text == "ü" * 40 + "\ufffd end\ufffd\ufffd"
    assert decoded.warnings[0].message.startswith("3 bytes could not be decoded")


def test_declared_charset_sources() -> None:
    assert declared_charset(b"", "text/html; charset=ISO-8859-2") == "ISO-8859-2"
    assert declared_charset(b'<?xml version="1.0" encoding="windows-1251"?><rss/>') == "windows-1251"
    assert (
        declared_charset(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
        == "gb2312"
    )
    assert declared_charset(b"<html><head><meta charset='utf-8'>") == "utf-8"
    assert declared_charset(b"plain text") is None


def test_binary_and_excerpt() -> None:
    assert looks_binary(b"\x00\x01abc")
    assert not looks_binary("naïve text\n\ttabbed".encode())
    assert not looks_binary("text".encode("utf-16"))
    assert excerpt(b"ab\x00c\xffd") == "ab\ufffdc\ufffdd"


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("Mon, 10 Jan 2022 23:30:00 -0500", "2022-01-10"),  # already the 11th in UTC
        ("Tue, 11 Jan 2022 04:30:00 GMT", "2022-01-11"),
        ("2022-03-02T01:15:00+05:30", "2022-03-02"),  # still 1 March in UTC
        ("2022-01-10T23:30:00Z", "2022-01-10"),
        ("2022-01-10", "2022-01-10"),
        ("2022-01-10 08:00:00.000000 +0000 UTC", "2022-01-10"),
        ("January 10, 2022 11:45 pm EST", "2022-01-10"),
        ("10 January 2022", "2022-01-10"),
        ("yesterday", None),  # never read against today's date
        ("2022-13-45", None),
        ("", None),
        (None, None),
    ],
)
def test_day_in_own_zone(raw: str | None, day: str | None) -> None:
    assert day_in_own_zone(raw) == day
