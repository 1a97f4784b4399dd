"""Clustering synthetic reports: what merges, what never merges, and that arrival order does not matter."""

from __future__ import annotations

import random
from dataclasses import replace

from tests.fixtures.merge_synthetic import event, partition, report

from newsevents.merge import cluster, compatible, merge_settings, similarity
from newsevents.merge.similarity import word_score
from newsevents.model import Counts

MARCH = "teachers marched through the city centre demanding unpaid wages"


def groups_of(reports, existing=None, settings=None):  # type: ignore[no-untyped-def]
    return [list(a.reports) for a in cluster(reports, existing, settings)]


def test_three_outlets_reporting_one_protest_become_one_event() -> None:
    reports = [
        report(1, "a", event(), MARCH),
        report(
            2,
            "b",
            event("Protest with intervention", town="Ikeja"),
            "thousands of teachers marched demanding wages",
        ),
        report(
            3, "c", event(day="2023-05-03", precision=2), "teachers marched through lagos over unpaid wages"
        ),
    ]
    assert partition(groups_of(reports)) == {frozenset(r.key for r in reports)}


def test_reports_in_different_countries_regions_or_weeks_stay_apart() -> None:
    base = report(1, "a", event(), MARCH)
    others = [
        report(2, "b", event(town="Nairobi"), MARCH),
        report(3, "c", event(town="Kano"), MARCH),  # same country, another admin1
        report(4, "d", event(day="2023-05-20"), MARCH),
        report(5, "e", event("Agreement"), MARCH),  # not a protest at all
    ]
    for other in others:
        assert not compatible(base, other)
        assert len(cluster([base, other])) == 2


def test_one_article_telling_two_days_tells_two_events() -> None:
    tuesday = report(1, "a", event(day="2023-05-02"), MARCH, index=0)
    next_week = report(2, "a", event(day="2023-05-12"), MARCH, index=1)
    other_outlet = report(3, "b", event(day="2023-05-02"), MARCH)
    assert not compatible(tuesday, next_week)
    assert partition(groups_of([tuesday, next_week, other_outlet])) == {
        frozenset({tuesday.key, other_outlet.key}), frozenset({next_week.key})
    }


def test_one_happening_typed_as_different_kinds_of_armed_violence_merges() -> None:
    # The classifier calls one train hijacking an attack, mob violence or a change to group activity,
    # sentence by sentence; the same wording, day and place make it one event.
    words = "gunmen hijacked passenger train near sibi holding hostages"
    kinds = ("Attack", "Mob violence", "Change to group/activity", "Armed clash")
    reports = [report(n, f"art{n}", event(kind, actors=()), words) for n, kind in enumerate(kinds, 1)]
    assert partition(groups_of(reports)) == {frozenset(r.key for r in reports)}


def test_armed_violence_stays_apart_from_arrests_protests_and_other_countries() -> None:
    words = "gunmen hijacked passenger train near sibi holding hostages"
    attack = report(1, "a", event("Attack", actors=()), words)
    others = [
        report(2, "b", event("Arrests", actors=()), words),
        report(3, "c", event("Peaceful protest", actors=()), words),
        report(4, "d", event("Change to group/activity", town="Nairobi", actors=()), words),
    ]
    for other in others:
        assert not compatible(attack, other)
        assert len(cluster([attack, other])) == 2


def test_matching_one_word_evidence_is_weak_and_several_shared_words_are_strong() -> None:
    def pair(words_a: str, words_b: str) -> list:  # type: ignore[type-arg]
        # Another town nearby, other actors and a related sub-type: only the wording can tip the balance.
        a = report(1, "a", event(actors=("Teachers",)), words_a)
        b = report(2, "b", event("Protest with intervention", town="Ikeja", actors=("Nurses",)), words_b)
        return [a, b]

    one_a, one_b = pair("riots", "riots")
    four_a, four_b = pair("unpaid wages teachers strike", "teachers strike over unpaid wages")
    assert word_score(one_a, one_b) == 1.0  # the bare cosine cannot tell them apart
    settings = merge_settings()
    weak = word_score(one_a, one_b, settings.word_prior)
    strong = word_score(four_a, four_b, settings.word_prior)
    assert weak is not None and strong is not None and weak < strong
    assert len(cluster([one_a, one_b])) == 2
    assert len(cluster([four_a, four_b])) == 1


def test_reports_of_one_article_merge_unless_settings_forbid_it() -> None:
    one = report(1, "a", event(), MARCH, index=0)
    two = report(2, "a", event(evidence_start=40), MARCH, index=1)
    nairobi = report(3, "a", event(town="Nairobi", evidence_start=80), MARCH, index=2)
    apart = replace(merge_settings(), same_article=False)
    assert compatible(one, two) and not compatible(one, two, apart)
    assert len(cluster([one, two], settings=apart)) == 2
    assert partition(groups_of([one, two, nairobi])) == {
        frozenset({one.key, two.key}), frozenset({nairobi.key})
    }


def test_no_chaining_through_a_middle_report() -> None:
    # A and C are unlike (other actors, other words, counts far apart, days apart); B is like both.
    a = report(
        1,
        "a",
        event(day="2023-05-01", actors=("Teachers",), counts=Counts(arrested=2)),
        "teachers marched over unpaid wages arrested two",
    )
    b = report(
        2,
        "b",
        event(day="2023-05-02", precision=2, actors=("Teachers", "Nurses")),
        "teachers and nurses marched over unpaid wages and hospital closures",
    )
    c = report(
        3,
        "c",
        event(day="2023-05-04", actors=("Nurses",), counts=Counts(arrested=90)),
        "nurses rallied over hospital closures ninety detained",
    )
    settings = merge_settings()
    ab, bc, ac = similarity(a, b, settings), similarity(b, c, settings), similarity(a, c, settings)
    assert ab >= settings.threshold and bc >= settings.threshold and ac < settings.threshold
    groups = groups_of([a, b, c])
    assert not any({a.id, c.id} <= {r.id for r in g} for g in groups)


def _crowd() -> list:  # type: ignore[type-arg]
    """Eight protests on nearby days in one city, each reported by two to four outlets in varied words."""
    rng = random.Random(7)
    topics = [
        "wages",
        "fuel prices",
        "school closures",
        "water cuts",
        "police killings",
        "election results",
        "rent increases",
        "hospital strikes",
    ]
    reports = []
    rid = 0
    for n, topic in enumerate(topics):
        for outlet in range(rng.randint(2, 4)):
            rid += 1
            day = f"2023-05-{1 + n // 2 + rng.randint(0, 1):02d}"
            words = f"crowds protested over {topic} " + rng.choice(
                ["downtown", "at city hall", "on main road"]
            )
            ev = event(
                day=day,
                precision=rng.choice([1, 1, 2]),
                actors=(f"group {n}",),
                town=rng.choice(["Lagos", "Ikeja"]),
                evidence_start=rid,
            )
            reports.append(report(rid, f"article-{n}-{outlet}", ev, words))
    return reports


def test_result_does_not_depend_on_arrival_order_or_ids() -> None:
    reports = _crowd()
    # Also with reports of one article allowed to merge: two outlets' articles each give a report twice.
    doubled = reports + [
        replace(r, id=500 + r.id, index=1, key=(r.key[0], r.key[1] + "b")) for r in reports[::5]
    ]
    for items, settings in ((reports, None), (doubled, replace(merge_settings(), same_article=True))):
        expected = partition(groups_of(items, settings=settings))
        assert 4 < len(expected) < len(items)  # some merging happened, not everything glued
        rng = random.Random(11)
        for _ in range(20):
            shuffled = items[:]
            rng.shuffle(shuffled)
            renumbered = [replace(r, id=1000 + i) for i, r in enumerate(shuffled)]
            assert partition(groups_of(renumbered, settings=settings)) == expected


def test_incremental_attaches_to_an_existing_event_and_never_merges_two_stored_ones() -> None:
    stored_a = [report(1, "a", event(), MARCH), report(2, "b", event(), MARCH)]
    stored_b = [report(3, "c", event(), MARCH)]  # a second stored event, like the first
    new = report(4, "d", event(), MARCH)
    assignments = cluster([new], {10: stored_a, 20: stored_b})
    assert len(assignments) == 1
    assert assignments[0].existing in (10, 20)
    assert [r.id for r in assignments[0].reports] == [4]


def test_every_new_report_is_assigned_exactly_once() -> None:
    reports = _crowd()
    assigned = [r.id for a in cluster(reports) for r in a.reports]
    assert sorted(assigned) == sorted(r.id for r in reports)
