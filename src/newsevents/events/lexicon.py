"""The trigger lexicon (``data/triggers.json``): which words announce which kind of event.

Words are matched against each token's lemma and lower-cased form, never its capitalisation, so the same
rules work on headline case, sentence case and all-lower-case text. A rule may ask for context words in the
sentence, for words in the trigger's subject (its agent) or object (its patient), or be blocked by other
words; its ``variants`` are more specific readings of the same trigger ("protest" + "tear gas" -> Protest
with intervention).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token
from spacy.util import registry

from newsevents.errors import ConfigError
from newsevents.model import Plover

LEXICON_FILE = "triggers.json"
SKIPPED = {"-", "–", "—", "'", "’", "/"}

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to code a trigger, with the conditions under which it applies."""

    sub: str
    weight: float
    context: tuple[Phrase, ...] = ()
    also: tuple[Phrase, ...] = ()
    block: tuple[Phrase, ...] = ()
    agent: tuple[Phrase, ...] = ()
    patient: tuple[Phrase, ...] = ()
    plover: Plover | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    phrases: tuple[Phrase, ...]
    base: Reading
    variants: tuple[Reading, ...]
    pos: frozenset[str]
    count: str | None
    casualty: bool
    topic_blind: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    rules: tuple[Rule, ...]

    def trigger_index(self) -> PhraseIndex:
        return _trigger_index(self)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a sentence: token range, its syntactic head and the reading chosen for it."""

    start: int  # token index in the Doc
    end: int
    anchor: int
    reading: Reading
    rule: Rule


def _phrases(items: list[str], sets: dict[str, list[str]]) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    for item in items:
        if item.startswith("$"):
            if item[1:] not in sets:
                raise ConfigError(f"trigger lexicon names an unknown set {item!r}", file=LEXICON_FILE)
            out.extend(_phrases(sets[item[1:]], sets))
        else:
            out.append(tuple(item.lower().replace("-", " ").split()))
    return tuple(out)


def _plover(d: dict[str, Any] | None) -> Plover | None:
    return Plover(d["type"], d.get("mode")) if d else None


def _reading(d: dict[str, Any], sets: dict[str, list[str]], inherited_block: tuple[Phrase, ...]) -> Reading:
    return Reading(
        sub=d["sub"],
        weight=float(d["weight"]),
        context=_phrases(d.get("context", []), sets),
        also=_phrases(d.get("also", []), sets),
        block=inherited_block + _phrases(d.get("block", []), sets),
        agent=_phrases(d.get("agent", []), sets),
        patient=_phrases(d.get("patient", []), sets),
        plover=_plover(d.get("plover")),
    )


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    sets: dict[str, list[str]] = data.get("sets", {})
    rules = []
    for r in data["rules"]:
        base = _reading(r, sets, ())
        variants = tuple(_reading(v, sets, base.block) for v in r.get("variants", []))
        rules.append(
            Rule(
                phrases=_phrases(r["phrases"], sets),
                base=base,
                variants=variants,
                pos=frozenset(r.get("pos", [])),
                count=r.get("count"),
                casualty=bool(r.get("casualty", False)),
                topic_blind=bool(r.get("topic_blind", False)),
            )
        )
    return Lexicon(str(data.get("version", "1")), tuple(rules))


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The trigger lexicon: the packaged ``data/triggers.json``, or the file at ``path``; each read once."""
    try:
        if path:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = resources.files("newsevents").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
        return parse_lexicon(json.loads(text))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the trigger lexicon: {exc}", file=path or LEXICON_FILE) from exc


def trigger_lexicon_v1(path: str = "") -> Lexicon:
    """The config's trigger lexicon (``[components.newsevents_events.lexicon]``): "" is the packaged one."""
    return load_lexicon(path or None)


registry.misc.register("newsevents.trigger_lexicon.v1", func=trigger_lexicon_v1)


PREFIX = 3  # letters of a stem ("arrest*") that file it in the index
MEMO_LIMIT = 200_000  # distinct (lemma, lower) pairs remembered by an index


class PhraseIndex:
    """Phrases by their first word, so a token only tries the phrases that can start with it: exact words
    in a dict, stems ("arrest*") by their first letters. A token's candidates come in the order a scan of
    every phrase would try them (exact lemma, exact lower-cased form, then stems in lexicon order), since
    equal-weight overlaps are resolved in that order."""

    def __init__(self, entries: list[tuple[Phrase, Rule]]) -> None:
        self._exact: dict[str, list[tuple[Phrase, Rule]]] = {}
        self._stems: dict[str, list[tuple[int, str, Phrase, Rule]]] = {}
        self._short: list[tuple[int, str, Phrase, Rule]] = []  # stems shorter than PREFIX
        self._memo: dict[tuple[str, str], list[tuple[Phrase, Rule]]] = {}
        for n, (phrase, rule) in enumerate(entries):
            first = phrase[0]
            if not first.endswith("*"):
                self._exact.setdefault(first, []).append((phrase, rule))
                continue
            stem = first[:-1]
            entry = (n, stem, phrase, rule)
            if len(stem) >= PREFIX:
                self._stems.setdefault(stem[:PREFIX], []).append(entry)
            else:
                self._short.append(entry)

    def starting(self, lemma: str, lower: str) -> list[tuple[Phrase, Rule]]:
        """The phrases whose first word matches a token with these forms."""
        key = (lemma, lower)
        found = self._memo.get(key)
        if found is None:
            found = self._lookup(lemma, lower)
            if len(self._memo) < MEMO_LIMIT:
                self._memo[key] = found
        return found

    def _lookup(self, lemma: str, lower: str) -> list[tuple[Phrase, Rule]]:
        found = list(self._exact.get(lemma, []))
        if lower != lemma:
            found.extend(self._exact.get(lower, []))
        stems = self._short + self._stems.get(lemma[:PREFIX], [])
        if lower[:PREFIX] != lemma[:PREFIX]:
            stems += self._stems.get(lower[:PREFIX], [])
        matching = {
            n: (phrase, rule)
            for n, stem, phrase, rule in stems
            if lower.startswith(stem) or lemma.startswith(stem)
        }
        found.extend(matching[n] for n in sorted(matching))
        return found


@lru_cache(maxsize=4)
def _trigger_index(lexicon: Lexicon) -> PhraseIndex:
    return PhraseIndex([(phrase, rule) for rule in lexicon.rules for phrase in rule.phrases])


# --- matching ---------------------------------------------------------------------------------------


def forms(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


def form_matches(word: str, lemma: str, lower: str) -> bool:
    if word.endswith("*"):
        stem = word[:-1]
        return lower.startswith(stem) or lemma.startswith(stem)
    return word in (lemma, lower)


def word_matches(word: str, token: Token) -> bool:
    return form_matches(word, *forms(token))


TOPIC_PREPS = frozenset({"over", "against", "about", "following", "after", "for", "at"})
TOPIC_VERBS = frozenset(
    {"protest", "demand", "call", "decry", "denounce", "condemn", "mark", "commemorate", "express", "seek"}
)


def topic_tokens(anchor: Token) -> set[int]:
    """What a protest is about ("over the police shooting", "against mass arrests", "to demand the release
    of detained activists"): words there say nothing about how the protest itself went."""
    heads = [anchor]
    if anchor.head.i != anchor.i and anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
        heads.append(anchor.head if anchor.head.pos_ != "ADP" else anchor.head.head)
    out: set[int] = set()
    for head in heads:
        for child in head.children:
            if child.i < anchor.i:
                continue
            topical = (
                (
                    child.dep_ == "prep"
                    and child.lower_ in TOPIC_PREPS
                    and any(c.dep_ == "pobj" for c in child.children)
                )
                or (child.dep_ in ("xcomp", "advcl", "acl") and any(c.lower_ == "to" for c in child.children))
                or (child.dep_ in ("advcl", "acl", "xcomp") and child.lemma_.lower() in TOPIC_VERBS)
            )
            if topical:
                out.update(t.i for t in child.subtree)
    return out


def topic_free_view(view: SentenceView, anchor: Token) -> SentenceView:
    hidden = topic_tokens(anchor)
    if not hidden:
        return view
    return SentenceView(view.sent, skip=hidden)


class SentenceView:
    """A sentence's tokens without hyphens and slashes, each token's forms read once, phrase look-ups
    cached."""

    def __init__(self, sent: Span, skip: set[int] | None = None) -> None:
        self.sent = sent
        hidden = skip or set()
        self.tokens = [t for t in sent if t.text not in SKIPPED and not t.is_space and t.i not in hidden]
        self.forms = [forms(t) for t in self.tokens]
        self._cache: dict[Phrase, bool] = {}
        self._positions: dict[str, list[int]] | None = None

    def match_at(self, i: int, phrase: Phrase) -> int | None:
        """The view index after the phrase when it starts at view index i, else None."""
        end = i + len(phrase)
        if end > len(self.forms):
            return None
        for word, (lemma, lower) in zip(phrase, self.forms[i:end], strict=True):
            if not form_matches(word, lemma, lower):
                return None
        return end

    def contains(self, phrase: Phrase) -> bool:
        found = self._cache.get(phrase)
        if found is None:
            found = any(self.match_at(i, phrase) is not None for i in self._starts(phrase[0]))
            self._cache[phrase] = found
        return found

    def any_of(self, phrases: tuple[Phrase, ...]) -> bool:
        return any(self.contains(p) for p in phrases)

    def _starts(self, word: str) -> Iterable[int]:
        """Where a phrase beginning with this word may start: a stem is tried everywhere, an exact word
        only where a token has that lemma or lower-cased form."""
        if word.endswith("*"):
            return range(len(self.forms))
        if self._positions is None:
            self._positions = {}
            for i, (lemma, lower) in enumerate(self.forms):
                self._positions.setdefault(lemma, []).append(i)
                if lower != lemma:
                    self._positions.setdefault(lower, []).append(i)
        return self._positions.get(word, ())


def tokens_contain(tokens: list[Token], phrases: tuple[Phrase, ...]) -> bool:
    for phrase in phrases:
        for i in range(len(tokens) - len(phrase) + 1):
            if all(word_matches(w, tokens[i + k]) for k, w in enumerate(phrase)):
                return True
    return False


def agent_tokens(anchor: Token) -> list[Token]:
    """The words of whoever does what the trigger names: its subject, its "by" agent, its possessor."""
    found: list[Token] = []
    verb = anchor
    # A nominal trigger ("police firing", "the army's capture of ...") names its agent as a modifier;
    # otherwise the agent is the subject of the verb that governs it ("rebels carried out an attack").
    if anchor.pos_ in ("NOUN", "PROPN") or anchor.tag_ == "VBG":
        for child in anchor.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod"):
                found.extend(child.subtree)
        before = anchor.doc[anchor.i - 1] if anchor.i > 0 else None
        if before is not None and anchor.head.i == before.i and before.pos_ in ("NOUN", "PROPN"):
            found.append(before)  # "police firing" parsed as a noun modified by its verb
    if anchor.pos_ in ("NOUN", "PROPN") and (
        anchor.dep_ in ("dobj", "pobj", "attr", "nsubjpass") and anchor.head.pos_ in ("VERB", "ADP", "AUX")
    ):
        verb = anchor.head if anchor.head.pos_ != "ADP" else anchor.head.head
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                found.extend(child.subtree)
            elif child.dep_ == "agent":
                found.extend(t for c in child.children for t in c.subtree)
        if found or verb.dep_ not in ("xcomp", "conj", "advcl", "acl", "relcl", "ccomp", "pcomp"):
            break
        if verb.dep_ == "relcl":
            found.extend(verb.head.subtree if verb.head.i < verb.i else [])
            break
        verb = verb.head
    return found


def patient_tokens(anchor: Token) -> list[Token]:
    """The words of whoever undergoes what the trigger names: the verb's object or passive subject, the
    "of" object of a nominal trigger ("the arrest of two men")."""
    found: list[Token] = []
    for child in anchor.children:
        of_object = child.dep_ == "prep" and child.lower_ == "of" and anchor.pos_ in ("NOUN", "PROPN")
        if child.dep_ in ("dobj", "nsubjpass", "dative") or of_object:
            found.extend(child.subtree)
    if not found and anchor.dep_ in ("acl", "relcl", "amod") and anchor.head.pos_ in ("NOUN", "PROPN"):
        # "the men held on Sunday", "those arrested": the noun the participle describes
        found.append(anchor.head)
    return found


def _anchor(doc_tokens: list[Token]) -> Token:
    """The syntactic head of a matched multi-word trigger."""
    ids = {t.i for t in doc_tokens}
    for token in doc_tokens:
        if token.head.i not in ids or token.head.i == token.i:
            return token
    return doc_tokens[-1]


NAME_ENTITIES = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "GPE", "NORP", "FAC", "PRODUCT", "EVENT"})


def _is_date_word(token: Token) -> bool:
    """ "march 15", "in may": a month name is not a protest march; "Collective Security Treaty Organisation"
    is a name, not a treaty."""
    if token.ent_type_ == "DATE" or (token.ent_type_ in NAME_ENTITIES and token.pos_ == "PROPN"):
        return True
    doc = token.doc
    neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
    return token.lower_ in ("march", "may") and any(n.like_num for n in neighbours)


def _reading_applies(reading: Reading, view: SentenceView, anchor: Token) -> bool:
    if reading.block and view.any_of(reading.block):
        return False
    if reading.context and not view.any_of(reading.context):
        return False
    if reading.also and not view.any_of(reading.also):
        return False
    if reading.agent:
        agent = agent_tokens(anchor)
        if not agent:
            # No subject parsed (a headline, a fragment): fall back on the words before the trigger.
            agent = [t for t in view.tokens if t.i < anchor.i]
        if not tokens_contain(agent, reading.agent):
            return False
    return not reading.patient or tokens_contain(patient_tokens(anchor), reading.patient)


def choose_reading(rule: Rule, view: SentenceView, anchor: Token) -> Reading | None:
    if not _reading_applies(rule.base, view, anchor):
        return None
    applicable = [v for v in rule.variants if _reading_applies(v, view, anchor)]
    candidates = [*applicable, rule.base]
    return max(candidates, key=lambda r: r.weight)


def find_triggers(sent: Span, lexicon: Lexicon) -> list[TriggerMatch]:
    """Every trigger in a sentence, overlapping matches resolved in favour of the heavier reading."""
    view = SentenceView(sent)
    index = lexicon.trigger_index()
    candidates: list[TriggerMatch] = []
    for i, (lemma, lower) in enumerate(view.forms):
        for phrase, rule in index.starting(lemma, lower):
            end = view.match_at(i, phrase)
            if end is None:
                continue
            matched = view.tokens[i:end]
            anchor = _anchor(matched)
            if rule.pos and anchor.pos_ not in rule.pos:
                continue
            if _is_date_word(anchor):
                continue
            reading = choose_reading(
                rule, topic_free_view(view, anchor) if rule.topic_blind else view, anchor
            )
            if reading is None or reading.weight <= 0:
                continue
            candidates.append(TriggerMatch(matched[0].i, matched[-1].i + 1, anchor.i, reading, rule))
    return _resolve_overlaps(candidates)


def _resolve_overlaps(candidates: list[TriggerMatch]) -> list[TriggerMatch]:
    chosen: list[TriggerMatch] = []
    taken: set[int] = set()
    ranked = sorted(candidates, key=lambda m: (-m.reading.weight, -(m.end - m.start), m.start))
    for match in ranked:
        span = set(range(match.start, match.end))
        if span & taken:
            continue
        chosen.append(match)
        taken |= span
    return sorted(chosen, key=lambda m: m.start)
