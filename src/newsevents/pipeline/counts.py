"""Stage ``newsevents_counts``: how many people or things a report counts, and what happened to them.

A count is a number phrase ("164", "just over 2,000", "dozens", "20 to 30") together with the noun it counts
("people", "troops", "pieces of military hardware") and a category taken from the words and syntax around it:
the verb or noun governing the counted noun ("killed 164 people", "7,939 people have been detained", "the
death toll rose to 164"), or the counted noun itself ("2,000 troops", "250 tanks", "5,000 protesters").

Numbers that are ages, years, dates, times, money, percentages, measures or references ("Article 5",
"section 302") are not counts. A number that only names part of another count ("including three children")
is a subset and is left out, so that nobody adds it on top. The rules read lemmas and the dependency tree,
not capitalisation, so they work on lower-cased text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsevents.pipeline.doc import zone_kind_at

if not Doc.has_extension("ne_counts"):
    Doc.set_extension("ne_counts", default=())


@dataclass(frozen=True, slots=True)
class CountMention:
    """A number of people or things in the text: "164 people", "just over 2,000 troops", "dozens"."""

    start: int  # the whole phrase, number and noun
    end: int
    category: str  # one of model.COUNT_FIELDS: killed, injured, arrested, troops, protesters, equipment
    value: int
    approximate: bool  # "nearly", "about", "dozens", "hundreds", a range
    number_start: int  # where the number itself is
    number_end: int


# --- reading numbers ----------------------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "lakh": 100_000, "million": 1_000_000, "crore": 10_000_000}
# Vague plurals: the conservative reading ACLED uses ("dozens" counts as 12, "hundreds" as 100).
VAGUE = {
    "dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1000, "lakhs": 100_000,
    "millions": 1_000_000,
}
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
RANGE_WORDS = {"to", "-", "–", "—", "or"}
# Hedges before a number that make it approximate; the longest are tried first.
HEDGES = (
    "just over", "just under", "more than", "less than", "fewer than", "at least", "up to", "close to",
    "upwards of", "in excess of", "as many as", "an estimated", "nearly", "almost", "about", "around",
    "approximately", "roughly", "some", "over", "estimated", "approx", "approx.", "at most", "under",
    "well over", "between",
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number phrase read from tokens ``first``..``last`` (inclusive)."""

    first: int
    last: int
    value: int
    approximate: bool
    range_start: int | None = None  # a range's upper number starts here ("20 to 30": the "30")


def word_value(token: Token) -> tuple[int | None, bool]:
    """The value of a single number token and whether it is vague: "2,000" -> 2000, "dozens" -> 12."""
    low = token.lower_
    if DIGITS.match(low):
        return int(float(low.replace(",", ""))), False
    if low in UNITS:
        return UNITS[low], False
    if low in SCALES:
        return SCALES[low], False
    if low in VAGUE:
        return VAGUE[low], True
    if low == "dozen":
        return 12, False
    return None, False


def is_number_token(token: Token) -> bool:
    return word_value(token)[0] is not None


def read_number(tokens: list[Token]) -> tuple[int, bool] | None:
    """Combine number words: "two hundred" -> 200, "1.5 million" -> 1500000, "tens of thousands" -> 10000."""
    total = 0
    current: float = 0
    vague = False
    seen = False
    for token in tokens:
        low = token.lower_
        if low in {"a", "an", "of", "and", "-"}:
            continue
        if DIGITS.match(low):
            current += float(low.replace(",", ""))
        elif low in UNITS:
            current += UNITS[low]
        elif low in SCALES or low == "dozen":
            scale = SCALES.get(low, 12)
            current = (current or 1) * scale
            if scale >= 1000:
                total += int(current)
                current = 0
        elif low in VAGUE:
            vague = True
            current = (current or 1) * VAGUE[low]
            if VAGUE[low] >= 1000:
                total += int(current)
                current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return int(total + current), vague


def joins(previous: Token, token: Token, sent: Span) -> bool:
    """Whether ``token`` glues two number words: "hundred and fifty", "twenty-five", "tens of thousands"."""
    if token.i + 1 >= sent.end or not is_number_token(token.nbor()):
        return False
    following = token.nbor().lower_
    if token.lower_ == "and":
        return previous.lower_ in SCALES and following in UNITS
    if token.lower_ == "-":
        return previous.lower_ in UNITS and UNITS[previous.lower_] >= 20 and following in UNITS
    if token.lower_ == "of":
        return previous.lower_ in VAGUE and (following in VAGUE or following in SCALES)
    return False


def number_runs(sent: Span) -> Iterator[list[Token]]:
    """Runs of adjacent number words, with the glue inside them ("tens of thousands", "twenty-five")."""
    run: list[Token] = []
    for token in sent:
        inside = bool(run) and (is_number_token(token) or joins(run[-1], token, sent))
        if inside or (not run and is_number_token(token)):
            run.append(token)
            continue
        if run:
            yield run
        run = [token] if is_number_token(token) else []
    if run:
        yield run


def phrase_of(run: list[Token], sent: Span) -> Number | None:
    """The number a run stands for, with a range ("20 to 30", "from 58 to 60") and "a dozen" read."""
    first = run[0]
    # "a dozen", "a hundred", "a few thousand" style: an article right before a scale word belongs to it.
    if first.i > sent.start and first.nbor(-1).lower_ in {"a", "an"} and first.lower_ in {"dozen", *SCALES}:
        first = first.nbor(-1)
    read = read_number(run)
    if read is None:
        return None
    value, vague = read
    number = Number(first.i, run[-1].i, value, vague)
    # A range: "20 to 30", "20-30", "two or three". "from 58 to 60" is a change, read as its new value.
    last = run[-1]
    before = first.nbor(-1).lower_ if first.i > sent.start else ""
    connectors = RANGE_WORDS | {"and"} if before == "between" else RANGE_WORDS
    if last.i + 2 < sent.end and last.nbor().lower_ in connectors and is_number_token(last.nbor(2)):
        upper = [last.nbor(2)]
        while upper[-1].i + 1 < sent.end and is_number_token(upper[-1].nbor()):
            upper.append(upper[-1].nbor())
        upper_read = read_number(upper)
        if upper_read is not None:
            if before == "from":
                return Number(first.i, upper[-1].i, upper_read[0], upper_read[1], range_start=upper[0].i)
            return Number(first.i, upper[-1].i, value, True, range_start=upper[0].i)
    if last.i + 1 < sent.end and last.nbor().text == "+":
        return Number(number.first, last.i + 1, value, True)
    return number


def hedge_before(doc: Doc, first: int, floor: int) -> int | None:
    """The token index where a hedge ("nearly", "just over", "at least") right before the number starts."""
    for hedge in HEDGES:
        words = hedge.split()
        start = first - len(words)
        if start < floor:
            continue
        if [t.lower_ for t in doc[start:first]] == words:
            return start
    return None


# --- what is not a count ------------------------------------------------------------------------------

NOT_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY", "LAW"}
UNIT_LEMMAS = {
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "percent", "per",
    "cent", "%", "km", "kilometre", "kilometer", "mile", "metre", "meter", "m", "ft", "foot", "feet", "acre",
    "hectare", "kg", "kilogram", "gram", "tonne", "ton", "litre", "liter", "dollar", "rupee", "rs", "euro",
    "pound", "tenge", "yuan", "rouble", "ruble", "crore", "am", "pm", "a.m.", "p.m.", "hrs", "o'clock",
    "storey", "floor", "inch", "degree", "point", "round", "bn", "mn", "billion", "usd", "inr", "page",
    "kmph", "mph", "gb", "mw", "megawatt", "barrel", "share", "vote", "seat", "mark", "goal", "run", "wicket",
}
REFERENCE_WORDS = {
    "article", "section", "sec", "sec.", "clause", "rule", "chapter", "paragraph", "para", "no", "no.",
    "number", "act", "page", "ward", "sector", "phase", "route", "flight", "platform", "room", "gate", "aged",
    "age", "ages", "rs", "rs.", "$", "€", "£", "usd", "inr", "us$", "resolution", "highway", "nh", "item",
    "plot", "block", "house", "road", "level", "grade", "class", "standard", "version", "covid", "covid-",
    "g", "model", "unit", "zone", "camp", "row", "batch", "code", "line", "area",
}
AGE_AFTER = re.compile(
    r"^\s*-?\s*(?:years?|yrs?)[\s-]*old\b|^\s*-?\s*year\b|^\s*-\s*(?:month|day|week)", re.I
)


def _not_a_count_entity(token: Token) -> bool:
    """A number inside a date, money, percent... entity. A QUANTITY without a unit is the tagger's slip on a
    count of people ("33 BLA fighters"): it counts."""
    if token.ent_type_ not in NOT_COUNT_ENTS:
        return False
    if token.ent_type_ != "QUANTITY":
        return True
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    units = [t for t in entity if not t.like_num] if entity is not None else []
    return entity is None or any(t.lemma_.lower() in UNIT_LEMMAS or not t.is_alpha for t in units)


def is_excluded(doc: Doc, number: Number, counted: Token) -> bool:
    first, last = doc[number.first], doc[number.last]
    if any(_not_a_count_entity(doc[i]) for i in range(number.first, number.last + 1)):
        return True
    if any(
        doc[i].ent_type_ in {"ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW"}
        and doc[i].ent_iob_ == "I"
        for i in range(number.first, number.last + 1)
    ):
        return True  # inside a name: "Resolution 2254", "Boeing 737", "G7 summit"
    if first.i > 0 and first.nbor(-1).lower_ in REFERENCE_WORDS:
        return True
    if first.i > 0 and last.i + 1 < len(doc) and first.nbor(-1).text == "(" and last.nbor().text == ")":
        return True  # "Kalota (47)": an age after a name
    after = doc.text[last.idx + len(last.text) : last.idx + len(last.text) + 16]
    if AGE_AFTER.match(after) or re.match(r"^\s*(?:%|per ?cent|percent)", after, re.I):
        return True
    if counted.lemma_.lower() in UNIT_LEMMAS or counted.lower_ in UNIT_LEMMAS:
        return True
    # A bare four-digit number between 1900 and 2100 is a year unless it clearly counts people.
    return bool(counted.i == last.i and re.fullmatch(r"(?:19|20)\d\d", last.text))


# --- what is counted, and what happened to it ---------------------------------------------------------

# Verbs and nouns whose object or subject is counted into a category: the strongest signal.
EVENT_CUES = {
    "killed": {
        "kill", "die", "murder", "slay", "massacre", "behead", "execute", "lynch", "perish", "butcher",
        "slaughter", "killing", "death", "fatality", "assassinate", "drown", "dead", "toll", "deceased",
        "martyr", "martyre",
    },
    "injured": {
        "injure", "wound", "hurt", "injury", "maim", "hospitalise", "hospitalize", "injured", "wounded",
        "stab", "casualty",
    },
    "arrested": {
        "arrest", "detain", "apprehend", "nab", "jail", "imprison", "detention", "arrested", "detained",
        "custody", "incarcerate", "remand", "detainee",
    },
}
# Nouns that say by themselves what they count.
NOUN_CUES = {
    "killed": {"death", "fatality", "corpse", "dead", "killing", "life"},
    "injured": {"injury", "wounded", "injured"},
    "arrested": {"arrest", "detention", "detainee", "arrestee"},
    "troops": {
        "troop", "soldier", "serviceman", "servicemen", "peacekeeper", "paratrooper", "marine", "commando",
        "reservist", "conscript", "jawan", "sailor", "airman",
    },
    "protesters": {
        "protester", "protestor", "demonstrator", "marcher", "rioter", "picketer", "striker", "activist",
        "participant", "supporter",
    },
    # Military hardware only: burnt trucks and rickshaws are damage, not equipment.
    "equipment": {
        "hardware", "tank", "equipment", "aircraft", "helicopter", "warship", "drone", "artillery",
        "launcher", "howitzer", "bomber", "apc", "warplane", "gunship", "frigate", "destroyer",
    },
}
# Nouns that are equipment only with a military modifier: "15 armoured vehicles", "six fighter jets".
MILITARY_MODIFIERS = {
    "military", "armoured", "armored", "combat", "army", "fighter", "war", "naval", "navy", "attack",
    "transport", "troop", "tactical",
}
MILITARY_NOUNS = {"vehicle", "jet", "plane", "ship", "carrier", "truck", "vessel", "boat", "unit", "piece"}
# "bodies" counts the dead only when found or recovered: "eight other Muslim bodies" are organisations.
BODY_VERBS = {
    "find", "recover", "discover", "retrieve", "pull", "exhume", "bring", "identify", "dig", "wash", "lie",
    "remove", "hand", "send", "see", "count", "charr", "burn",
}
# Verbs that make a count of people into troops or protesters.
DEPLOY = {
    "deploy", "send", "dispatch", "station", "mobilise", "mobilize", "airlift", "rush", "post", "move",
    "redeploy", "withdraw",
}
RALLY = {
    "rally", "gather", "march", "protest", "demonstrate", "assemble", "converge", "join", "throng", "take",
    "participate", "strike", "picket", "mass", "turn",
}
RALLY_NOUNS = {
    "protest", "rally", "march", "demonstration", "crowd", "procession", "sit", "dharna", "strike", "street",
    "gathering", "vigil",
}
PEOPLE = {
    "people", "person", "man", "woman", "child", "resident", "civilian", "villager", "youth", "student",
    "worker", "member", "individual", "citizen", "policeman", "officer", "personnel", "police", "force",
    "cop", "guard", "fighter", "militant", "rebel", "insurgent", "terrorist", "miscreant", "accused",
    "suspect", "boy", "girl", "passenger", "pilgrim", "devotee", "farmer", "refugee", "migrant", "national",
    "journalist", "leader", "activist", "protester", "demonstrator", "rioter", "soldier", "troop", "other",
    "more", "kar", "sevak", "teenager", "adult", "minor", "inmate", "prisoner", "family", "labourer",
    "laborer", "employee", "staff", "trader", "shopkeeper", "pedestrian", "bystander", "tourist", "foreigner",
    "hostage", "vote", "jawan", "constable", "policemen", "men", "women", "children", "persons", "them",
    "whom", "those", "all", "each", "relative", "worshipper", "murderer", "kidnapper", "gunman", "attacker",
    "assailant", "robber", "criminal", "culprit", "goon", "gangster", "smuggler", "dacoit", "poacher",
    "looter", "mob",
}
# Counted things that are not casualties: "killing two birds", "burnt 40 houses".
NON_HUMAN = {
    "bird", "animal", "cattle", "cow", "dog", "goat", "sheep", "buffalo", "horse", "pig", "chicken", "fish",
    "state", "house", "shop", "home", "building", "vehicle", "car", "bus", "truck", "rickshaw", "case",
    "incident", "place", "district", "village", "area", "city", "town", "seat", "round", "shot", "bullet",
    "cartridge", "bomb", "weapon", "gun", "firearm", "sword", "structure", "shrine", "temple", "mosque",
    "church", "office", "complaint", "fir", "charge", "tree", "acre", "hectare", "store", "hut", "godown",
    "attack", "raid", "blast", "explosion", "clash", "operation", "strike", "bombing", "assault",
}
CONTAINERS = {
    "piece", "unit", "batch", "truckload", "busload", "group", "total", "number", "band", "crowd", "gang",
    "team", "mob",
}
SUBSET_HEADS = {"include", "including", "among", "of", "besides", "excluding", "except"}
GENERIC_PREDICATES = {
    "rise", "reach", "stand", "be", "put", "climb", "go", "touch", "mount", "jump", "increase", "cross",
    "hit", "swell", "soar", "place", "estimate", "become",
}
TALLY_NOUNS = {"toll", "tally", "figure", "number", "count", "total"}
DEAD_ADJ = {"dead", "killed", "injured", "wounded", "hurt", "arrested", "detained", "missing"}


def cue_category(lemma: str) -> str | None:
    for category, lemmas in EVENT_CUES.items():
        if lemma in lemmas:
            return category
    return None


def noun_category(lemma: str) -> str | None:
    for category, lemmas in NOUN_CUES.items():
        if lemma in lemmas:
            return category
    return None


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def phrase_cue(token: Token) -> str | None:
    """A multi-word event: "taken into custody", "rounded up", "lost their lives", "shot dead"."""
    low = lemma(token)
    children = list(token.children)
    kid_lemmas = {lemma(c) for c in children}
    grand = {lemma(g) for c in children if c.dep_ in {"prep", "dative"} for g in c.children}
    if low == "take" and "custody" in grand:
        return "arrested"
    if low in {"round", "pick"} and "up" in kid_lemmas:
        return "arrested"
    if low in {"lose", "claim", "sacrifice"} and ("life" in kid_lemmas or "life" in grand):
        return "killed"
    follows = token.nbor().lower_ if token.i + 1 < len(token.doc) else ""
    if low in {"shoot", "gun", "hack", "burn", "beat", "stab", "lynch", "bludgeon", "stone", "crush"} and (
        "dead" in kid_lemmas or "death" in grand or "alive" in kid_lemmas or follows in {"dead", "alive"}
    ):
        return "killed"
    if low in {"sustain", "suffer", "receive"} and kid_lemmas & {"injury", "wound", "burn"}:
        return "injured"
    if low in {"hold", "keep", "put", "place", "send"} and (
        "custody" in grand or "jail" in grand or "detention" in grand or "prison" in grand
    ):
        return "arrested"
    if low == "hold" and (kid_lemmas | grand) & {"ransom", "hostage", "captive", "gunpoint"}:
        return None  # "held at ransom", "held hostage": not an arrest
    if low == "hold" and token.tag_ == "VBN":
        return (
            "arrested"  # "200 people held", "were held overnight"; "held a rally" is active and has no count
        )
    if low in {"open", "fire"} and "fire" in kid_lemmas:
        return None
    return None


def thing_category(noun: Token, predicate: Token | None) -> str | None:
    """Nouns that count something only in context: "armoured vehicles", "bodies recovered"."""
    if lemma(noun) in MILITARY_NOUNS and any(lemma(c) in MILITARY_MODIFIERS for c in noun.children):
        return "equipment"
    if lemma(noun) in {"body", "corpse"}:
        modifiers = {lemma(c) for c in noun.children}
        if modifiers & {"dead", "charred", "burnt", "burned", "decomposed", "mutilated"}:
            return "killed"
        if predicate is not None and lemma(predicate) in BODY_VERBS:
            return "killed"
    return None


def predicate_of(noun: Token) -> Token | None:
    """The verb or event noun governing a counted noun, up through conjunctions and prepositions."""
    current = noun
    for _ in range(5):
        dep = current.dep_
        head = current.head
        if head is current:
            return None
        if dep in {"conj", "appos"}:
            current = head
            continue
        if dep == "pobj":
            prep = head
            # "killing of 58", "rose to 164", "stands at 544"; not "killed in 500 attacks".
            if prep.lower_ not in {"of", "to", "at", "from", "around", "about", "by"}:
                return None
            current = prep.head if prep.head is not prep else prep
            if (
                current.pos_ in {"VERB", "AUX"}
                or cue_category(lemma(current))
                or lemma(current) in TALLY_NOUNS
            ):
                return current
            if current.pos_ in {"NOUN", "PROPN"} and lemma(current) not in CONTAINERS:
                return current
            continue
        if dep in {"prep", "npadvmod", "quantmod", "nummod", "amod", "advmod"}:
            current = head
            continue
        return head
    return None


def cue_near(noun: Token) -> str | None:
    """The counted noun's own modifiers: "58 killed", "people dead", "people injured in the blast"."""
    for child in noun.children:
        if child.dep_ in {"acl", "amod", "relcl", "oprd", "advcl", "appos"} and child.i > noun.i:
            category = cue_category(lemma(child)) or phrase_cue(child)
            if category:
                return category
    # A bare number standing for people: "1 killed in Ahmedabad" parses "killed" as the number's own clause.
    return None


def tally_category(predicate: Token) -> str | None:
    """ "The death toll rose to 164": the category comes from the tally noun that is the subject."""
    for child in predicate.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and lemma(child) in TALLY_NOUNS:
            words = {lemma(t) for t in child.subtree}
            for category in ("injured", "arrested", "killed"):
                if words & EVENT_CUES[category] - {"toll"}:
                    return category
            if lemma(child) == "toll":
                return "killed"
    if lemma(predicate) in TALLY_NOUNS:
        words = {lemma(t) for t in predicate.subtree}
        for category in ("injured", "arrested", "killed"):
            if words & EVENT_CUES[category] - {"toll"}:
                return category
        return "killed" if lemma(predicate) == "toll" else None
    return None


def complement_cue(predicate: Token, noun: Token) -> str | None:
    """ "164 were dead", "leaving 58 people dead", "were found dead": a complement of the predicate."""
    for child in predicate.children:
        if child is noun:
            continue
        if (
            child.dep_ in {"acomp", "oprd", "xcomp", "attr", "advcl", "ccomp", "conj"}
            and lemma(child) in DEAD_ADJ
        ):
            return cue_category(lemma(child)) or ("killed" if lemma(child) == "dead" else None)
    return None


def shared_subject_cue(predicate: Token) -> str | None:
    """ "28 men were stopped at the border and arrested": a conjoined verb sharing the counted subject."""
    for child in predicate.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in child.children
        ):
            category = cue_category(lemma(child)) or phrase_cue(child)
            if category:
                return category
    return None


def is_people(token: Token) -> bool:
    """Surely people: "persons", "Muslims" (a NORP), "troops", a bare number ("164 were detained")."""
    return (
        lemma(token) in PEOPLE
        or token.lower_ in PEOPLE
        or token.ent_type_ == "NORP"
        or is_number_token(token)
        or noun_category(lemma(token)) in {"troops", "protesters"}
    )


def event_category(noun: Token, described: Token) -> str | None:
    """killed, injured or arrested, from what happened to the counted noun."""
    near = cue_near(noun) or (cue_near(described) if described is not noun else None)
    if near:
        return near
    predicate = predicate_of(noun)
    if predicate is None:
        return None
    category = cue_category(lemma(predicate)) or phrase_cue(predicate)
    if category == "killed" and lemma(predicate) == "toll":
        category = tally_category(predicate)
    if category == "arrested" and lemma(predicate) == "hold" and not is_people(described):
        category = None  # "the four states where elections were held"
    if category:
        return category
    category = complement_cue(predicate, noun)
    if category is None and noun.dep_ in {"nsubj", "nsubjpass"}:
        category = shared_subject_cue(predicate)
    if category:
        return category
    if lemma(predicate) in GENERIC_PREDICATES or lemma(predicate) in TALLY_NOUNS:
        return tally_category(predicate)
    return None


def classify(noun: Token, described: Token) -> str | None:
    """The count category of a counted noun, from what happened to it or from what it is."""
    category = event_category(noun, described)
    if (
        category
        and lemma(described) not in NON_HUMAN
        and not (category == "killed" and noun_category(lemma(described)) == "equipment")
    ):
        return category
    predicate = predicate_of(noun)
    own = (
        noun_category(lemma(described)) or noun_category(lemma(noun)) or thing_category(described, predicate)
    )
    if own:
        return own
    # A bare number ("thousands marched") stands for people.
    if predicate is not None and (lemma(described) in PEOPLE or is_number_token(described)):
        if lemma(predicate) in DEPLOY:
            return "troops"
        # "join", "take (part)" and "turn (out)" rally only with a protest word: "took part in the protest".
        rallies = lemma(predicate) in RALLY or lemma(predicate) in RALLY_NOUNS
        if rallies and (
            lemma(predicate) not in {"join", "take", "turn"}
            or any(lemma(t) in RALLY_NOUNS for t in predicate.subtree)
        ):
            return "protesters"
    return None


def counted_noun(doc: Doc, number: Number) -> tuple[Token, Token]:
    """The token that holds the count's place in the sentence, and the noun that says what is counted.

    "2,000 troops": troops, troops. "dozens of youths": dozens, youths. "250 pieces of hardware": pieces,
    hardware. "killed 164": 164, 164.
    """
    slot = doc[number.first : number.last + 1].root
    # Climb out of the number: "20 to 30 persons" (a quantmod of the upper number), "2,000 troops" (nummod).
    for _ in range(3):
        if (
            slot.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "conj"}
            and slot.head.i > slot.i
            and slot.head.pos_ in {"NOUN", "PROPN", "PRON", "ADJ", "VERB", "NUM"}
        ):
            slot = slot.head
        else:
            break
    described = slot
    for _ in range(2):
        if (
            lemma(described)
            in CONTAINERS | {"dozen", "hundred", "thousand", "score", "ten", "lakh", "million"}
            or described.i <= number.last
        ):
            objects = [
                g
                for c in described.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if objects:
                described = objects[0]
                continue
        break
    return slot, described


def is_subset(slot: Token, described: Token) -> bool:
    """ "including three children", "among them two women", "three of them": part of another count."""
    if slot.dep_ == "pobj" and slot.head.lower_ in SUBSET_HEADS - {"of"}:
        return True
    if slot.dep_ == "pobj" and lemma(slot.head) == "include":
        return True
    if described is not slot and described.lower_ in {"them", "whom", "those", "these", "which", "us"}:
        return True
    if described is not slot and any(c.dep_ == "nummod" for c in described.children):
        return True  # "two of the 12 people arrested": part of another count
    return any(child.dep_ == "prep" and child.lower_ == "among" for child in slot.children)


NEGATORS = {"nobody", "none", "noone"}


def negated_counts(sent: Span) -> Iterator[tuple[Token, str]]:
    """Zero counts: "No one was killed", "nobody was hurt", "no arrests were made"."""
    for token in sent:
        subject: Token | None = None
        if token.lower_ in NEGATORS or (
            token.lower_ == "one" and token.i > sent.start and token.nbor(-1).lower_ == "no"
        ):
            subject = token
        if subject is not None and subject.dep_ in {"nsubj", "nsubjpass"}:
            predicate = subject.head
            category = (
                cue_category(lemma(predicate)) or phrase_cue(predicate) or complement_cue(predicate, subject)
            )
            if category:
                yield subject, category
            continue
        if token.lower_ == "no" and token.dep_ == "det":
            noun = token.head
            category = noun_category(lemma(noun))
            if lemma(noun) == "casualty":
                category = "killed"
            if category in {"killed", "injured", "arrested"}:
                yield token, category


# --- the stage ----------------------------------------------------------------------------------------


def find_counts(doc: Doc) -> tuple[CountMention, ...]:
    """Every count in a parsed Doc, in text order; furniture zones are skipped."""
    found: list[CountMention] = []
    for sent in doc.sents:
        if zone_kind_at(doc, sent.start_char) == "furniture":
            continue
        found.extend(sentence_counts(doc, sent))
    found.sort(key=lambda c: (c.number_start, c.start))
    return tuple(found)


def sentence_counts(doc: Doc, sent: Span) -> Iterator[CountMention]:
    covered: set[int] = set()
    for run in number_runs(sent):
        if run[0].i in covered:
            continue
        number = phrase_of(run, sent)
        if number is None:
            continue
        covered.update(range(number.first, number.last + 1))
        mention = mention_of(doc, sent, number)
        if mention is not None and zone_kind_at(doc, mention.number_start) != "furniture":
            yield mention
    for token, category in negated_counts(sent):
        # The mention runs from "no" ("no one", "no deaths") or "nobody" to the end of its noun.
        first = token.nbor(-1) if token.lower_ == "one" else token
        last = token.head if token.dep_ == "det" else token
        end = last.idx + len(last)
        yield CountMention(first.idx, end, category, 0, False, first.idx, end)


def mention_of(doc: Doc, sent: Span, number: Number) -> CountMention | None:
    slot, described = counted_noun(doc, number)
    if is_excluded(doc, number, described) or is_excluded(doc, number, slot):
        return None
    if is_subset(slot, described):
        return None
    category = classify(slot, described)
    if category is None:
        return None
    hedge = hedge_before(doc, number.first, sent.start)
    approximate = number.approximate or hedge is not None
    first = doc[hedge if hedge is not None else number.first]
    last_number = doc[number.last]
    end_token = last_number
    for token in (slot, described):
        if last_number.i < token.i <= last_number.i + 6 and token.i < sent.end:
            end_token = max(end_token, token, key=lambda t: t.i)
    return CountMention(
        start=first.idx,
        end=end_token.idx + len(end_token),
        category=category,
        value=number.value,
        approximate=approximate,
        number_start=doc[number.first].idx,
        number_end=last_number.idx + len(last_number),
    )


class CountFinder:
    """Finds counts of people and things in each Doc and writes them to ``doc._.ne_counts``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_counts = find_counts(doc)
        return doc


@Language.factory("newsevents_counts", assigns=["doc._.ne_counts"], default_config={})
def make_counts(nlp: Language, name: str) -> CountFinder:
    return CountFinder(nlp, name)
