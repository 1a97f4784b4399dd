"""Stage ``newsevents_actors``: who acts or suffers, named the same way in every article.

Generic actor words ("police", "security forces", "protesters", "gunmen", "villagers") and named organisations
("CSTO", "Taliban") are found with phrase matchers built from ``data/actors.json``. Each mention gets an
ACLED-style name and actor type: "Kazakhstan's Interior Ministry" -> Police Forces of Kazakhstan
(State forces),
"Russian-led troops" in a Kazakh story -> Military Forces of Russia (External/Other forces).

The country comes from the mention itself (a demonym, a country name, a place the places stage resolved,
"police of Kazakhstan") or else from the article's main country, by the one rule the events stage uses too
(``newsevents.events.geo.main_country``: the country its places, demonyms among them, name most often).
Words that only name actors as victims ("people", "children") count only where the sentence does something
to them ("killed 164 people", "were detained").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newsevents.errors import ConfigError
from newsevents.events.geo import main_country
from newsevents.pipeline.doc import zone_kind_at, zones_of

if not Doc.has_extension("ne_actors"):
    Doc.set_extension("ne_actors", default=())

LEXICON_FILE = "actors.json"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of an actor, normalised: "Kazakhstan's Interior Ministry" -> Police Forces of Kazakhstan."""

    start: int
    end: int
    text: str
    name: str  # the normalised name, the same across articles
    type: str  # ACLED actor type: State forces, Protesters, Rioters, Civilians, External/Other forces, ...
    country_code: str | None


# --- the lexicon --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GenericActor:
    """A kind of actor named by common words: "police", "protesters". ``name`` has a ``{country}`` slot."""

    kind: str
    words: tuple[str, ...]
    name: str
    type: str
    generic_name: str  # the name when no country is known
    foreign_type: str | None = None  # the type when the country is not the article's own
    victim_only: bool = False  # "people", "children": an actor only when something is done to them
    acting_only: bool = False  # "president": the government only when acting, not when speaking


@dataclass(frozen=True, slots=True)
class Organisation:
    words: tuple[str, ...]
    case_sensitive: tuple[str, ...]  # short forms matched only as written: "UN", "EU"
    name: str
    type: str
    country: str | None


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    generic: tuple[GenericActor, ...]
    organisations: tuple[Organisation, ...]
    countries: dict[str, str]  # ISO2 -> the name used in actor names
    aliases: dict[str, str]  # lower-case country name -> ISO2
    demonyms: dict[str, str]  # lower-case demonym -> ISO2

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorLexicon:
        """Read the lexicon: the packaged ``data/actors.json`` unless a path is given."""
        try:
            if path is None:
                text = (
                    resources.files("newsevents").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
                )
            else:
                text = Path(path).read_text(encoding="utf-8")
            data = json.loads(text)
            return cls.from_dict(data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"cannot read the actor lexicon: {exc}", path=str(path or LEXICON_FILE)
            ) from exc

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActorLexicon:
        generic = tuple(
            GenericActor(
                kind=e["kind"],
                words=tuple(e["words"]),
                name=e["name"],
                type=e["type"],
                generic_name=e["generic_name"],
                foreign_type=e.get("foreign_type"),
                victim_only=bool(e.get("victim_only", False)),
                acting_only=bool(e.get("acting_only", False)),
            )
            for e in data["generic"]
        )
        organisations = tuple(
            Organisation(
                tuple(e["words"]), tuple(e.get("case_sensitive", ())), e["name"], e["type"], e.get("country")
            )
            for e in data["organisations"]
        )
        return cls(
            generic,
            organisations,
            dict(data["countries"]),
            dict(data["country_aliases"]),
            dict(data["demonyms"]),
        )

    def country_of_words(self, words: str) -> str | None:
        """ "kazakh" -> KZ, "kazakhstan" -> KZ, "kazakhstan's" -> KZ; None when the words name no country."""
        low = words.lower().strip()
        if low.endswith(("'s", "’s")):
            low = low[:-2]
        return self.demonyms.get(low) or self.aliases.get(low)

    def actor_name(self, entry: GenericActor, country: str | None) -> str:
        if country is None or country not in self.countries:
            return entry.generic_name
        return entry.name.format(country=self.countries[country])


# --- context: victims, acting heads of government, the focus country ----------------------------------

VIOLENCE = {
    "kill", "injure", "wound", "attack", "shoot", "beat", "assault", "stab", "arrest", "detain", "abduct",
    "kidnap", "rape", "lynch", "burn", "murder", "massacre", "hurt", "torture", "target", "behead", "execute",
    "hack", "slaughter", "butcher", "maim", "harass", "molest", "loot", "rob", "displace", "evacuate", "hold",
    "die", "perish", "drown", "disappear", "round", "nab", "apprehend", "jail", "imprison", "chase", "fire",
    "tear", "lathicharge", "lathi", "charge", "disperse", "strip", "parade", "trap",
}
QUANTITIES = {
    "dozen", "hundred", "thousand", "score", "ten", "number", "group", "lot", "batch", "many", "some",
    "several", "most", "all", "couple", "handful", "few", "lakh", "million",
}
VICTIM_PREPS = {"on", "at", "against", "upon"}  # "fired on people", "violence against women"
SPEECH = {
    "say", "tell", "add", "insist", "claim", "note", "state", "write", "tweet", "deny", "warn", "vow",
    "announce", "explain", "argue", "suggest", "stress", "emphasise", "emphasize", "assert", "allege",
    "reiterate", "confirm", "acknowledge", "declare", "comment", "remark", "speak", "talk", "urge", "call",
    "appeal", "promise", "pledge", "describe", "dismiss", "reject", "accuse", "blame", "hope", "believe",
    "think", "want", "praise", "thank", "welcome", "condemn", "criticise", "criticize", "express",
}
# Nouns after an actor word that keep it an actor: "police firing", "army column", "security personnel".
ACTION_HEADS = {
    "firing", "fire", "action", "crackdown", "raid", "operation", "custody", "excess", "atrocity",
    "brutality", "violence", "attack", "assault", "offensive", "shelling", "strike", "patrol", "deployment",
    "presence", "intervention", "brigade", "column", "unit", "contingent", "convoy", "team", "party",
    "personnel", "officer", "commando", "jawan", "force", "troop", "soldier", "commander", "lathicharge",
    "lathi", "charge", "bullet", "shooting", "repression", "torture", "vehicle", "help", "protection",
    "reinforcement",
}


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def is_victim(token: Token) -> bool:
    """Whether a people noun suffers an act: "killed 164 people", "were detained", "fired on people"."""
    current = token
    for _ in range(3):
        head = current.head
        dep = current.dep_
        if dep in {"dobj", "nsubjpass"} and lemma(head) in VIOLENCE:
            return True
        if dep == "nsubj" and lemma(head) in {"die", "perish", "drown", "disappear", "suffer"}:
            return True
        if dep == "pobj" and head.lower_ in VICTIM_PREPS and lemma(head.head) in VIOLENCE | {"violence"}:
            return True
        if any(
            c.dep_ in {"acl", "amod", "relcl"} and lemma(c) in VIOLENCE | {"dead", "injured"}
            for c in current.children
            if c.i > current.i
        ):
            return True  # "people killed in the blast", "children injured"
        if dep in {"conj", "appos"} or (dep == "pobj" and head.lower_ in {"including", "among"}):
            current = head.head if dep == "pobj" else head
            continue
        if dep == "pobj" and head.lower_ == "of" and (head.head.like_num or lemma(head.head) in QUANTITIES):
            current = head.head  # "dozens of students", "a group of villagers"
            continue
        return False
    return False


def is_acting(token: Token) -> bool:
    """A head of government acts ("President X ordered troops in") rather than speaks ("X said")."""
    subject = token.head if token.dep_ == "compound" and token.head.pos_ == "PROPN" else token
    while subject.dep_ in {"compound", "appos", "flat"} and subject.head is not subject:
        subject = subject.head
    if subject.dep_ not in {"nsubj", "agent"}:
        return False
    verb = subject.head
    return verb.pos_ == "VERB" and lemma(verb) not in SPEECH


def sent_by(root: Token, earlier: list[ActorMention]) -> ActorMention | None:
    """The foreign force whose troops these are: "The CSTO has deployed 2,000 troops" -> the CSTO."""
    current = root
    while current.dep_ == "conj" and current.head is not current:
        current = current.head
    if current.dep_ not in {"dobj", "nsubjpass"}:
        return None
    verb = current.head
    for child in verb.children:
        if child.dep_ in {"nsubj", "agent"}:
            subject = child if child.dep_ == "nsubj" else next(iter(child.children), child)
            lo, hi = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
            for prior in earlier:
                if prior.type == "External/Other forces" and lo <= prior.start < hi:
                    return prior
    return None


# --- the stage ----------------------------------------------------------------------------------------


class ActorFinder:
    """Finds actor mentions in each Doc and writes them, normalised, to ``doc._.ne_actors``."""

    def __init__(self, nlp: Language, name: str, *, lexicon_path: str | None = None) -> None:
        self.name = name
        self.lexicon = ActorLexicon.load(lexicon_path or None)
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for i, entry in enumerate(self.lexicon.generic):
            self.lower.add(f"G{i}", [nlp.make_doc(w) for w in entry.words])
        for i, org in enumerate(self.lexicon.organisations):
            self.lower.add(f"O{i}", [nlp.make_doc(w) for w in org.words])
            if org.case_sensitive:
                self.exact.add(f"O{i}", [nlp.make_doc(w) for w in org.case_sensitive])

    def __call__(self, doc: Doc) -> Doc:
        doc._.ne_actors = self.find(doc)
        return doc

    def find(self, doc: Doc) -> tuple[ActorMention, ...]:
        places = doc._.ne_places if Doc.has_extension("ne_places") else ()
        focus = main_country(tuple(places or ()), zones_of(doc))
        mentions: list[ActorMention] = []
        for key, span in self.matches(doc):
            if zone_kind_at(doc, span.start_char) == "furniture":
                continue
            mention = self.mention(doc, key, span, focus, mentions)
            if mention is not None:
                mentions.append(mention)
        return tuple(without_overlaps(mentions))

    def matches(self, doc: Doc) -> list[tuple[str, Span]]:
        """Matched spans, longest first where they overlap, in text order."""
        found = [(doc.vocab.strings[m], doc[s:e]) for m, s, e in [*self.lower(doc), *self.exact(doc)]]
        found.sort(key=lambda item: (-(item[1].end - item[1].start), item[1].start))
        taken: set[int] = set()
        kept: list[tuple[str, Span]] = []
        for key, span in found:
            if taken.isdisjoint(range(span.start, span.end)):
                kept.append((key, span))
                taken.update(range(span.start, span.end))
        kept.sort(key=lambda item: item[1].start)
        return kept

    def mention(
        self, doc: Doc, key: str, span: Span, focus: str | None, earlier: list[ActorMention]
    ) -> ActorMention | None:
        if key.startswith("O"):
            org = self.lexicon.organisations[int(key[1:])]
            return ActorMention(span.start_char, span.end_char, span.text, org.name, org.type, org.country)
        entry = self.lexicon.generic[int(key[1:])]
        root = span.root
        if (
            not entry.acting_only
            and root.dep_ in {"compound", "amod", "nmod"}
            and root.head.i >= span.end
            and not (lemma(root.head) in ACTION_HEADS or root.head.lower_ in ACTION_HEADS)
        ):
            return None  # "police station", "government offices", "military alliance"; not "police firing"
        if self.inside_a_name(doc, span):
            return None  # "Baloch Liberation Army", "Reporters Without Borders": a named group, not a kind
        if entry.victim_only and not is_victim(root):
            return None
        if entry.acting_only and not is_acting(root):
            return None
        start = self.left_edge(span)
        modifiers = doc[start : span.start]
        explicit = self.country_in(doc, [*modifiers, *span], root)
        country = explicit or (None if entry.kind == "peacekeepers" else focus)
        if entry.kind == "peacekeepers":
            return self.peacekeepers(doc, entry, span, start, country, focus, earlier)
        sender = sent_by(root, earlier) if entry.kind == "military" and explicit is None else None
        if sender is not None:
            whole = doc[start : span.end]
            return ActorMention(
                whole.start_char, whole.end_char, whole.text, sender.name, sender.type, sender.country_code
            )
        if entry.kind == "head_of_government":
            span = doc[span.start : max(span.end, root.head.i + 1 if root.dep_ == "compound" else span.end)]
        type_ = entry.type
        if entry.foreign_type and country and focus and country != focus:
            type_ = entry.foreign_type
        whole = doc[start : span.end]
        return ActorMention(
            whole.start_char,
            whole.end_char,
            whole.text,
            self.lexicon.actor_name(entry, country),
            type_,
            country,
        )

    def peacekeepers(
        self,
        doc: Doc,
        entry: GenericActor,
        span: Span,
        start: int,
        country: str | None,
        focus: str | None,
        earlier: list[ActorMention],
    ) -> ActorMention | None:
        """Foreign forces: named after the organisation or country that sent them, or the last one named."""
        whole = doc[start : span.end]
        for prior in earlier:
            if prior.start < whole.end_char and prior.end > whole.start_char:
                # "CSTO peacekeeping forces": named after the organisation among its modifiers.
                return ActorMention(
                    whole.start_char, whole.end_char, whole.text, prior.name, prior.type, prior.country_code
                )
        if country is not None and country != focus:
            return ActorMention(
                whole.start_char,
                whole.end_char,
                whole.text,
                self.lexicon.actor_name(entry, country),
                "External/Other forces",
                country,
            )
        for prior in reversed(earlier):
            if prior.type == "External/Other forces":
                return ActorMention(
                    whole.start_char, whole.end_char, whole.text, prior.name, prior.type, prior.country_code
                )
        return ActorMention(
            whole.start_char, whole.end_char, whole.text, entry.generic_name, "External/Other forces", None
        )

    def inside_a_name(self, doc: Doc, span: Span) -> bool:
        """Whether the matched words are part of a longer organisation name that names no country."""
        root = span.root
        for ent in doc.ents:
            if ent.start <= root.i < ent.end:
                if ent.label_ not in {"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}:
                    return False
                extra = [t for t in ent if t.i < span.start or t.i >= span.end]
                named = [t for t in extra if t.pos_ == "PROPN" or t.is_title]
                return bool(named) and not any(self.lexicon.country_of_words(t.text) for t in ent)
        return False

    def left_edge(self, span: Span) -> int:
        """Where a mention starts, modifiers included: "Kazakh police", "Russian-led troops"."""
        root = span.root
        start = span.start
        for child in root.lefts:
            if child.i < span.start and child.dep_ in {"poss", "compound", "amod", "nmod", "npadvmod"}:
                start = min(start, child.left_edge.i)
        doc = span.doc
        # Not across a sentence or a line break (a photo credit parsed onto the next line's subject).
        start = max(start, span.sent.start)
        for token in doc[start : span.start]:
            if "\n" in token.text_with_ws or token.is_space:
                start = token.i + 1
        while start < span.start and (
            doc[start].pos_ in {"DET", "PUNCT", "NUM"}
            or doc[start].like_num
            or doc[start].dep_ == "quantmod"
            or doc[start].lower_
            in {"the", "a", "nearly", "about", "over", "some", "around", "just", "than", "more"}
        ):
            start += 1
        return start

    def country_in(self, doc: Doc, tokens: Iterable[Token], root: Token) -> str | None:
        """A country named in or beside the mention: a demonym, a country, a place, "of <country>"."""
        candidates = list(tokens)
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in {"of", "in", "from"}:
                candidates.extend(t for t in child.subtree if t is not child)
        places = doc._.ne_places if Doc.has_extension("ne_places") else ()
        for token in candidates:
            if token.lower_ in {"country", "nation"} and any(c.dep_ == "poss" for c in token.children):
                return None  # "his country's": the focus country
            if token.lower_ == "us" and token.text != "US":
                continue
            code = self.lexicon.country_of_words(token.text)
            if code:
                return code
            for place in places or ():
                if place.start <= token.idx < place.end and getattr(place, "country_code", None):
                    code = place.country_code
                    return str(code)
        # Multi-word country names: "South Korea", "United States".
        for size in (3, 2):
            for i in range(len(candidates) - size + 1):
                code = self.lexicon.country_of_words(" ".join(t.text for t in candidates[i : i + size]))
                if code:
                    return code
        return None


def without_overlaps(mentions: list[ActorMention]) -> list[ActorMention]:
    """Where two mentions overlap, the longer stays."""
    kept: list[ActorMention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


@Language.factory("newsevents_actors", assigns=["doc._.ne_actors"], default_config={"lexicon_path": ""})
def make_actors(nlp: Language, name: str, lexicon_path: str) -> ActorFinder:
    return ActorFinder(nlp, name, lexicon_path=lexicon_path or None)
