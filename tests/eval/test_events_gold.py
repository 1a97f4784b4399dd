import json
from pathlib import Path

import pytest

from newsevents.eval.events_gold import EventsGoldScores, KindScores, score, speaker_right, story_kind
from newsevents.report import format_eval

# Invented stories, written for these tests.
RAID = (
    "Gunmen stormed a market in Lakeview on Tuesday, killing four traders. "
    "Police arrested two suspects near the river. "
    "Mayor Tomas Verlaine said the town would rebuild."
)
TALKS = "Ministers from two neighbours met in the capital to discuss grazing rights."

LAKEVIEW = {
    "name": "Lakeview", "country_code": "ZZ", "lat": 10.0, "lon": 20.0, "geonames_id": 111, "geo_precision": 1
}


def span(text: str, words: str) -> dict[str, int]:
    start = text.index(words)
    return {"start": start, "end": start + len(words)}


def gold_event(**fields: object) -> dict:
    base: dict = {
        "id": "E1", "must": True, "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "date": {"start": "2030-05-07", "end": "2030-05-07", "precision": 1}, "location": dict(LAKEVIEW),
        "counts": {"killed": 4}, "evidence_text": "Gunmen stormed a market in Lakeview on Tuesday",
    }
    base.update(fields)
    return base


def arrest_gold(**fields: object) -> dict:
    arrest: dict = {
        "id": "E2", "must": False, "event_type": "Strategic developments", "sub_event_type": "Arrests",
        "counts": {"arrested": 2}, "evidence_text": "Police arrested two suspects",
    }
    return gold_event(**{**arrest, **fields})


def speaker_claim() -> dict:
    return {"speaker": "Tomas Verlaine", "content_text": "the town would rebuild"}


def story(story_id: str, text: str, events: list, claims: list | None = None) -> dict:
    return {"id": story_id, "input": {"id": story_id, "text": text}, "events": events, "claims": claims or []}


def write_gold(tmp_path: Path, *stories: dict) -> Path:
    for s in stories:
        (tmp_path / f"{s['id']}.json").write_text(json.dumps(s), encoding="utf-8")
    (tmp_path / "notes.json").write_text(json.dumps({"not": "a story"}), encoding="utf-8")  # ignored
    return tmp_path


def predicted_event(**fields: object) -> dict:
    base: dict = {
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "date": {"start": "2030-05-07"}, "location": dict(LAKEVIEW), "counts": {"killed": 4},
        "evidence": [span(RAID, "stormed a market")],
    }
    base.update(fields)
    return base


def run(
    tmp_path: Path, gold_events: list, events: list, claims: list | None = None, gold_claims=None
) -> EventsGoldScores:
    gold = write_gold(tmp_path, story("s-1", RAID, gold_events, gold_claims))
    return score({"s-1": {"events": events, "claims": claims or []}}, gold)


def test_a_perfect_record_is_found_right_and_supported(tmp_path: Path) -> None:
    m = run(tmp_path, [gold_event()], [predicted_event()])
    assert (m.must_found, m.must_right, m.predicted_supported) == (1.0, 1.0, 1.0)
    assert m.must_misses == ()


def test_found_needs_an_accepted_type_and_overlapping_evidence(tmp_path: Path) -> None:
    wrong_type = predicted_event(event_type="Battles", sub_event_type="Armed clash")
    assert run(tmp_path, [gold_event()], [wrong_type]).must_found == 0.0
    accepted = gold_event(accept={"types": [["Battles", "Armed clash"]]})
    assert run(tmp_path, [accepted], [wrong_type]).must_found == 1.0
    elsewhere = predicted_event(evidence=[span(RAID, "rebuild")])
    m = run(tmp_path, [gold_event()], [elsewhere])
    assert m.must_found == 0.0
    assert m.must_misses == ("s-1 E1 Attack: not found",)
    # Touching is not overlapping: the span must share a character with the gold text.
    end = span(RAID, "Gunmen stormed a market in Lakeview on Tuesday")["end"]
    touching = predicted_event(evidence=[{"start": end, "end": end + 8}])
    assert run(tmp_path, [gold_event()], [touching]).must_found == 0.0
    sharing = predicted_event(evidence=[{"start": end - 1, "end": end + 8}])
    assert run(tmp_path, [gold_event()], [sharing]).must_found == 1.0


def test_supporting_text_also_counts_as_evidence(tmp_path: Path) -> None:
    by_toll = predicted_event(evidence=[span(RAID, "killing four traders")])
    assert run(tmp_path, [gold_event()], [by_toll]).must_found == 0.0
    supported = gold_event(supporting_text=["killing four traders"])
    assert run(tmp_path, [supported], [by_toll]).must_right == 1.0


def test_right_needs_the_date_start_or_an_accepted_one(tmp_path: Path) -> None:
    late = predicted_event(date={"start": "2030-05-08"})
    m = run(tmp_path, [gold_event()], [late])
    assert (m.must_found, m.must_right) == (1.0, 0.0)
    assert m.must_misses == ("s-1 E1 Attack: wrong date: date 2030-05-08 vs 2030-05-07",)
    in_range = gold_event(accept={"date_start_range": ["2030-05-06", "2030-05-08"]})
    assert run(tmp_path, [in_range], [late]).must_right == 1.0
    listed = gold_event(accept={"dates": [{"start": "2030-05-08", "end": "2030-05-08"}]})
    assert run(tmp_path, [listed], [late]).must_right == 1.0
    assert run(tmp_path, [gold_event()], [predicted_event(date={"start": None})]).must_right == 0.0


def test_a_town_must_be_within_25_km_or_the_same_geonames_id(tmp_path: Path) -> None:
    near = predicted_event(location=dict(LAKEVIEW, lat=10.1, geonames_id=222))  # about 11 km north
    far = predicted_event(location=dict(LAKEVIEW, lat=10.5, geonames_id=333))  # about 55 km
    same_id = predicted_event(location=dict(LAKEVIEW, lat=10.5))
    other_country = predicted_event(location=dict(LAKEVIEW, country_code="YY"))
    assert run(tmp_path, [gold_event()], [near]).must_right == 1.0
    assert run(tmp_path, [gold_event()], [same_id]).must_right == 1.0
    assert run(tmp_path, [gold_event()], [other_country]).must_right == 0.0
    m = run(tmp_path, [gold_event()], [far])
    assert m.must_right == 0.0
    assert m.must_misses == ("s-1 E1 Attack: wrong place: place Lakeview/ZZ vs Lakeview/ZZ",)
    # A region (geo_precision 3) only needs the country; so does a gold event with no place.
    region = gold_event(location=dict(LAKEVIEW, geo_precision=3))
    assert run(tmp_path, [region], [far]).must_right == 1.0
    assert run(tmp_path, [gold_event(location=None)], [other_country]).must_right == 1.0
    named = gold_event(accept={"locations": ["Lakeview Province"]})
    province = predicted_event(location={"name": "Lakeview Province", "country_code": "XX"})
    assert run(tmp_path, [named], [province]).must_right == 1.0


def test_events_at_a_named_town_count_those_placed_within_25_km(tmp_path: Path) -> None:
    near = predicted_event(location=dict(LAKEVIEW, lat=10.1, geonames_id=222))
    country_only = predicted_event(
        location=dict(LAKEVIEW, name="Zedland", lat=12.0, geonames_id=9, geo_precision=3)
    )
    # The raid names Lakeview; the arrest's gold place is a town the story does not name.
    unnamed = arrest_gold(location=dict(LAKEVIEW, name="Riverside"))
    m = run(tmp_path, [gold_event(), unnamed], [near])
    assert (m.town_events, m.town_within_25km, m.town_within_25km_all) == (1, 1.0, 1.0)
    m = run(tmp_path, [gold_event()], [country_only])
    assert (m.town_events, m.town_within_25km) == (1, 0.0)
    # Not found at all: out of the share among found events, a miss in the share of all.
    second = gold_event(id="E3", evidence_text="Police arrested two suspects")
    m = run(tmp_path, [gold_event(), second], [near])
    assert (m.town_events, m.town_within_25km, m.town_within_25km_all) == (2, 1.0, 0.5)
    region = gold_event(location=dict(LAKEVIEW, geo_precision=3))
    assert run(tmp_path, [region], [near]).town_events == 0


def test_counts_must_equal_or_be_accepted(tmp_path: Path) -> None:
    five = predicted_event(counts={"killed": 5})
    m = run(tmp_path, [gold_event()], [five])
    assert m.must_right == 0.0
    assert m.must_misses == ("s-1 E1 Attack: wrong counts: counts {'killed': 5} vs {'killed': 4}",)
    assert run(tmp_path, [gold_event(accept={"counts": {"killed": [4, 5]}})], [five]).must_right == 1.0
    # A predicted count the gold does not have is no error.
    extra = predicted_event(counts={"killed": 4, "injured": 3})
    assert run(tmp_path, [gold_event()], [extra]).must_right == 1.0


def test_the_miss_names_the_best_candidate_s_faults(tmp_path: Path) -> None:
    bad_both = predicted_event(date={"start": "2030-05-01"}, counts={})
    bad_count = predicted_event(counts={})
    m = run(tmp_path, [gold_event()], [bad_both, bad_count])
    assert m.must_misses == ("s-1 E1 Attack: wrong counts: counts {} vs {'killed': 4}",)


def test_supported_is_the_share_of_our_events_some_gold_event_backs(tmp_path: Path) -> None:
    arrest = predicted_event(
        event_type="Strategic developments", sub_event_type="Arrests", evidence=[span(RAID, "arrested two")]
    )
    stray = predicted_event(evidence=[span(RAID, "Mayor Tomas")])
    m = run(tmp_path, [gold_event(), arrest_gold()], [predicted_event(), arrest, stray])
    assert m.predicted_events == 3
    assert m.predicted_supported == round(2 / 3, 4)
    # The optional arrest is found (all_found) without counting as a must event.
    assert (m.must_events, m.all_found) == (1, 1.0)


def test_a_claim_is_found_by_content_and_its_speaker_by_surname(tmp_path: Path) -> None:
    content = [RAID.index("the town would"), RAID.index("rebuild")]

    def claims_for(speaker: str | None) -> EventsGoldScores:
        return run(tmp_path, [], [], [{"speaker": speaker, "content_span": content}], [speaker_claim()])

    assert claims_for("Verlaine").claims_speaker_right == 1.0
    assert claims_for("Mayor Verlaine").claims_speaker_right == 1.0
    assert claims_for("Verlaine, the mayor").claims_speaker_right == 1.0  # the surname anywhere in ours
    m = claims_for("he")
    assert (m.claims_found, m.claims_speaker_right) == (1.0, 0.0)
    assert claims_for("Marta Olsen").claims_speaker_right == 0.0
    elsewhere = run(tmp_path, [], [], [{"speaker": "Verlaine", "content_span": [0, 6]}], [speaker_claim()])
    assert (elsewhere.claims_found, elsewhere.claims_speaker_right) == (0.0, 0.0)


def test_wrong_speakers_are_counted_by_kind(tmp_path: Path) -> None:
    content = [RAID.index("the town would"), RAID.index("rebuild")]

    def errors_for(speaker: str | None, span: list[int] = content) -> EventsGoldScores:
        return run(tmp_path, [], [], [{"speaker": speaker, "content_span": span}], [speaker_claim()])

    assert errors_for("Marta Olsen").claims_speaker_errors["another_name"] == 1
    assert errors_for("town spokesperson").claims_speaker_errors["description"] == 1
    assert errors_for(None).claims_speaker_errors["no_name"] == 1
    assert errors_for("he").claims_speaker_errors["no_name"] == 1
    missed = errors_for("Verlaine", [0, 6])
    expected = {"not_found": 1, "another_name": 0, "description": 0, "no_name": 0}
    assert missed.claims_speaker_errors == expected
    assert missed.claims_speaker_misses[0].startswith("s-1 not_found:")
    assert errors_for("Verlaine").claims_speaker_misses == ()


def test_organisations_match_by_their_last_word_and_pronouns_never() -> None:
    assert speaker_right("Ministry of Foreign Affairs of Ruritania", "foreign ministry")
    assert speaker_right("Central Bank of Ruritania", "the bank")
    assert not speaker_right("Ministry of Foreign Affairs of Ruritania", "the army")
    assert not speaker_right("Tomas Verlaine", "he")
    assert not speaker_right("Officials of the Ministry", "officials")  # vague, though in the gold name
    assert not speaker_right("Office of the Ombudsman", "of")  # too short to stand for a name
    assert not speaker_right("Ministry of Health", None)


def test_story_kinds_come_from_the_first_must_event(tmp_path: Path) -> None:
    assert story_kind([arrest_gold(), gold_event()]) == "attack"  # the arrest is not a must event
    assert story_kind([arrest_gold(must=True), gold_event()]) == "arrest"
    assert story_kind([gold_event(event_type="Protests", sub_event_type="Peaceful protest")]) == "protest"
    flood = gold_event(event_type="Strategic developments", sub_event_type="Natural disaster")
    assert story_kind([flood]) == "disaster"
    deployment = gold_event(event_type="Strategic developments", sub_event_type="Other")
    assert story_kind([deployment]) == "diplomacy"
    assert story_kind([gold_event(must=False)]) == "analysis"
    assert story_kind([]) == "analysis"

    talks = story("s-2", TALKS, [])
    gold = write_gold(tmp_path, story("s-1", RAID, [gold_event(), arrest_gold()]), talks)
    stray = predicted_event(evidence=[span(TALKS, "Ministers")])
    m = score({"s-1": {"events": [predicted_event()]}, "s-2": {"events": [stray]}}, gold)
    assert m.by_kind == {
        "attack": KindScores(articles=1, must_events=1, must_right=1.0, predicted_events=1,
                             predicted_supported=1.0),
        "analysis": KindScores(articles=1, must_events=0, must_right=0.0, predicted_events=1,
                               predicted_supported=0.0),
    }
    assert list(m.by_kind) == ["attack", "analysis"]  # KINDS' order, as the report prints them
    assert (m.events_per_article, m.gold_events_per_article, m.events_per_article_ratio) == (1, 1, 1)
    assert (m.docs, m.docs_predicted, m.predicted_supported) == (2, 2, 0.5)


def test_a_story_without_prediction_counts_as_empty(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, story("s-1", RAID, [gold_event()], [speaker_claim()]))
    m = score({}, gold)
    assert (m.docs_predicted, m.must_found, m.claims_found) == (0, 0.0, 0.0)
    assert m.predicted_events == 0
    assert m.must_misses == ("s-1 E1 Attack: not found",)


def test_nested_figures_print_as_rows_and_notes_as_lines(tmp_path: Path) -> None:
    from newsevents.eval.runner import SetReport

    m = run(tmp_path, [gold_event()], [predicted_event(counts={})])
    text = format_eval([SetReport("events_gold", m, 1, 0, 1.0)])
    assert "   by_kind:\n     attack  articles=1  must_events=1  must_right=0.000" in text
    assert "   must_misses (1):\n     s-1 E1 Attack: wrong counts" in text
    assert "by_kind" not in m.headline() and "must_misses" not in m.headline()


def test_a_missing_gold_folder_is_an_error(tmp_path: Path) -> None:
    from newsevents.errors import EvalError

    with pytest.raises(EvalError):
        score({}, tmp_path / "absent")
