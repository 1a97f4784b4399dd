"""Finding trigger mentions in an article's sentences: triggers from the lexicon, sentence by sentence (page
furniture skipped, captions kept); a toll word is not an event of its own when its sentence already names
the violence; records, comparisons, anniversaries and offences named by a charge are dropped, and history
told with its own old date is kept as background.
Each mention gets its arguments (``arguments``) and modality (``modality``)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from newsevents.events.arguments import (
    VIOLENT_TYPES,
    attach_counts,
    is_harmful,
    issue_span,
    pick_actors,
    pick_date,
    pick_place,
    role_tokens,
)
from newsevents.events.lexicon import Lexicon, TriggerMatch, find_triggers, topic_tokens
from newsevents.events.modality import modality_of
from newsevents.events.ontology import Ontology, SubEventType, load_ontology
from newsevents.events.records import Inputs, Mention
from newsevents.events.syntax import first_conjunct, token_at
from newsevents.events.words import (
    ARMED_TARGETS,
    COMPARATIVES,
    CONFLICT_NOUNS,
    HAZARD_OUTCOMES,
    LEGAL_HEADS,
    LEGAL_NOUNS,
    RIOT_WORDS,
    SUPERLATIVES,
    VAGUE_TOLLS,
)
from newsevents.model import DateMention, zone_kind_at

# Political violence and unrest share one narrative time.
CONFLICT_TYPES = VIOLENT_TYPES | {"Protests"}
# How many sentences after a dated happening an undated one still takes its day.
NARRATIVE_REACH = 3
ORGANISED_TYPES = load_ontology().organised_actor_types  # the codebook's organised armed actors


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
    doc = sent.doc
    violent = [
        doc[t.anchor] for t in triggers if not t.rule.casualty and is_harmful(ontology.get(t.reading.sub))
    ]
    return [
        t
        for t in triggers
        if not (t.rule.casualty and any(not coordinated(doc[t.anchor], v) for v in violent))
    ]


def own_place(doc: Doc, mention: Mention) -> bool:
    """The mention's place hangs from the trigger itself ("the 2004 bombing of a base near Bouake")."""
    assert mention.place is not None
    token = token_at(doc, mention.place.start, mention.place.end)
    return token is not None and mention.anchor in token.ancestors


def narrative_kind(sub: SubEventType) -> str:
    """Kinds of happening that share a narrative's time: political violence and unrest, and each other
    sub-event type on its own."""
    if sub.event_type in CONFLICT_TYPES:
        return "conflict"
    return sub.name


def coordinated(a: Token, b: Token) -> bool:
    """The two words sit in coordinated clauses: the parse path between them passes a conjunction. The toll
    of "attacked a train, killing 21" or "486 deaths, including 84 killed in police firing" belongs to the
    violence; in "killed six attackers who besieged a hotel and later killed 50 in airstrikes" the first
    killing is a happening of its own."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return True
    path = up_a[: up_a.index(common)] + up_b[: up_b.index(common)]
    return any(t.dep_ == "conj" for t in path)


def is_background(
    doc: Doc, trigger: TriggerMatch, date: DateMention | None, published: dt.date | None
) -> bool:
    """History and comparisons are context, not news: "the worst unrest since independence", "last year's
    protests", "the 2019 bombing", "30 years ago"."""
    return is_comparison(doc, trigger) or bool(
        date is not None and published is not None and _long_before(date, published)
    )


def is_comparison(doc: Doc, trigger: TriggerMatch) -> bool:
    """Records, comparisons and anniversaries name no happening of their own: "the worst unrest since
    independence", "last year's protests", "more attacks than any other city", "the anniversary of"."""
    anchor = doc[trigger.anchor]
    sent = anchor.sent
    lemmas = {t.lemma_.lower() for t in sent}
    modifiers = {c.lower_ for c in anchor.children if c.dep_ in ("amod", "poss", "nmod", "compound", "det")}
    if modifiers & SUPERLATIVES and lemmas & {"since", "ever", "decade", "history"}:
        return True
    if modifiers & COMPARATIVES and "than" in lemmas:
        return True
    for child in anchor.children:
        if child.dep_ == "poss" and child.lemma_.lower() in {"year", "month", "decade"}:
            return True
    return "anniversary" in lemmas or "commemorate" in lemmas


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


def is_legal_charge(anchor: Token) -> bool:
    """ "accused of killing", "charged with robbing and kidnapping", "murder charges", "on trial for the
    bombing", "a trial over the bombing": the offence a prosecutor or court names, not an event this report
    tells of."""
    token = first_conjunct(anchor)
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.lower_ in ("of", "with", "for", "over"):
        return head.head.lemma_.lower() in LEGAL_HEADS | LEGAL_NOUNS
    return token.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in LEGAL_NOUNS


def find_mentions(doc: Doc, lexicon: Lexicon, ontology: Ontology, inputs: Inputs) -> list[Mention]:
    mentions: list[Mention] = []
    narrative: dict[str, tuple[int, DateMention]] = {}  # kind -> where and at what day one was last told
    for index, sent in enumerate(segments(doc)):
        zone = zone_kind_at(inputs.zones, sent.start_char)
        if zone == "furniture" or not sent.text.strip():
            continue
        found: list[Mention] = []
        for trigger in sentence_triggers(sent, lexicon, ontology):
            anchor = doc[trigger.anchor]
            date = pick_date(anchor, sent, inputs.dates)
            if is_comparison(doc, trigger) or is_legal_charge(anchor):
                continue
            mention = _mention(doc, trigger, sent, zone, date, ontology, inputs)
            # History told with its own old date is kept at that date, marked as background; a place of the
            # clause that tells it now ("a trial opened in Paris over the 2004 bombing") is not where it was
            mention.background = is_background(doc, trigger, date, inputs.published)
            if mention.background and mention.place is not None and not own_place(doc, mention):
                mention.place = None
            found.append(mention)
        attach_counts(found, [c for c in inputs.counts if sent.start_char <= c.number_start < sent.end_char])
        found = [m for m in found if not is_summary_toll(m)]
        if zone == "body":
            # Told without a day of its own, a happening takes the narrative's: the day of the latest
            # happening of its kind told just before it ("attacked a train on Tuesday. ... The army killed
            # 33.")
            for m in found:
                kind = narrative_kind(m.sub)
                if m.date is None and kind in narrative and index - narrative[kind][0] <= NARRATIVE_REACH:
                    m.date, m.narrative_date = narrative[kind][1], True
            for m in found:
                told = m.date is not None and not (m.background or m.narrative_date)
                if told and m.date is not None and m.date.precision == "day":
                    narrative[narrative_kind(m.sub)] = (index, m.date)
        mentions.extend(found)
    clash = ontology.get("Armed clash")
    for m in mentions:
        if m.sub.name == "Attack" and armed_target(m):
            m.sub, m.plover = clash, clash.plover
    natural = [m for m in mentions if m.sub.name == "Natural disaster"]
    if len(natural) >= 2:
        # what the storm did is part of the storm, and so are the deaths and injuries no one caused
        for m in mentions:
            outcome = m.anchor.lemma_.lower() in HAZARD_OUTCOMES or m.anchor.lower_ in HAZARD_OUTCOMES
            toll = m.trigger.rule.casualty and m.sub.name == "Attack"  # deaths and injuries nobody inflicted
            if (m.sub.name == "Man-made disaster" and outcome) or toll:
                m.sub, m.plover = natural[0].sub, natural[0].plover
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
    targets = role_tokens(mention.anchor, toll=mention.trigger.rule.casualty)["actor2"]
    words = {t.lemma_.lower() for t in targets}
    words |= {g.lemma_.lower() for t in targets for c in t.children if c.lower_ == "of" for g in c.children}
    return bool(words & ARMED_TARGETS)


def is_summary_toll(mention: Mention) -> bool:
    """ "hundreds of people have lost their lives", "the war that killed 100,000": a toll counted only in
    vague hundreds or thousands, or told of a whole war, sums up a conflict; it is not one event. So do
    plural happenings counted over a year or a month ("nearly 400 people killed in 500 attacks in 2024")."""
    anchor = mention.anchor
    period = mention.date.precision if mention.date is not None else None
    if anchor.tag_ in ("NNS", "NNPS") and period in ("month", "year"):
        return True
    if not mention.trigger.rule.casualty:
        return False
    clause = first_conjunct(anchor)  # "a war that lasted three years and killed 100,000"
    if clause.dep_ in ("relcl", "acl") and clause.head.lemma_.lower() in CONFLICT_NOUNS:
        return True
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
