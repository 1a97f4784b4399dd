"""The merge scorer's arithmetic (B-cubed), its matching of labels to reports and its labelled set's shape."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.fixtures.merge_synthetic import event, report

from newsevents.eval.clusters import HALVES, Label, bcubed, load_labels, match_labels, split_halves
from newsevents.merge import Report
from newsevents.model import Evidence


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
    for labelled in labels["reports"]:
        assert set(labelled) == {"article", "index", "key", "cluster", "note"}
        assert labelled["key"].count("|") == 2
        assert len(labelled["note"]) < 120


def test_the_split_puts_each_labelled_article_and_each_happening_in_one_half() -> None:
    labels = load_labels()
    halves = split_halves(labels)
    tune, check = halves["tune"], halves["check"]
    assert not tune & check
    assert tune | check == {r["article"] for r in labels["reports"]}
    half_of = {article: half for half in HALVES for article in halves[half]}
    for name in {r["cluster"] for r in labels["reports"]}:
        assert len({half_of[r["article"]] for r in labels["reports"] if r["cluster"] == name}) == 1, name
    reports = {half: sum(half_of[r["article"]] == half for r in labels["reports"]) for half in HALVES}
    assert abs(reports["tune"] - reports["check"]) <= len(labels["reports"]) // 10, reports
    assert "regression check" in labels["split"]["how"]


def test_span_shares_flag_events_across_countries_or_weeks() -> None:

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


# Label matching: labels follow the words they point at when the events stage re-keys its reports.


def _reports_and_spans(
    *specs: tuple[str, str, str, list[tuple[int, int]]],
) -> tuple[list[Report], dict[int, list[tuple[int, int]]]]:
    """Reports of article "a" from (sub-event type, day, words, evidence spans), numbered in order."""

    reports = [
        report(n, "a", event(sub, day=day, evidence_start=spans[0][0]), words, index=n)
        for n, (sub, day, words, spans) in enumerate(specs)
    ]
    return reports, {r.id: specs[r.id][3] for r in reports}


def test_a_label_follows_its_words_when_the_reports_type_and_date_change() -> None:
    # Labelled as a peaceful protest of 2 May first told at 40; the report is now an attack of 3 May whose
    # evidence starts earlier but still holds offset 40.
    reports, spans = _reports_and_spans(("Attack", "2023-05-03", "mob stormed", [(10, 16), (38, 50)]))
    match = match_labels(reports, spans, [Label("a", "Peaceful protest|2023-05-02|40", "march")])
    assert match.gold == {0: "march"}
    assert (match.by_key, match.matched, match.conflicting, match.missing) == (0, 1, 0, [])


def test_the_exact_key_is_the_first_choice() -> None:
    reports, spans = _reports_and_spans(
        ("Attack", "2023-05-03", "wide account", [(0, 200)]),
        ("Peaceful protest", "2023-05-02", "march", [(40, 45)]),
    )
    match = match_labels(reports, spans, [Label("a", "Peaceful protest|2023-05-02|40", "march")])
    assert match.gold == {1: "march"} and match.by_key == 1


def test_the_nearest_evidence_in_the_labels_sentence_takes_it() -> None:
    text = "Teachers marched. Police stood by the road for hours and then arrested two."
    marched, police, arrested = text.index("marched"), text.index("Police"), text.index("arrested")
    reports, spans = _reports_and_spans(
        ("Peaceful protest", "2023-05-02", "marched", [(marched, marched + 7)]),
        ("Arrests", "2023-05-02", "arrested", [(arrested, arrested + 8)]),
    )
    # "Police" was labelled; no evidence holds it. The march's evidence is nearer, but in another sentence.
    labels = [Label("a", f"Change to group/activity|2023-05-02|{police}", "arrest")]
    assert match_labels(reports, spans, labels, {"a": text}).gold == {1: "arrest"}
    # Without the text only the window counts.
    assert match_labels(reports, spans, labels).gold == {0: "arrest"}


def test_one_report_covering_labels_of_different_happenings_is_a_conflict_the_majority_decides() -> None:
    spans = [(10, 20), (300, 310), (600, 610)]
    reports, spans_of = _reports_and_spans(("Attack", "2023-05-03", "attack", spans))
    labels = [
        Label("a", "Attack|2023-05-03|10", "raid"),
        Label("a", "Attribution of responsibility|2023-05-04|300", "claim"),
        Label("a", "Attack|2023-05-03|600", "raid"),
    ]
    match = match_labels(reports, spans_of, labels)
    assert match.gold == {0: "raid"}
    assert (match.matched, match.conflicting, match.overruled, match.missing) == (3, 1, 1, [])


def test_on_a_tie_the_first_label_by_offset_decides() -> None:
    reports, spans = _reports_and_spans(("Attack", "2023-05-03", "attack", [(10, 20), (300, 310)]))
    labels = [Label("a", "Attack|2023-05-03|300", "claim"), Label("a", "Attack|2023-05-01|12", "raid")]
    match = match_labels(reports, spans, labels)
    assert match.gold == {0: "raid"} and match.conflicting == 1 and match.overruled == 1


def test_labels_of_one_happening_on_one_report_are_no_conflict() -> None:
    reports, spans = _reports_and_spans(("Attack", "2023-05-03", "attack", [(10, 20), (300, 310)]))
    labels = [Label("a", "Attack|2023-05-03|10", "raid"), Label("a", "Mob violence|2023-05-03|305", "raid")]
    match = match_labels(reports, spans, labels)
    assert match.gold == {0: "raid"} and (match.matched, match.conflicting, match.overruled) == (2, 0, 0)


def test_a_label_no_report_covers_is_missing() -> None:
    reports, spans = _reports_and_spans(("Attack", "2023-05-03", "attack", [(10, 20)]))
    far = Label("a", "Attack|2023-05-03|900", "raid")  # no evidence within the window
    elsewhere = Label("b", "Attack|2023-05-03|10", "raid")  # an article with no reports
    text = "x" * 25 + ". " + "y" * 100  # the evidence (10..20) in the first sentence, 40 in the second
    next_sentence = Label("a", "Attack|2023-05-03|40", "siege")
    match = match_labels(reports, spans, [far, elsewhere, next_sentence], {"a": text})
    assert match.gold == {} and match.missing == [next_sentence, far, elsewhere]
    # Without the text only the window counts, and 40 is near enough.
    assert match_labels(reports, spans, [next_sentence]).gold == {0: "siege"}


def test_score_counts_matched_conflicting_missing_and_unlabelled(tmp_path: Path, monkeypatch: Any) -> None:

    from newsevents.eval import clusters

    text = "Teachers marched in Lagos on Tuesday. Police arrested two of them. Nurses joined the march later."
    article = {"id": "a", "text": text, "published": "2023-05-02"}
    (tmp_path / "input.jsonl").write_text(json.dumps(article) + "\n")
    marched, arrested, nurses, march = (text.index(w) for w in ("marched", "arrested", "Nurses", "march "))
    labelled = [("Peaceful protest", marched, "march"), ("Arrests", arrested, "arrest"),
                ("Peaceful protest", march, "march"), ("Attack", 500, "other")]
    labels = {
        "split": {"how": "", "tune": ["a"], "check": []},
        "inputs": ["input.jsonl"],
        "reports": [{"article": "a", "index": n, "key": f"{sub}|2023-05-02|{offset}", "cluster": cluster,
                     "note": ""} for n, (sub, offset, cluster) in enumerate(labelled)],
    }
    monkeypatch.setattr(clusters, "load_labels", lambda: labels)
    # The events stage now tells the march and the arrest as one record, of another type and day.
    record = replace(event("Protest with intervention", day="2023-05-01"),
                     evidence=(Evidence(marched, marched + 7), Evidence(arrested, arrested + 8),
                               Evidence(march, march + 5)))
    unlabelled = replace(event("Agreement"), evidence=(Evidence(nurses, nurses + 6),))
    predictions = {"a": {"events": [record.to_dict(), unlabelled.to_dict()], "error": None}}
    metrics = clusters.score(predictions, tmp_path)
    assert metrics.reports == 1.0 and metrics.labels_matched == 3.0
    assert metrics.conflicting_labels == 1.0 and metrics.overruled_labels == 1.0
    assert metrics.missing_labelled_reports == 1.0 and metrics.unlabelled_reports == 1.0
    assert metrics.merged.precision == 1.0 and metrics.events_gold == 1.0
    # Over the labels, the march and the arrest told as one record are one event: a precision loss.
    assert abs(metrics.labels.precision - (2 / 3 + 2 / 3 + 1 / 3) / 3) < 1e-9
    assert metrics.labels.recall == 1.0
    # The tune half holds the article, the check half nothing: its figures are those of no report.
    assert metrics.tune == metrics.merged
    assert metrics.check.precision == metrics.check.recall == metrics.check.events_predicted == 0.0
