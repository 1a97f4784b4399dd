"""A property of ingest (issue 14): whatever mix of good and bad JSONL lines arrives, every distinct valid
article is stored exactly once under an id of its own, and every bad line is recorded with a coded reason.

SQLite only: the property is about batch.ingest, which the backend tests cover on both stores."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.batch import ingest
from newsevents.ingest import read_inputs
from newsevents.pipeline import Extractor
from newsevents.store import Store

TOWNS = ("Tamale", "Kumasi", "Bolgatanga", "Accra", "Takoradi")
GROUPS = ("teachers", "farmers", "nurses", "traders")


@st.composite
def valid_line(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A good article: its id drawn from a few so that ids repeat, its text an English report."""
    text = (f"Hundreds of {draw(st.sampled_from(GROUPS))} marched in {draw(st.sampled_from(TOWNS))} on "
            f"Monday, and police detained {draw(st.integers(1, 40))} people, officials said.")
    row: dict[str, Any] = {"id": draw(st.sampled_from(["a", "b", "c\x00", "d/e"])), "text": text}
    if draw(st.booleans()):
        row["title"] = draw(st.text(max_size=20))
    if draw(st.booleans()):
        row["published"] = draw(st.sampled_from(["2022-03-08", "2024-02-30", "soon", "2099-01-01"]))
    return "valid", row


# Bad lines of every kind, deep nesting among them. None is just "[" or a whole JSON list: a file starting
# with such a line is a JSON array, one E111 for the file (tests/ingest/test_bad_inputs.py), not JSONL.
INVALID = st.one_of(
    st.sampled_from(["{broken", "[" * 100_000, "[1, 2", "[[[", "42", '"text"', "null", '{"id": "x"}',
                     '{"text": "no id"}', '{"id": "", "text": "t"}', '{"id": "t", "text": 5}',
                     '{"id": true, "text": "t"}', '{"id": "t", "text": "x", "url": 3}']),
    st.text(alphabet=st.characters(exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
            min_size=1, max_size=30).filter(lambda s: s.strip() and not s.lstrip().startswith(("{", "["))),
)
LINES = st.lists(st.one_of(valid_line(), INVALID.map(lambda raw: ("invalid", raw))), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES)
def test_every_valid_line_is_stored_once_and_every_invalid_one_recorded(
    lines: list[tuple[str, Any]], extractor: Extractor
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.jsonl"
        # A lone surrogate in a bad line goes to the file as the bytes a careless writer leaves.
        source.write_text("".join((json.dumps(v) if kind == "valid" else v) + "\n" for kind, v in lines),
                          encoding="utf-8", errors="surrogatepass")
        with Store.open(":memory:") as store:
            summary = ingest(read_inputs([str(source)]), store, extractor.extract)
            stored = {store.article(a.id)[0].text: a.external_id for a in store.articles()}  # type: ignore[index]
            ids = [a.external_id for a in store.articles()]
            rejected = {r.rejected.id: r.rejected.error for r in store.rejected()}
            again = ingest(read_inputs([str(source)]), store, extractor.extract)
            assert store.summary().articles == len(ids)
    valid = {row["text"] for kind, row in lines if kind == "valid"}
    invalid = {f"in:{n}" for n, (kind, _) in enumerate(lines, start=1) if kind == "invalid"}
    assert set(stored) == valid  # every valid article stored...
    assert len(ids) == len(set(ids)) == len(valid)  # ...once, under an id of its own
    assert set(rejected) == invalid  # every bad line recorded, with a coded reason
    assert all(error.code.startswith("E1") and error.message for error in rejected.values())
    assert summary.read == len(lines) == again.read
    assert (summary.stored, summary.rejected) == (len(valid), len(invalid))
    assert (again.stored, again.duplicates) == (0, len(lines) - len(invalid))
