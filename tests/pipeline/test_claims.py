"""Stage newsevents_claims: quotes, reported speech and speakers, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsevents.model import Claim
from newsevents.pipeline.claims import claim_index_covering, find_quotes, load_cues

Analyse = Callable[..., Doc]


def claims_of(analyse: Analyse, text: str, **kwargs: object) -> tuple[Claim, ...]:
    claims: tuple[Claim, ...] = analyse(text, **kwargs)._.ne_claims
    return claims


def one_with(claims: tuple[Claim, ...], words: str) -> Claim:
    found = [c for c in claims if words in c.content]
    assert found, f"no claim holds {words!r}: {[c.content for c in claims]}"
    return found[0]


def spoken(text: str, claim: Claim) -> str:
    assert claim.speaker_span is not None
    return text[claim.speaker_span[0]:claim.speaker_span[1]]


# --- quotes on the raw text -----------------------------------------------------------------------


def test_find_quotes_curly_straight_and_doubled_apostrophes() -> None:
    text = "He said “stop now” and ''go home'' and \"leave it\" today."
    assert [text[s:e] for s, e in find_quotes(text)] == ["“stop now”", "''go home''", '"leave it"']


def test_find_quotes_ignores_apostrophes_inside_words() -> None:
    text = "The mayor’s aides don't agree with the council's 'temporary' ban."
    assert [text[s:e] for s, e in find_quotes(text)] == ["'temporary'"]


def test_find_quotes_accepts_mismatched_marks() -> None:
    text = 'She called it “a disgrace" and left.'
    assert [text[s:e] for s, e in find_quotes(text)] == ["“a disgrace\""]


def test_unclosed_quote_runs_to_the_end_of_its_paragraph() -> None:
    text = "“We will rebuild every school in the valley.\n\nThe next paragraph is narration."
    assert [text[s:e] for s, e in find_quotes(text)] == ["“We will rebuild every school in the valley."]


# --- reported speech ------------------------------------------------------------------------------


def test_reported_speech_takes_the_complement_clause(analyse: Analyse) -> None:
    text = "President Anna Berg said her government had restored order in the capital."
    claim = one_with(claims_of(analyse, text), "restored order")
    assert claim.speaker == "Anna Berg"
    assert claim.cue == "said"
    assert claim.direct is False
    assert claim.content.startswith("her government")
    assert text[claim.content_span[0]:claim.content_span[1]] == claim.content


def test_that_clause_and_conjoined_second_cue_are_two_claims(analyse: Analyse) -> None:
    text = (
        "Prime Minister Tomas Rell said the floods had destroyed four bridges, and insisted that the army "
        "would stay in the region until spring."
    )
    claims = claims_of(analyse, text)
    first = one_with(claims, "four bridges")
    second = one_with(claims, "army would stay")
    assert "insisted" not in first.content
    assert second.cue == "insisted"
    assert first.speaker == second.speaker == "Tomas Rell"


def test_postposed_speaker_and_pronoun_resolution(analyse: Analyse) -> None:
    text = (
        "Foreign Minister Jonas Pell arrived in Oslo on Friday. "
        "The talks will resume next week, he said."
    )
    claim = one_with(claims_of(analyse, text), "talks will resume")
    assert claim.speaker == "Jonas Pell"
    assert spoken(text, claim) == "he"
    assert "he said" not in claim.content


def test_later_surname_gets_the_full_name(analyse: Analyse) -> None:
    text = (
        "Interior Minister Farida Osman visited the port on Tuesday. "
        "Osman said the curfew would be lifted within days."
    )
    claim = one_with(claims_of(analyse, text), "curfew would be lifted")
    assert claim.speaker == "Farida Osman"
    assert spoken(text, claim) == "Osman"


def test_counterpart_apposition_names_the_person(analyse: Analyse) -> None:
    text = "Berg's Finnish counterpart Mikko Lahti confirmed that the border posts would reopen on Monday."
    claim = one_with(claims_of(analyse, text), "border posts would reopen")
    assert claim.speaker == "Mikko Lahti"


def test_according_to_an_organisation(analyse: Analyse) -> None:
    text = "According to the health ministry, forty people died in the floods last week."
    claim = one_with(claims_of(analyse, text), "forty people died")
    assert claim.speaker == "health ministry"
    assert claim.cue == "According to"
    assert "According" not in claim.content


def test_relative_clause_cue(analyse: Analyse) -> None:
    text = "The storm, which the health ministry says killed twelve people, moved north on Sunday."
    claim = one_with(claims_of(analyse, text), "killed twelve people")
    assert claim.speaker == "health ministry"
    assert "which" not in claim.content


def test_organisation_speaker(analyse: Analyse) -> None:
    text = "The government said on Monday that the fuel subsidies would return in March."
    claim = one_with(claims_of(analyse, text), "fuel subsidies")
    assert claim.speaker == "government"
    assert spoken(text, claim) == "The government"


def test_described_leader_resolves_to_the_person_named_before(analyse: Analyse) -> None:
    text = (
        "President Maria Duarte met the generals in the capital. "
        "The army has sent 3,000 soldiers to the north, the Chilean leader said, vowing that they would "
        "return before the elections."
    )
    claims = claims_of(analyse, text)
    assert one_with(claims, "3,000 soldiers").speaker == "Maria Duarte"
    assert one_with(claims, "return before the elections").speaker == "Maria Duarte"


# --- direct quotes --------------------------------------------------------------------------------


def test_multi_sentence_quote_before_the_cue(analyse: Analyse) -> None:
    text = "“We will not retreat. The border stays closed,” Pell told reporters in Riga."
    claim = one_with(claims_of(analyse, text), "We will not retreat")
    assert claim.direct is True
    assert claim.content == "We will not retreat. The border stays closed"  # the words, not the marks
    assert claim.speaker == "Pell"
    assert claim.cue == "told"


def test_quote_after_cue_with_straight_marks(analyse: Analyse) -> None:
    text = 'Mayor Ruth Kline told the council: "The bridge will reopen in May and the tolls will go."'
    claim = one_with(claims_of(analyse, text), "bridge will reopen")
    assert claim.direct is True
    assert claim.speaker == "Ruth Kline"
    assert claim.content == "The bridge will reopen in May and the tolls will go."


def test_quote_inside_reported_speech_is_its_own_claim_linked_to_it(analyse: Analyse) -> None:
    text = "The minister said the protesters had been “misled by foreign agents” during the week."
    claims = claims_of(analyse, text)
    assert len(claims) == 2
    outer, inner = claims
    assert "“misled by foreign agents”" in outer.content and not outer.direct and outer.within is None
    assert inner.content == "misled by foreign agents" and inner.direct
    assert inner.within == 0
    assert (inner.speaker, inner.speaker_span, inner.cue_span) == (outer.speaker, outer.speaker_span,
                                                                   outer.cue_span)


def test_a_word_or_two_in_quotes_is_no_claim_of_its_own(analyse: Analyse) -> None:
    text = "The general said the troops would go home “soon” and that the border was “fully secure”."
    claims = claims_of(analyse, text)
    assert [c for c in claims if c.within is not None] == []


def test_quote_continued_after_the_cue_is_one_claim(analyse: Analyse) -> None:
    text = (
        "“The harvest was the worst in decades,” said farmer Ole Brandt. "
        "“We will need help from the government to get through the winter.”"
    )
    claims = claims_of(analyse, text)
    assert len(claims) == 1
    assert claims[0].content.endswith("winter.”")
    assert claims[0].speaker == "Ole Brandt"


def test_cues_inside_a_quote_are_not_claims_of_their_own(analyse: Analyse) -> None:
    text = "“I think the strike will end soon and I hope the workers return,” union leader Sara Holm said."
    claims = claims_of(analyse, text)
    assert len(claims) == 1
    assert claims[0].speaker == "Sara Holm"


def test_headline_claim_and_furniture_skipped(analyse: Analyse) -> None:
    text = (
        "Mayor says 'bridge will reopen'\n\n"
        "The bridge closed in March after the flood.\n\n"
        "Related articles\n"
        "Governor said the roads would be repaired within a week\n"
    )
    claims = claims_of(analyse, text, title="Mayor says 'bridge will reopen'")
    assert any("bridge will reopen" in c.content for c in claims)
    assert not any("roads would be repaired" in c.content for c in claims)


def test_no_claim_without_speech(analyse: Analyse) -> None:
    assert claims_of(analyse, "Heavy rain flooded the valley and closed two roads on Sunday.") == ()


# --- helpers for events and the store -------------------------------------------------------------


def test_denials_and_disputes(analyse: Analyse) -> None:
    text = (
        "The army denied that its soldiers fired on the crowd. "
        "The police said the march would not go ahead on Saturday."
    )
    claims = claims_of(analyse, text)
    assert one_with(claims, "soldiers fired").cue_denies
    # A negation about something else is no denial: only the cue, or a negated event, denies.
    assert not one_with(claims, "march would not go ahead").cue_denies


def test_claim_index_covering_picks_the_innermost_claim() -> None:
    outer = Claim("A", None, "said", None, "x" * 50, (0, 50), False)
    inner = Claim("B", None, "said", None, "x" * 10, (20, 30), False)
    claims = (outer, inner)
    assert claim_index_covering(claims, 22, 28) == 1
    assert claim_index_covering(claims, 5, 15) == 0
    assert claim_index_covering(claims, 45, 60) is None


def test_cue_lexicon_is_packaged() -> None:
    cues = load_cues()
    assert {"say", "tell", "insist", "vow", "deny", "dismiss", "warn", "announce"} <= cues.verbs
    assert "deny" in cues.denial


@pytest.mark.parametrize("cue", ["warned", "announced", "claimed", "stated", "argued", "wrote", "added"])
def test_broad_cue_list(analyse: Analyse, cue: str) -> None:
    text = f"The opposition leader Ivan Marek {cue} that the election results had been falsified."
    claim = one_with(claims_of(analyse, text), "election results had been falsified")
    assert claim.cue == cue
    assert claim.speaker == "Ivan Marek"


def test_transcript_turns_and_signed_quotes(analyse: Analyse) -> None:
    text = (
        "HOLM: We are asking the council to keep the library open this winter.\n\n"
        "“The town cannot afford another closed school this year.” ― Ada Lind\n"
    )
    claims = claims_of(analyse, text)
    turn = one_with(claims, "keep the library open")
    assert turn.speaker == "HOLM"
    assert turn.cue == ":"
    assert one_with(claims, "another closed school").speaker == "Ada Lind"


def test_gerund_cue_shares_the_subject_through_a_preposition(analyse: Analyse) -> None:
    text = "Senator Lea Moss ended the debate by saying that the budget would be balanced next year."
    claim = one_with(claims_of(analyse, text), "budget would be balanced")
    assert claim.speaker == "Lea Moss"


def test_a_name_given_by_a_participle_is_no_claim(analyse: Analyse) -> None:
    text = "The troupe staged a comedy called “The Long Winter of Our Town” in the old theatre."
    assert not any(c.cue == "called" for c in claims_of(analyse, text))


def test_page_title_and_headline_repeating_one_claim_give_one_claim(analyse: Analyse) -> None:
    text = (
        "Governor says 'worst is over' as river falls - Valley Courier\n\n"
        "Governor says 'worst is over' as river falls\n\n"
        "Governor Ada Lenz said on Friday that the river had fallen by a metre overnight."
    )
    claims = claims_of(analyse, text)
    headline = [c for c in claims if "worst is over" in c.content and c.within is None]
    assert len(headline) == 1
    assert "Valley Courier" not in headline[0].content
