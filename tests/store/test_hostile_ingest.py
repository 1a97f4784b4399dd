"""Ingest of hostile inputs into a real store, on SQLite and PostgreSQL: distinct inputs never share an id,
NUL and other control characters never abort a run, and the summary counts each input once (issue 14)."""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from tests.fixtures.store_synthetic import make_article, make_result

from newsevents.batch import IngestSummary, ingest
from newsevents.errors import WARN_BAD_PUBLISHED, WARN_CONTROL_CHARS, WARN_ID_RENAMED
from newsevents.ingest import read_inputs
from newsevents.model import Article, ErrorInfo, Rejected, Result
from newsevents.pipeline import Extractor
from newsevents.store import Store
from newsevents.store.merged_read import merged_event_of

# Written for these tests: three different reports, each naming its own town.
REPORTS = [
    "Police in Tamale arrested 14 people on Tuesday after a protest over fuel prices turned violent, "
    "a police spokesman said.",
    "Teachers in Kumasi marched to the regional education office on Wednesday to demand unpaid salaries, "
    "union leaders said.",
    "Farmers near Bolgatanga blocked a main road with tractors on Thursday, demanding cheaper fertiliser, "
    "local officials said.",
]


def jsonl(path: Path, rows: Iterable[dict[str, object] | str]) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return str(path)


def run(store: Store, extractor: Extractor, *sources: str) -> IngestSummary:
    return ingest(read_inputs(list(sources)), store, extractor.extract)


def check_own_text(store: Store, external_id: str, text: str) -> Result:
    """The article stored under ``external_id`` holds ``text``, and every offset of its result lands in it."""
    found = store.article(external_id)
    assert found is not None, external_id
    article, result = found
    assert article.text == text
    for claim in result.claims:
        start, end = claim.content_span
        assert text[start:end] == claim.content
    for place in result.places:
        assert text[place.start:place.end] == place.text
    for date in result.dates:
        assert text[date.start:date.end] == date.text
    for event in result.events:
        assert all(0 <= e.start < e.end <= len(text) for e in event.evidence)
    return result


# --- 1. the same id for different inputs ------------------------------------------------------------------

def test_three_lines_with_one_id_are_three_articles_each_with_its_own_text(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    source = jsonl(tmp_path / "in.jsonl", [{"id": "same", "text": text} for text in REPORTS])
    summary = run(store, extractor, source)
    assert (summary.read, summary.stored, summary.duplicates, summary.renamed) == (3, 3, 0, 2)
    ids = [a.external_id for a in store.articles()]
    assert len(set(ids)) == 3 and "same" in ids
    texts = set()
    for stored_id in ids:
        found = store.article(stored_id)
        assert found is not None
        texts.add(found[0].text)
        result = check_own_text(store, stored_id, found[0].text)
        if stored_id != "same":
            assert stored_id.startswith("same~")
            assert any(w.code == WARN_ID_RENAMED and "'same'" in w.message for w in result.warnings)
    assert texts == set(REPORTS)
    # Ingesting the same lines again stores nothing more: identical content stays a duplicate.
    again = run(store, extractor, source)
    assert (again.read, again.stored, again.duplicates) == (3, 0, 3)
    assert store.summary().articles == 3


def test_one_file_name_in_two_folders_is_two_articles(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    for folder, text in zip(("a", "b"), REPORTS, strict=False):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "index.txt").write_text(text, encoding="utf-8")
    summary = run(store, extractor, str(tmp_path / "in"))
    assert (summary.read, summary.stored, summary.renamed) == (2, 2, 0)
    check_own_text(store, "a/index", REPORTS[0])
    check_own_text(store, "b/index", REPORTS[1])


def test_two_files_of_one_stem_named_apart_are_two_articles(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    for folder, text in zip(("a", "b"), REPORTS, strict=False):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(text, encoding="utf-8")
    summary = run(store, extractor, str(tmp_path / "a" / "index.txt"), str(tmp_path / "b" / "index.txt"))
    assert (summary.stored, summary.renamed) == (2, 1)
    check_own_text(store, "index", REPORTS[0])
    [other] = [a.external_id for a in store.articles() if a.external_id != "index"]
    check_own_text(store, other, REPORTS[1])


def test_identical_lines_are_stored_once_and_counted_once(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    row = {"id": "same", "text": REPORTS[0]}
    summary = run(store, extractor, jsonl(tmp_path / "in.jsonl", [row, row, {**row, "id": "other"}]))
    assert (summary.read, summary.stored, summary.duplicates, summary.renamed) == (3, 1, 2, 0)
    assert [a.external_id for a in store.articles()] == ["same"]


def test_an_id_stored_before_for_other_text_is_not_reused(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    run(store, extractor, jsonl(tmp_path / "first.jsonl", [{"id": "story", "text": REPORTS[0]}]))
    summary = run(store, extractor, jsonl(tmp_path / "second.jsonl", [{"id": "story", "text": REPORTS[1]}]))
    assert (summary.stored, summary.renamed) == (1, 1)
    check_own_text(store, "story", REPORTS[0])
    [renamed] = [a.external_id for a in store.articles() if a.external_id != "story"]
    assert renamed.startswith("story~")
    check_own_text(store, renamed, REPORTS[1])


def test_the_summary_counts_each_input_once(store: Store, extractor: Extractor, tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": text} for i, text in enumerate(REPORTS)]
    source = jsonl(tmp_path / "in.jsonl", [*rows, rows[0], "{broken", {"id": "empty", "text": " "}])
    first = run(store, extractor, source)
    assert (first.read, first.stored, first.duplicates, first.rejected) == (6, 3, 1, 2)
    second = run(store, extractor, source)
    assert (second.read, second.stored, second.duplicates, second.rejected) == (6, 0, 4, 2)


# --- 2. NUL and other control characters ------------------------------------------------------------------

def test_nul_and_controls_in_every_field_are_stripped_and_the_article_stored(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    dirty = {
        "id": "n\x00ul-1", "title": "Fuel\x00 protest\x07 in Tamale", "url": "https://news.example/\x00tamale",
        "source": "Example\x1b News", "published": "2022-03-08",
        "text": REPORTS[0].replace("Tamale", "Ta\x00male"),
    }
    clean_row = {"id": "ok-2", "text": REPORTS[1]}
    summary = run(store, extractor, jsonl(tmp_path / "in.jsonl", [dirty, clean_row]))
    assert (summary.stored, summary.rejected, summary.failed) == (2, 0, 0)
    found = store.article("nul-1")
    assert found is not None
    article, result = found
    assert (article.title, article.url, article.source) == (
        "Fuel protest in Tamale", "https://news.example/tamale", "Example News")
    # In the text each control becomes a space: offsets still point into the text as it was given.
    assert article.text == REPORTS[0].replace("Tamale", "Ta male")
    assert len(article.text) == len(dirty["text"])
    assert [w.code for w in result.warnings] == [WARN_CONTROL_CHARS]
    check_own_text(store, "ok-2", REPORTS[1])


def test_a_rejection_carrying_nul_is_recorded(store: Store, extractor: Extractor, tmp_path: Path) -> None:
    rows = [{"id": "empty\x00", "text": " \t "}, {"id": "bin", "text": "abc\x00\x01\x02" * 50}]
    source = jsonl(tmp_path / "in.jsonl", rows)
    items: list[Article | Rejected] = [
        *read_inputs([source]),
        Rejected("bad\x00id", ErrorInfo("E110", "line 9 is not \x00 valid"), "in\x00.jsonl:9", "ex\x00cerpt"),
    ]
    summary = ingest(items, store, extractor.extract)
    assert (summary.read, summary.rejected, summary.stored) == (3, 3, 0)
    recorded = {(r.rejected.id, r.rejected.error.code) for r in store.rejected()}
    assert recorded == {("empty", "E101"), ("bin", "E102"), ("badid", "E110")}
    assert all("\x00" not in (r.rejected.excerpt + (r.rejected.origin or "") + r.rejected.error.message)
               for r in store.rejected())


def test_lone_surrogates_are_replaced(store: Store, extractor: Extractor, tmp_path: Path) -> None:
    line = '{"id": "sur\\ud800", "title": "Half \\udc00 a pair", "text": ' + json.dumps(REPORTS[2]) + "}"
    summary = run(store, extractor, jsonl(tmp_path / "in.jsonl", [line]))
    assert summary.stored == 1
    found = store.article("sur\ufffd")
    assert found is not None and found[0].title == "Half \ufffd a pair"


# --- 3. publication dates that are no real dates ---------------------------------------------------------

def test_an_impossible_or_far_future_date_is_not_stored(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    rows = [{"id": f"d{i}", "text": text, "published": published}
            for i, (text, published) in enumerate(zip(REPORTS, ["2024-02-30", "2099-01-01", "2022-03-08"],
                                                      strict=True))]
    summary = run(store, extractor, jsonl(tmp_path / "in.jsonl", rows))
    assert summary.stored == 3
    for stored_id, kept in (("d0", None), ("d1", None), ("d2", "2022-03-08")):
        found = store.article(stored_id)
        assert found is not None
        article, result = found
        assert article.published == kept
        assert (WARN_BAD_PUBLISHED in [w.code for w in result.warnings]) == (kept is None)
    assert {a.published for a in store.articles()} == {None, "2022-03-08"}
    assert store.article("d0")[0].published_raw == "2024-02-30"  # type: ignore[index]


# --- 4. a crash before the merge --------------------------------------------------------------------------

def test_reports_a_crash_left_unmerged_are_merged_when_the_next_ingest_starts(
    store: Store, extractor: Extractor
) -> None:
    article = make_article(1)
    store.add_result(article, make_result(article, 1))  # stored, then killed before the merge ran
    report_ids = [e.id for e in store.events()]
    assert report_ids and all(merged_event_of(store, r) is None for r in report_ids)

    def crashing() -> Iterator[Article | Rejected]:
        raise KeyboardInterrupt  # the next run is stopped too, before it reads its first input
        yield  # pragma: no cover

    with pytest.raises(KeyboardInterrupt):
        ingest(crashing(), store, extractor.extract)
    assert all(merged_event_of(store, r) is not None for r in report_ids)


# --- 5. a large run merges as it goes ----------------------------------------------------------------------

def test_a_run_merges_its_reports_as_it_goes_not_all_at_the_end(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    """Merging compares a run's new reports with each other: one merge of a whole large run grows with the
    square of its size (1,000 near-alike files peaked at 1.16 GB). Reports are merged every few articles."""
    rows = [{"id": f"r{i}", "text": f"{REPORTS[i % 3]} It was the {i + 1}th such report."} for i in range(5)]
    merged_while_running: list[bool | None] = []  # None: the article gave no report

    def watch(result: Result) -> None:
        reports = [e.id for e in store.events() if e.article_id == result.id]
        merged = all(merged_event_of(store, r) is not None for r in reports) if reports else None
        merged_while_running.append(merged)

    source = jsonl(tmp_path / "in.jsonl", rows)
    summary = ingest(read_inputs([source]), store, extractor.extract, progress=watch, merge_every=2)
    assert summary.stored == 5
    # The 2nd and 4th articles' reports are merged as soon as they are stored, the others' later.
    assert merged_while_running[0] is False and merged_while_running[1] is True
    assert merged_while_running[3] is True and merged_while_running[4] is not True
    assert all(merged_event_of(store, e.id) is not None for e in store.events())
    assert summary.merged_new + summary.merged_grown >= 1


# --- the API goes through the same ingest -----------------------------------------------------------------

def test_the_api_keeps_articles_of_one_id_apart(store_url: str, extractor: Extractor) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from newsevents.api import create_app

    token = "hostile-test-token"
    app = create_app(store_url, token=token, extractor_factory=lambda: extractor)
    batch = [{"id": "same", "text": text} for text in REPORTS] + [{"id": "x\x00y", "text": "a\x00b"}]
    with TestClient(app, raise_server_exceptions=False) as client:
        posted = client.post("/api/ingest", json=batch, headers={"Authorization": f"Bearer {token}"})
        assert posted.status_code == 202, posted.text
        job_id = posted.json()["id"]
        deadline = time.monotonic() + 120
        while (job := client.get(f"/api/jobs/{job_id}").json())["state"] not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
    assert job["state"] == "done", job
    assert job["summary"]["stored"] == 3 and job["summary"]["rejected"] == 1, job
    with Store.open(store_url) as opened:
        ids = [a.external_id for a in opened.articles()]
        assert len(set(ids)) == 3
        for stored_id in ids:
            found = opened.article(stored_id)
            assert found is not None and found[0].text in REPORTS
            check_own_text(opened, stored_id, found[0].text)
        assert [r.rejected.id for r in opened.rejected()] == ["xy"]
