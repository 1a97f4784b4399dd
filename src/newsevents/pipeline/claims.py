"""Stage ``newsevents_claims``: who said what, as direct quotes and reported speech.

The stage reads the dependency parse. A *cue* is a verb whose lemma is in the packaged cue list
(``data/cues.json``) or the phrase "according to". For each cue it finds

* the content: the verb's clausal complement ("said *that the troops would leave*"), the clause the cue
  interrupts or follows ("*The troops will leave*, he said"), the words after a colon, an infinitive
  ("vowed *to leave*") or, for verbs such as deny or announce, the object ("denied *the claims*");
* the speaker: the cue's subject, or the subject of the verb the cue hangs from ("..., saying that",
  "by saying").

Nouns ("the claim that X", "criticism of Y"), predicate adjectives ("were confident that X"), transcript
turns ("PENCE: ...") and quotes signed after a dash are claims too.

Quoted stretches are found on the raw text. A claim whose content touches a quote is widened to the whole
quote (quotes often run over several sentences); a long quote no cue reaches becomes a claim of its own,
given to the speaker of the claim just before it in the same or the previous paragraph.

Speakers are named as the article names them in full: "Tokayev" becomes "Kassym-Jomart Tokayev" when the
article names him so, and "he"/"she" become the person last seen as a subject. ``speaker_span`` always
points at the words of this clause (the pronoun itself), because that is what attribution corpora mark.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsevents.errors import ConfigError
from newsevents.model import Claim
from newsevents.model import zone_kind_at as zone_kind_in
from newsevents.pipeline.doc import zone_kind_at, zones_of
from newsevents.pipeline.speakers import (
    ANY_ORG_HEADS,
    NAMED_ORG_HEADS,
    SpeakerBook,
    clean_name,
    doc_ents,
    doc_text,
    span_ents,
    text_read_once,
)

if not Doc.has_extension("ne_claims"):
    Doc.set_extension("ne_claims", default=())

CUES_FILE = "cues.json"

# Quote marks: what can open and what can close a quotation. Mismatched pairs ("“...\"") are accepted.
DOUBLE_OPEN = "“„«\""
DOUBLE_CLOSE = "”»\""
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
QUOTE_CHARS = set(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "‚‹›`")
# A quote at least this many words long is someone's words even when no cue reaches it; shorter ones are
# scare quotes or titles ("so-called “colour revolutions”").
MIN_ORPHAN_QUOTE_WORDS = 5
# A quote inside reported speech becomes a claim of its own from this many words ("soon" stays a word).
MIN_INNER_QUOTE_WORDS = 3

PERSON_PRONOUNS = {"he", "she", "him", "her"}
OTHER_PRONOUNS = {"they", "it", "we", "i", "you", "them", "us"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Clauses that share the subject of the verb they hang from: "..., saying that", "and insisted that".
SUBJECT_SHARING_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl"}
DETERMINERS = {"the", "a", "an"}
TRIM_CHARS = " \t\n,.;:–—-"
# A line led by a name and a colon: a transcript turn or a headline quote ("PENCE: ...", "Kasich: ..."),
# in a quoted transcript too ('"PENCE: ...').
TRANSCRIPT_LINE = re.compile(
    r"^[\"“]?(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?P<colon>:)[ \t]+\S[^\n]*", re.MULTILINE
)
NOT_SPEAKERS = {
    "UPDATE", "NOTE", "PHOTO", "WATCH", "READ", "EDITOR'S NOTE", "CORRECTION", "VIDEO", "SOURCE", "TAGS",
    "RELATED", "ALSO", "CLICK", "Q", "A", "BY", "CREDIT", "ADVERTISEMENT", "SUBSCRIBE", "TRANSCRIPT",
}
# Titles and initials whose full stop ends no sentence ("Mr. Wehner said.").
ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Pres|Rev|[A-Z])\.")


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue lemmas and what kind of content each takes, read from ``data/cues.json``."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    addressee_object: frozenset[str]
    object_content_preps: frozenset[str]
    no_prep_content: frozenset[str]
    infinitive_content: frozenset[str]
    denial: frozenset[str]
    title_nouns: frozenset[str]
    cognition: frozenset[str]
    document_nouns: frozenset[str]
    vague_sources: frozenset[str]


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> CueLexicon:
    """The cue lists: the packaged ones, or a file written by ``newsevents train --claims``."""
    try:
        if path:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = resources.files("newsevents").joinpath("data", CUES_FILE).read_text(encoding="utf-8")
        data = json.loads(text)
        return CueLexicon(
            verbs=frozenset(data["verbs"]),
            nouns=frozenset(data["nouns"]),
            adjectives=frozenset(data["adjectives"]),
            addressee_object=frozenset(data["addressee_object"]),
            object_content_preps=frozenset(data["object_content_preps"]),
            no_prep_content=frozenset(data["no_prep_content"]),
            infinitive_content=frozenset(data["infinitive_content"]),
            denial=frozenset(data["denial"]),
            title_nouns=frozenset(data["title_nouns"]),
            cognition=frozenset(data["cognition"]),
            document_nouns=frozenset(data.get("document_nouns", ())),
            vague_sources=frozenset(data.get("vague_sources", ())),
        )
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the claim cue list: {exc}", file=path or CUES_FILE) from exc


# --- quotes on the raw text -----------------------------------------------------------------------


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:" or before in QUOTE_CHARS) and not after.isspace()


def _is_closing(text: str, i: int, single: bool) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace():
        return False
    # An apostrophe inside a word ("Clinton’s", "don't") is no closing quote.
    return not (single and after.isalnum())


def _quote_marks(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, kind "double"/"single", opening?) of every likely quote mark; '' counts as one double mark."""
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith("''", i) or text.startswith("``", i):
            opening = _is_opening(text, i) if i == 0 or text[i - 1] != "'" else False
            yield i, "double2", opening or text[i] == "`"
            i += 2
            continue
        if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE:
            if ch in "“„«":
                yield i, "double", True
            elif ch in "”»":
                yield i, "double", False
            else:
                yield i, "double", _is_opening(text, i)
        elif ch in SINGLE_OPEN or ch in SINGLE_CLOSE:
            if ch == "‘" or (ch == "'" and _is_opening(text, i)):
                if _is_opening(text, i):
                    yield i, "single", True
            elif _is_closing(text, i, single=True):
                yield i, "single", False
        i += 1


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages, marks included. A double quote left open runs to the end of its paragraph."""
    quotes: list[tuple[int, int]] = []
    open_double: tuple[int, str] | None = None
    open_single: int | None = None
    for i, kind, opening in _quote_marks(text):
        width = 2 if kind == "double2" else 1
        if open_double is not None and "\n\n" in text[open_double[0]:i]:
            quotes.append((open_double[0], _paragraph_end(text, open_double[0])))
            open_double, open_single = None, None
        if kind in ("double", "double2"):
            if open_double is None:
                if opening:
                    open_double, open_single = (i, kind), None
            elif not opening or text[i - 1:i].isalnum() or text[i - 1:i] in ".,!?;:—–-)":
                quotes.append((open_double[0], i + width))
                open_double = None
            else:
                open_double = (i, kind)
        elif opening:
            if open_single is None:
                open_single = i
        elif open_single is not None and (open_double is None or open_double[0] < open_single):
            if open_double is None:
                quotes.append((open_single, i + 1))
            open_single = None
    if open_double is not None:
        quotes.append((open_double[0], _paragraph_end(text, open_double[0])))
    return sorted(q for q in quotes if q[1] - q[0] > 2)


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --- spans and names ------------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and clause punctuation at both ends; keep a closing quote mark and what it closes."""
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def _subtree_span(
    token: Token, cues: CueLexicon, exclude: Token | None = None, after: Token | None = None
) -> tuple[int, int]:
    """Characters of a token's subtree within its sentence.

    An excluded part is cut off when it lies at an edge; with ``after``, only what follows that token is kept
    ("unrest, which the ministry says killed 164": the content starts after "says"). A conjoined clause led
    by another cue is left to that cue ("said X, and insisted that Y": "said" reports only X).
    """
    sent = token.sent
    left, right = max(token.left_edge.i, sent.start), min(token.right_edge.i, sent.end - 1)
    if after is not None and after.i < token.i:
        left = max(left, after.i + 1)
    if exclude is not None:
        ex_left, ex_right = exclude.left_edge.i, exclude.right_edge.i
        if ex_left <= left <= ex_right:
            left = ex_right + 1
        if ex_left <= right <= ex_right:
            right = ex_left - 1
    for child in token.rights:
        if child.dep_ == "conj" and child.i <= right and _leads_claim(child, cues):
            right = min(right, child.left_edge.i - 1)
            while right > left and token.doc[right].dep_ in ("cc", "punct"):
                right -= 1
            break
    doc = token.doc
    if left > right:
        return token.idx, token.idx
    return doc[left].idx, doc[right].idx + len(doc[right])


def _is_cue_verb(token: Token, cues: CueLexicon) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues.verbs


def _is_cue_noun(token: Token, cues: CueLexicon) -> bool:
    return token.lemma_.lower() in cues.nouns


def _leads_claim(verb: Token, cues: CueLexicon) -> bool:
    """A verb of saying with a complement of its own: it starts a claim of its own."""
    has_complement = any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    return verb.lemma_.lower() in cues.verbs and has_complement


def _speaker_tokens(head: Token) -> Span:
    """The noun phrase naming a speaker, without a relative clause or trailing apposition punctuation."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj") and child.dep_ != "appos":
            break
        right = child.right_edge.i
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def _name_after(speaker: Span) -> Span | None:
    """A person named right after a title phrase and a comma, the title having no name of its own."""
    doc = speaker.doc
    if any(e.label_ == "PERSON" for e in span_ents(speaker)) or speaker.end + 1 >= len(doc):
        return None
    if doc[speaker.end].text != ",":
        return None
    # A rank may stand between the comma and the name ("..., General Jane Roe").
    ent = next((
        e for e in doc_ents(doc)
        if e.label_ == "PERSON" and speaker.end + 1 <= e.start <= speaker.end + 3
        and all(t.pos_ == "PROPN" or t.text == "." for t in doc[speaker.end + 1 : e.start])
    ), None)
    if ent is None or speaker.root.pos_ not in ("NOUN", "PROPN") or speaker.root.ent_type_ in ("ORG", "GPE"):
        return None
    after = doc[ent.end] if ent.end < len(doc) else None
    # The name closes the phrase: a verb, a comma or a full stop follows ("..., Jane Roe said").
    if after is not None and not (after.pos_ in ("VERB", "AUX") or after.text in ",."):
        return None
    return ent


def _name_in(span: Span) -> Span | None:
    """The PERSON named in a speaker phrase: the one holding its head, else the last one not a possessive."""
    persons = [e for e in span_ents(span) if e.label_ == "PERSON"]
    for ent in persons:
        if ent.start <= span.root.i < ent.end:
            return ent
    owners = [e for e in persons if e.end < len(e.doc) and e.doc[e.end].tag_ == "POS"]
    named = [e for e in persons if e not in owners]
    return named[-1] if named else None


# --- claims from cues -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """A claim before the speaker's name is resolved: spans are character offsets."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: Span | None
    direct: bool = False
    cue_lemma: str = ""


@dataclass(frozen=True, slots=True)
class Who:
    """A speaker as resolved: the canonical name, the words naming it in the clause, what kind of speaker
    it is ("person", "org", "group", "document" or "" when unknown) and, when there is no name, why."""

    name: str | None
    span: tuple[int, int] | None
    kind: str = ""
    reason: str | None = None


def _or_reason(name: str | None, span: tuple[int, int], kind: str, reason: str) -> Who:
    return Who(name, span, kind) if name is not None else Who(None, span, reason=reason)


def _outer_subject(pronoun: Token) -> Span | None:
    """The named subject of the clause that holds the pronoun's own clause, in the same sentence, when the
    two agree in number ("protesters ... what they called", "the minister ... in a speech he gave")."""
    verb = pronoun.head
    if verb.dep_ not in ("relcl", "ccomp", "advcl", "pcomp", "acl", "xcomp") or verb.head.i == verb.i:
        return None
    outer = verb.head
    while outer.dep_ not in ("ROOT", "conj", "ccomp") and outer.head.i != outer.i and outer.pos_ not in (
        "VERB", "AUX"
    ):
        outer = outer.head
    subject = next((c for c in outer.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > pronoun.i or subject.pos_ == "PRON":
        return None
    plural = subject.tag_ in ("NNS", "NNPS")
    if (pronoun.lower_ == "they") != plural:
        return None
    return _speaker_tokens(subject)


def _speaker_at(found: Found) -> int:
    """Where a claim's speaker is named (else where its content starts): the order of resolution."""
    return found.speaker.start_char if found.speaker is not None else found.content[0]


class ClaimFinder:
    def __init__(
        self, nlp: Language, name: str, *, min_orphan_quote_words: int, use_nouns: bool, cues_path: str = "",
        min_inner_quote_words: int = MIN_INNER_QUOTE_WORDS,
    ) -> None:
        self.name = name
        self.cues = load_cues(cues_path or None)
        self.min_orphan_quote_words = min_orphan_quote_words
        self.min_inner_quote_words = min_inner_quote_words
        self.use_nouns = use_nouns

    def __call__(self, doc: Doc) -> Doc:
        with text_read_once(doc):
            found = self.find(doc)
            doc._.ne_claims = self.resolve(doc, found)
        return doc

    # find ----------------------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[Found]:
        text = doc_text(doc)
        quotes = find_quotes(text)
        found: list[Found] = []
        turns = self._transcript_lines(doc)
        long_quotes = [q for q in quotes if len(text[q[0]:q[1]].split()) >= self.min_orphan_quote_words]
        long_quotes += [t.content for t in turns]
        zones = zones_of(doc)  # read once, not once a token
        for token in doc:
            if zone_kind_in(zones, token.idx) == "furniture":
                continue
            # Verbs of saying inside someone's quoted words ("I think...") are part of that quote.
            if any(q_start < token.idx < q_end for q_start, q_end in long_quotes):
                continue
            if token.lower_ == "according":
                claim = self._from_according(token)
            elif token.pos_ == "ADJ":
                claim = self._from_adjective(token)
            elif token.pos_ == "NOUN":
                claim = self._from_noun(token) if self.use_nouns else None
            else:
                claim = self._from_cue(token, quotes)
            if claim is not None:
                found.append(claim)
        found.extend(turns)
        found = [self._widen(f, quotes, text) for f in found]
        return self._orphan_quotes(doc, quotes, _dedupe(found))

    def is_cue(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.cues.verbs

    def _from_cue(self, verb: Token, quotes: Sequence[tuple[int, int]]) -> Found | None:
        # "a play called X", "the report released Monday": a participle describing a noun reports nothing.
        if verb.dep_ in ("amod", "compound") or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            return None
        if not self.is_cue(verb) and not _frames_quote(verb, quotes):
            return None
        text = doc_text(verb.doc)
        content = self._content(verb)
        if content is not None:
            content = _clip_to_line(text, verb.idx, *content)
        if content is None or not text[content[0]:content[1]].strip():
            # 'He said:' and the quote in the next paragraph: the quote marks, not the parse, find it.
            content = _quote_before(verb, quotes) or _adjacent_quote(verb, quotes)
        if content is None:
            return None
        speaker = _subject(verb, self.cues)
        quote = _quote_before(verb, quotes)
        if quote is not None and content[0] >= verb.idx and text[content[0]] in QUOTE_CHARS:
            # '"A," he went on, "B."': one claim from the first quote to the last.
            content = (quote[0], content[1])
        elif quote is not None and content[0] < quote[1] and quote[0] < content[1]:
            # '"...," Eastland, in a hat, said': the quote is the content, the words after it the speaker.
            content = quote
            if speaker is None or speaker.start_char < quote[1]:
                speaker = _speaker_after_quote(verb, quote[1])
        start, end = _trim(text, *content)
        if not _worth_a_claim(verb.doc, start, end):
            return None
        return Found(
            (start, end), (verb.idx, verb.idx + len(verb)), _clip_speaker(speaker, verb.idx),
            cue_lemma=verb.lemma_.lower(),
        )

    def _content(self, verb: Token) -> tuple[int, int] | None:
        lemma = verb.lemma_.lower()
        for child in verb.children:
            # A finite verb parsed as xcomp ("says killed twelve") is a complement clause all the same.
            infinitive = child.dep_ == "xcomp" and (
                lemma in self.cues.infinitive_content or child.tag_ in ("VBD", "VBZ", "VBP")
            )
            if child.dep_ == "ccomp" or infinitive:
                return _subtree_span(child, self.cues, after=verb)
        colon = next((c for c in verb.rights if c.text == ":"), None)
        if colon is not None and colon.i + 1 < colon.sent.end:
            # Words after the colon on the same line; a quote in the next paragraph is found by its marks.
            start, end = colon.doc[colon.i + 1].idx, colon.sent.end_char
            line_end = _line_of(doc_text(colon.doc), colon.idx)[1]
            if doc_text(colon.doc)[start:line_end].strip():
                return start, end
        # "The troops will leave, he said": the cue hangs from the clause it reports.
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i and _is_postposed(verb):
            return _subtree_span(verb.head, self.cues, exclude=verb)
        # "called Clinton unqualified": the object and what it was called.
        predicate = next((c for c in verb.rights if c.dep_ == "oprd"), None)
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if predicate is not None and not passive:
            obj = next((c for c in verb.rights if c.dep_ == "dobj" and c.i < predicate.i), predicate)
            start, _ = _subtree_span(obj, self.cues)
            return start, _subtree_span(predicate, self.cues)[1]
        # "denied the claims", "called for a ceasefire": the object is what was said.
        if lemma not in self.cues.addressee_object:
            direct_object = next((c for c in verb.rights if c.dep_ == "dobj"), None)
            if direct_object is not None:
                return _subtree_span(direct_object, self.cues)
        if lemma in self.cues.no_prep_content:
            return None
        for prep in verb.rights:
            if prep.dep_ == "prep" and prep.lower_ in self.cues.object_content_preps:
                prep_object = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if prep_object is not None and prep_object.ent_type_ not in ("DATE", "TIME"):
                    return _subtree_span(prep_object, self.cues)
        return None

    def _transcript_lines(self, doc: Doc) -> list[Found]:
        """'PENCE: Well, look...' and 'Kasich: We will win': a line led by a speaker's name and a colon."""
        found = []
        text = doc_text(doc)
        for match in TRANSCRIPT_LINE.finditer(text):
            label_start, label_end = match.span("label")
            if match.group("label").upper() in NOT_SPEAKERS or zone_kind_at(doc, label_start) == "furniture":
                continue
            label = doc.char_span(label_start, label_end, alignment_mode="expand")
            if label is None:
                continue
            named = any(e.label_ in ("PERSON", "ORG", "NORP", "GPE") for e in span_ents(label))
            if not named and not match.group("label").isupper():
                continue
            start, end = _trim(text, match.end("colon"), match.end())
            if len(text[start:end].split()) >= 3:
                found.append(Found((start, end), match.span("colon"), label))
        return found

    def _from_adjective(self, adj: Token) -> Found | None:
        """'advisers were confident that X': a predicate adjective with a clause; its subject speaks."""
        if adj.lemma_.lower() not in self.cues.adjectives or adj.dep_ not in ("acomp", "ROOT", "conj"):
            return None
        clause = next((c for c in adj.children if c.dep_ in ("ccomp", "xcomp")), None)
        if clause is None:
            return None
        text = doc_text(adj.doc)
        start, end = _trim(text, *_clip_to_line(text, adj.idx, *_subtree_span(clause, self.cues)))
        if not _worth_a_claim(adj.doc, start, end):
            return None
        speaker = _subject(adj.head, self.cues) if adj.dep_ == "acomp" else _subject(adj, self.cues)
        return Found((start, end), (adj.idx, adj.idx + len(adj)), _clip_speaker(speaker, adj.idx))

    def _from_noun(self, noun: Token) -> Found | None:
        """'the claim that X', 'Berg's criticism of the plan': a noun of saying with its content."""
        if noun.lemma_.lower() not in self.cues.nouns:
            return None
        content = None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        for child in noun.rights:
            clause = any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in child.children)
            if child.dep_ in ("acl", "ccomp") and clause:
                content = _subtree_span(child, self.cues)
                break
            # "Berg's criticism of the plan", "concerns about the wage": the object is what is claimed.
            if child.dep_ == "prep" and child.lower_ in self.cues.object_content_preps:
                obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    content = _subtree_span(obj, self.cues)
                break
        if content is None:
            return None
        text = doc_text(noun.doc)
        start, end = _trim(text, *_clip_to_line(text, noun.idx, *content))
        if not _worth_a_claim(noun.doc, start, end):
            return None
        by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
        if owner is None and by is not None:
            owner = next((c for c in by.children if c.dep_ == "pobj"), None)
        # No owner named: whoever made it ("Cruz made a call for ...", "issued statements condemning").
        speaker = _speaker_tokens(owner) if owner is not None else _subject(noun, self.cues)
        return Found((start, end), (noun.idx, noun.idx + len(noun)), _clip_speaker(speaker, noun.idx))

    def _from_according(self, token: Token) -> Found | None:
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None:
            return None
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        clause = token.head
        while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head.i != clause.i:
            clause = clause.head
        start, end = _subtree_span(clause, self.cues, exclude=token)
        if start < token.idx:
            # "X happened, according to Y, a monitor that...": the content stops where the attribution starts.
            end = min(end, token.idx)
        start, end = _trim(doc_text(token.doc), *_clip_to_line(doc_text(token.doc), token.idx, start, end))
        if end - start < 2:
            return None
        cue_end = to.idx + len(to)
        return Found((start, end), (token.idx, cue_end), _clip_speaker(_speaker_tokens(source), token.idx))

    def _widen(self, found: Found, quotes: Sequence[tuple[int, int]], text: str) -> Found:
        """Stretch a content that touches quotes to the whole quotes; mark it direct when it is one."""
        start, end = found.content
        cue = found.cue
        for q_start, q_end in quotes:
            if q_start < end and start < q_end:
                # A quote that holds the cue is not this claim's words ("'X', he said, 'Y'" aside).
                if cue is not None and q_start <= cue[0] < q_end:
                    continue
                start, end = min(start, q_start), max(end, q_end)
        if cue is not None and start <= cue[0] < end and not (start < cue[0] and cue[1] < end):
            start, end = found.content
        direct = any(qs <= start + 1 and end - 1 <= qe for qs, qe in quotes) and text[start] in QUOTE_CHARS
        return replace(found, content=(start, end), direct=direct)

    def _orphan_quotes(self, doc: Doc, quotes: Sequence[tuple[int, int]], found: list[Found]) -> list[Found]:
        """Add the long quotes no cue reached.

        A quote that goes on from a direct quote just before it ('"A," she said. "B."') is the same
        claim: the content becomes the hull of both. Any other is a claim of its own, given to the speaker
        of the claim just before it in the same or the previous paragraph.
        """
        text = doc_text(doc)
        claims = sorted(found, key=lambda f: f.content)
        for q_start, q_end in quotes:
            if zone_kind_at(doc, q_start) == "furniture":
                continue
            if any(f.content[0] < q_end and q_start < f.content[1] for f in claims):
                continue
            if len(text[q_start:q_end].split()) < self.min_orphan_quote_words:
                continue
            if not _stands_alone(text, q_start, q_end):
                continue
            before = [i for i, f in enumerate(claims) if f.content[1] <= q_start]
            prev = claims[before[-1]] if before else None
            gap = text[prev.content[1]:q_start] if prev is not None else ""
            if prev is not None and prev.direct and _continues(gap, quotes, prev.content[1], q_start):
                claims[before[-1]] = replace(prev, content=(prev.content[0], q_end))
                continue
            close = prev is not None and gap.count("\n\n") + gap.count("\n") // 2 <= 1 and len(gap) < 400
            speaker = prev.speaker if prev is not None and close else None
            signed = _signature_after(doc, q_end)
            claims.append(Found((q_start, q_end), None, signed or speaker, direct=True))
            claims.sort(key=lambda f: f.content)
        return claims

    # resolve -------------------------------------------------------------------------------------

    def resolve(self, doc: Doc, found: Sequence[Found]) -> tuple[Claim, ...]:
        """Name each claim's speaker, in the order the speakers appear, so later ones can point back."""
        book = SpeakerBook.of(doc)
        text = doc_text(doc)
        order = sorted(range(len(found)), key=lambda i: _speaker_at(found[i]))
        who: dict[int, Who] = {}
        for i in order:
            f = found[i]
            if f.speaker is None:
                named = Who(None, None, reason="no_speaker" if f.cue else "no_attribution")
            else:
                named = self._speaker_name(f.speaker, book)
            who[i] = named
            if named.name is not None and named.kind and named.span is not None:
                book.note_speaker(named.span[0], named.name, named.kind)
        claims = []
        for i, f in enumerate(found):
            named = who[i]
            start, end = _unquoted(text, *f.content) if f.direct else f.content
            claims.append(
                Claim(
                    speaker=named.name,
                    speaker_span=named.span,
                    cue=text[f.cue[0]:f.cue[1]] if f.cue else None,
                    cue_span=f.cue,
                    content=text[start:end],
                    content_span=(start, end),
                    direct=f.direct,
                    speaker_reason=named.reason if named.name is None else None,
                )
            )
        kept = _drop_nested_same_speaker(claims, found, self.cues.cognition, text)
        kept = _one_per_headline(doc, kept)
        return tuple(_with_inner_quotes(text, kept, find_quotes(text), self.min_inner_quote_words))

    def _speaker_name(self, speaker: Span | None, book: SpeakerBook) -> Who:
        """The speaker's canonical name (None when it cannot be told, with the reason) and the words here."""
        if speaker is None or not speaker.text.strip():
            return Who(None, None, reason="no_speaker")
        span = (speaker.start_char, speaker.end_char)
        words = speaker.text.lower().split()
        first = speaker[0].lower_
        if len(speaker) == 1 and first in PERSON_PRONOUNS | {"they"}:
            # "Demonstrators celebrated what they called a victory": the subject of the clause around it.
            outer = _outer_subject(speaker[0])
            if outer is not None:
                return replace(self._speaker_name(outer, book), span=span)
        if len(speaker) == 1 and first in PERSON_PRONOUNS:
            before = book.person_before(speaker.start_char, first)
            return _or_reason(before, span, "person", "unresolved_pronoun")
        if len(speaker) == 1 and first in OTHER_PRONOUNS:
            if first in ("it", "they"):
                kinds = ("org",) if first == "it" else ("org", "group")
                return _or_reason(book.org_before(speaker.start_char, kinds=kinds), span, "org",
                                  "unresolved_pronoun")
            return Who(None, span, reason="unresolved_pronoun")
        if first in RELATIVE_PRONOUNS and len(speaker) == 1 and speaker[0].head.dep_ == "relcl":
            antecedent = self._speaker_name(_speaker_tokens(speaker[0].head.head), book)
            return replace(antecedent, span=span)
        if speaker.root.lower_ in self.cues.vague_sources and all(
            t.pos_ in ("DET", "PRON", "ADJ", "NUM") or t.i == speaker.root.i for t in speaker
        ):
            return Who(None, span, reason="vague_source")  # "some", "others", "many", "critics" say
        if clean_name(speaker.text) in book.acronyms:
            return Who(book.org(speaker.text), span, "org")
        named = _name_after(speaker)
        if named is not None:
            # "U.S. Air Force Chief of Staff, General Dave Goldfein said": the name after the comma.
            return Who(book.full(named.text), span, "person")
        person = _name_in(speaker)
        if person is not None:
            # An entity may run past the speaker phrase ("― Jane Roe"): keep the part inside it.
            person = speaker.doc[max(person.start, speaker.start) : min(person.end, speaker.end)]
            return Who(book.full(person.text), (person.start_char, person.end_char), "person")
        root = speaker.root
        if root.lemma_.lower() in self.cues.document_nouns:
            return self._document(speaker, book)
        if root.pos_ == "PROPN" and book.is_surname(root.text):
            return Who(book.full(speaker.text), span, "person")  # a surname tagged as something else
        if len(speaker) == 1 and book.genders.get(book.full(speaker.text)):
            return Who(book.full(speaker.text), span, "person")  # "Wine says he ...": a person
        if root.ent_type_ in ("ORG", "NORP", "GPE") or clean_name(speaker.text) in book.acronyms:
            return Who(book.org(speaker.text), span, "org")
        # "And Wine says": a capitalised word inside a sentence is a name even when tagged a common noun.
        proper = root.pos_ == "PROPN" or (
            root.pos_ == "NOUN" and root.text[:1].isupper() and not root.is_sent_start and len(speaker) == 1
        )
        if proper and root.ent_type_ in ("", "PERSON"):
            titled = book.titled(speaker) if root.ent_type_ == "" else None
            return Who(titled or book.full(speaker.text), span, "person")
        plural = root.tag_ in ("NNS", "NNPS")
        if plural:
            # "Separatists belonging to the banned BLA", "analysts at the Brookings Institution": the body.
            doc = speaker.doc
            body = next((
                e for e in doc_ents(doc)
                if e.label_ == "ORG" and root.i < e.start <= root.i + 6 and e.end - 1 <= root.right_edge.i
                and e.root.dep_ == "pobj"
                and (len(clean_name(e.text)) > 5 or clean_name(e.text).isupper())
            ), None)
            if body is not None:
                return Who(book.org(body.text), span, "org")
        if words and words[0] == "the" and not plural and self._is_title(speaker):
            unnamed = book.unnamed_before(speaker)
            if unnamed is not None:
                return Who(unnamed, span, "person")
        if root.ent_type_ in ("", "PERSON") and not plural:
            titled = book.titled(speaker)
            if titled is not None:
                return Who(titled, span, "person")
        if words and words[0] == "the":
            org = self._organisation_noun(speaker, book)
            if org is not None:
                return Who(org, span, "org")
            if self._is_title(speaker) and not plural:
                earlier = book.title_antecedent(speaker) or book.person_after(speaker)
                return Who(earlier or clean_name(speaker.text), span, "person")
        return Who(clean_name(speaker.text), span, "group" if plural else "")

    def _document(self, speaker: Span, book: SpeakerBook) -> Who:
        """"a statement from the ISPR", "the report", "the G7 joint statement": who issued the document.

        The organisation or person named in the phrase; else, for "the report", the source of the claims
        just before that was an organisation or a document; else the phrase itself.
        """
        span = (speaker.start_char, speaker.end_char)
        if speaker.root.pos_ == "PROPN":
            return Who(book.org(speaker.text), span, "document")  # a named report: "the Global Peace Index"
        issuers = [e for e in span_ents(speaker) if e.root.i != speaker.root.i]
        rank = {"ORG": 0, "PERSON": 1, "NORP": 2, "GPE": 2}
        for ent in sorted((e for e in issuers if e.label_ in rank), key=lambda e: rank[e.label_]):
            if ent.label_ == "PERSON":
                return Who(book.full(ent.text), span, "person")
            return Who(book.org(ent.text), span, "org")
        if speaker[0].lower_ == "the":
            issuer = book.org_before(speaker.start_char, kinds=("org", "document"), notes_only=True)
            if issuer is not None:
                return Who(issuer, span, "document")
        return Who(clean_name(speaker.text), span, "document")

    def _organisation_noun(self, speaker: Span, book: SpeakerBook) -> str | None:
        """"the group", "the separatist group", "the ministry": the organisation named just before."""
        root = speaker.root
        head = root.lower_
        between = [t for t in speaker if t.i != root.i and t.lower_ != "the"]
        plain = all(t.pos_ in ("ADJ", "NOUN") and not t.ent_type_ and t.text.islower() for t in between)
        if not plain or root.i != speaker.end - 1:
            return None
        if head in ANY_ORG_HEADS:
            return book.org_before(speaker.start_char) or book.org_before(speaker.start_char, subject=False)
        if head in NAMED_ORG_HEADS:
            return book.org_before(speaker.start_char, head) or book.org_before(
                speaker.start_char, head, subject=False
            )
        return None

    def _is_title(self, speaker: Span) -> bool:
        root = speaker.root.i
        if any(e.label_ in ("PERSON", "ORG", "GPE") and e.root.i == root for e in span_ents(speaker)):
            return False
        return speaker.root.lemma_.lower() in self.cues.title_nouns


def _line_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _clip_to_line(text: str, anchor: int, start: int, end: int) -> tuple[int, int]:
    """Keep a span on the line (paragraph) of its cue: the parser lets sentences run over headlines."""
    line_start, line_end = _line_of(text, anchor)
    return max(start, line_start), min(end, line_end)


def _clip_speaker(speaker: Span | None, anchor: int) -> Span | None:
    if speaker is None:
        return None
    line_start, line_end = _line_of(doc_text(speaker.doc), anchor)
    tokens = [t for t in speaker if line_start <= t.idx < line_end and not t.is_space]
    if not tokens:
        return None
    return speaker.doc[tokens[0].i : tokens[-1].i + 1]


def _adjacent_quote(verb: Token, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote a cue clause sits right after ('"...," he added.') or right before ('She agreed: "..."')."""
    doc = verb.doc
    clause_start = doc[min(verb.left_edge.i, verb.i)]
    verb_end = verb.idx + len(verb)
    # "Bystrom agreed. "...": the cue ends its sentence and the quote follows.
    last_word = not any(not t.is_punct and not t.is_space for t in doc[verb.i + 1 : verb.sent.end])
    after_gap = " ,:.\n" if last_word else " ,:\n"
    for q_start, q_end in quotes:
        if q_end <= clause_start.idx:
            if not doc_text(doc)[q_end : clause_start.idx].strip(" ,") and clause_start.idx - q_end <= 3:
                return q_start, q_end
        elif q_start >= verb_end:
            gap = doc_text(doc)[verb_end:q_start]
            return (q_start, q_end) if not gap.strip(after_gap) and gap.count("\n") <= 2 else None
    return None


def _is_postposed(verb: Token) -> bool:
    """True when the cue comes after (or inside) the clause it reports, set off by a comma or a quote."""
    head = verb.head
    # A reporting clause is short ("authorities said on Monday") and reports nothing of its own.
    if any(c.dep_ in ("dobj", "ccomp", "mark", "xcomp") for c in verb.children):
        return False
    side_clauses = [c for c in verb.children if c.dep_ in ("advcl", "conj")]
    own = len(list(verb.subtree)) - sum(len(list(c.subtree)) for c in side_clauses)
    if own > 12:
        return False
    if verb.i < head.i:
        return verb.left_edge.i > head.left_edge.i
    prev = verb.left_edge.i - 1
    return prev >= 0 and (verb.doc[prev].is_punct or verb.doc[prev].is_quote)


def _quote_before(verb: Token, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """A quote closing just before the cue's clause, with no sentence end in between ('"...," X said')."""
    text = doc_text(verb.doc)
    for q_start, q_end in quotes:
        if q_end <= verb.idx:
            gap = text[q_end:verb.idx]
            ends_clause = text[q_end - 2] in ",!?—-"
            if len(gap) <= 80 and "\n" not in gap and not re.search(r"[.!?;]\s", gap) and ends_clause:
                return q_start, q_end
    return None


def _signature_after(doc: Doc, quote_end: int) -> Span | None:
    """A name signing a quote after a dash ('"..." ― Jane Roe')."""
    match = re.match(r"[ \t]*[―—–-][ \t]*", doc_text(doc)[quote_end:])
    if match is None:
        return None
    start = quote_end + match.end()
    after = doc.char_span(start, _line_of(doc_text(doc), start)[1], alignment_mode="expand")
    if after is None:
        return None
    names: list[Token] = []
    for token in after:
        if token.idx < start or token.is_space:
            continue
        if token.pos_ != "PROPN" and not (names and token.text == "."):
            break
        names.append(token)
    return doc[names[0].i : names[-1].i + 1] if names else None


def _frames_quote(verb: Token, quotes: Sequence[tuple[int, int]]) -> bool:
    """Any verb in a short clause right after a quote frames it ('"...," she shot back.')."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "parataxis", "ccomp"):
        return False
    if _quote_before(verb, quotes) is None:
        return False
    rest = [t for t in verb.doc[verb.i + 1 : verb.sent.end] if not t.is_punct and not t.is_space]
    return len(rest) <= 6


def _speaker_after_quote(verb: Token, quote_end: int) -> Span | None:
    """The speaker named between a quote and its cue, or right after the cue ('," said Beau Correll.')."""
    doc = verb.doc
    between = [t for t in doc[verb.sent.start : verb.i] if t.idx >= quote_end]
    words = _leading_noun_phrase(between)
    if not words:
        words = _leading_noun_phrase([t for t in doc[verb.i + 1 : verb.sent.end]])
    return doc[words[0].i : words[-1].i + 1] if words else None


def _leading_noun_phrase(tokens: Sequence[Token]) -> list[Token]:
    words: list[Token] = []
    for token in tokens:
        if token.is_space or (not words and token.is_punct):
            continue
        if token.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PRON", "NUM", "PART") or token.tag_ == "POS" or (
            token.text in ".-" and words
        ):
            words.append(token)
            continue
        break
    while words and (words[-1].is_punct or words[-1].pos_ == "DET"):
        words.pop()
    return words


def _subject(verb: Token, cues: CueLexicon) -> Span | None:
    """The speaker phrase: the cue's own subject, else the subject of the clause it shares one with."""
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            break
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
        # "which the ministry says killed": the parser may give the cue two subjects; not the relative one.
        first = subjects[0] if subjects else None
        subject = next((c for c in subjects if c.lower_ not in RELATIVE_PRONOUNS), first)
        if subject is None:
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            if agent is not None:
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return verb.doc[subject.i : subject.i + 1]  # "who": named after its antecedent later
            return _speaker_tokens(subject)
        head = current.head
        misattached = head.dep_ == "ccomp" and _is_cue_verb(head.head, cues) and not _is_cue_verb(head, cues)
        if current.dep_ == "conj" and misattached:
            # "X said Y had happened, and insisted that ...": the parser hangs "insisted" on "happened".
            current = head.head
        elif current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and not _is_cue_noun(head, cues):
            return _speaker_tokens(head)  # "protesters chanting ...": the noun speaks
        elif current.dep_ in SUBJECT_SHARING_DEPS | {"prep", "pobj", "dobj"} and head.i != current.i:
            # "by saying", "issued statements condemning": up through the preposition or object.
            current = head
        else:
            break
    return None


def _worth_a_claim(doc: Doc, start: int, end: int) -> bool:
    """Content of two words or more, or a quote; a lone pronoun or name ("called him") is no claim."""
    content = doc_text(doc)[start:end]
    return len(content.split()) >= 2 or (content[:1] in QUOTE_CHARS and len(content) > 3)


def _continues(gap: str, quotes: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when the words between two quotes are only the cue clause ('," she said. ') and a line break."""
    if any(start <= q_start < end for q_start, _ in quotes) or len(gap) > 200:
        return False
    gap = ABBREVIATION.sub("", gap)
    return gap.count("\n") <= 2 and len(re.findall(r"[.!?](?:\s|$)", gap)) <= 1


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A quote that is a sentence or more, not a phrase inside one ("the so-called “X” group")."""
    inner = text[start:end].strip("\"'“”‘’«» ")
    return bool(re.search(r"[.!?]['\"”’]*$", inner)) or bool(re.search(r"[.!?]\s", inner)) or (
        start == 0 or text[start - 1] == "\n" or text[max(0, start - 2):start].strip() in (":", "")
    )


def _dedupe(found: Sequence[Found]) -> list[Found]:
    """One claim per content span; of two, the one with a speaker is kept."""
    by_span: dict[tuple[int, int], Found] = {}
    for f in found:
        if f.content not in by_span or (by_span[f.content].speaker is None and f.speaker is not None):
            by_span[f.content] = f
    return list(by_span.values())


def _drop_nested_same_speaker(
    claims: Sequence[Claim], found: Sequence[Found], cognition: frozenset[str], text: str = ""
) -> list[Claim]:
    """Drop a thought inside another claim by the same speaker ("added that he expected..."): it is part of
    that claim, not a second one. Speech inside speech ("wrote that ... he dismissed claims") stays."""
    kept = []

    def words(claim: Claim) -> str | None:
        if claim.speaker_span is None or not text:
            return None
        return text[claim.speaker_span[0]:claim.speaker_span[1]].lower()

    def same(one: Claim, other: Claim) -> bool:
        # The same resolved name, or, neither resolved, the same words ("they" ... "they").
        if one.speaker is not None or other.speaker is not None:
            return one.speaker == other.speaker
        return words(one) is not None and words(one) == words(other)

    for claim, f in zip(claims, found, strict=True):
        thought = f.cue_lemma in cognition
        known = claim.speaker is not None or words(claim) is not None
        nested = thought and claim.cue_span is not None and known and any(
            other is not claim
            and same(claim, other)
            and other.content_span[0] <= claim.cue_span[0] < other.content_span[1]
            for other in claims
        )
        if not nested:
            kept.append(claim)
    return kept


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """A direct quote's words without the marks around them (and the comma that hands over to the cue):
    ' "We will stay," ' -> 'We will stay'. A content of two quotes and the words between keeps its marks."""
    inner_start, inner_end = start, end
    if text[inner_start:inner_start + 1] in QUOTE_CHARS:
        inner_start += 1
    if inner_end > inner_start and text[inner_end - 1] in QUOTE_CHARS:
        inner_end -= 1
    inner = text[inner_start:inner_end]
    if any(ch in inner for ch in DOUBLE_OPEN + DOUBLE_CLOSE) or (inner_start, inner_end) == (start, end):
        return start, end
    while inner_end > inner_start and text[inner_end - 1] in ", \t\n":
        inner_end -= 1
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    return (inner_start, inner_end) if inner_end > inner_start else (start, end)


OUTLET_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{1,40}$")


def _one_per_headline(doc: Doc, claims: Sequence[Claim]) -> list[Claim]:
    """The page title and the headline often repeat one sentence ("X says Y - Outlet", then "X says Y",
    perhaps again as the first line of the body): of claims by one speaker with the same words (an
    outlet's name after a dash aside), one of them in a headline, only the shortest is kept."""

    def key(claim: Claim) -> tuple[str | None, str]:
        words = " ".join(OUTLET_SUFFIX.sub("", claim.content).split()).strip(" '\"“”‘’").lower()
        return claim.speaker, words

    groups: dict[tuple[str | None, str], list[Claim]] = {}
    for claim in claims:
        groups.setdefault(key(claim), []).append(claim)
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) > 1 and any(zone_kind_at(doc, c.content_span[0]) == "headline" for c in group):
            shortest = min(group, key=lambda c: len(c.content))
            dropped.update(id(c) for c in group if c is not shortest)
    return [c for c in claims if id(c) not in dropped]


def _with_inner_quotes(
    text: str, claims: Sequence[Claim], quotes: Sequence[tuple[int, int]], min_words: int
) -> list[Claim]:
    """A quotation inside reported speech ('said his troops "have never fired on anyone"') is a claim of
    its own: the same speaker's exact words, direct, linked to the claim around it by ``within``."""
    out = list(claims)
    for i, claim in enumerate(claims):
        if claim.direct:
            continue
        c_start, c_end = claim.content_span
        for q_start, q_end in quotes:
            if not (c_start <= q_start and q_end <= c_end) or (q_start, q_end) == (c_start, c_end):
                continue
            start, end = _unquoted(text, q_start, q_end)
            if len(text[start:end].split()) < min_words:
                continue
            if any(c.content_span == (start, end) for c in out):
                continue
            out.append(replace(claim, content=text[start:end], content_span=(start, end), direct=True,
                               within=i))
    return out


# --- helpers for the events stage and the store ---------------------------------------------------

def claim_index_covering(claims: Sequence[Claim], start: int, end: int) -> int | None:
    """The index of the claim whose content holds the span [start, end) (the shortest such), or None."""
    best: int | None = None
    for i, claim in enumerate(claims):
        c_start, c_end = claim.content_span
        if c_start <= start and end <= c_end and (
            best is None or c_end - c_start < claims[best].content_span[1] - claims[best].content_span[0]
        ):
            best = i
    return best


@Language.factory(
    "newsevents_claims",
    assigns=["doc._.ne_claims"],
    default_config={
        "min_orphan_quote_words": MIN_ORPHAN_QUOTE_WORDS, "use_nouns": True, "cues_path": "",
        "min_inner_quote_words": MIN_INNER_QUOTE_WORDS,
    },
)
def make_claims(
    nlp: Language, name: str, min_orphan_quote_words: int, use_nouns: bool, cues_path: str,
    min_inner_quote_words: int,
) -> ClaimFinder:
    return ClaimFinder(
        nlp, name, min_orphan_quote_words=min_orphan_quote_words, use_nouns=use_nouns, cues_path=cues_path,
        min_inner_quote_words=min_inner_quote_words,
    )
