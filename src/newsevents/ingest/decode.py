"""Bytes to text, tolerant of whatever encoding a page or file arrives in.

The order: a byte-order mark; UTF-16 without one (a NUL in nearly every other byte); strict UTF-8; the
charset the page or HTTP header declares; UTF-8 with the few bad bytes replaced when the rest is clearly
UTF-8; windows-1252 (a superset of latin-1 for text). Whenever bytes were replaced, or the encoding had to
be guessed, the result carries a W103 warning instead of the input being rejected.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from newsevents.errors import WARN_DECODE
from newsevents.model import ErrorInfo

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as windows-1252 (WHATWG encoding standard), and so do we.
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"})
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
MAX_BAD_UTF8 = 64  # beyond this many bad bytes the text is not UTF-8 with a few accidents
CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13}
COUNTING_HANDLER = "newsevents-count-replace"
UTF16_SAMPLE = 4096
UTF16_MIN_ZEROS = 0.7  # English in UTF-16: the high byte of nearly every character is zero...
UTF16_MAX_OTHER_ZEROS = 0.02  # ...and the low byte almost never
ASCII = bytes(range(128))

# The codec error handler is registered once, process-wide; the count it keeps is per thread.
_COUNTER = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _COUNTER.bad = getattr(_COUNTER, "bad", 0) + exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error(COUNTING_HANDLER, _count_and_replace)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[ErrorInfo, ...] = ()


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a declared charset, or None when Python does not know it."""
    if not label:
        return None
    label = label.strip().lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset an HTTP Content-Type header, an XML declaration or an HTML <meta> tag declares."""
    if header and (in_header := HEADER_CHARSET.search(header)):
        return in_header.group(1)
    head = data[:4096]
    for pattern in (XML_ENCODING, META_CHARSET):
        if in_data := pattern.search(head):
            return in_data.group(1).decode("ascii")
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``, never failing: see the module docstring for the order tried."""
    for bom, bom_codec in BOMS:
        if data.startswith(bom):
            return _lenient(data, bom_codec)
    wide = utf16_without_bom(data)
    if wide is not None:
        decoded = _lenient(data, wide)
        guess = ErrorInfo(WARN_DECODE, f"the bytes have no byte-order mark: decoded as {wide.upper()}")
        return Decoded(decoded.text, wide, (guess, *decoded.warnings))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    codec = normalise_charset(declared)
    if codec is not None and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    utf8 = _mostly_utf8(data)
    if utf8 is not None:
        return utf8
    decoded = _lenient(data, "cp1252")
    if decoded.warnings or codec == "cp1252":
        return decoded
    guess = ErrorInfo(WARN_DECODE, "the bytes are not UTF-8 and declare no charset: decoded as windows-1252")
    return Decoded(decoded.text, "cp1252", (guess,))


def _lenient(data: bytes, codec: str) -> Decoded:
    """Decode with ``codec``, replacing undecodable bytes and saying how many there were."""
    text, bad = _decode_counting(data, codec)
    return Decoded(text, codec, _replaced_warning(bad, codec))


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    _COUNTER.bad = 0
    text = data.decode(codec, errors=COUNTING_HANDLER)
    return text, _COUNTER.bad


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with the bad bytes replaced, when valid multi-byte sequences far outnumber the bad bytes."""
    non_ascii = len(data.translate(None, ASCII))
    text, bad = _decode_counting(data, "utf-8")
    if bad > MAX_BAD_UTF8 or bad * 4 >= non_ascii:
        return None
    return Decoded(text, "utf-8", _replaced_warning(bad, "utf-8"))


def _replaced_warning(bad: int, codec: str) -> tuple[ErrorInfo, ...]:
    if not bad:
        return ()
    noun, verb = ("byte", "was") if bad == 1 else ("bytes", "were")
    message = f"{bad} {noun} could not be decoded as {codec} and {verb} replaced by U+FFFD"
    return (ErrorInfo(WARN_DECODE, message),)


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text written in UTF-16 without a byte-order mark, else None.

    Told by where the NULs are: in UTF-16 every character of the Latin range has a zero high byte, so
    nearly every other byte is NUL (the odd ones in little-endian order) and almost none between.
    """
    sample = data[:UTF16_SAMPLE]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    low, high = sample[0::2], sample[1::2]
    low_zeros, high_zeros = low.count(0) / len(low), high.count(0) / len(high)
    if high_zeros >= UTF16_MIN_ZEROS and low_zeros <= UTF16_MAX_OTHER_ZEROS:
        return "utf-16-le"
    if low_zeros >= UTF16_MIN_ZEROS and high_zeros <= UTF16_MAX_OTHER_ZEROS:
        return "utf-16-be"
    return None


def looks_binary(sample: bytes) -> bool:
    """True for data that is not text in any 8-bit, UTF-8 or UTF-16 encoding: NUL bytes (not UTF-16's) or
    many control bytes."""
    if any(sample.startswith(bom) for bom, _ in BOMS):
        return False
    wide = utf16_without_bom(sample)
    if wide is not None:
        text = sample[: len(sample) // 2 * 2].decode(wide, errors="replace")
        return sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\f\r") > 0.05 * max(len(text), 1)
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in CONTROL_BYTES)
    return controls > 0.05 * max(len(sample), 1)


def excerpt(data: bytes, size: int = 200) -> str:
    """The first characters of ``data``, readable whatever it holds, for the rejected-inputs table."""
    text = data[: size * 4].decode("utf-8", errors="replace")[:size]
    return "".join(ch if ch >= " " or ch in "\n\t" else "\ufffd" for ch in text)
