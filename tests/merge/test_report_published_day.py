"""Merging reads an undated report's publication day by the one rule every stage uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests.fixtures.merge_synthetic import event

from newsevents.merge.reports import report_from_event
from newsevents.model import DateSpan


def test_an_undated_report_is_placed_on_its_day_first_publication_day() -> None:
    undated = replace(event(), date=DateSpan(None, None, None))
    report = report_from_event(
        undated, report_id=1, article_id="a", index=0, evidence_text="march", published="14-03-2024"
    )
    assert report.midpoint() == dt.date(2024, 3, 14)
    window = report.window()
    assert window is not None and window[0] < dt.date(2024, 3, 14) < window[1]
