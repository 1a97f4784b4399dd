"""Loading an output folder into a store, without Spark: the folders are written here by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import ScaleError
from newsevents.model import (
    Article,
    Counts,
    DateSpan,
    ErrorInfo,
    Event,
    Evidence,
    Location,
    Plover,
    Result,
)
from newsevents.scale import load_output
from newsevents.scale.records import article_from_json, article_to_json, record_line
from newsevents.store import Store
from newsevents.store.merged_read import merged_events_list

ARTICLE = Article(id="a1", text="Police detained four people in Accra on Monday.", title="Four held",
                  published="2024-04-01", url="https://x.example.org/a1", source="Coast Daily",
                  origin="file:/in/news.jsonl:1", warnings=(ErrorInfo("W103", "two bytes replaced"),))


def write_output(root: Path, records: list[str], articles: list[str], rejected: list[str]) -> Path:
    for name, lines, suffix in (("records", records, "txt"), ("articles", articles, "txt"),
                                ("rejected", rejected, "json")):
        (root / name).mkdir(parents=True)
        (root / name / f"part-00000-x-c000.{suffix}").write_text("".join(f"{x}\n" for x in lines))
    return root


def test_an_article_survives_the_round_trip_through_json() -> None:
    assert article_from_json(article_to_json(ARTICLE)) == ARTICLE


def test_records_and_articles_must_be_from_the_same_run(tmp_path: Path) -> None:
    other = Result(id="someone-else")
    root = write_output(tmp_path / "out", [record_line(other)], [article_to_json(ARTICLE)], [])
    with Store.open(tmp_path / "s.sqlite") as store, pytest.raises(ScaleError, match="differ") as caught:
        load_output(root, store)
    assert caught.value.code == "E600"


def test_a_folder_without_records_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store, pytest.raises(ScaleError, match="records/"):
        load_output(tmp_path, store)


def test_loading_keeps_the_article_and_records_the_rejection_once(tmp_path: Path) -> None:
    failed = Result(id="bad:2", error=ErrorInfo("E110", "line 2 is not valid JSON"))
    records = [record_line(Result(id="a1")), record_line(failed)]
    articles = [article_to_json(ARTICLE), "null"]  # the bad line never became an article
    rejected_row = '{"id": "bad:2", "code": "E110", "message": "line 2 is not valid JSON", "origin": "x:2"}'
    root = write_output(tmp_path / "out", records, articles, [rejected_row])
    with Store.open(tmp_path / "s.sqlite") as store:
        first, second = load_output(root, store), load_output(root, store)
        stored = store.article("a1")
        rejected = store.rejected()
    assert (first.records, first.stored, first.rejected_new) == (2, 1, 1)
    assert (second.stored, second.duplicates, second.rejected_new) == (0, 1, 0)
    assert stored is not None
    assert (stored[0].origin, stored[0].warnings) == (ARTICLE.origin, ARTICLE.warnings)
    assert [(r.rejected.id, r.rejected.error.code) for r in rejected] == [("bad:2", "E110")]


def test_loaded_reports_are_merged_into_real_world_events(tmp_path: Path) -> None:
    text = ARTICLE.text
    start = text.index("detained")
    event = Event(event_type="Strategic developments", sub_event_type="Arrests",
                  plover=Plover("ARREST", None),
                  date=DateSpan("2024-04-01", "2024-04-01", 1),
                  location=Location("Accra", "GH", "Greater Accra", 5.56, -0.2, 2306104, 1),
                  actors=(), counts=Counts(arrested=4), modality="asserted",
                  evidence=(Evidence(start, start + len("detained")),), source_claim=None, confidence=0.8)
    root = write_output(tmp_path / "out", [record_line(Result(id="a1", events=(event,)))],
                        [article_to_json(ARTICLE)], [])
    with Store.open(tmp_path / "s.sqlite") as store:
        summary = load_output(root, store)
        found = merged_events_list(store)
    assert (summary.stored, summary.merged_new) == (1, 1)
    assert [(e.sub_event_type, e.counts.arrested, e.n_reports) for e in found] == [("Arrests", 4, 1)]


def test_loading_strips_what_no_store_keeps_and_the_offsets_still_hold(
    store_url: str, tmp_path: Path
) -> None:
    """A Spark run reads inputs itself, without ingest's cleaning: NUL and other controls are removed on
    loading (in the text each becomes a space, so offsets still land), on SQLite and PostgreSQL."""
    from dataclasses import replace

    text = ARTICLE.text.replace("Accra", "Ac\x00cra")
    dirty = replace(ARTICLE, id="a\x002", title="Four\x00 held", text=text)
    event = Event("Strategic developments", "Arrests", Plover("COERCE", "arrest"), DateSpan(None, None, None),
                  None, (), Counts(arrested=4), "asserted", (Evidence(7, 15),), None, 0.8)
    records = [record_line(Result(id=dirty.id, events=(event,)))]
    rejected_row = '{"id": "bad\\u0000:2", "code": "E110", "message": "not JSON", "origin": "x:2"}'
    root = write_output(tmp_path / "out", records, [article_to_json(dirty)], [rejected_row])
    with Store.open(store_url) as store:
        summary = load_output(root, store)
        stored = store.article("a2")
        rejected = store.rejected()
    assert summary.stored == 1
    assert stored is not None
    article, result = stored
    assert article.title == "Four held" and article.text == ARTICLE.text.replace("Accra", "Ac cra")
    assert article.text[7:15] == "detained" and result.events[0].evidence == (Evidence(7, 15),)
    assert [r.rejected.id for r in rejected] == ["bad:2"]
