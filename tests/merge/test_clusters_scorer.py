"""The merge scorer's arithmetic (B-cubed) and its labelled set's shape."""

from __future__ import annotations

from newsevents.eval.clusters import bcubed, load_labels


def test_bcubed_of_a_perfect_and_of_a_lumped_clustering() -> None:
    gold = {1: "a", 2: "a", 3: "b", 4: "c"}
    assert bcubed({1: 0, 2: 0, 3: 1, 4: 2}, gold) == (1.0, 1.0)
    precision, recall = bcubed({1: 0, 2: 0, 3: 0, 4: 0}, gold)
    assert recall == 1.0
    assert abs(precision - (2 / 4 + 2 / 4 + 1 / 4 + 1 / 4) / 4) < 1e-9


def test_items_missing_from_the_prediction_are_left_out() -> None:
    assert bcubed({1: 0}, {1: "a", 2: "a"}) == (1.0, 1.0)


def test_labels_hold_ids_and_keys_only() -> None:
    labels = load_labels()
    assert labels["how_labelled"] and labels["inputs"]
    for report in labels["reports"]:
        assert set(report) == {"article", "index", "key", "cluster", "note"}
        assert report["key"].count("|") == 2
        assert len(report["note"]) < 120


def test_span_shares_flag_events_across_countries_or_weeks() -> None:
    from merge_synthetic import event, report

    from newsevents.eval.clusters import span_shares

    lagos = report(1, "a", event(town="Lagos", day="2023-05-02"), "teachers march")
    later = report(2, "b", event(town="Lagos", day="2023-05-20"), "teachers march")
    nairobi = report(3, "c", event(town="Nairobi", day="2023-05-03"), "teachers march")
    long_report = report(4, "d", event(town="Lagos", day="2023-05-01", end="2023-05-25"), "weeks of marches")
    assert span_shares([[lagos], [later]]) == {"events_in_one_country": 1.0, "events_within_a_week": 1.0}
    assert span_shares([[lagos, nairobi], [later]])["events_in_one_country"] == 0.5
    assert span_shares([[lagos, later]])["events_within_a_week"] == 0.0
    # A report that itself spans weeks lets its event span them too.
    assert span_shares([[lagos, later, long_report]])["events_within_a_week"] == 1.0
