"""Small synthetic articles and results, built from the model dataclasses (no NLP), for the store tests."""

from __future__ import annotations

from newsevents.model import (
    Actor,
    Article,
    Claim,
    Counts,
    DateMention,
    DateSpan,
    ErrorInfo,
    Event,
    Evidence,
    Location,
    Place,
    Plover,
    Result,
)

TOWNS = (
    # name, country, admin1, lat, lon, geonames id
    ("Kharkiv", "UA", "Kharkivska", 49.98, 36.25, 706483),
    ("Lagos", "NG", "Lagos", 6.45, 3.39, 2332459),
    ("Santiago", "CL", "Santiago Metropolitan", -33.45, -70.65, 3871336),
)


def article_text(i: int) -> str:
    town = TOWNS[i % len(TOWNS)][0]
    return (
        f"Report {i}. Hundreds of teachers marched through {town} on Tuesday demanding unpaid wages. "
        f"Riot police detained {i % 7 + 1} marchers near the town hall, a union spokesperson said. "
        f'"We will come back every week," the spokesperson told reporters.'
    )


def make_article(i: int, *, url: str | None = "auto", text: str | None = None) -> Article:
    return Article(
        id=f"art-{i}",
        text=text if text is not None else article_text(i),
        title=f"Teachers march in {TOWNS[i % len(TOWNS)][0]} ({i})",
        published="2022-03-08",
        url=f"https://news.example/{i}" if url == "auto" else url,
        source="Example News",
        published_raw="Tue, 08 Mar 2022 10:00:00 GMT",
        origin="synthetic",
        warnings=(ErrorInfo("W120", "example warning"),) if i % 5 == 0 else (),
    )


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_result(article: Article, i: int, *, events: int = 2, day: str = "2022-03-08") -> Result:
    """A result with ``events`` protest events (each with actors, a location and evidence), one claim,
    one place and one date, all pointing into ``article.text``."""
    text = article.text
    name, country, admin1, lat, lon, gid = TOWNS[i % len(TOWNS)]
    location = Location(name, country, admin1, lat, lon, gid, 1)
    march = _span(text, "teachers marched")
    detained = _span(text, "detained")
    quote = _span(text, "We will come back every week")
    found = tuple(
        Event(
            event_type="Protests",
            sub_event_type="Protest with intervention" if k % 2 else "Peaceful protest",
            plover=Plover("PROTEST", "demonstrate"),
            date=DateSpan(day, day, 1),
            location=location,
            actors=(
                Actor(f"Protesters ({name})", "actor1", "Protesters", country),
                Actor("Teachers union", "associated", "Protesters", country),
                *((Actor(f"Police Forces ({name})", "actor2", "State forces", country),) if k % 2 else ()),
            ),
            counts=Counts(arrested=i % 7 + 1) if k % 2 else Counts(protesters=300),
            modality="asserted" if k % 3 != 2 else "claimed",
            evidence=(Evidence(*march),) if k % 2 == 0 else (Evidence(*march), Evidence(*detained)),
            source_claim=0 if k % 3 == 2 else None,
            confidence=0.5 + (k % 5) / 10,
        )
        for k in range(events)
    )
    claim = Claim(
        "a union spokesperson", _span(text, "a union spokesperson"), "told", _span(text, "told"),
        text[quote[0]:quote[1]], quote, True,
    )
    place = Place(name, *_span(text, name), name, lat, lon, gid, country, admin1, "P", 1)
    date = DateMention("Tuesday", *_span(text, "Tuesday"), day, "day")
    return Result(id=article.id, events=found, claims=(claim,), places=(place,), dates=(date,),
                  warnings=(ErrorInfo("W103", "decode"),) if i % 4 == 0 else ())
