"""Stage ``newsevents_zones``: tell reporting from page furniture, without touching the text.

The text is split into lines; each line becomes a zone: ``headline`` (the title, a repeated headline),
``caption`` (a photo caption ending in an agency credit: it is kept, since captions report events too),
``furniture`` (bylines, share widgets, "Related articles" trailers, copyright lines) or ``body``.
Zones are offsets into the untouched text, so every later span still indexes the text as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Zone, ZoneKind
from newsevents.pipeline.doc import article_of

if not Doc.has_extension("ne_zones"):
    Doc.set_extension("ne_zones", default=())

AGENCY_CREDIT = re.compile(
    r"(?:^|[\s.(/|–-])(?:Reuters|AFP|AP|EPA|Getty Images|Anadolu(?: Agency)?|Xinhua|dpa|ANI|PTI|IANS|TASS|"
    r"AFP/Getty Images|Associated Press|File(?: photo)?|Photo: [^.]{1,60}|[A-Z][a-z]+ [A-Z][a-z]+/[A-Z]+)"
    r"\s*\)?\s*\.?\s*$"
)
CAPTION_START = re.compile(r"^\s*(?:photo|file photo|image|picture|caption)\s*[:|-]", re.IGNORECASE)
FURNITURE = re.compile(
    r"^\s*(?:related(?: articles| stories| news| content)?|read more|read also|also read|more from|"
    r"share(?: this)?(?: article| story)?|follow us|subscribe|sign up|advertisement|click here|"
    r"copyright|©|all rights reserved|tags?:|topics?:|you may also like|recommended|most read|"
    r"by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?:,| and| \||$)|(?:facebook|twitter|whatsapp|email|linkedin)"
    r"(?:\s*[|,/]?\s*(?:facebook|twitter|whatsapp|email|linkedin|telegram|print))*\s*$)",
    re.IGNORECASE,
)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def classify_line(line: str, *, title: str | None, seen_first: bool, max_caption_chars: int) -> ZoneKind:
    stripped = line.strip()
    norm = _norm(stripped)
    if title and norm and (norm == _norm(title) or norm.startswith(_norm(title) + " ")) and len(norm) < 300:
        return "headline"
    if not seen_first and len(stripped) < 200 and not stripped.endswith((".", '"', "”")):
        return "headline"
    if FURNITURE.match(stripped) and len(stripped) < 160:
        return "furniture"
    if len(stripped) <= max_caption_chars and (
        AGENCY_CREDIT.search(stripped) or CAPTION_START.match(stripped)
    ):
        return "caption"
    return "body"


def find_zones(text: str, title: str | None = None, *, max_caption_chars: int = 400) -> tuple[Zone, ...]:
    """Zones covering every non-empty line of ``text``; blank lines belong to no zone."""
    zones: list[Zone] = []
    seen_first = False
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        kind = classify_line(line, title=title, seen_first=seen_first, max_caption_chars=max_caption_chars)
        seen_first = True
        # Once a "Related articles" trailer starts, what follows is more of it.
        if (
            zones
            and zones[-1].kind == "furniture"
            and _norm(text[zones[-1].start : zones[-1].end]).startswith("related")
        ):
            kind = "furniture"
        zones.append(Zone(start, end, kind))
    return tuple(zones)


class ZoneTagger:
    def __init__(self, nlp: Language, name: str, *, max_caption_chars: int) -> None:
        self.name = name
        self.max_caption_chars = max_caption_chars

    def __call__(self, doc: Doc) -> Doc:
        article = article_of(doc)
        doc._.ne_zones = find_zones(
            doc.text, article.title if article else None, max_caption_chars=self.max_caption_chars
        )
        return doc


@Language.factory("newsevents_zones", assigns=["doc._.ne_zones"], default_config={"max_caption_chars": 400})
def make_zone_tagger(nlp: Language, name: str, max_caption_chars: int) -> ZoneTagger:
    return ZoneTagger(nlp, name, max_caption_chars=max_caption_chars)
