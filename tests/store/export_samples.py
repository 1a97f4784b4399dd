"""Made-up articles (in our own words) and the events the pipeline could find in them, for the export tests:
Kazakhstan in January 2022, one story from Brooklyn, and values a spreadsheet would run as formulas."""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.model import Actor, Article, Counts, DateSpan, Event, Evidence, Location, Plover, Result
from newsevents.store import Store
from newsevents.store.merged import merge_new_reports

ALMATY = Location("Almaty", "KZ", None, 43.2525, 76.9115, 1526384, 1)  # no admin1 stored: the gazetteer's
TARAZ = Location("Taraz", "KZ", None, 42.898, 71.3733, 1516905, 1)
KAZAKHSTAN = Location("Kazakhstan", "KZ", None, 48.0, 68.0, 1522867, 3)
BROOKLYN = Location("Brooklyn", "US", "New York", 40.6501, -73.9496, 5110302, 1)
HYPERLINK = '=HYPERLINK("http://attacker.example/x","open")'


@dataclass(frozen=True)
class Story:
    id: str
    source: str | None
    url: str | None
    published: str
    text: str
    events: tuple[tuple[str, str, Plover, str, Location, tuple[Actor, ...], Counts, str], ...]
    # (event type, sub-event type, PLOVER, day, place, actors, counts, evidence words)


def _actor(name: str, role: str, kind: str, country: str | None = "KZ") -> Actor:
    return Actor(name, role, kind, country)  # type: ignore[arg-type]


POLICE = _actor("Police Forces of Kazakhstan", "actor1", "State forces")

STORIES = (
    Story(
        "steppe-1", "Steppe Daily", "https://www.steppe-daily.kz/news/1", "2022-01-06",
        "Almaty, 6 January. Security forces opened fire on demonstrators in Almaty on Wednesday, killing at "
        "least eight people. Witnesses said the shooting began after crowds gathered near the city hall.\n"
        "Police later detained 120 people across the city, and two detainees died in custody, relatives "
        "said.",
        (
            ("Protests", "Excessive force against protesters", Plover("ASSAULT", "firearms"), "2022-01-05",
             ALMATY, (POLICE, _actor("Protesters (Kazakhstan)", "actor2", "Protesters")), Counts(killed=8),
             "opened fire"),
            ("Strategic developments", "Arrests", Plover("COERCE", "arrest"), "2022-01-05", ALMATY,
             (POLICE,), Counts(arrested=120, killed=2), "detained"),
        ),
    ),
    Story(
        "wire-2", HYPERLINK, "https://wire.example.com/2", "2022-01-07",
        "Armed men attacked a village near Taraz on Thursday and killed two residents, local officials said. "
        "A grain warehouse was looted afterwards. Soldiers seized a cache of rifles in the hills.",
        (
            ("Violence against civilians", "Attack", Plover("ASSAULT", "firearms"), "2022-01-06", TARAZ,
             (_actor("@Gunmen", "actor1", "Political militias"),
              _actor("Civilians (Kazakhstan)", "actor2", "Civilians")), Counts(killed=2), "attacked"),
            ("Strategic developments", "Looting/property destruction", Plover("COERCE", "destroy"),
             "2022-01-06", TARAZ, (), Counts(), "looted"),
            ("Strategic developments", "Disrupted weapons use", Plover("COERCE", "confiscate"), "2022-01-06",
             TARAZ, (_actor("Military Forces of Kazakhstan", "actor1", "State forces"),), Counts(),
             "seized"),
        ),
    ),
    Story(
        "ledger-3", "Caspian Ledger", None, "2022-01-08",
        "Government troops fought an armed group outside the capital on Friday with heavy guns. "
        "The foreign minister later received an envoy from a neighbouring state to discuss the unrest.",
        (
            ("Battles", "Armed clash", Plover("FIGHT", "heavy-weapons"), "2022-01-07", KAZAKHSTAN,
             (_actor("Military Forces of Kazakhstan", "actor1", "State forces"),
              _actor("Unidentified Armed Group (Kazakhstan)", "actor2", "Political militias")),
             Counts(killed=5), "fought"),
            ("Strategic developments", "Diplomatic event", Plover("CONSULT", "visit"), "2022-01-07",
             KAZAKHSTAN, (_actor("Government of Kazakhstan", "actor1", "External/Other forces"),), Counts(),
             "received"),
        ),
    ),
    Story(
        "borough-4", "Borough Bulletin", "https://borough-bulletin.com/4", "2022-02-10",
        "- Tenants marched through Brooklyn on Monday against rent rises, about 300 of them by the "
        "organisers' count.",
        (
            ("Protests", "Peaceful protest", Plover("PROTEST", "demo"), "2022-02-07", BROOKLYN, (),
             Counts(protesters=300), "marched"),
        ),
    ),
)


def story_result(story: Story) -> tuple[Article, Result]:
    article = Article(story.id, story.text, title=f"Story {story.id}", published=story.published,
                      url=story.url, source=story.source)
    events = []
    for event_type, sub, plover, day, place, actors, counts, words in story.events:
        start = story.text.index(words)
        events.append(Event(event_type, sub, plover, DateSpan(day, day, 1), place, actors, counts, "asserted",
                            (Evidence(start, start + len(words)),), None, 0.8))
    return article, Result(story.id, events=tuple(events))


def fill(store: Store, order: tuple[int, ...] = (0, 1, 2, 3)) -> None:
    """Store the stories (in ``order``) and merge them into real-world events."""
    for i in order:
        store.add_result(*story_result(STORIES[i]))
    merge_new_reports(store)
