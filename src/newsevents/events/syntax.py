"""Parse-tree helpers shared by the events modules: a trigger's clause verb, conjunct heads, nominal
triggers, the token at a character span and whether two tokens are related in the tree."""

from __future__ import annotations

from spacy.tokens import Doc, Token


def clause_verb(anchor: Token) -> Token:
    """The verb whose clause holds the trigger: the trigger itself when it is a verb."""
    token = anchor
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            return token
        token = token.head
    return token


def first_conjunct(token: Token) -> Token:
    """ "directed to act tough and nab them": a conjunct shares its first conjunct's place in the clause."""
    for _ in range(4):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def is_nominal(anchor: Token) -> bool:
    """A noun, or a gerund used as one ("police firing", "the shelling of the town")."""
    if anchor.pos_ in ("NOUN", "PROPN"):
        return True
    return anchor.tag_ == "VBG" and (
        anchor.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "acl")
        or any(c.dep_ in ("compound", "poss", "det") for c in anchor.children)
    )


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_related(token: Token, anchor: Token) -> bool:
    verb = clause_verb(anchor)
    return anchor in token.ancestors or verb in token.ancestors or token in anchor.ancestors
