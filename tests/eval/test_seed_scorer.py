from newsevents.eval.seed import offsets_valid, passes

TEXT = "Police detained 12 people in Almaty on Monday, officials said."


def prediction(**overrides: object) -> dict:
    base: dict = {"events": [], "claims": [], "places": [], "dates": []}
    base.update(overrides)
    return base


def test_offsets_must_land_on_the_words_they_claim() -> None:
    good = prediction(places=[{"text": "Almaty", "start": 29, "end": 35}])
    bad = prediction(places=[{"text": "Almaty", "start": 28, "end": 34}])
    assert offsets_valid(good, TEXT) == 1.0
    assert offsets_valid(bad, TEXT) == 0.0


def test_an_event_check_needs_every_stated_property() -> None:
    event = {"event_type": "Strategic developments", "sub_event_type": "Arrests", "modality": "asserted",
             "counts": {"arrested": 12}, "location": {"country_code": "KZ"}, "date": {"start": "2022-01-10"},
             "evidence": [{"start": 7, "end": 15}]}
    pred = prediction(events=[event])
    assert passes({"kind": "event", "counts": {"arrested": 12}, "country_code": "KZ"}, pred, TEXT)
    assert not passes({"kind": "event", "counts": {"arrested": 13}}, pred, TEXT)
    assert passes({"kind": "event", "evidence_contains": "detained"}, pred, TEXT)
    assert not passes({"kind": "event", "evidence_contains": "killed"}, pred, TEXT)


def test_a_place_check_fails_when_any_mention_is_resolved_elsewhere() -> None:
    check = {"kind": "place", "text": "Almaty", "country_code": "KZ", "near": [43.25, 76.92]}
    right = {"text": "Almaty", "start": 29, "end": 35, "country_code": "KZ", "lat": 43.25, "lon": 76.95}
    wrong = dict(right, lat=10.0, lon=10.0)
    assert passes(check, prediction(places=[right]), TEXT)
    assert not passes(check, prediction(places=[right, wrong]), TEXT)
    assert not passes({"kind": "no_place", "text": "Almaty"}, prediction(places=[right]), TEXT)
