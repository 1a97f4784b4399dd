"""A small made-up store for the dashboard's browser tests: Kazakhstan in January 2022 as a handful of
outlets might have told it (a protest two outlets report, a denied use of force, events known only by the
country or the region, a week-long sit-in), and one event in 2021 and one in 2024 far from it. Every text is
written for these tests; the results are built directly as model dataclasses (fast and exact), as the
pipeline could give them."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsevents.model import (
    Actor,
    Article,
    Claim,
    Counts,
    DateSpan,
    Event,
    Evidence,
    Location,
    Modality,
    Place,
    Plover,
    Result,
)
from newsevents.store import Store
from newsevents.store.merged import merge_new_reports

KZ = ("KZ", 48.0, 68.0, 1522867)  # the country's reference point and GeoNames id
ALMATY = ("Almaty", "Almaty City", 43.25, 76.95, 1526384)


@dataclass(frozen=True)
class Story:
    id: str
    source: str
    published: str
    title: str
    body: str  # the paragraphs after the title
    evidence: str  # a sentence of the body
    event_type: str
    sub_event_type: str
    plover: str
    start: str
    end: str
    place: str  # as the body names it
    country: str
    admin1: str | None
    lat: float
    lon: float
    geonames_id: int | None
    precision: int  # ACLED geo_precision: 1 town, 3 region or country
    actors: tuple[tuple[str, str, str], ...] = ()  # (name, role, type)
    counts: Counts = field(default_factory=Counts)
    modality: Modality = "asserted"
    claim: tuple[str, str, str] | None = None  # (speaker, cue, content), all in the body
    confidence: float = 0.8

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"


# Background paragraphs, so that the evidence of the long story sits far below the top of its article.
BACKGROUND = "\n\n".join(
    f"Paragraph {n} of the background: the price of bottled gas had been capped for years, and when the cap "
    f"was lifted at the turn of the year drivers in the west of the country saw what they paid at the pump "
    f"double within days. Traders in the {district} district said queues formed before dawn and that many "
    f"people could no longer afford to drive to work."
    for n, district in enumerate(("northern", "southern", "eastern", "western", "central", "old", "new",
                                  "market", "station", "river", "airport", "harbour", "hill", "garden"), 1)
)

STORIES = (
    Story(
        "steppe-almaty-rally", "Steppe Herald", "2022-01-05",
        "Crowds fill Almaty's main square as fuel anger spreads",
        f"{BACKGROUND}\n\nThousands of people gathered on the main square of Almaty on Wednesday to protest "
        "against the doubling of fuel prices, and police moved in with batons and stun grenades to clear "
        "them.\n\nThe square was quiet again by nightfall.",
        "Thousands of people gathered on the main square of Almaty on Wednesday to protest against the "
        "doubling of fuel prices, and police moved in with batons and stun grenades to clear them.",
        "Protests", "Protest with intervention", "PROTEST", "2022-01-05", "2022-01-05",
        "Almaty", "KZ", ALMATY[1], ALMATY[2], ALMATY[3], ALMATY[4], 1,
        (("Protesters (Kazakhstan)", "actor1", "Protesters"), ("Police Forces of Kazakhstan", "actor2",
                                                               "State forces")),
        Counts(protesters=5000),
    ),
    Story(
        "caspian-almaty-square", "Caspian Wire", "2022-01-06",
        "Police break up Almaty square protest",
        "Riot police in Almaty dispersed some five thousand protesters from the central square on Wednesday, "
        "witnesses told this agency.",
        "Riot police in Almaty dispersed some five thousand protesters from the central square on Wednesday, "
        "witnesses told this agency.",
        "Protests", "Protest with intervention", "PROTEST", "2022-01-05", "2022-01-05",
        "Almaty", "KZ", ALMATY[1], ALMATY[2], ALMATY[3], ALMATY[4], 1,
        (("Protesters (Kazakhstan)", "actor1", "Protesters"), ("Police Forces of Kazakhstan", "actor2",
                                                               "State forces")),
        Counts(protesters=5000),
    ),
    Story(
        "caspian-force-denied", "Caspian Wire", "2022-01-07",
        "Ministry denies police fired on Almaty crowd",
        "The interior ministry denied on Thursday that police in Almaty had fired live rounds at protesters. "
        '"No officer used a firearm against peaceful citizens," a ministry spokesman said.',
        "The interior ministry denied on Thursday that police in Almaty had fired live rounds at protesters.",
        "Protests", "Excessive force against protesters", "PROTEST", "2022-01-06", "2022-01-06",
        "Almaty", "KZ", ALMATY[1], ALMATY[2], ALMATY[3], ALMATY[4], 1,
        (("Police Forces of Kazakhstan", "actor1", "State forces"),),
        modality="negated",
        claim=("a ministry spokesman", "said", "No officer used a firearm against peaceful citizens,"),
    ),
    Story(
        "steppe-detentions", "Steppe Herald", "2022-01-12",
        "Thousands held after the unrest",
        "Officials said on Monday that 9,900 people had been detained across Kazakhstan since the unrest "
        "began.",
        "Officials said on Monday that 9,900 people had been detained across Kazakhstan since the unrest "
        "began.",
        "Strategic developments", "Arrests", "COERCE", "2022-01-10", "2022-01-10",
        "Kazakhstan", "KZ", None, KZ[1], KZ[2], KZ[3], 3,
        (("Police Forces of Kazakhstan", "actor1", "State forces"),),
        Counts(arrested=9900),
    ),
    Story(
        "caspian-blackout", "Caspian Wire", "2022-01-11",
        "Internet returns after a week-long blackout",
        "Mobile internet was cut across Kazakhstan from Wednesday to the following Monday, leaving banks "
        "and shops unable to take card payments.",
        "Mobile internet was cut across Kazakhstan from Wednesday to the following Monday, leaving banks "
        "and shops unable to take card payments.",
        "Strategic developments", "Other", "COERCE", "2022-01-05", "2022-01-10",
        "Kazakhstan", "KZ", None, KZ[1], KZ[2], KZ[3], 3,
        (("Government of Kazakhstan", "actor1", "State forces"),),
    ),
    Story(
        "steppe-zhanaozen-sit-in", "Steppe Herald", "2022-01-09",
        "Zhanaozen sit-in ends after a week",
        "Oil workers in Zhanaozen ended a sit-in that had lasted from Sunday to Saturday outside the town "
        "hall.",
        "Oil workers in Zhanaozen ended a sit-in that had lasted from Sunday to Saturday outside the town "
        "hall.",
        "Protests", "Peaceful protest", "PROTEST", "2022-01-02", "2022-01-08",
        "Zhanaozen", "KZ", "Mangystau", 43.34, 52.86, 608668, 1,
        (("Protesters (Kazakhstan)", "actor1", "Protesters"),),
        Counts(protesters=2000),
    ),
    Story(
        "caspian-mangystau-strike", "Caspian Wire", "2022-01-04",
        "Strike spreads through Mangystau oil fields",
        "Workers at several oil fields in Mangystau walked out on Tuesday in support of the Zhanaozen "
        "protesters.",
        "Workers at several oil fields in Mangystau walked out on Tuesday in support of the Zhanaozen "
        "protesters.",
        "Protests", "Peaceful protest", "PROTEST", "2022-01-04", "2022-01-04",
        "Mangystau", "KZ", "Mangystau", 44.0, 53.5, 609862, 3,
        (("Labor Group (Kazakhstan)", "actor1", "Protesters"),),
    ),
    Story(
        "lake-nairobi-march", "Lakeside Times", "2021-03-16",
        "Nurses march in Nairobi",
        "Several hundred nurses marched through Nairobi on Monday asking for protective equipment.",
        "Several hundred nurses marched through Nairobi on Monday asking for protective equipment.",
        "Protests", "Peaceful protest", "PROTEST", "2021-03-15", "2021-03-15",
        "Nairobi", "KE", "Nairobi County", -1.2833, 36.8167, 184745, 1,
        (("Protesters (Kenya)", "actor1", "Protesters"),),
        Counts(protesters=300),
    ),
    Story(
        "desert-fasher-clash", "Desert Dispatch", "2024-05-21",
        "Heavy fighting around El Fasher",
        "Fighting between two armed groups around El Fasher on Monday left 1,200 people dead, a local "
        "monitor reported.",
        "Fighting between two armed groups around El Fasher on Monday left 1,200 people dead, a local "
        "monitor reported.",
        "Battles", "Armed clash", "FIGHT", "2024-05-20", "2024-05-20",
        "El Fasher", "SD", "Northern Darfur", 13.63, 25.35, 379003, 1,
        (("Military Forces of Sudan", "actor1", "State forces"),
         ("Unidentified Armed Group (Sudan)", "actor2", "Political militias")),
        Counts(killed=1200),
    ),
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def build(story: Story) -> tuple[Article, Result]:
    text = story.text
    body = text.index("\n\n")
    ev_start, ev_end = _span(text, story.evidence, body)
    place_start, place_end = _span(text, story.place, body)
    places = (Place(story.place, place_start, place_end, story.place, story.lat, story.lon, story.geonames_id,
                    story.country, story.admin1, "A" if story.precision == 3 else "P", story.precision),)
    claims: tuple[Claim, ...] = ()
    if story.claim is not None:
        speaker, cue, content = story.claim
        content_span = _span(text, content, body)
        claims = (Claim(speaker, _span(text, speaker, body), cue, _span(text, cue, content_span[1]), content,
                        content_span, True),)
    event = Event(
        event_type=story.event_type, sub_event_type=story.sub_event_type, plover=Plover(story.plover, None),
        date=DateSpan(story.start, story.end, 1 if story.start == story.end else 2),
        location=Location(story.place, story.country, story.admin1, story.lat, story.lon, story.geonames_id,
                          story.precision),
        actors=tuple(Actor(name, role, kind, story.country) for name, role, kind in story.actors),  # type: ignore[arg-type]
        counts=story.counts, modality=story.modality, evidence=(Evidence(ev_start, ev_end),),
        source_claim=0 if claims else None, confidence=story.confidence,
    )
    article = Article(id=story.id, text=text, title=story.title, published=story.published,
                      url=f"https://news.example.org/{story.id}", source=story.source)
    return article, Result(id=story.id, events=(event,), claims=claims, places=places, dates=())


def fill(path: str) -> None:
    """Store every story in a new store at ``path``, then merge their reports as ingestion does."""
    with Store.open(path) as store:
        for story in STORIES:
            store.add_result(*build(story))
        merge_new_reports(store)
