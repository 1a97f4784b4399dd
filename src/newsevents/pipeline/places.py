"""Stage ``newsevents_places``: find the toponyms of an article and resolve each to a GeoNames place.

Find: the parser's GPE and LOC entities (FAC only when the gazetteer knows the name), plus capitalised words
the parser missed that the gazetteer knows well. Guards keep out what is not a location: demonyms
("Kazakh", "Russian-led"), person names, common words ("Police", "Jan") and metonyms ("Moscow said").

Resolve: every candidate place of a name is scored on its own size and kind, then on the article's
context: the countries it mentions most, subdivisions named beside it ("Paris, Texas"), and nearness to the
article's other places. One name keeps one sense through the article. A name with no candidate is left out
and changes nothing for the others.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsevents.gazetteer import (
    Candidate,
    Gazetteer,
    country_of_demonym,
    normalise,
    open_gazetteer,
    region_of_demonym,
)
from newsevents.gazetteer.distance import haversine_km
from newsevents.gazetteer.regions import REGION_ID_BASE
from newsevents.model import Place
from newsevents.pipeline.place_ranker import PlaceRanker, vector
from newsevents.pipeline.places_rules import (
    COMMON_WORDS,
    INSTITUTION_NOUNS,
    LOCATIVE_PREPOSITIONS,
    SHORT_FORMS,
    SPEECH_VERBS,
    US_STATE_ABBREVIATIONS,
)

if not Doc.has_extension("ne_places"):
    Doc.set_extension("ne_places", default=())

PLACE_LABELS = ("GPE", "LOC")
# Entities that are never names of places, nor hold one.
NOT_NAMES = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
CONNECTORS = ("of", "de", "and")
MAX_CANDIDATES = 40
MAX_GRAM = 4


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names a place, before resolution."""

    start: int
    end: int
    text: str
    key: str  # normalised name: mentions with one key share one resolution
    source: str  # "ner", "fac", "gazetteer", "state"
    admin_hint: str | None = None  # a subdivision or country named right after it ("Paris, Texas")
    usage: str = "literal"  # see model.Place.usage
    line_start: bool = False  # first on its line: a dateline ("HUME, Ill. --") spells towns in capitals
    division: str | None = None  # the division word right after it ("Ghazni province", "Kalat district")


@dataclass(frozen=True, slots=True)
class Settings:
    keep_demonyms: bool
    keep_metonyms: bool
    keep_embedded: bool
    min_fallback_population: int


# --- finding toponyms ---------------------------------------------------------------------------------


def trim_span(span: Span) -> Span | None:
    """The span without a leading "the", a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "of") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    return doc[start:end] if end > start else None


ACRONYM_TOWN_POPULATION = 1_000_000  # a town spelled in capitals only when it is a big city ("NYC")
MINOR_DIVISIONS = frozenset({"ADM2", "ADM3", "ADM4", "ADM5"})


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def is_demonym(text: str) -> bool:
    """ "Kazakh", "Russian-led", "European": an adjective or people of a place (a region's own name, such as
    "Caribbean", is not one)."""
    if country_of_demonym(text):
        return True
    region = region_of_demonym(text)
    return region is not None and normalise(region) != normalise(text)


def is_short_form(token: Token) -> bool:
    """ "US", "U.K.", "EU", "UAE": a place's capitalised short form."""
    return token.is_upper and normalise(token.text) in SHORT_FORMS


def is_metonym(span: Span) -> bool:
    """A place standing for its government or people: the subject of a speech or decision verb ("Moscow
    said"), or the owner of an institution ("Russia's foreign ministry")."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS:
        return True
    return root.dep_ == "poss" and root.head.lemma_.lower() in INSTITUTION_NOUNS


def usage_of(span: Span) -> str:
    """ "metonym" for a place that speaks, "embedded" for a short form that modifies a noun ("EU ministers",
    "US tariffs": not where things happen), else "literal"."""
    if is_metonym(span):
        return "metonym"
    if is_short_form(span[0]) and span.root.dep_ in ("compound", "amod", "nmod"):
        return "embedded"
    return "literal"


def person_words(doc: Doc) -> set[str]:
    """The words of people's names in the article (a place's name taken for a person's part is not one:
    "Beledweyne District" is a district, whatever the parser says)."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and not any(t.lower_ in ADMIN2_WORDS for t in ent[1:]):
            words.update(t.lower_ for t in ent if t.is_alpha)
    return words


def is_common_word(span: Span, lowercase_words: set[str], *, shouted: bool = False) -> bool:
    """A word that is capitalised here but common elsewhere: in the list, written in lower case elsewhere
    in the article, or (when ``shouted``) a word in capitals, as headlines write them."""
    text = span.text
    if len(span) == 1 and (text.lower() in COMMON_WORDS or text.lower() in lowercase_words):
        return True
    return shouted and text.isupper() and len(text) > 4


def name_word(token: Token) -> bool:
    return token.is_title or is_short_form(token)


HYPHEN_TAILS = ("led", "based", "backed", "born", "owned", "made", "held", "controlled", "bound")


def hyphen_head(token: Token) -> str | None:
    """The name in one hyphenated token such as "U.S.-led" or "Kent-based" (the tokenizer keeps it whole)."""
    head, dash, tail = token.text.partition("-")
    if not dash or tail.lower() not in HYPHEN_TAILS or not head[:1].isupper():
        return None
    return head


def _name_like(token: Token) -> bool:
    return (token.is_title or token.is_upper) and (token.is_alpha or "." in token.text)


def is_state_after_town(doc: Doc, i: int) -> bool:
    """ "S.C." in "Columbia, S.C.": a state abbreviation right after a name and a comma."""
    token = doc[i]
    return (
        "." in token.text and normalise(token.text) in US_STATE_ABBREVIATIONS
        and i >= 2 and doc[i - 1].text == "," and doc[i - 2].is_title
    )


def admin_hint_after(doc: Doc, span: Span) -> str | None:
    """A subdivision or country named right after a place, as in "Paris, Texas" or "Gainesville, Ga."."""
    i = span.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < min(len(doc), i + 4) and _name_like(doc[j]):
        j += 1
    return doc[i + 1:j].text if j > i + 1 else None


ADMIN2_WORDS = ("county", "parish", "borough", "district")


def repeated_mentions(doc: Doc, mentions: list[Mention]) -> Iterator[Mention]:
    """One name, one meaning through an article: where a name was found as a place once, its other
    occurrences are the same place, even where the parser took them for a person ("Greer", "Alexandria
    police"). "DeKalb" after "DeKalb County" is the county."""
    known: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        if m.source == "demonym" or not m.text[:1].isupper():
            continue
        words = tuple(m.text.split())
        known.setdefault(words, m)
        if len(words) > 1 and words[-1].lower() in ADMIN2_WORDS:
            known.setdefault(words[:-1], m)
    if not known:
        return
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(known, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    i = 0
    while i < len(doc):
        token = doc[i]
        found = None
        if token.idx not in covered:
            for words in by_first.get(token.text, ()):
                span = doc[i:i + len(words)]
                if tuple(t.text for t in span) == words and not in_person_name(span):
                    found = span
                    break
        if found is None:
            i += 1
            continue
        m = known[tuple(t.text for t in found)]
        usage = "metonym" if is_metonym(found) else "literal"
        if any(e.label_ not in PLACE_LABELS for e in found.ents) or found.root.dep_ == "compound":
            usage = "embedded" if usage == "literal" else usage
        yield Mention(found.start_char, found.end_char, found.text, m.key, m.source, m.admin_hint, usage)
        i = found.end


# The division a name followed by one of these words stands for: "Ghazni province" is the province, not the
# town of Ghazni; "Kalat district" the district.
DIVISION_WORDS = {
    "province": "ADM1", "governorate": "ADM1", "oblast": "ADM1",
    "district": "ADM2",
}
NEXT_WORD = re.compile(r"[ \t]+(\w+)")


def division_after(mention: Mention, text: str) -> str | None:
    """The division word written right after a name ("province" in "Ghazni province"), if any."""
    if mention.source not in ("ner", "gazetteer"):
        return None
    match = NEXT_WORD.match(text, mention.end)
    word = match.group(1).lower() if match else None
    return word if word in DIVISION_WORDS else None


def in_person_name(span: Span) -> bool:
    """Inside a person's name ("Michael Jordan", "Paris Hilton"), not an office named after a place
    ("Alexandria Police")."""
    for ent in span.doc.ents:
        if ent.label_ != "PERSON" or ent.start > span.start or ent.end < span.end:
            continue
        others = [t for t in ent if t.i < span.start or t.i >= span.end]
        return any(t.lower_ not in COMMON_WORDS and t.lower_ not in INSTITUTION_NOUNS for t in others)
    return False


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer, settings: Settings) -> None:
        self.gazetteer = gazetteer
        self.settings = settings

    def find(self, doc: Doc) -> list[Mention]:
        people = person_words(doc)
        lowercase_words = {t.text for t in doc if t.is_lower and t.is_alpha}
        mentions: list[Mention] = []
        taken: set[int] = set()
        for ent in doc.ents:
            taken.update(range(ent.start, ent.end))
            span = trim_span(ent)
            if span is None or ent.label_ in NOT_NAMES:
                continue
            mention = self._from_entity(span, ent.label_, people)
            if mention is not None:
                mentions.append(mention)
            elif ent.label_ not in ("PERSON", "NORP") and self.settings.keep_embedded:
                # "Air Zimbabwe", "the Kentucky State Police", "Eastern Kentucky": a place inside a name.
                inside = self._missed(doc, set(), people, set(), span.start, span.end)
                mentions.extend(replace(m, usage="embedded") for m in inside)
        mentions.extend(self._missed(doc, taken, people, lowercase_words, 0, len(doc)))
        mentions.extend(repeated_mentions(doc, mentions))
        text = doc.text
        found = [
            self._with_division(replace(m, line_start=text[:m.start].rstrip(" \t")[-1:] in ("", "\n")), text)
            for m in mentions
        ]
        return sorted(found, key=lambda m: m.start)

    def _with_division(self, mention: Mention, text: str) -> Mention:
        """A name followed by a division word the gazetteer knows it as ("Kalat district") is read as that
        division, apart from the same name alone (Kalat the town)."""
        word = division_after(mention, text)
        if word is None:
            return mention
        if not any(c.feature_code == DIVISION_WORDS[word] for c in self.gazetteer.lookup(mention.text)):
            return mention
        return replace(mention, key=f"{mention.key} {word}", division=word)

    def _from_entity(self, span: Span, label: str, people: set[str]) -> Mention | None:
        key = normalise(span.text)
        if key in US_STATE_ABBREVIATIONS and label in PLACE_LABELS:
            return Mention(span.start_char, span.end_char, span.text, key, "state")
        if is_demonym(span.text) and not self._is_country_name(key):
            if not self.settings.keep_demonyms:
                return None
            return Mention(span.start_char, span.end_char, span.text, key, "demonym", usage="demonym")
        if label in PLACE_LABELS and not self.gazetteer.lookup(span.text):
            return None
        if label not in PLACE_LABELS and not self._known_name(span, label):
            return None
        if is_common_word(span, set()) or (len(span) == 1 and key in people):
            return None
        usage = usage_of(span)
        if usage == "metonym" and not self.settings.keep_metonyms:
            return None
        source = "fac" if label == "FAC" else "ner"
        hint = admin_hint_after(span.doc, span)
        return Mention(span.start_char, span.end_char, span.text, key, source, hint, usage)

    def _is_country_name(self, key: str) -> bool:
        return any(c.is_country for c in self.gazetteer.lookup(key))

    def _known_name(self, span: Span, label: str) -> bool:
        """A whole entity the parser did not call a place that the gazetteer knows well by that very name:
        "Tamil Nadu" taken for an organisation, "in Aktau" taken for a person."""
        if label == "FAC":
            return any(normalise(c.name) == normalise(span.text) for c in self.gazetteer.lookup(span.text))
        if label == "PERSON":
            after_preposition = span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE_PREPOSITIONS
            if not after_preposition:
                return self._well_known(normalise(span.text), regions_only=True)
        return self._well_known(normalise(span.text))

    def _missed(
        self, doc: Doc, taken: set[int], people: set[str], lowercase_words: set[str], start: int, end: int
    ) -> Iterable[Mention]:
        i = start
        while i < end:
            if i in taken or not self._may_start(doc[i]):
                i += 1
                continue
            found = self._longest_known(doc[i:end], taken, people, lowercase_words)
            if found is None and is_state_after_town(doc, i):
                token = doc[i]
                key = normalise(token.text)
                found = Mention(token.idx, token.idx + len(token), token.text, key, "state"), i + 1
            if found is None:
                i += 1
                continue
            yield found[0]
            i = found[1]

    @staticmethod
    def _may_start(token: Token) -> bool:
        if "." in token.text and normalise(token.text) in US_STATE_ABBREVIATIONS:
            return True
        if is_short_form(token) or hyphen_head(token):
            return True
        return token.is_title and token.is_alpha and not (token.is_sent_start and token.pos_ != "PROPN")

    def _longest_known(
        self, window: Span, taken: set[int], people: set[str], lowercase: set[str]
    ) -> tuple[Mention, int] | None:
        doc, i = window.doc, window.start
        head = hyphen_head(doc[i])
        if head:
            return self._hyphen_head_mention(doc[i], head, people)
        for width in range(min(MAX_GRAM, len(window)), 0, -1):
            end = i + width
            if any(j in taken for j in range(i, end)):
                continue
            span = doc[i:end]
            if not all(name_word(t) or t.lower_ in CONNECTORS for t in span) or span[-1].lower_ in CONNECTORS:
                continue
            key = normalise(span.text)
            if key in people:
                continue
            if is_demonym(span.text):
                if not self.settings.keep_demonyms or span.text.isupper():
                    continue
                mention = Mention(span.start_char, span.end_char, span.text, key, "demonym", usage="demonym")
                return mention, end
            if is_common_word(span, lowercase, shouted=True):
                continue
            if not self._well_known(key):
                continue
            usage = usage_of(span)
            if usage == "metonym" and not self.settings.keep_metonyms:
                return None
            hint = admin_hint_after(doc, span)
            return Mention(span.start_char, span.end_char, span.text, key, "gazetteer", hint, usage), end
        return None

    def _hyphen_head_mention(self, token: Token, head: str, people: set[str]) -> tuple[Mention, int] | None:
        """ "U.S.-led", "Kent-based", "Russian-backed": the place before the hyphen."""
        key = normalise(head)
        end = token.i + 1
        if is_demonym(head):
            if not self.settings.keep_demonyms:
                return None
            return Mention(token.idx, token.idx + len(head), head, key, "demonym", usage="demonym"), end
        if key in people or key in COMMON_WORDS or not self._well_known(key):
            return None
        return Mention(token.idx, token.idx + len(head), head, key, "gazetteer", usage="embedded"), end

    def _well_known(self, key: str, *, regions_only: bool = False) -> bool:
        """True when a name is the main name of a country, a continent, a first-level region or (unless
        ``regions_only``) a town of some size."""
        for c in self.gazetteer.lookup(key):
            if normalise(c.name) != key and not c.is_country and c.geonameid < REGION_ID_BASE:
                continue
            if c.is_country or c.feature_code in ("ADM1", "CONT") or c.geonameid >= REGION_ID_BASE:
                return True
            if not regions_only and c.population >= self.settings.min_fallback_population:
                return True
        return False


# --- resolving toponyms -------------------------------------------------------------------------------


class Resolver:
    def __init__(self, gazetteer: Gazetteer, ranker: PlaceRanker | None = None) -> None:
        self.gazetteer = gazetteer
        self.ranker = ranker

    def candidates(self, mention: Mention) -> list[Candidate]:
        if mention.source == "state":
            code = US_STATE_ABBREVIATIONS[mention.key]
            states = self.gazetteer.lookup(code[1])
            return [c for c in states if c.feature_code == "ADM1" and c.country_code == "US"]
        if mention.source == "demonym":
            return self.demonym_candidates(mention.text)
        found = self.gazetteer.lookup(mention.text)[:MAX_CANDIDATES]
        if mention.source == "fac":
            found = [c for c in found if normalise(c.name) == mention.key]
        if mention.division is not None:
            level = DIVISION_WORDS[mention.division]
            divisions = [c for c in found if c.feature_code == level]
            if divisions:
                return divisions
        if is_acronym(mention.text) and not mention.line_start:
            # "BLA", "ANC", "TTP" are groups far more often than the towns and districts that share the
            # letters: in capitals, a district or a town below a big city's size is not taken.
            found = [c for c in found if c.feature_code not in MINOR_DIVISIONS
                     and (c.feature_class != "P" or c.population >= ACRONYM_TOWN_POPULATION)]
        return prefer_city_over_own_region(found)

    def demonym_candidates(self, text: str) -> list[Candidate]:
        """The region or country a demonym stands for: "Scottish" is Scotland before it is the UK."""
        region = region_of_demonym(text)
        if region:
            key = normalise(region)
            found = [c for c in self.gazetteer.lookup(region) if c.feature_class != "P"]
            exact = [c for c in found if normalise(c.name) == key]
            if exact or found:
                return (exact or found)[:1]
        iso = country_of_demonym(text)
        country = self.gazetteer.country(iso) if iso else None
        return [country] if country else []

    def resolve(self, mentions: list[Mention]) -> dict[str, Candidate]:
        """The reading of every name: the rules' pick, or the ranker's where one is configured."""
        state = self.rules(mentions)
        if self.ranker is None:
            return state.choice
        ranker = self.ranker
        choice = {}
        for key, options in self.options(mentions, state).items():
            choice[key] = max(options, key=lambda o: ranker.score(vector(o.features))).candidate
        return choice

    def rules(self, mentions: list[Mention]) -> RuleState:
        """The rules' reading of every name, with the context it was chosen in."""
        by_key: dict[str, list[Candidate]] = {}
        hints: dict[str, set[tuple[str, str | None]]] = {}
        for m in mentions:
            if m.key not in by_key:
                by_key[m.key] = self.candidates(m)
            if m.admin_hint:
                hints.setdefault(m.key, set()).update(self.hint_targets(m.admin_hint))
        weights = Counter(m.key for m in mentions)
        support = neighbour_support(by_key)
        shares = region_shares(by_key)
        choice = {k: best(k, c, None, support) for k, c in by_key.items() if c}
        context = None
        for _ in range(2):
            context = Context(
                country_votes(choice, weights), named_regions(choice), hints, choice,
                region_votes(choice, weights), shares,
            )
            choice = {k: best(k, c, context, support) for k, c in by_key.items() if c}
        return RuleState(by_key, choice, context, support, weights)

    def options(self, mentions: list[Mention], state: RuleState) -> dict[str, list[Option]]:
        """Every name's candidates with the ranker's features (``place_ranker.FEATURE_NAMES``)."""
        first: dict[str, Mention] = {}
        for m in mentions:
            first.setdefault(m.key, m)
        top = top_country(state.context)
        found: dict[str, list[Option]] = {}
        for key, candidates in state.by_key.items():
            if not candidates:
                continue
            mention = first[key]
            largest = max(c.population for c in candidates)
            by_size = sorted(candidates, key=lambda c: -c.population)
            rank = {c.geonameid: i for i, c in enumerate(by_size)}
            scored = [(rule_score(key, c, state.context, state.support), c) for c in candidates]
            best_score = max(s for s, _ in scored)
            # The rules' best few go to the ranker: the right reading is among the top 8 for 99.5% of the
            # names where it is among all (geoparsing dev half), and the ranker's cost stays small.
            kept = sorted(scored, key=lambda sc: -sc[0])[:RANKED_CANDIDATES]
            others = [o for k, o in state.choice.items() if k != key and o.feature_code != "CONT"]
            found[key] = [
                Option(key, c, candidate_features(
                    mention, c, state, top, others,
                    population_share=c.population / largest if largest else 0.0,
                    population_rank=rank[c.geonameid], count=len(candidates),
                    score=s, margin=s - best_score,
                ))
                for s, c in kept
            ]
        return found

    def hint_targets(self, hint: str) -> set[tuple[str, str | None]]:
        """The (country, admin1 code) pairs a name such as "Texas", "Ga." or "Kazakhstan" stands for."""
        key = normalise(hint)
        if key in US_STATE_ABBREVIATIONS:
            return {("US", US_STATE_ABBREVIATIONS[key][0])}
        return {
            (c.country_code, None if c.is_country else c.admin1_code)
            for c in self.gazetteer.lookup(hint)
            if c.country_code and (c.is_country or c.feature_code == "ADM1")
        }


def rule_score(
    key: str, c: Candidate, context: Context | None, support: dict[tuple[str, int], float]
) -> float:
    """The rules' score of one reading: its prior, the article's context and its neighbours."""
    total = prior(c, key) + support.get((key, c.geonameid), 0.0)
    return total + context.score(c, key) if context is not None else total


def best(
    key: str, found: list[Candidate], context: Context | None, support: dict[tuple[str, int], float]
) -> Candidate:
    """The reading of a name that scores highest on its prior, the article's context and its neighbours."""
    return max(found, key=lambda c: rule_score(key, c, context, support))


@dataclass(frozen=True, slots=True)
class RuleState:
    """The rules' reading of an article's names and what it was read from."""

    by_key: dict[str, list[Candidate]]
    choice: dict[str, Candidate]
    context: Context | None
    support: dict[tuple[str, int], float]
    weights: Counter[str]


@dataclass(frozen=True, slots=True)
class Option:
    """One candidate of a name with the ranker's features."""

    key: str
    candidate: Candidate
    features: dict[str, float]


def top_country(context: Context | None) -> str | None:
    """The country most of the article's names lie in."""
    if context is None:
        return None
    tally: Counter[str] = Counter()
    for cc, weight in context.votes.values():
        tally[cc] += weight
    return tally.most_common(1)[0][0] if tally else None


ADMIN_NAME_WORDS = ("county", "parish", "district", "province")


def candidate_features(
    mention: Mention, c: Candidate, state: RuleState, top: str | None, others: list[Candidate], *,
    population_share: float, population_rank: int, count: int, score: float, margin: float,
) -> dict[str, float]:
    key = mention.key
    context = state.context
    region = c.feature_code == "CONT" or c.geonameid >= REGION_ID_BASE
    contained = 0.0
    named = 0.0
    focus = 0.0
    near = 0.0
    region_focus = 0.0
    if context is not None:
        focus = context.focus(c.country_code, key)
        region_focus = context.region_focus(c, key)
        for country, admin1 in context.hints.get(key, ()):
            if c.country_code == country and (admin1 is None or c.admin1_code == admin1):
                contained = 1.0
        if is_within_named_region(c, context.named):
            named = 1.0
        near = nearness(c, key, context.choice)
    nearest = min((haversine_km(c.lat, c.lon, o.lat, o.lon) for o in others), default=20000.0)
    abbreviation = (
        mention.source == "state" or is_acronym(mention.text) or normalise(mention.text) in SHORT_FORMS
    )
    return {
        "log_population": math.log10(c.population + 10),
        "population_share": population_share,
        "population_rank": float(population_rank),
        "log_candidates": math.log2(count),
        "is_country": float(c.is_country),
        "is_region": float(region),
        "is_capital": float(c.feature_code == "PPLC"),
        "is_adm1": float(c.feature_code == "ADM1"),
        "is_adm2": float(c.feature_code == "ADM2"),
        "is_town": float(c.feature_class == "P"),
        "main_name": float(normalise(c.name) == key),
        "abbreviation": float(abbreviation),
        "division_word": float(mention.division is not None),
        "admin_word_in_name": float(any(w in key for w in ADMIN_NAME_WORDS)),
        "source_ner": float(mention.source in ("ner", "fac")),
        "source_gazetteer": float(mention.source == "gazetteer"),
        "usage_literal": float(mention.usage == "literal"),
        "usage_metonym": float(mention.usage == "metonym"),
        "usage_demonym": float(mention.usage == "demonym"),
        "usage_embedded": float(mention.usage == "embedded"),
        "dateline": float(mention.line_start),
        "mentions": float(state.weights[key]),
        "focus_share": focus,
        "in_top_country": float(top is not None and c.country_code == top),
        "region_focus": region_focus,
        "region_share": context.shares.get((key, c.geonameid), 0.0) if context is not None else 0.0,
        "admin1_named": named,
        "containment": contained,
        "nearness": near,
        "neighbours": state.support.get((key, c.geonameid), 0.0),
        "log_km_nearest": math.log10(nearest + 1.0),
        "rule_prior": prior(c, key),
        "rule_score": score,
        "rule_margin": margin,
        "rule_pick": float(state.choice.get(key) == c),
    }


NEIGHBOUR_KM = 50.0
REGION_SHARE_WEIGHT = 1.0
RANKED_CANDIDATES = 8
BIG_NAME_POPULATION = 500_000
NEIGHBOUR_BONUS = 1.5
MAX_NEIGHBOUR_BONUS = 3.0


def _is_local(c: Candidate) -> bool:
    return c.feature_class == "P" or c.feature_code == "ADM2"


def neighbour_support(by_key: dict[str, list[Candidate]]) -> dict[tuple[str, int], float]:
    """A bonus for each reading of a name that some reading of another name lies next to: local news names a
    town with its neighbours ("Jordan" with "Shakopee", "Paris" with "Henry County"), and two names rarely
    share a place by chance. Only towns and counties count; regions and countries have their own rules."""
    cells: dict[tuple[int, int], list[tuple[str, Candidate]]] = {}
    for key, found in by_key.items():
        for c in found:
            if _is_local(c):
                cells.setdefault((int(c.lat // 1), int(c.lon // 1)), []).append((key, c))
    support: dict[tuple[str, int], float] = {}
    for (row, col), members in cells.items():
        near_by = [m for dr in (-1, 0, 1) for dc in (-1, 0, 1) for m in cells.get((row + dr, col + dc), ())]
        for key, c in members:
            others = {
                k for k, o in near_by
                if k != key and haversine_km(c.lat, c.lon, o.lat, o.lon) <= NEIGHBOUR_KM
            }
            if others:
                support[(key, c.geonameid)] = min(MAX_NEIGHBOUR_BONUS, NEIGHBOUR_BONUS * len(others))
    return support


def prefer_city_over_own_region(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a region that is named after its own main town (Almaty, Moscow, Paris): news means the town."""
    towns = [c for c in candidates if c.feature_class == "P"]
    kept = []
    for c in candidates:
        if c.is_admin and any(
            t.country_code == c.country_code
            and (
                (normalise(t.name) == normalise(c.name) and c.feature_code == "ADM2")
                or t.population * town_share(t) >= c.population  # both known by this name: "New York"
            )
            for t in towns
        ):
            continue
        kept.append(c)
    return kept


def town_share(town: Candidate) -> int:
    """How many times its own population a same-named region may hold and still be taken for the town:
    a capital beats its region (Washington), a town beats a region it is most of (New York)."""
    return 20 if town.feature_code == "PPLC" else 4


def prior(c: Candidate, key: str) -> float:
    """How likely a candidate is before context: its size, its kind, whether the name is its main name."""
    score = math.log10(c.population + 10)
    if c.is_country:
        score += 4.0
    elif c.feature_code == "CONT" or c.geonameid >= REGION_ID_BASE:
        score = max(score, 7.0) + 4.0  # a region news names by itself is as well known as a country
    elif c.feature_code == "PPLC":
        score += 1.5
    elif c.feature_code == "ADM1":
        score += 0.5
    elif c.feature_code == "ADM2":
        score += 3.0 if any(w in key for w in ("county", "parish", "district", "province")) else -1.0
    if normalise(c.name) == key:
        score += 1.0
    return score


def country_votes(choice: dict[str, Candidate], weights: Counter[str]) -> dict[str, tuple[str, int]]:
    """What each name says about the article's country: (country code, weight). Countries and regions
    count double: they are named to say where things happen."""
    return {
        key: (c.country_code, weights[key] * (2 if c.is_country or c.is_admin else 1))
        for key, c in choice.items()
        if c.country_code
    }


def region_shares(by_key: dict[str, list[Candidate]]) -> dict[tuple[str, int], float]:
    """For each town or district reading of a name, the share of the article's other names (of those with a
    reading in some first-level region) that have a reading in its region too: Springfield, Decatur and
    Quincy all have one in Illinois. It reads every candidate, not the current picks, so it cannot swing
    between two regions from one round to the next. Names of big places (half a million people) get none."""
    regions: dict[str, set[tuple[str, str]]] = {}
    for key, found in by_key.items():
        regions[key] = {
            (c.country_code, c.admin1_code)
            for c in found
            if c.country_code and c.admin1_code and (_is_local(c) or c.feature_code == "ADM1")
        }
    voters = [k for k, r in regions.items() if r]
    shares: dict[tuple[str, int], float] = {}
    if len(voters) < 2:
        return shares
    for key, found in by_key.items():
        if max((c.population for c in found), default=0) >= BIG_NAME_POPULATION:
            continue  # a name some big place bears is that place's, whoever its neighbours are (Houston)
        others = [k for k in voters if k != key]
        for c in found:
            if _is_local(c) and c.country_code and c.admin1_code:
                region = (c.country_code, c.admin1_code)
                shares[(key, c.geonameid)] = sum(region in regions[k] for k in others) / len(others)
    return shares


def is_within_named_region(c: Candidate, named: set[str]) -> bool:
    """A town or district whose first-level region the article names ("Springfield" with "Illinois")."""
    if not c.admin1_name or c.is_admin or c.is_country:
        return False
    return normalise(c.admin1_name) in named


def region_votes(
    choice: dict[str, Candidate], weights: Counter[str]
) -> dict[str, tuple[tuple[str, str], int]]:
    """What each name says about the article's first-level region (a US state, a province): the (country,
    admin1 code) its reading lies in, and its weight. Countries say nothing about it."""
    return {
        key: ((c.country_code, c.admin1_code), weights[key])
        for key, c in choice.items()
        if c.country_code and c.admin1_code and not c.is_country
    }


def named_regions(choice: dict[str, Candidate]) -> set[str]:
    return {normalise(c.name) for c in choice.values() if c.is_admin or c.is_country}


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says about where it is."""

    votes: dict[str, tuple[str, int]]  # name -> the country its current reading is in, and its weight
    named: set[str]  # regions and countries the article names
    hints: dict[str, set[tuple[str, str | None]]]  # name -> (country, admin1) written right after it
    choice: dict[str, Candidate]  # the current reading of every name
    # name -> the (country, admin1 code) its current reading lies in, and its weight
    regions: dict[str, tuple[tuple[str, str], int]] = field(default_factory=dict)
    shares: dict[tuple[str, int], float] = field(default_factory=dict)  # see region_shares

    def region_focus(self, c: Candidate, key: str) -> float:
        """The share of the article's other names (of those in some region) in ``c``'s first-level region."""
        if not c.admin1_code or not c.country_code:
            return 0.0
        total = same = 0
        for other, (region, weight) in self.regions.items():
            if other != key:
                total += weight
                same += weight if region == (c.country_code, c.admin1_code) else 0
        return same / total if total else 0.0

    def focus(self, country: str | None, key: str) -> float:
        """The share of the article's other names lying in ``country`` (a name has no vote on itself)."""
        total = same = 0
        for other, (cc, weight) in self.votes.items():
            if other != key:
                total += weight
                same += weight if cc == country else 0
        return same / total if total else 0.0

    def score(self, c: Candidate, key: str) -> float:
        score = 4.0 * self.focus(c.country_code, key)
        if _is_local(c):
            # Local news keeps to one state or province: "Columbus" named with Macon and Albany is Georgia's.
            score += REGION_SHARE_WEIGHT * self.shares.get((key, c.geonameid), 0.0)
        if is_within_named_region(c, self.named):
            score += 3.0
        for country, admin1 in self.hints.get(key, ()):
            if c.country_code == country and (admin1 is None or c.admin1_code == admin1):
                score += 6.0
        return score + nearness(c, key, self.choice)


def nearness(c: Candidate, key: str, choice: dict[str, Candidate]) -> float:
    """A bonus for lying near the article's other places: within a town's reach of its towns and regions,
    or within a country's reach of the countries it names."""
    if c.is_country or c.feature_code == "CONT":
        return 0.0
    bonus = 0.0
    for k, o in choice.items():
        if k == key or o.feature_code == "CONT":
            continue
        distance = haversine_km(c.lat, c.lon, o.lat, o.lon)
        if o.is_country:
            bonus = max(bonus, 1.0 if distance < 600 else 0.0)
        else:
            bonus = max(bonus, 1.5 if distance < 100 else 1.0 if distance < 400 else 0.0)
    return bonus


# --- the component ------------------------------------------------------------------------------------


def to_place(mention: Mention, c: Candidate) -> Place:
    precision = 1 if c.feature_class == "P" else 2 if c.feature_code == "ADM2" else 3
    return Place(
        text=mention.text, start=mention.start, end=mention.end, name=c.name, lat=c.lat, lon=c.lon,
        geonames_id=c.geonameid, country_code=c.country_code, admin1=c.admin1_name,
        feature="P" if c.feature_class == "P" else "A", precision=precision, usage=mention.usage,
        admin2=c.admin2_name,
    )


class PlaceTagger:
    def __init__(
        self, nlp: Language, name: str, *, gazetteer_path: str | None, settings: Settings, ranker: str = ""
    ) -> None:
        self.name = name
        self.gazetteer = open_gazetteer(gazetteer_path or None)
        self.finder = PlaceFinder(self.gazetteer, settings)
        self.resolver = Resolver(self.gazetteer, PlaceRanker.load(ranker) if ranker else None)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.finder.find(doc)
        choice = self.resolver.resolve(mentions)
        doc._.ne_places = tuple(to_place(m, choice[m.key]) for m in mentions if m.key in choice)
        return doc


@Language.factory(
    "newsevents_places",
    assigns=["doc._.ne_places"],
    default_config={
        "gazetteer_path": "",
        "keep_demonyms": True,
        "keep_metonyms": True,
        "keep_embedded": True,
        "min_fallback_population": 20000,
        "ranker": "",
    },
)
def make_places(
    nlp: Language,
    name: str,
    gazetteer_path: str,
    keep_demonyms: bool,
    keep_metonyms: bool,
    keep_embedded: bool,
    min_fallback_population: int,
    ranker: str,
) -> PlaceTagger:
    settings = Settings(keep_demonyms, keep_metonyms, keep_embedded, min_fallback_population)
    return PlaceTagger(nlp, name, gazetteer_path=gazetteer_path, settings=settings, ranker=ranker)
