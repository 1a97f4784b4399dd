"""A handful of made-up articles and the results the pipeline could give for them, built directly as model
dataclasses (fast, and exact), for the API and dashboard tests. Every offset is found in the text."""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.model import (
    Actor,
    Article,
    Claim,
    Counts,
    DateMention,
    DateSpan,
    Event,
    Evidence,
    Location,
    Place,
    Plover,
    Result,
)
from newsevents.store import Store
from newsevents.store.merged import merge_new_reports


@dataclass(frozen=True)
class Sample:
    id: str
    title: str
    published: str
    text: str
    event_type: str
    sub_event_type: str
    plover: str
    day: str
    place: str
    country: str
    admin1: str
    lat: float
    lon: float
    evidence: str  # a sentence of the text
    actors: tuple[tuple[str, str, str], ...]  # (name, role, type)
    counts: Counts
    claim: tuple[str, str, str] | None = None  # (speaker, cue, content), all in the text
    source: str = "Example News"
    confidence: float = 0.8


SAMPLES = (
    Sample(
        "kenya-rally",
        "Teachers march in Nairobi over unpaid wages",
        "2022-01-10",
        "Teachers march in Nairobi over unpaid wages\n\nSeveral hundred teachers marched through central "
        "Nairobi "
        "on Monday to demand wages they say are three months late. The march ended peacefully outside the "
        'education ministry. "We will keep coming back until we are paid," union leader Mary Wanjiru said.',
        "Protests",
        "Peaceful protest",
        "PROTEST",
        "2022-01-10",
        "Nairobi",
        "KE",
        "Nairobi County",
        -1.2833,
        36.8167,
        "Several hundred teachers marched through central Nairobi on Monday to demand wages they say are "
        "three months late.",
        (("Teachers", "actor1", "Protesters"),),
        Counts(protesters=300),
        ("Mary Wanjiru", "said", "We will keep coming back until we are paid,"),
    ),
    Sample(
        "lagos-riot",
        "Market traders clash with police in Lagos",
        "2022-01-12",
        "Market traders clash with police in Lagos\n\nAngry traders set fire to tyres and threw stones at "
        "police in Lagos on Wednesday after their stalls were pulled down. Two people were injured, the "
        "police "
        "said.",
        "Riots",
        "Violent demonstration",
        "PROTEST",
        "2022-01-12",
        "Lagos",
        "NG",
        "Lagos State",
        6.4541,
        3.3947,
        "Angry traders set fire to tyres and threw stones at police in Lagos on Wednesday after their stalls "
        "were pulled down.",
        (("Traders", "actor1", "Rioters"), ("Police", "actor2", "State forces")),
        Counts(injured=2),
        ("the police", "said", "Two people were injured"),
    ),
    Sample(
        "sahel-clash",
        "Soldiers and gunmen fight near Mopti",
        "2022-01-12",
        "Soldiers and gunmen fight near Mopti\n\nSoldiers fought armed men near Mopti on Wednesday, and 12 "
        "fighters were killed in the battle, the army said in a statement.",
        "Battles",
        "Armed clash",
        "FIGHT",
        "2022-01-12",
        "Mopti",
        "ML",
        "Mopti",
        14.4843,
        -4.1827,
        "Soldiers fought armed men near Mopti on Wednesday, and 12 fighters were killed in the battle",
        (
            ("Military Forces of Mali", "actor1", "State forces"),
            ("Unidentified Armed Group", "actor2", "Rebel group"),
        ),
        Counts(killed=12),
        (
            "the army",
            "said",
            "Soldiers fought armed men near Mopti on Wednesday, and 12 fighters were killed in the battle",
        ),
    ),
    Sample(
        "dhaka-arrests",
        "Opposition activists detained in Dhaka",
        "2022-01-15",
        "Opposition activists detained in Dhaka\n\nPolice detained 40 opposition activists in Dhaka on "
        "Saturday before a planned rally.",
        "Strategic developments",
        "Arrests",
        "ARREST",
        "2022-01-15",
        "Dhaka",
        "BD",
        "Dhaka Division",
        23.7104,
        90.4074,
        "Police detained 40 opposition activists in Dhaka on Saturday before a planned rally.",
        (("Police Forces of Bangladesh", "actor1", "State forces"),),
        Counts(arrested=40),
    ),
    Sample(
        "nairobi-sitin",
        "Nurses hold sit-in at Nairobi hospital",
        "2022-01-20",
        "Nurses hold sit-in at Nairobi hospital\n\nNurses held a sit-in at a Nairobi hospital on Thursday "
        "over staff shortages.",
        "Protests",
        "Peaceful protest",
        "PROTEST",
        "2022-01-20",
        "Nairobi",
        "KE",
        "Nairobi County",
        -1.2833,
        36.8167,
        "Nurses held a sit-in at a Nairobi hospital on Thursday over staff shortages.",
        (("Nurses", "actor1", "Protesters"),),
        Counts(),
    ),
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Saturday")


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def build(sample: Sample) -> tuple[Article, Result]:
    text = sample.text
    body = text.index("\n\n")
    ev_start, ev_end = _span(text, sample.evidence)
    place_start, place_end = _span(text, sample.place, body)
    places = (
        Place(
            sample.place,
            place_start,
            place_end,
            sample.place,
            sample.lat,
            sample.lon,
            None,
            sample.country,
            sample.admin1,
        ),
    )
    dates = tuple(
        DateMention(day, s, s + len(day), sample.day, "day")
        for day in WEEKDAYS
        if day in text
        for s in [text.index(day)]
    )
    claims: tuple[Claim, ...] = ()
    source_claim = None
    if sample.claim is not None:
        speaker, cue, content = sample.claim
        content_span = _span(text, content, body)
        claims = (
            Claim(
                speaker,
                _span(text, speaker, body),
                cue,
                _span(text, cue, content_span[0]),
                content,
                content_span,
                content.startswith("We "),
            ),
        )
        source_claim = 0 if sample.id == "sahel-clash" else None
    event = Event(
        event_type=sample.event_type,
        sub_event_type=sample.sub_event_type,
        plover=Plover(sample.plover, None),
        date=DateSpan(sample.day, sample.day, 1),
        location=Location(sample.place, sample.country, sample.admin1, sample.lat, sample.lon, None, 1),
        actors=tuple(Actor(name, role, kind, sample.country) for name, role, kind in sample.actors),  # type: ignore[arg-type]
        counts=sample.counts,
        modality="claimed" if source_claim is not None else "asserted",
        evidence=(Evidence(ev_start, ev_end),),
        source_claim=source_claim,
        confidence=sample.confidence,
    )
    article = Article(
        id=sample.id,
        text=text,
        title=sample.title,
        published=sample.published,
        url=f"https://news.example.org/{sample.id}",
        source=sample.source,
    )
    return article, Result(id=sample.id, events=(event,), claims=claims, places=places, dates=dates)


# Another outlet's report of the Nairobi teachers' march: merging puts it with "kenya-rally".
SECOND_REPORT = Sample(
    "kenya-rally-daily",
    "Nairobi teachers rally for late wages",
    "2022-01-11",
    "Nairobi teachers rally for late wages\n\nHundreds of teachers marched through central Nairobi on Monday "
    "to demand wages they say are three months late, the union said.",
    "Protests",
    "Peaceful protest",
    "PROTEST",
    "2022-01-10",
    "Nairobi",
    "KE",
    "Nairobi County",
    -1.2833,
    36.8167,
    "Hundreds of teachers marched through central Nairobi on Monday to demand wages they say are three "
    "months late, the union said.",
    (("Teachers", "actor1", "Protesters"),),
    Counts(protesters=200),
    source="Daily Example",
)


# A doubtful report (the pipeline was unsure it is an event at all): below the default minimum confidence, so
# hidden unless the user lowers it. Its own place and day: merging keeps it an event of its own.
DOUBTFUL = Sample(
    "goma-rumour",
    "Reports of unrest in Goma",
    "2022-01-18",
    "Reports of unrest in Goma\n\nResidents of Goma described shots and running crowds near the market on "
    "Tuesday, though officials said nothing happened.",
    "Riots",
    "Mob violence",
    "PROTEST",
    "2022-01-18",
    "Goma",
    "CD",
    "North Kivu",
    -1.6792,
    29.2228,
    "Residents of Goma described shots and running crowds near the market on Tuesday",
    (("Rioters (Democratic Republic of Congo)", "actor1", "Rioters"),),
    Counts(),
    confidence=0.2,
)


def fill(path: str, extra: tuple[Sample, ...] = ()) -> None:
    """Store every sample (and ``extra``) in a new store at ``path``, then merge their event reports as
    ingestion does."""
    with Store.open(path) as store:
        for sample in (*SAMPLES, *extra):
            store.add_result(*build(sample))
        merge_new_reports(store)
