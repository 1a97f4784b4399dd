"""The modality of a trigger mention, read from the parse and the claims: asserted, claimed, negated,
hypothetical or planned."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsevents.events.syntax import clause_verb, first_conjunct, is_nominal
from newsevents.events.words import (
    COUNTER_VERBS,
    FAIL_VERBS,
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    HYPOTHETICAL_MARKS,
    IMPLICATIVE_VERBS,
    NEGATIONS,
    PLAN_NOUNS,
    PLAN_VERBS,
    WISH_VERBS,
)
from newsevents.model import Claim, Modality

# The path from a nominal trigger up to the verb that governs it ("urged Russia to accept a ceasefire").
GOVERNED_DEPS = frozenset({"dobj", "pobj", "pcomp", "prep", "conj"})
MODALITY_ORDER: dict[str, int] = {"asserted": 0, "claimed": 1, "planned": 2, "hypothetical": 3, "negated": 4}


def modality_of(anchor: Token, claims: Sequence[Claim]) -> tuple[Modality, int | None]:
    claim = claim_index(anchor.idx, claims)
    verb = clause_verb(anchor)
    scope = [anchor, verb]
    if verb.dep_ in ("xcomp", "ccomp", "conj") and verb.head != verb:
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
        or (_planned(verb) and not _countered(anchor, verb))
        or _demanded(anchor)
        or _wanted(anchor)
    ):
        return "planned", claim
    if claim is not None:
        return "claimed", claim
    return "asserted", None


def _countered(anchor: Token, verb: Token) -> bool:
    """ "police fired tear gas to disperse the protest": what a purpose acts on already exists."""
    return anchor.dep_ == "dobj" and anchor.head == verb and verb.lemma_.lower() in COUNTER_VERBS


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
        if token.dep_ not in GOVERNED_DEPS or token.head == token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token != anchor and _planned(token):
            return True
    return False


def _demanded(anchor: Token) -> bool:
    """ "demanded the arrest of", "calls for the release of", "a demand for action": a nominal trigger
    that names what someone wants done, not what happened."""
    if not is_nominal(anchor):
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
