from dataclasses import replace

from newsevents.model import (
    Actor,
    Claim,
    Counts,
    DateMention,
    DateSpan,
    ErrorInfo,
    Event,
    Evidence,
    Location,
    Place,
    Plover,
    Result,
)


def sample_result() -> Result:
    event = Event(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        plover=Plover("PROTEST", "demo"),
        date=DateSpan("2024-03-13", "2024-03-13", 1),
        location=Location("Nairobi", "KE", "Nairobi Area", -1.28, 36.82, 184745, 1),
        actors=(Actor("Protesters (Kenya)", "actor1", "Protesters", "KE"),),
        counts=Counts(arrested=46),
        modality="asserted",
        evidence=(Evidence(0, 8),),
        source_claim=None,
        confidence=0.8,
    )
    claim = Claim("Grace Wanjiru", (10, 23), "said", (24, 28), "We cannot", (30, 39), True)
    place = Place("Nairobi", 40, 47, "Nairobi", -1.28, 36.82, 184745, "KE", "Nairobi Area")
    date = DateMention("Wednesday", 50, 59, "2024-03-13", "day")
    return Result(
        "a1",
        events=(event,),
        claims=(claim,),
        places=(place,),
        dates=(date,),
        warnings=(ErrorInfo("W120", "no date"),),
    )


def test_result_round_trips_through_its_contract_form() -> None:
    result = sample_result()
    assert Result.from_dict(result.to_dict()) == result


def test_counts_leave_unreported_fields_out() -> None:
    assert Counts(killed=0, arrested=3).to_dict() == {"killed": 0, "arrested": 3}
    assert Counts().is_empty()


def test_contract_keys_in_contract_order() -> None:
    d = sample_result().to_dict()
    assert list(d)[:7] == ["id", "schema_version", "error", "events", "claims", "places", "dates"]
    assert d["schema_version"] == 1
    assert d["claims"][0]["content_span"] == [30, 39]


def test_background_round_trips_and_defaults_to_false() -> None:
    event = sample_result().events[0]
    assert event.background is False
    assert event.to_dict()["background"] is False
    history = replace(event, background=True)
    assert history.to_dict()["background"] is True
    assert Event.from_dict(history.to_dict()) == history
    old = event.to_dict()
    del old["background"]  # written before the field existed
    assert Event.from_dict(old).background is False
