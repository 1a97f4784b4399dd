"""Finding events in a parsed article: triggers, then their arguments, then one event per happening.

The steps, each a small function over the Doc and the earlier stages' results:
1. triggers from the lexicon, sentence by sentence (page furniture skipped, captions kept);
2. a toll word ("killed", "dead") is not an event of its own when its sentence already names the violence;
3. background is dropped: history ("the worst unrest since independence"), anniversaries, old dates;
4. arguments: modality from the parse and the claims, actors from ``ne_actors`` by syntax, the date
   governing the trigger, the place in its clause (else the article's focus country), counts by category;
5. repeated mentions of one happening (same sub-event type, place and day) merge into one event that keeps
   every mention's evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsevents.events.lexicon import Lexicon, TriggerMatch, find_triggers, topic_tokens
from newsevents.events.ontology import Ontology, SubEventType
from newsevents.model import (
    COUNT_FIELDS,
    Actor,
    ActorRole,
    Claim,
    Counts,
    DateMention,
    DateSpan,
    Event,
    Evidence,
    Location,
    Modality,
    Place,
    Plover,
)
from newsevents.pipeline.doc import published_date, zone_kind_at

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
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
NEGATIONS = frozenset({"not", "never", "n't", "no", "neither", "nor", "without"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "can", "must"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
PLAN_VERBS = frozenset(
    {
        "plan",
        "intend",
        "vow",
        "threaten",
        "pledge",
        "promise",
        "prepare",
        "aim",
        "want",
        "seek",
        "hope",
        "decide",
        "agree",
        "propose",
        "expect",
        "schedule",
        "call",
        "urge",
        "demand",
        "warn",
        "consider",
        "announce",
    }
)
# Heads whose "to" infinitive reports what happened ("managed to arrest", "had to open fire").
IMPLICATIVE_VERBS = frozenset(
    {
        "manage",
        "succeed",
        "begin",
        "start",
        "continue",
        "have",
        "force",
        "compel",
        "help",
        "go",
        "come",
        "use",
        "resort",
        "proceed",
        "oblige",
        "dare",
        "get",
        "tend",
        "seem",
        "appear",
    }
)
WISH_VERBS = frozenset({"want", "wish", "demand", "ask", "urge", "seek", "need", "like"})
FAIL_VERBS = frozenset({"fail", "refuse", "decline", "neglect"})
# Words under which an offence is what a prosecutor or court names ("accused of killing", "charged with
# kidnapping", "murder charges"), not an event the report tells of.
LEGAL_HEADS = frozenset({"accuse", "charge", "convict", "indict", "acquit", "prosecute", "guilty", "allege"})
LEGAL_NOUNS = frozenset({"charge", "trial", "conviction", "indictment", "verdict", "allegation"})
# The path from a nominal trigger up to the verb that governs it ("urged Russia to accept a ceasefire").
GOVERNED_DEPS = frozenset({"dobj", "pobj", "pcomp", "prep", "conj"})
PLAN_NOUNS = frozenset(
    {
        "demand",
        "call",
        "arrangement",
        "preparation",
        "permission",
        "time",
        "plan",
        "plea",
        "order",
        "instruction",
        "direction",
        "need",
        "bid",
        "request",
        "appeal",
    }
)
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "across",
        "outside",
        "inside",
        "around",
        "to",
        "into",
        "throughout",
        "towards",
        "toward",
        "within",
        "along",
        "on",
        "from",
        "off",
        "between",
        "outskirts",
    }
)
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "province",
        "district",
        "region",
        "area",
        "state",
        "capital",
        "county",
        "outskirts",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "part",
        "centre",
        "center",
        "north",
        "south",
        "east",
        "west",
    }
)
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "add",
        "claim",
        "confirm",
        "write",
        "tweet",
        "declare",
        "note",
    }
)
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
SUPERLATIVES = frozenset(
    {"worst", "biggest", "largest", "deadliest", "bloodiest", "first", "last", "previous", "past"}
)
ISSUE_PREPS = frozenset({"over", "against", "about", "for"})
STATE_WORDS = {
    "police": "State forces",
    "policeman": "State forces",
    "policemen": "State forces",
    "cop": "State forces",
    "troop": "State forces",
    "soldier": "State forces",
    "army": "State forces",
    "military": "State forces",
    "jawan": "State forces",
    "paramilitary": "State forces",
    "commando": "State forces",
    "gendarme": "State forces",
    "constable": "State forces",
    "force": "State forces",
    "protester": "Protesters",
    "demonstrator": "Protesters",
    "protestor": "Protesters",
    "rioter": "Rioters",
    "mob": "Rioters",
    "civilian": "Civilians",
    "villager": "Civilians",
    "resident": "Civilians",
    "student": "Civilians",
    "rebel": "Rebel groups",
    "insurgent": "Rebel groups",
    "militant": "Political militias",
    "gunman": "Political militias",
}
KILL_VERBS = frozenset({"kill", "shoot", "murder", "lynch", "slay", "stab", "behead", "execute", "gun"})
ORGANISED_TYPES = frozenset(
    {"State forces", "Rebel groups", "Political militias", "Identity militias", "External/Other forces"}
)
RIOT_WORDS = frozenset(
    {"riot", "rioter", "rioting", "mob", "communal", "lynch", "arson", "sectarian", "curfew"}
)
# Who, as the target of violence, makes it a battle rather than an attack on civilians (police are left out:
# attacks on them in riots are riots).
ARMED_TARGETS = frozenset(
    {
        "soldier",
        "troop",
        "army",
        "military",
        "militant",
        "terrorist",
        "insurgent",
        "rebel",
        "fighter",
        "jihadist",
        "guerrilla",
        "militia",
        "militiaman",
        "base",
        "checkpoint",
        "outpost",
        "barrack",
        "convoy",
        "garrison",
        "position",
        "stronghold",
        "serviceman",
        "personnel",
        "paratrooper",
        "commando",
        "peacekeeper",
    }
)
VAGUE_TOLLS = frozenset({"hundreds", "thousands", "millions", "lakhs", "scores", "tens"})
BASE_ZONE_FACTOR = {"body": 1.0, "headline": 0.9, "caption": 0.8}


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the earlier stages found, read once per document."""

    places: tuple[Place, ...]
    dates: tuple[DateMention, ...]
    counts: tuple = ()  # type: ignore[type-arg]  # pipeline.counts.CountMention
    actors: tuple = ()  # type: ignore[type-arg]  # pipeline.actors.ActorMention
    claims: tuple[Claim, ...] = ()
    published: dt.date | None = None
    focus: str | None = None


@dataclass
class Mention:
    """One trigger occurrence with its arguments, before repeated mentions are merged."""

    sub: SubEventType
    plover: Plover
    trigger: TriggerMatch
    sent: Span
    zone: str
    modality: Modality
    source_claim: int | None
    weight: float
    actors: list[Actor] = field(default_factory=list)
    date: DateMention | None = None
    place: Place | None = None
    counts: list = field(default_factory=list)  # type: ignore[type-arg]
    extra_evidence: list[tuple[int, int]] = field(default_factory=list)

    @property
    def anchor(self) -> Token:
        return self.sent.doc[self.trigger.anchor]

    @property
    def start_char(self) -> int:
        doc = self.sent.doc
        return int(doc[self.trigger.start].idx)


def read_inputs(doc: Doc) -> Inputs:
    def stage(attr: str) -> tuple:  # type: ignore[type-arg]
        return tuple(getattr(doc._, attr)) if doc.has_extension(attr) else ()

    places = stage("ne_places")
    return Inputs(
        places=places,
        dates=stage("ne_dates"),
        counts=stage("ne_counts"),
        actors=stage("ne_actors"),
        claims=stage("ne_claims"),
        published=published_date(doc),
        focus=focus_country(doc, places),
    )


def focus_country(doc: Doc, places: Sequence[Place]) -> str | None:
    """The country the article is mostly about: its places' countries, headline mentions counting double."""
    votes: Counter[str] = Counter()
    for place in places:
        if not place.country_code:
            continue
        kind = zone_kind_at(doc, place.start)
        if kind == "furniture":
            continue
        votes[place.country_code] += 2 if kind == "headline" else 1
    return votes.most_common(1)[0][0] if votes else None


# --- 1-3: triggers and what is not a new event ----------------------------------------------------------


def sentence_triggers(sent: Span, lexicon: Lexicon, ontology: Ontology) -> list[TriggerMatch]:
    triggers = [t for t in find_triggers(sent, lexicon) if ontology.lookup(t.reading.sub) is not None]
    # A toll word only reports the outcome of violence its sentence names: the toll goes to that event.
    # What people protest about ("over the police shooting of a man") is the protest's cause, told as
    # background: not a new event of this report.
    topics: set[int] = set()
    for t in triggers:
        if t.rule.topic_blind:
            topics |= topic_tokens(sent.doc[t.anchor])
    triggers = [t for t in triggers if t.anchor not in topics]
    violent = any(not t.rule.casualty and _is_harmful(ontology.get(t.reading.sub)) for t in triggers)
    return [t for t in triggers if not (t.rule.casualty and violent)]


def _is_harmful(sub: SubEventType) -> bool:
    return sub.event_type in VIOLENT_TYPES or sub.name in HARM_SUBTYPES


def is_background(
    doc: Doc, trigger: TriggerMatch, date: DateMention | None, published: dt.date | None
) -> bool:
    """History and comparisons are context, not news: "the worst unrest since independence", "last year's
    protests", "the 2019 bombing", "30 years ago"."""
    anchor = doc[trigger.anchor]
    sent = anchor.sent
    lemmas = {t.lemma_.lower() for t in sent}
    modifiers = {c.lower_ for c in anchor.children if c.dep_ in ("amod", "poss", "nmod", "compound", "det")}
    if modifiers & SUPERLATIVES and lemmas & {"since", "ever", "decade", "history"}:
        return True
    for child in anchor.children:
        if child.dep_ == "poss" and child.lemma_.lower() in {"year", "month", "decade"}:
            return True
    if "anniversary" in lemmas or "commemorate" in lemmas:
        return True
    return bool(date is not None and published is not None and _long_before(date, published))


def _long_before(date: DateMention, published: dt.date) -> bool:
    try:
        year = int(date.value[:4])
    except ValueError:
        return False
    if date.precision == "year":
        return year < published.year
    try:
        day = dt.date.fromisoformat(date.value[:10]) if date.precision == "day" else dt.date(year, 12, 31)
    except ValueError:
        return False
    return (published - day).days > 60


# --- 4: arguments ---------------------------------------------------------------------------------------


def clause_verb(anchor: Token) -> Token:
    """The verb whose clause holds the trigger: the trigger itself when it is a verb."""
    token = anchor
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return token
        token = token.head
    return token


def modality_of(anchor: Token, claims: Sequence[Claim]) -> tuple[Modality, int | None]:
    claim = claim_index(anchor.idx, claims)
    verb = clause_verb(anchor)
    scope = [anchor, verb]
    if verb.dep_ in ("xcomp", "ccomp", "conj") and verb.head is not verb:
        scope.append(verb.head)
    children = [c for s in scope for c in s.children]
    lowers = {c.lower_ for c in children}
    if (
        any(c.dep_ == "neg" for c in children)
        or (
            lowers & NEGATIONS
            and any(c.dep_ in ("neg", "det", "advmod") for c in children if c.lower_ in NEGATIONS)
        )
        or _nobody(verb)
        or _infinitive_under(verb, FAIL_VERBS)
    ):
        return "negated", claim
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & HYPOTHETICAL_MARKS or aux & HYPOTHETICAL_AUX:
        return "hypothetical", claim
    if (
        aux & FUTURE_AUX
        or ("would" in aux and not marks)
        or _planned(verb)
        or _demanded(anchor)
        or _wanted(anchor)
    ):
        return "planned", claim
    if claim is not None:
        return "claimed", claim
    return "asserted", None


def _planned(verb: Token) -> bool:
    """ "vowed to leave", "plans to deploy", "orders to arrest", "sent to retake": the trigger is what
    someone means to do. "managed to", "had to" and "were forced to" report what was done."""
    verb = first_conjunct(verb)
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in PLAN_VERBS:
        return True
    if verb.dep_ == "ccomp" and head.lemma_.lower() in WISH_VERBS and verb.tag_ in ("VBN", "VB"):
        return True  # "wants Modi booked under the act"
    if not _infinitive_under(verb, None):
        return False
    # "police had to open fire" reports the firing; "we have to arrest the guilty" only an obligation
    lemma = head.lemma_.lower()
    if lemma == "have":
        return head.tag_ != "VBD"
    return lemma not in IMPLICATIVE_VERBS | FAIL_VERBS


def first_conjunct(token: Token) -> Token:
    """ "directed to act tough and nab them": a conjunct shares its first conjunct's place in the clause."""
    for _ in range(4):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def _infinitive_under(verb: Token, heads: frozenset[str] | None) -> bool:
    """A "to" infinitive governed by another word (of the given lemmas, when named)."""
    verb = first_conjunct(verb)
    if verb.dep_ not in ("xcomp", "acl", "advcl", "ccomp", "relcl") or verb.head.i == verb.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return heads is None or verb.head.lemma_.lower() in heads


def _nobody(verb: Token) -> bool:
    """ "nobody was arrested", "no one was hurt", "police detained none"."""
    for child in verb.children:
        if child.dep_ not in ("nsubjpass", "nsubj", "dobj"):
            continue
        # endswith: a curly quote mis-decoded as text can stick to the word ("â€œnobody")
        if (
            child.lower_ == "none"
            or child.lower_.endswith(("nobody", "noone"))
            or (child.lower_ == "one" and any(d.lower_ == "no" for d in child.children))
        ):
            return True
    return False


def _wanted(anchor: Token) -> bool:
    """ "urged Russia to accept a ceasefire", "called for Russia to reciprocate by agreeing to a truce": a
    trigger inside the object of what someone urges or plans is wanted, not done."""
    token = anchor
    for _ in range(5):
        if token.dep_ not in GOVERNED_DEPS or token.head is token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token is not anchor and _planned(token):
            return True
    return False


def is_legal_charge(anchor: Token) -> bool:
    """ "accused of killing", "charged with robbing and kidnapping", "murder charges", "on trial for the
    bombing": the offence a prosecutor or court names, not an event this report tells of."""
    token = first_conjunct(anchor)
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.lower_ in ("of", "with", "for"):
        return head.head.lemma_.lower() in LEGAL_HEADS | LEGAL_NOUNS
    return token.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in LEGAL_NOUNS


def _demanded(anchor: Token) -> bool:
    """ "demanded the arrest of", "calls for the release of", "a demand for action": a nominal trigger
    that names what someone wants done, not what happened."""
    if not _nominal(anchor):
        return False
    anchor = first_conjunct(anchor)
    head = anchor.head
    if anchor.dep_ in ("pobj", "pcomp") and head.lower_ == "for":
        head = head.head
    elif anchor.dep_ not in ("dobj", "nsubjpass", "attr"):
        return False
    return head.i != anchor.i and head.lemma_.lower() in PLAN_VERBS | PLAN_NOUNS


def claim_index(offset: int, claims: Sequence[Claim]) -> int | None:
    for i, claim in enumerate(claims):
        start, end = claim.content_span
        if start <= offset < end:
            return i
    return None


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _related(token: Token, anchor: Token) -> bool:
    verb = clause_verb(anchor)
    return anchor in token.ancestors or verb in token.ancestors or token in anchor.ancestors


def _on_speech_verb(doc: Doc, date: DateMention, anchor: Token) -> bool:
    """ "..., authorities said on Monday": the day of the report, not of the event."""
    token = _token_at(doc, date.start, date.end)
    if token is None:
        return False
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None
        and verb.lemma_.lower() in SPEECH_VERBS
        and verb not in anchor.ancestors
        and verb is not anchor
    )


def pick_date(anchor: Token, sent: Span, dates: Sequence[DateMention]) -> DateMention | None:
    """The date governed by the trigger's clause, else the nearest date in the sentence."""
    doc = sent.doc
    inside = [
        d for d in dates if sent.start_char <= d.start < sent.end_char and not _on_speech_verb(doc, d, anchor)
    ]
    if not inside:
        return None

    def rank(d: DateMention) -> tuple[int, int]:
        token = _token_at(doc, d.start, d.end)
        related = token is not None and _related(token, anchor)
        return (0 if related else 1, abs(d.start - anchor.idx))

    return min(inside, key=rank)


def is_locative(token: Token) -> bool:
    """A place named as where something happens ("in Almaty", "near the town of X", "sent to Kazakhstan"),
    not as part of a name or an actor ("the Moscow-led alliance", "Kazakhstan's Interior Ministry")."""
    for t in (token, *list(token.ancestors)[:3]):
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS:
            return True
        if t.dep_ in ("poss", "amod", "nsubj", "nsubjpass", "npadvmod") or (
            t.dep_ == "compound" and t.head.pos_ != "PROPN"
        ):
            return False
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in PLACE_NOUNS:
            continue
        if t.dep_ not in ("compound", "appos", "pobj", "prep", "conj"):
            return False
    return False


def pick_place(anchor: Token, sent: Span, places: Sequence[Place]) -> Place | None:
    """The place governed by the trigger's clause, else the nearest place named as a location."""
    doc = sent.doc
    inside = []
    for p in places:
        if not (sent.start_char <= p.start < sent.end_char and p.country_code) or p.usage != "literal":
            continue
        token = _token_at(doc, p.start, p.end)
        if token is not None and is_locative(token):
            inside.append(p)
    if not inside:
        return None

    def rank(p: Place) -> tuple[int, int, int]:
        token = _token_at(doc, p.start, p.end)
        related = token is not None and _related(token, anchor)
        return (0 if related else 1, p.precision, abs(p.start - anchor.idx))

    return min(inside, key=rank)


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
    roles = _role_tokens(anchor, toll=toll)
    found: list[Actor] = []
    covered: set[int] = set()
    for m in mentions:
        if not (sent.start_char <= m.start < sent.end_char):
            continue
        token = _token_at(doc, m.start, m.end)
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
    return _dedupe_actors(found)


def _role_tokens(anchor: Token, *, toll: bool = False) -> dict[str, list[Token]]:
    verb = clause_verb(anchor)
    actor1: list[Token] = []
    actor2: list[Token] = []
    nominal = _nominal(anchor)
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
                nominal and head is anchor and dep in ("compound", "poss", "nmod")
            ):
                actor1.extend(_heads_of(child))
            elif dep == "agent":
                actor1.extend(t for c in child.children for t in _heads_of(c))
            elif dep in ("dobj", "nsubjpass", "attr") and child is not anchor:
                actor2.extend(_heads_of(child))
            elif dep == "prep" and child.lower_ in ("on", "against", "at", "upon"):
                actor2.extend(t for c in child.children for t in _heads_of(c))
            elif (dep == "prep" and child.lower_ in ("between", "with") and head is anchor) or (
                dep == "prep" and child.lower_ in ("by", "of") and nominal and head is anchor
            ):
                actor1.extend(t for c in child.children for t in _heads_of(c))
    return {"actor1": actor1, "actor2": actor2}


def _nominal(anchor: Token) -> bool:
    """A noun, or a gerund used as one ("police firing", "the shelling of the town")."""
    if anchor.pos_ in ("NOUN", "PROPN"):
        return True
    return anchor.tag_ == "VBG" and (
        anchor.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "acl")
        or any(c.dep_ in ("compound", "poss", "det") for c in anchor.children)
    )


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


def _dedupe_actors(actors: Iterable[Actor]) -> list[Actor]:
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


def location_of(place: Place | None, focus: str | None, places: Sequence[Place]) -> Location | None:
    if place is not None and place.country_code:
        return Location(
            place.name,
            place.country_code,
            place.admin1,
            place.lat,
            place.lon,
            place.geonames_id,
            place.precision,
        )
    if focus is None:
        return None
    return country_location(focus, places)


def country_location(code: str, places: Sequence[Place]) -> Location | None:
    """The country as a whole (ACLED geo_precision 3): its own place in the text, else its reference point."""
    for place in places:
        if place.country_code == code and place.feature == "A" and place.precision == 3:
            return Location(place.name, code, None, place.lat, place.lon, place.geonames_id, 3)
    from newsevents.events.geo import country_point

    point = country_point(code)
    if point is None:
        return None
    name, lat, lon, geonames_id = point
    return Location(name, code, None, lat, lon, geonames_id, 3)


# --- counts ---------------------------------------------------------------------------------------------


def accepts(sub: SubEventType, category: str) -> bool:
    if category in ("killed", "injured"):
        return _is_harmful(sub)
    if category == "protesters":
        return sub.event_type in ("Protests", "Riots")
    return sub.name in COUNT_TARGETS.get(category, frozenset())


def attach_counts(mentions: Sequence[Mention], counts: Sequence) -> None:  # type: ignore[type-arg]
    """Give each count to the nearest mention in its sentence that can hold its category."""
    if not mentions:
        return
    doc = mentions[0].sent.doc
    for count in counts:
        token = _token_at(doc, count.number_start, count.number_end)
        if token is None:
            continue
        options = [
            m for m in mentions if m.sent.start <= token.i < m.sent.end and accepts(m.sub, count.category)
        ]
        if not options:
            continue

        def rank(m: Mention, token: Token = token) -> tuple[int, int]:
            return (0 if _related(token, m.anchor) else 1, abs(token.i - m.trigger.anchor))

        min(options, key=rank).counts.append(count)


def fallback_killed(mention: Mention) -> int | None:
    """ "police shot dead a youth": one victim named in the singular counts as one death."""
    if not _is_harmful(mention.sub):
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


def _one(noun: Token) -> bool:
    return any(d.lower_ in ("a", "an", "one") for d in noun.children if d.dep_ in ("det", "nummod"))


def merged_counts(mentions: Sequence[Mention]) -> tuple[Counts, list[tuple[int, int]]]:
    """ACLED's conservative rule: of several figures for one category, the lowest precise one."""
    values: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for category in COUNT_FIELDS:
        found = [c for m in mentions for c in m.counts if c.category == category]
        if not found:
            continue
        precise = [c for c in found if not c.approximate]
        chosen = min(precise or found, key=lambda c: c.value)
        values[category] = chosen.value
        spans.extend((c.start, c.end) for c in found)
    if "killed" not in values:
        ones = [v for m in mentions if (v := fallback_killed(m)) is not None]
        if ones:
            values["killed"] = 1
    return Counts(**values), spans


# --- putting it together -------------------------------------------------------------------------------


def segments(doc: Doc) -> list[Span]:
    """Sentences, cut again at line breaks: a headline or caption never shares a sentence with the body."""
    out: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text or (token.is_space and "\n" in token.whitespace_):
                if token.i > start:
                    out.append(doc[start : token.i])
                start = token.i + 1
            elif "\n" in token.whitespace_:
                out.append(doc[start : token.i + 1])
                start = token.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [s for s in out if s.text.strip()]


def find_mentions(doc: Doc, lexicon: Lexicon, ontology: Ontology, inputs: Inputs) -> list[Mention]:
    mentions: list[Mention] = []
    for sent in segments(doc):
        zone = zone_kind_at(doc, sent.start_char)
        if zone == "furniture" or not sent.text.strip():
            continue
        found: list[Mention] = []
        for trigger in sentence_triggers(sent, lexicon, ontology):
            anchor = doc[trigger.anchor]
            date = pick_date(anchor, sent, inputs.dates)
            if is_background(doc, trigger, date, inputs.published) or is_legal_charge(anchor):
                continue
            found.append(_mention(doc, trigger, sent, zone, date, ontology, inputs))
        attach_counts(found, [c for c in inputs.counts if sent.start_char <= c.number_start < sent.end_char])
        mentions.extend(m for m in found if not is_summary_toll(m))
    clash = ontology.get("Armed clash")
    for m in mentions:
        if m.sub.name == "Attack" and armed_target(m):
            m.sub, m.plover = clash, clash.plover
    if is_riot_story(doc):
        mob = ontology.get("Mob violence")
        for m in mentions:
            if m.sub.name == "Attack" and not any(
                a.role == "actor1" and a.type in ORGANISED_TYPES for a in m.actors
            ):
                m.sub, m.plover = mob, mob.plover
    return mentions


def armed_target(mention: Mention) -> bool:
    """ACLED's line between an attack and a battle: violence against soldiers, fighters or their bases
    is fighting between armed sides, violence against unarmed people an attack. Crowds and rioters who
    attack are left to the riot rules."""
    if any(a.role == "actor1" and a.type in ("Rioters", "Protesters") for a in mention.actors):
        return False
    if any(a.role == "actor2" and a.type in ORGANISED_TYPES - {"State forces"} for a in mention.actors):
        return True
    targets = _role_tokens(mention.anchor, toll=mention.trigger.rule.casualty)["actor2"]
    words = {t.lemma_.lower() for t in targets}
    words |= {g.lemma_.lower() for t in targets for c in t.children if c.lower_ == "of" for g in c.children}
    return bool(words & ARMED_TARGETS)


def is_summary_toll(mention: Mention) -> bool:
    """ "hundreds of people have lost their lives": a toll word counted only in vague hundreds or thousands
    sums up a whole conflict; it is not one event."""
    if not mention.trigger.rule.casualty:
        return False
    killed = [c for c in mention.counts if c.category == "killed"]
    text = mention.sent.doc.text
    return bool(killed) and all(text[c.number_start : c.number_end].lower() in VAGUE_TOLLS for c in killed)


def is_riot_story(doc: Doc) -> bool:
    """An article about rioting: killings with no organised perpetrator named are the mob's (ACLED codes
    violence against civilians only when an organised armed group commits it)."""
    return sum(1 for t in doc if t.lemma_.lower() in RIOT_WORDS) >= 2


def _mention(
    doc: Doc,
    trigger: TriggerMatch,
    sent: Span,
    zone: str,
    date: DateMention | None,
    ontology: Ontology,
    inputs: Inputs,
) -> Mention:
    anchor = doc[trigger.anchor]
    sub = ontology.get(trigger.reading.sub)
    modality, claim = modality_of(anchor, inputs.claims)
    mention = Mention(
        sub=sub,
        plover=trigger.reading.plover or sub.plover,
        trigger=trigger,
        sent=sent,
        zone=zone,
        modality=modality,
        source_claim=claim,
        weight=trigger.reading.weight,
        actors=pick_actors(anchor, sent, inputs.actors, inputs.focus, toll=trigger.rule.casualty),
        date=date,
        place=pick_place(anchor, sent, inputs.places),
    )
    if sub.event_type in ("Protests", "Riots"):
        issue = issue_span(anchor)
        if issue is not None:
            mention.extra_evidence.append(issue)
    return mention


def cluster(mentions: list[Mention], key: object) -> list[list[Mention]]:
    """Group mentions by a value (a place, a day); a mention without one joins the nearest group with one."""
    groups: dict[object, list[Mention]] = {}
    loose: list[Mention] = []
    for m in mentions:
        value = key(m)  # type: ignore[operator]
        (groups.setdefault(value, []) if value is not None else loose).append(m)
    if not groups:
        return [loose] if loose else []
    for m in loose:
        nearest = min(groups.values(), key=lambda g: min(abs(x.start_char - m.start_char) for x in g))
        nearest.append(m)
    return list(groups.values())


def merge_mentions(mentions: list[Mention], focus: str | None) -> list[list[Mention]]:
    """One event per (sub-event type, place, day): repeated mentions of one happening become one event.
    A phone call and a summit are both diplomatic events but not one event: the PLOVER mode tells them
    apart."""
    by_sub: dict[str, list[Mention]] = {}
    for m in mentions:
        country = m.place.country_code if m.place else focus
        by_sub.setdefault(f"{m.sub.name}|{country}|{m.plover.type}|{m.plover.mode}", []).append(m)
    events: list[list[Mention]] = []
    for group in by_sub.values():
        for placed in cluster(group, lambda m: m.place.name if m.place else None):
            events.extend(cluster(placed, lambda m: m.date.value if m.date else None))
    return sorted(events, key=lambda g: min(m.start_char for m in g))


def event_date(mentions: Sequence[Mention], published: dt.date | None) -> DateSpan:
    from newsevents.pipeline.dates import date_span_for

    dated = [m.date for m in mentions if m.date is not None]
    if dated:
        return date_span_for(dated[:1])
    if published is None:
        return DateSpan(None, None, None)
    # Undated news is about the days before publication: ACLED's "within a week" precision.
    day = published.isoformat()
    return DateSpan(day, day, 2)


MODALITY_ORDER: dict[str, int] = {"asserted": 0, "claimed": 1, "planned": 2, "hypothetical": 3, "negated": 4}


def merged_modality(mentions: Sequence[Mention]) -> tuple[Modality, int | None]:
    """The body decides over headlines and captions; one plain assertion makes the event asserted."""
    body = [m for m in mentions if m.zone == "body"] or list(mentions)
    best = min(body, key=lambda m: (MODALITY_ORDER[m.modality], m.start_char))
    claim = (
        best.source_claim
        if best.source_claim is not None
        else next(
            (m.source_claim for m in body if m.source_claim is not None and best.modality != "asserted"), None
        )
    )
    return best.modality, claim


def confidence_of(mentions: Sequence[Mention], location: Location | None, modality: Modality) -> float:
    best = max(m.weight * BASE_ZONE_FACTOR.get(m.zone, 1.0) for m in mentions)
    score = best
    if len(mentions) > 1:
        score += 0.05 * min(len(mentions) - 1, 3)
    if location is None or location.geo_precision == 3:
        score *= 0.95
    if all(m.date is None for m in mentions):
        score *= 0.97
    if modality == "claimed":
        score *= 0.9
    elif modality != "asserted":
        score *= 0.8
    return max(0.0, min(1.0, score))


def build_event(mentions: Sequence[Mention], inputs: Inputs) -> Event:
    first = max(mentions, key=lambda m: m.weight)
    place = next((m.place for m in mentions if m.place is not None), None)
    location = location_of(place, inputs.focus, inputs.places)
    modality, claim = merged_modality(mentions)
    counts, count_spans = merged_counts(mentions)
    spans: set[tuple[int, int]] = set(count_spans)
    doc = first.sent.doc
    for m in mentions:
        spans.add(
            (
                int(doc[m.trigger.start].idx),
                int(doc[m.trigger.end - 1].idx + len(doc[m.trigger.end - 1].text)),
            )
        )
        spans.update(m.extra_evidence)
        if m.date is not None:
            spans.add((m.date.start, m.date.end))
        if m.place is not None:
            spans.add((m.place.start, m.place.end))
    actors = _dedupe_actors(a for m in mentions for a in m.actors)
    return Event(
        event_type=first.sub.event_type,
        sub_event_type=first.sub.name,
        plover=first.plover,
        date=event_date(mentions, inputs.published),
        location=location,
        actors=tuple(actors),
        counts=counts,
        modality=modality,
        evidence=tuple(Evidence(s, e) for s, e in sorted(spans)),
        source_claim=claim,
        confidence=confidence_of(mentions, location, modality),
    )


def detect_events(doc: Doc, lexicon: Lexicon, ontology: Ontology) -> tuple[Event, ...]:
    inputs = read_inputs(doc)
    mentions = find_mentions(doc, lexicon, ontology, inputs)
    return tuple(build_event(group, inputs) for group in merge_mentions(mentions, inputs.focus))


def with_sub_event(event: Event, sub: SubEventType, confidence: float) -> Event:
    return replace(
        event, event_type=sub.event_type, sub_event_type=sub.name, plover=sub.plover, confidence=confidence
    )
