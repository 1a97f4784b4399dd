"""``text_read_once``: the claims stage reads a Doc's text and entities once, and what it reads is the
Doc's own (texts written for these tests)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from newsevents.pipeline.speakers import doc_ents, doc_text, span_ents, text_read_once


def test_inside_the_block_the_text_and_entities_are_read_once_and_match_the_doc() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Mayor Ada Quill opened the bridge.\n\nShe said  it took two years.")
    doc.ents = [Span(doc, 1, 3, label="PERSON")]
    with text_read_once(doc) as text:
        assert text == doc.text
        assert doc_text(doc) is doc_text(doc)  # one string, not a new join of every token
        assert doc_text(doc)[doc[2].idx : doc[2].idx + 5] == "Quill"
        assert [(e.start_char, e.end_char, e.label_) for e in doc_ents(doc)] == [(6, 15, "PERSON")]


def test_another_doc_or_no_block_reads_its_own_text() -> None:
    nlp = spacy.blank("en")
    first, second = nlp("The council met."), nlp("Rain fell on Tuesday.")
    with text_read_once(first):
        assert doc_text(second) == "Rain fell on Tuesday."
        assert doc_ents(second) == ()
    assert doc_text(first) == "The council met."


def test_span_entities_are_those_spacy_gives_for_the_span() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Ada Quill of the Harbour Board met Olek Varga in Tallinn on Friday.")
    doc.ents = [
        Span(doc, 0, 2, "PERSON"), Span(doc, 4, 6, "ORG"),
        Span(doc, 7, 9, "PERSON"), Span(doc, 10, 11, "GPE"),
    ]
    with text_read_once(doc):
        for start, end in [(0, 6), (1, 9), (3, 9), (4, 11), (0, len(doc)), (8, 12)]:
            span = doc[start:end]
            assert [(e.start, e.end, e.label_) for e in span_ents(span)] == [
                (e.start, e.end, e.label_) for e in span.ents
            ]
