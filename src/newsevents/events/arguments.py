"""Filling a trigger mention's arguments from the earlier stages' findings through the parse: its date,
place, actors, issue, location, and the counts (killed, arrested...) it can hold."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsevents.events.geo import country_point, sole_town
from newsevents.events.ontology import SubEventType, load_ontology
from newsevents.events.records import Mention
from newsevents.events.syntax import clause_verb, is_nominal, is_related, token_at
from newsevents.events.words import (
    ISSUE_PREPS,
    KILL_VERBS,
    LOCATIVE_PREPS,
    PATIENT_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    SPEECH_VERBS,
    STATE_WORDS,
)
from newsevents.model import Actor, ActorRole, DateMention, Location, Place

VIOLENT_TYPES = load_ontology().violent_types  # the codebook's (data/ontology.json)
HARM_SUBTYPES = frozenset(
    {
        "Excessive force against protesters",
        "Protest with intervention",
        "Natural disaster",
        "Man-made disaster",
    }
)
# Which events a count of each category may belong to.
COUNT_TARGETS: dict[str, frozenset[str]] = {
    "arrested": frozenset(
        {"Arrests", "Protest with intervention", "Organized crime", "Excessive force against protesters"}
    ),
    "troops": frozenset(
        {
            "Change to group/activity",
            "Headquarters or base established",
            "Non-violent transfer of territory",
            "Government regains territory",
            "Armed clash",
        }
    ),
    "equipment": frozenset(
        {"Change to group/activity", "Headquarters or base established", "Disrupted weapons use"}
    ),
}


def is_harmful(sub: SubEventType) -> bool:
    return sub.event_type in VIOLENT_TYPES or sub.name in HARM_SUBTYPES


def _on_speech_verb(doc: Doc, date: DateMention, anchor: Token) -> bool:
    """ "..., authorities said on Monday": the day of the report, not of the event."""
    token = token_at(doc, date.start, date.end)
    if token is None:
        return False
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None
        and verb.lemma_.lower() in SPEECH_VERBS
        and verb not in anchor.ancestors
        and verb != anchor
    )


def pick_date(anchor: Token, sent: Span, dates: Sequence[DateMention]) -> DateMention | None:
    """The date governed by the trigger's clause, else the nearest date in the sentence."""
    doc = sent.doc
    inside = [
        d
        for d in dates
        if sent.start_char <= d.start < sent.end_char
        and not _on_speech_verb(doc, d, anchor)
        and _times_trigger(token_at(doc, d.start, d.end), anchor)
    ]
    if not inside:
        return None

    def rank(d: DateMention) -> tuple[int, int]:
        token = token_at(doc, d.start, d.end)
        related = token is not None and is_related(token, anchor)
        return (0 if related else 1, abs(d.start - anchor.idx))

    return min(inside, key=rank)


# Prepositions that say where something is (not where it goes or comes from), and those of them that say it
# is only near the place (ACLED geo_precision 2: "near a town").
STATIC_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "within", "outskirts", "on"})
NEAR_PREPS = frozenset({"near", "outside", "around", "outskirts"})
# Subordinate clauses that tell the same happening's circumstances: a bare participle ("attacked a train near
# X, taking hundreds hostage") or one of the same time ("came under attack while passing through X").
SAME_TIME_MARKS = frozenset({"while", "when", "as"})
# Words for a town or a part of one: "Kandahar city", "a Kabul neighbourhood" are in the town.
TOWN_NOUNS = frozenset(
    {"city", "town", "village", "capital", "center", "centre", "neighborhood", "neighbourhood"}
)
DIRECTION_PREPS = frozenset({"to", "into", "toward", "towards", "from"})


def is_locative(token: Token) -> bool:
    """A place named as where something happens ("in Almaty", "near the town of X", "sent to Kazakhstan",
    "in the restive Balochistan province"), not as part of a name or an actor ("the Moscow-led alliance",
    "Kazakhstan's Interior Ministry") nor as the object of another relation ("linking the attack with X")."""
    return locative_prep(token) is not None


def locative_prep(token: Token) -> Token | None:
    """The preposition that names the place as a location ("in", "near"...), or None when it is not one."""
    for t in (token, *list(token.ancestors)[:3]):
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS:
            return t.head
        if t.dep_ == "compound" and t.head.lemma_.lower() in PLACE_NOUNS:
            continue  # "Balochistan province", "Kalat district"
        if t.dep_ in ("poss", "amod", "nsubj", "nsubjpass", "npadvmod") or (
            t.dep_ == "compound" and t.head.pos_ != "PROPN"
        ):
            return None
        if t.dep_ == "pobj" and t.head.lower_ != "of":
            return None  # the object of "with", "about", "for"...: not a location, and no climbing past it
        if t.dep_ not in ("compound", "appos", "pobj", "prep", "conj"):
            return None
    return None


def names_an_area(token: Token, place: Place) -> bool:
    """A town's name that modifies a word for an area ("the Kharkiv region", "the Bergeforsen area"): a
    region named after the town, not the town; where the gazetteer has no such region, no place is known."""
    head = token.head.lemma_.lower()
    area = head in PLACE_NOUNS and head not in TOWN_NOUNS
    return token.dep_ == "compound" and place.feature == "P" and area


def pick_place(anchor: Token, sent: Span, places: Sequence[Place]) -> Place | None:
    """The place governed by the trigger's clause, else the nearest place named as a location; else one
    named as a location in a clause that tells the same happening's circumstances ("attacked a train near X,
    taking hundreds hostage"; "came under attack while passing near X"). A town named only as near
    ("near X", "outside X") gives ACLED's geo_precision 2."""
    doc = sent.doc
    located: list[tuple[Place, Token, Token | None]] = []
    for p in places:
        if not (sent.start_char <= p.start < sent.end_char and p.country_code) or p.usage != "literal":
            continue
        token = token_at(doc, p.start, p.end)
        if token is None:
            continue
        if names_an_area(token, p):
            continue  # "the Bergeforsen region" read as a town: the gazetteer does not know the region
        prep = locative_prep(token)
        if prep is not None:
            located.append((p, token, prep))
    # A place in another clause locates that clause's happening ("killed the attackers who besieged a hotel
    # in X and later killed 50 in airstrikes": X is not where the airstrikes were).
    inside = [(p, t, prep) for p, t, prep in located if _in_reach(t, anchor)]
    if not inside:
        inside = [(p, t, prep) for p, t, prep in located if is_static(t, prep) and same_happening(t, anchor)]
    if not inside:
        return None

    def rank(found: tuple[Place, Token, Token | None]) -> tuple[int, int, bool, int]:
        p, token, _ = found
        related = is_related(token, anchor)
        # of equals, a region before its country ("in Pakistan, ... in the Balochistan province")
        return (0 if related else 1, p.precision, p.admin1 is None, abs(p.start - anchor.idx))

    place, _, prep = min(inside, key=rank)
    return replace(place, precision=2) if place.precision == 1 and only_near(prep) else place


def only_near(prep: Token | None) -> bool:
    """ "near X", "outside X", "on the outskirts of X": the place is a town's surroundings, not the town."""
    if prep is None:
        return False
    return prep.lower_ in NEAR_PREPS or any(c.lower_ in NEAR_PREPS for c in prep.children if c.dep_ == "pobj")


def is_static(token: Token, prep: Token | None) -> bool:
    """Named as where something is, not where someone goes or comes from: "escape to villages in X" does
    not put the escape's cause in X."""
    if prep is None or prep.lower_ not in STATIC_PREPS:
        return False
    verb = clause_verb(token)
    path = [token, *token.ancestors]
    return not any(t.lower_ in DIRECTION_PREPS for t in path[: path.index(verb)] if t.dep_ == "prep")


def same_happening(token: Token, anchor: Token) -> bool:
    """The place's clause and the trigger's tell one happening: the place's clause is a same-time clause under
    the trigger's ("came under attack while passing through a tunnel near X"), or the trigger's a bare
    participle under the place's ("attacked a train near X, taking hundreds hostage"). A "when" clause
    under the place's tells another happening ("escape to villages in X when attacked")."""
    here, there = clause_verb(token), clause_verb(anchor)
    return _under(here, there, SAME_TIME_MARKS) or (there.tag_ == "VBG" and _under(there, here, frozenset()))


def _under(clause: Token, head: Token, marks: frozenset[str]) -> bool:
    """``clause`` is an adverbial clause of ``head``'s (directly or through one more), introduced by one of
    ``marks`` or by none."""
    token = clause
    for _ in range(2):
        if token.dep_ not in ("advcl", "xcomp") or token.head == token:
            return False
        if {c.lower_ for c in token.children if c.dep_ == "mark"} - marks:
            return False
        token = token.head
        if token == head:
            return True
    return False


def _times_trigger(token: Token | None, anchor: Token) -> bool:
    """A date in the trigger's reach or in a clause that encloses it ("attacked on Tuesday, killing 21"),
    not one that belongs to another noun ("hours after this week's siege") or a side clause."""
    if token is None:
        return False
    if token.dep_ == "poss" and token.head != anchor:
        return False
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and token.head != anchor:
        return False  # "Monday was declared a day of mourning for the victims of the unrest"
    if _in_reach(token, anchor):
        return True
    # a clause that encloses the trigger's: "attacked on Tuesday, killing 21", "violence that began on
    # March 6 in the region, where forces clashed"; not one that only reports or declares it ("Monday was
    # declared a day of mourning for the victims of the unrest")
    outer = clause_verb(token)
    return outer in anchor.ancestors and outer.lemma_.lower() not in SPEECH_VERBS


def _in_reach(token: Token | None, anchor: Token) -> bool:
    """The token is an argument of the trigger or of its clause, or shares the trigger's clause."""
    if token is None:
        return False
    if is_related(token, anchor):
        return True
    if not any(t.pos_ in ("VERB", "AUX") for t in anchor.sent):
        return True  # a headline or caption fragment with no verb: its places all belong to it
    return clause_verb(token) == clause_verb(anchor)


def pick_actors(
    anchor: Token,
    sent: Span,
    mentions: Sequence,  # type: ignore[type-arg]
    focus: str | None,
    *,
    toll: bool = False,
) -> list[Actor]:
    """actor1 is who acts (subject, "by" agent, a possessor or modifier of a nominal trigger), actor2 who is
    acted on (object, passive subject, "on"/"against" object); both read from the parse."""
    doc = sent.doc
    roles = role_tokens(anchor, toll=toll)
    found: list[Actor] = []
    covered: set[int] = set()
    for m in mentions:
        if not (sent.start_char <= m.start < sent.end_char):
            continue
        token = token_at(doc, m.start, m.end)
        if token is None:
            continue
        role = _role_of(token, roles)
        if role is None:
            continue
        found.append(Actor(m.name, role, m.type, m.country_code))
        covered.update(range(token.i - 3, token.i + 4))
    # Nobody named the actor (the actors stage found nothing there): generic nouns still say who acted.
    for key, tokens in roles.items():
        generic_role: ActorRole = "actor1" if key == "actor1" else "actor2"
        for token in tokens:
            kind = STATE_WORDS.get(token.lemma_.lower())
            if kind is None or token.i in covered:
                continue
            name = token.lemma_.lower().capitalize()
            found.append(Actor(name, generic_role, kind, focus if kind == "State forces" else None))
            covered.update(range(token.i - 3, token.i + 4))
    return dedupe_actors(found)


def role_tokens(anchor: Token, *, toll: bool = False) -> dict[str, list[Token]]:
    verb = clause_verb(anchor)
    actor1: list[Token] = []
    actor2: list[Token] = []
    nominal = is_nominal(anchor)
    heads = [anchor] if nominal else []
    before = anchor.doc[anchor.i - 1] if anchor.i > 0 else None
    if nominal and before is not None and before.pos_ in ("NOUN", "PROPN") and anchor.head.i == before.i:
        # "killed in police firing", parsed as "police" modified by "firing": still the police's firing
        actor1.append(before)
    # "police recovered eight bodies": whoever handles a toll word's bodies did not kill them.
    if not (toll and nominal and verb.lemma_.lower() not in KILL_VERBS):
        heads.append(verb)
    for head in heads:
        for child in head.children:
            dep = child.dep_
            if dep in ("nsubj", "csubj") or (
                nominal and head == anchor and dep in ("compound", "poss", "nmod")
            ):
                actor1.extend(_heads_of(child))
            elif dep == "agent":
                actor1.extend(t for c in child.children for t in _heads_of(c))
            elif dep in ("dobj", "nsubjpass", "attr") and child != anchor:
                actor2.extend(_heads_of(child))
            elif dep == "prep" and not _names_a_time(child) and (
                child.lower_ in ("on", "against", "at", "upon")
                # "the killing of 33 fighters": who suffered it
                or (child.lower_ == "of" and nominal and head == anchor and _done_to(anchor))
            ):
                actor2.extend(t for c in child.children for t in _heads_of(c))
            elif (dep == "prep" and child.lower_ in ("between", "with") and head == anchor) or (
                dep == "prep" and child.lower_ in ("by", "of") and nominal and head == anchor
            ):
                actor1.extend(t for c in child.children for t in _heads_of(c))
    return {"actor1": actor1, "actor2": actor2}


def _names_a_time(prep: Token) -> bool:
    """ "on Monday", "at dawn": a preposition that dates or times, not one that names who was acted on."""
    return any(c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _done_to(anchor: Token) -> bool:
    return anchor.lower_ in PATIENT_NOUNS or anchor.lemma_.lower() in PATIENT_NOUNS


def _heads_of(token: Token) -> list[Token]:
    """A noun phrase's head and the heads of its conjuncts and modifiers ("police and soldiers")."""
    out = [token]
    out.extend(c for c in token.children if c.dep_ in ("compound", "amod", "conj"))
    return out


def _role_of(token: Token, roles: dict[str, list[Token]]) -> ActorRole | None:
    role: ActorRole
    for role in ("actor1", "actor2"):
        if any(token.i == t.i or token in t.subtree for t in roles[role]):
            return role
    return None


def dedupe_actors(actors: Iterable[Actor]) -> list[Actor]:
    seen: dict[tuple[str, str], Actor] = {}
    for actor in actors:
        seen.setdefault((actor.name, actor.role), actor)
    return list(seen.values())


def issue_span(anchor: Token) -> tuple[int, int] | None:
    """What a protest is about: "over fuel prices", "against the law", "triggered by a price rise"."""
    verb = clause_verb(anchor)
    for head in (anchor, verb):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ISSUE_PREPS and child.i > anchor.i:
                sub = list(child.subtree)
                return sub[0].idx, sub[-1].idx + len(sub[-1].text)
            if child.dep_ == "acl" and child.lemma_.lower() in (
                "trigger",
                "spark",
                "prompt",
                "cause",
                "demand",
            ):
                sub = list(child.subtree)
                return sub[0].idx, sub[-1].idx + len(sub[-1].text)
    return None


def location_of(
    place: Place | None, focus: str | None, places: Sequence[Place], *, one_town: bool = False
) -> Location | None:
    """Where an event happened. With ``one_town``, an event placed only by its country or region takes the one
    town the article names there, at geo_precision 2 (a guess from the article, not the event's own words)."""
    code = place.country_code if place is not None else focus
    if one_town and code is not None and (place is None or place.precision == 3):
        # Placed only by its country or region: the one town the article names there is finer (issue 16).
        town = sole_town(places, code, place.admin1 if place is not None else None)
        if town is not None:
            place = replace(town, precision=2)
    if place is not None and place.country_code:
        return Location(
            place.name,
            place.country_code,
            place.admin1,
            place.lat,
            place.lon,
            place.geonames_id,
            place.precision,
            place.admin2,
        )
    if focus is None:
        return None
    return country_location(focus, places)


def country_location(code: str, places: Sequence[Place]) -> Location | None:
    """The country as a whole (ACLED geo_precision 3): its own place in the text, else its reference point."""
    for place in places:
        if place.country_code == code and place.feature == "A" and place.precision == 3:
            return Location(place.name, code, None, place.lat, place.lon, place.geonames_id, 3)
    point = country_point(code)
    if point is None:
        return None
    name, lat, lon, geonames_id = point
    return Location(name, code, None, lat, lon, geonames_id, 3)


def accepts(sub: SubEventType, category: str) -> bool:
    if category in ("killed", "injured"):
        return is_harmful(sub)
    if category == "protesters":
        return sub.event_type in ("Protests", "Riots")
    return sub.name in COUNT_TARGETS.get(category, frozenset())


def attach_counts(mentions: Sequence[Mention], counts: Sequence) -> None:  # type: ignore[type-arg]
    """Give each count to the nearest mention in its sentence that can hold its category."""
    if not mentions:
        return
    doc = mentions[0].sent.doc
    for count in counts:
        token = token_at(doc, count.number_start, count.number_end)
        if token is None:
            continue
        options = [
            m for m in mentions if m.sent.start <= token.i < m.sent.end and accepts(m.sub, count.category)
        ]
        if not options:
            continue

        def rank(m: Mention, token: Token = token) -> tuple[int, int]:
            return (0 if is_related(token, m.anchor) else 1, abs(token.i - m.trigger.anchor))

        min(options, key=rank).counts.append(count)


def fallback_killed(mention: Mention) -> int | None:
    """ "police shot dead a youth": one victim named in the singular counts as one death."""
    if not is_harmful(mention.sub):
        return None
    for token in mention.sent:
        lemma = token.lemma_.lower()
        if lemma not in KILL_VERBS or token.pos_ != "VERB":
            continue
        if lemma == "shoot" and not any(c.lower_ == "dead" for c in token.children):
            continue
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.tag_ in ("NN", "NNP") and _one(child):
                return 1
    return None


def one_person_held(mention: Mention) -> bool:
    """ "police arrested a journalist", "Zamora was jailed", "X has been in custody since": an arrest of one
    named or singular person counts as one arrested."""
    if mention.sub.name != "Arrests":
        return False
    anchor = mention.anchor
    held = list(role_tokens(anchor)["actor2"])
    verb = clause_verb(anchor)
    if not held and is_nominal(anchor) and anchor.dep_ == "pobj":  # "X returned to prison": who is there
        held = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads = [t for t in held if t.dep_ not in ("compound", "amod")]
    if len(heads) != 1:
        return False
    noun = heads[0]
    if any(c.dep_ == "conj" for c in noun.children) or noun.tag_ in ("NNS", "NNPS"):
        return False
    if noun.ent_type_ == "PERSON" or (noun.tag_ == "NNP" and noun.ent_type_ in ("PERSON", "ORG", "")):
        return True
    return noun.tag_ == "NN" and _one(noun) and noun.lemma_.lower() in PERSON_NOUNS


def _one(noun: Token) -> bool:
    return any(d.lower_ in ("a", "an", "one") for d in noun.children if d.dep_ in ("det", "nummod"))
