"""Who is who in an article: people and organisations as entities, so a claim's speaker gets one name.

The claims stage finds the words that name a speaker in a clause ("he", "Tokayev", "the spokesperson",
"the BLA"); this module links them to the entity the article is about and returns its canonical (fullest)
name:

* a surname to the longest name the article gives that ends in it ("Osman" -> "Farida Osman");
* a title or role to the person the article named with it ("Foreign Ministry spokesperson Abdul Qahar
  Balkhi", later "the spokesperson"), by the words the two share;
* an acronym to the organisation it abbreviates ("BLA" -> "Baloch Liberation Army");
* "he"/"she" to the nearest person seen before as a subject, skipping one of the other gender when the
  text shows it ("Ms.", "Mr.", or the pronouns used of that person alone); "it"/"they" to the nearest
  organisation before, close by;
* "the group", "the ministry" to the nearest organisation before (for "the ministry", one whose name
  holds that word).

A mention that cannot be linked resolves to ``None``: the caller keeps the speaker null rather than give a
pronoun or a noun from the content.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsevents.gazetteer import country_of_capital

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
MALE_HONORIFICS = {"mr", "mr.", "sir", "king", "prince", "lord"}
FEMALE_HONORIFICS = {"ms", "ms.", "mrs", "mrs.", "miss", "madam", "queen", "princess", "lady", "dame"}
# Words of a title that say nothing about which title it is.
TITLE_STOP = {
    "the", "a", "an", "of", "for", "and", "'s", "’s", "s", "its", "his", "her", "their", ",", "-", "—",
}
# "the group", "the organisation": any organisation named before; "the ministry": one with that word.
ANY_ORG_HEADS = {"group", "organization", "organisation", "movement", "outfit", "network"}
NAMED_ORG_HEADS = {
    "ministry", "agency", "party", "army", "council", "court", "commission", "committee", "company", "union",
    "alliance", "bloc", "office", "department", "service", "front", "force", "forces", "police", "bank",
    "fund", "program", "programme", "institute", "authority", "board", "corporation", "association",
}
ACRONYM_SKIP = {"and", "of", "for", "the", "on", "in", "&", "de", "la", "to"}
# How far back "it"/"they" or "the group" may look for its organisation (characters).
ORG_REACH = 1500
# How far back a bare title ("the envoy said") may look for the person it stands for (characters).
TITLE_REACH = 600
# How far after its sentence a title that opens a paragraph may find the person it introduces (characters).
CATAPHORA_REACH = 300


# The text and entities of the Doc a stage is reading (``text_read_once``): spaCy's ``Doc.text`` joins
# every token's text and ``Doc.ents`` makes every entity's Span again on each read, which the claims stage
# would otherwise do a hundred times an article.
_READ: ContextVar[tuple[Doc, str, tuple[Span, ...]] | None] = ContextVar("newsevents_read_doc", default=None)


@contextmanager
def text_read_once(doc: Doc) -> Iterator[str]:
    """Within the block, ``doc_text(doc)`` and ``doc_ents(doc)`` give ``doc.text`` and ``doc.ents`` read
    once (the Doc must not change inside it)."""
    text = doc.text
    token = _READ.set((doc, text, tuple(doc.ents)))
    try:
        yield text
    finally:
        _READ.reset(token)


def doc_text(doc: Doc) -> str:
    """``doc.text``: the copy ``text_read_once`` holds for this Doc, else read now."""
    held = _READ.get()
    return held[1] if held is not None and held[0] is doc else doc.text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``: the copy ``text_read_once`` holds for this Doc, else read now."""
    held = _READ.get()
    return held[2] if held is not None and held[0] is doc else tuple(doc.ents)


def span_ents(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside the span, as spaCy finds them) from ``doc_ents``: spaCy's
    ``Span.ents`` reads ``Doc.ents`` again."""
    found: list[Span] = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end > span.end:
                break
            found.append(ent)
    return found


def clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return " ".join(text.split()).strip(" ,.;:―—–-\"'“”‘’()")


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isupper())


def _title_words(tokens: list[Token]) -> frozenset[str]:
    return frozenset(
        t.lower_ for t in tokens if not t.is_punct and not t.is_space and t.lower_ not in TITLE_STOP
    )


def _is_subject(ent: Span) -> bool:
    head = ent.root
    while head.dep_ in ("appos", "compound") and head.head.i != head.i:
        head = head.head
    if head.dep_ in SUBJECT_DEPS:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according"


@dataclass
class SpeakerBook:
    """The people and organisations of one article."""

    full_names: dict[str, str] = field(default_factory=dict)  # surname (lower case) -> longest name
    person_starts: list[int] = field(default_factory=list)  # offsets of person subjects, in order
    person_names: list[str] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)  # offsets of every person mention
    mention_names: list[str] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "m" / "f" when the text shows it
    # offset, the title's head noun, its words, the person's name
    titles: list[tuple[int, str, frozenset[str], str]] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)  # "BLA" -> "Baloch Liberation Army"
    org_starts: list[int] = field(default_factory=list)
    org_names: list[str] = field(default_factory=list)
    org_mention_starts: list[int] = field(default_factory=list)  # every organisation mention
    org_mention_names: list[str] = field(default_factory=list)
    # The speakers of the claims resolved so far, in text order: offset, name, kind ("person", "org", ...).
    speaker_notes: list[tuple[int, str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> SpeakerBook:
        book = cls()
        book._add_acronyms(doc)
        # "NISA", "BLA": the tagger takes some acronyms for people.
        persons = [
            e for e in doc_ents(doc) if e.label_ == "PERSON" and clean_name(e.text) not in book.acronyms
        ]
        for ent in persons:
            name = clean_name(ent.text)
            last = name.split()[-1].lower() if name.split() else ""
            if last and len(name) > len(book.full_names.get(last, "")):
                book.full_names[last] = name
        for ent in persons:
            full = book.full(ent.text)
            book.mention_starts.append(ent.start_char)
            book.mention_names.append(full)
            if _is_subject(ent):
                book.person_starts.append(ent.start_char)
                book.person_names.append(full)
            book._add_titles(ent, full)
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            first = ent[0].lower_
            for word in (before, first):
                if word in MALE_HONORIFICS:
                    book.genders.setdefault(full, "m")
                elif word in FEMALE_HONORIFICS:
                    book.genders.setdefault(full, "f")
        book._add_surname_subjects(doc)
        book._learn_genders(doc, persons)
        book._add_organisations(doc)
        return book

    # building ------------------------------------------------------------------------------------

    def _add_titles(self, ent: Span, full: str) -> None:
        """The words the article put before or beside a name ("Judge Erick Garcia", "X's lawyer, Y")."""
        doc = ent.doc
        root = ent.root
        left = [t for t in doc[root.left_edge.i : ent.start] if not t.is_punct]
        if left and left[-1].ent_type_ != "PERSON":
            self._add_title(ent.start_char, left, left[-1], full)
        if root.dep_ == "appos" and root.head.i != root.i and root.head.ent_type_ != "PERSON":
            head = root.head
            words = [t for t in head.subtree if not (root.left_edge.i <= t.i <= root.right_edge.i)]
            words = [t for t in words if t.sent == root.sent and t.dep_ not in ("relcl", "punct")]
            self._add_title(ent.start_char, words, head, full)
        for child in root.children:
            if child.dep_ == "appos" and child.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
                words = [t for t in child.subtree if t.sent == root.sent]
                self._add_title(ent.start_char, words, child, full)

    def _add_title(self, offset: int, words: list[Token], head: Token, full: str) -> None:
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in TITLE_STOP:
            self.titles.append((offset, head.lower_, _title_words(words), full))

    def _add_surname_subjects(self, doc: Doc) -> None:
        """A known surname as a subject where the tagger missed the person ("Maimane, who ..., knows")."""
        seen = set(self.person_starts)
        for token in doc:
            if token.dep_ in SUBJECT_DEPS and token.pos_ == "PROPN" and token.ent_type_ != "PERSON":
                full = self.full_names.get(token.lower_, "")
                if len(full.split()) >= 2 and token.idx not in seen:
                    i = bisect.bisect_left(self.person_starts, token.idx)
                    self.person_starts.insert(i, token.idx)
                    self.person_names.insert(i, self.full(token.text))

    def _learn_genders(self, doc: Doc, persons: list[Span]) -> None:
        """A he/she that plainly stands for a person: "X said (that) she ...", or "X said ... . She added".

        Only these two patterns vote; a person gets a gender when the votes agree.
        """
        votes: dict[str, set[str]] = {}
        for token in doc:
            kind = "m" if token.lower_ == "he" else "f" if token.lower_ == "she" else ""
            if not kind or token.dep_ not in SUBJECT_DEPS:
                continue
            name = self._subject_person(token.head.head) if token.head.dep_ in ("ccomp", "xcomp") else None
            if name is None and token.i == token.sent.start and token.sent.start > 0:
                name = self._subject_person(doc[token.sent.start - 1].sent.root)
            if name is not None:
                votes.setdefault(name, set()).add(kind)
        for name, kinds in votes.items():
            if len(kinds) == 1:
                self.genders.setdefault(name, next(iter(kinds)))

    def _subject_person(self, verb: Token) -> str | None:
        """The person who is the verb's subject; a lone proper noun the tagger took for an organisation
        counts too ("Wine says he ..."): the pronoun that follows shows it is a person."""
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return None
        if subject.ent_type_ == "PERSON":
            ents = [e for e in doc_ents(verb.doc) if e.start <= subject.i < e.end]
            return self.full(ents[0].text) if ents else None
        modified = any(c.dep_ in ("compound", "det", "amod") for c in subject.children)
        alone = subject.pos_ == "PROPN" and not modified
        if alone and subject.ent_type_ in ("", "ORG"):
            return self.full(subject.text)
        return None

    def _add_acronyms(self, doc: Doc) -> None:
        orgs = [e for e in doc_ents(doc) if e.label_ == "ORG"]
        for ent in orgs:
            name = clean_name(ent.text)
            if len(name.split()) >= 2:
                initials = _initials(name)
                if len(initials) >= 2:
                    self.acronyms.setdefault(initials, name)
            # "Baloch Liberation Army (BLA)", "..., or BLA,": the letters given beside it name it.
            after = doc_text(doc)[ent.end_char : ent.end_char + 20]
            match = re.match(r"(?:\s*\(|,?\s+or\s+)([A-Z][A-Za-z-]{1,9})\b", after)
            if match and len(name.split()) >= 2 and match.group(1).isupper():
                self.acronyms[match.group(1)] = name

    def _add_organisations(self, doc: Doc) -> None:
        orgs = [
            e for e in doc_ents(doc)
            if e.label_ == "ORG" or (e.label_ == "PERSON" and clean_name(e.text) in self.acronyms)
        ]
        for ent in orgs:
            if clean_name(ent.text).lower() in self.full_names:
                continue  # a surname the tagger took for an organisation
            self.org_mention_starts.append(ent.start_char)
            self.org_mention_names.append(self.org(ent.text))
            if _is_subject(ent):
                self.org_starts.append(ent.start_char)
                self.org_names.append(self.org(ent.text))

    # looking up ----------------------------------------------------------------------------------

    def full(self, name: str) -> str:
        name = clean_name(name)
        parts = name.split()
        if not parts:
            return name
        known = self.full_names.get(parts[-1].lower())
        return known if known and len(known) > len(name) else name

    def is_surname(self, word: str) -> bool:
        return clean_name(word).lower() in self.full_names

    def org(self, name: str) -> str:
        """An organisation's fullest name: an acronym spelt out when the article spells it; a capital
        standing for its country's government ("Tehran said") as the country."""
        name = clean_name(name)
        return self.acronyms.get(name) or country_of_capital(name) or name

    def note_speaker(self, offset: int, name: str, kind: str) -> None:
        """Remember a claim's resolved speaker: a later "he", "it" or "the report" may point back to it."""
        bisect.insort(self.speaker_notes, (offset, name, kind))

    def _notes_before(self, offset: int, kinds: tuple[str, ...]) -> list[tuple[int, str]]:
        i = bisect.bisect_left(self.speaker_notes, (offset, "", ""))
        return [(o, n) for o, n, k in reversed(self.speaker_notes[:i]) if k in kinds]

    def person_before(self, offset: int, pronoun: str = "") -> str | None:
        """The person last seen as a subject or a speaker before ``offset``, of the pronoun's gender if known.

        Speakers count as subjects: "Wine says ...; '...,' he said" is Wine's even when the tagger did not
        take "Wine" for a person.
        """
        want = "m" if pronoun in MALE else "f" if pronoun in FEMALE else ""

        def fits(name: str) -> bool:
            return not want or self.genders.get(name, want) == want

        i = bisect.bisect_left(self.person_starts, offset) - 1
        while i >= 0 and not fits(self.person_names[i]):
            i -= 1
        subject = (self.person_starts[i], self.person_names[i]) if i >= 0 else None
        speaker = next(((o, n) for o, n in self._notes_before(offset, ("person",)) if fits(n)), None)
        candidates = [c for c in (subject, speaker) if c is not None]
        if candidates:
            return max(candidates)[1]
        i = bisect.bisect_left(self.mention_starts, offset) - 1
        while i >= 0:
            if fits(self.mention_names[i]):
                return self.mention_names[i]
            i -= 1
        return None

    def org_before(
        self, offset: int, head: str = "", subject: bool = True, kinds: tuple[str, ...] = ("org",),
        notes_only: bool = False,
    ) -> str | None:
        """The organisation last seen (as a subject, or as a speaker of one of ``kinds``) close before
        ``offset`` (with ``head`` in its name)."""
        starts, names = (self.org_starts, self.org_names) if subject else (self.org_mention_starts,
                                                                         self.org_mention_names)
        seen: list[tuple[int, str]] = [] if notes_only else [
            (starts[i], names[i]) for i in range(bisect.bisect_left(starts, offset) - 1, -1, -1)
        ]
        seen += self._notes_before(offset, kinds)
        for start, name in sorted(seen, reverse=True):
            if offset - start > ORG_REACH:
                break
            if not head or head in name.lower().split():
                return name
        return None

    def title_antecedent(self, speaker: Span) -> str | None:
        """The person a bare title stands for ("the top U.S. diplomat noted"): the person last seen as a
        speaker or a subject, in this paragraph or the one before, with no other person named in between."""
        text = doc_text(speaker.doc)
        offset = speaker.start_char
        i = bisect.bisect_left(self.person_starts, offset) - 1
        seen = [(self.person_starts[i], self.person_names[i])] if i >= 0 else []
        seen += self._notes_before(offset, ("person",))[:1]
        if not seen:
            return None
        start, name = max(seen)
        # "The head of Doctors Without Borders": a title naming a body must be one this person holds.
        own = _title_words([t for e in span_ents(speaker) if e.label_ == "ORG" for t in e])
        held = frozenset().union(*(words for _, _, words, person in self.titles if person == name))
        if own and not own & held:
            return None
        between = text[start:offset]
        if len(re.findall(r"\n\s*\n", between)) > 2 or len(between) > TITLE_REACH:
            return None  # a photo caption may stand between two paragraphs
        others = [n for o, n in zip(self.mention_starts, self.mention_names, strict=True)
                  if start < o < offset and n != name]
        return None if others else name

    def person_after(self, speaker: Span) -> str | None:
        """The person a sentence's opening title introduces ("The U.N. envoy for Syria is calling for ...
        . Jane Roe issued her appeal"): the first person seen as a subject soon after its sentence."""
        doc = speaker.doc
        sent = speaker.sent
        if doc_text(doc)[sent.start_char : speaker.start_char].strip(" \"“‘'\n"):
            return None  # only a title that opens its sentence introduces someone
        i = bisect.bisect_left(self.person_starts, speaker.end_char)
        if i < len(self.person_starts) and self.person_starts[i] < sent.end_char + CATAPHORA_REACH:
            between = doc_text(doc)[sent.end_char : self.person_starts[i]]
            if between.count("\n\n") + between.count("\n") // 2 <= 1:
                return self.person_names[i]
        return None

    def _person_between(self, start: int, end: int) -> bool:
        starts = self.person_starts
        subjects = bisect.bisect_left(starts, end) > bisect.bisect_right(starts, start)
        return subjects or any(start < o < end and k == "person" for o, _, k in self.speaker_notes)

    def unnamed_before(self, speaker: Span) -> str | None:
        """The description a bare title repeats when the article used it last without a name ("the
        country's information minister shared a video ... the minister said"): that description."""
        head = speaker.root.lower_
        doc = speaker.doc
        if any(t.pos_ not in ("DET", "ADJ") for t in speaker if t.i != speaker.root.i):
            return None  # "the head of Doctors Without Borders" says which head: not a repetition
        named = [offset for offset, title_head, _, _ in self.titles if title_head == head]
        for token in reversed(doc[: speaker.start]):
            if token.lower_ != head or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if named and max(named) > token.idx:
                return None  # the title was last given with a name: titled() finds the person
            phrase = doc[token.left_edge.i : token.i + 1]
            has_person = any(e.label_ == "PERSON" for e in span_ents(phrase))
            if has_person or token.head.ent_type_ == "PERSON" or any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children
            ):
                return None
            if self._person_between(token.idx, speaker.start_char):
                return None  # someone spoke or acted since: title_antecedent() weighs them
            words = [t for t in phrase if t.dep_ not in ("det", "poss", "case") and t.tag_ != "POS"]
            return clean_name(" ".join(t.text for t in words)) or None
        return None

    def titled(self, speaker: Span) -> str | None:
        """The person the article named with the title this speaker phrase uses ("the envoy").

        The head nouns must agree ("spokesperson"); a phrase with words of its own ("the U.S. military
        spokesman") must share one more with the title; "a spokesman" or "another official" is someone new.
        """
        if speaker[0].lower_ in ("a", "an", "another", "one", "some"):
            return None
        words = _title_words(list(speaker))
        head = speaker.root.lower_
        if not words or head in TITLE_STOP:
            return None
        best: tuple[int, int, int] | None = None
        name: str | None = None
        for offset, title_head, title, person in self.titles:
            if head != title_head:
                continue
            shared = len(words & title)
            if shared < 2 and len(words) > 1:
                continue
            # More shared words first; then the nearest title before the speaker, then the first after.
            before = offset <= speaker.start_char
            key = (shared, 1 if before else 0, offset if before else -offset)
            if best is None or key > best:
                best, name = key, person
        return name
