"""Inputs a hostile or careless user sends: each is read, rejected with a code, or warned about; none is lost
silently and none ends the stream early (issue 14)."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.config import Settings, load_config
from newsevents.errors import WARN_BAD_PUBLISHED, WARN_DECODE
from newsevents.ingest import read_inputs, validate
from newsevents.ingest.html import read_html
from newsevents.model import Article, Rejected

# Written for these tests.
REPORT = (
    "Dock workers stopped work at the container port on Monday over a pay dispute, the union said. "
    "Ships were left waiting offshore as the talks went on into the night."
)
Codes = Callable[[Sequence[Article | Rejected]], list[str]]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_config().settings


# --- JSONL ------------------------------------------------------------------------------------------------

def test_a_deeply_nested_line_is_one_e110_and_the_lines_after_it_are_read(
    tmp_path: Path, codes: Codes
) -> None:
    lines = [
        json.dumps({"id": "before", "text": REPORT}),
        "[" * 100_000,
        '{"id": "deep", "text": "x", "title": ' + "[" * 50_000 + "]" * 50_000 + "}",
        json.dumps({"id": "after", "text": REPORT + " Both sides met again."}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "in.jsonl")]))
    assert codes(items) == ["ok", "E110", "E110", "ok"]
    assert [item.id for item in items] == ["before", "in:2", "in:3", "after"]
    assert isinstance(items[1], Rejected) and "nested too deeply" in items[1].error.message


# --- publication dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("published", "why"),
    [
        ("not a date", "not a date"),
        ("2024-02-30", "not a date"),
        ("0000-00-00", "not a date"),
        ("2024-13-01T10:00:00", "not a date"),
        ("2024-01-10 and some words", "not a date"),
        ("2099-01-01", "in the future"),
        ("31-02-2009", "not a date"),
        ("01-01-2099", "in the future"),
    ],
)
def test_a_published_that_is_no_real_past_date_is_dropped_with_a_warning(
    published: str, why: str, settings: Settings
) -> None:
    checked = validate(Article(id="a", text=REPORT, published=published), settings)
    assert isinstance(checked, Article)
    assert checked.published is None
    [warning] = checked.warnings
    assert warning.code == WARN_BAD_PUBLISHED
    assert why in warning.message and repr(published) in warning.message


@pytest.mark.parametrize("published", ["2024-02-29", "2022-01-10T23:30:00-05:00", "2022-01-10T04:00:00Z"])
def test_a_real_date_is_kept_as_given(published: str, settings: Settings) -> None:
    checked = validate(Article(id="a", text=REPORT, published=published), settings)
    assert isinstance(checked, Article) and checked.published == published and checked.warnings == ()


def test_a_numeric_day_first_date_is_passed_on_as_the_day_it_means(settings: Settings) -> None:
    checked = validate(Article(id="a", text=REPORT, published="31/12/2021"), settings)
    assert isinstance(checked, Article) and checked.warnings == ()
    assert (checked.published, checked.published_raw) == ("2021-12-31", "31/12/2021")


def test_a_numeric_date_either_order_can_mean_is_dropped_with_a_warning(settings: Settings) -> None:
    checked = validate(Article(id="a", text=REPORT, published="03-02-2009"), settings)
    assert isinstance(checked, Article) and checked.published is None
    assert [w.code for w in checked.warnings] == [WARN_BAD_PUBLISHED]


def test_a_date_within_a_year_ahead_is_kept_but_not_beyond(settings: Settings) -> None:
    today = dt.date.today()
    soon, later = (today + dt.timedelta(days=300)).isoformat(), (today + dt.timedelta(days=400)).isoformat()
    kept = validate(Article(id="a", text=REPORT, published=soon), settings)
    dropped = validate(Article(id="a", text=REPORT, published=later), settings)
    assert isinstance(kept, Article) and kept.published == soon
    assert isinstance(dropped, Article) and dropped.published is None


def test_a_feed_entry_dated_2099_is_warned_about(tmp_path: Path, settings: Settings) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Port strike</title><link>https://wire.example.org/7</link>
<pubDate>Thu, 01 Jan 2099 10:00:00 GMT</pubDate><description>{REPORT}</description></item>
</channel></rss>"""
    (tmp_path / "wire.rss").write_text(feed, encoding="utf-8")
    [entry] = read_inputs([str(tmp_path / "wire.rss")])
    assert isinstance(entry, Article) and entry.published == "2099-01-01"
    checked = validate(entry, settings)
    assert isinstance(checked, Article) and checked.published is None
    assert [w.code for w in checked.warnings] == [WARN_BAD_PUBLISHED]


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("published", ["2024-02-30", "yesterday", "2099-01-01", "0000-00-00"])
def test_a_bad_published_option_is_a_usage_mistake(tmp_path: Path, command: str, published: str) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    args = [command, str(tmp_path / "a.txt"), "--published", published]
    if command == "ingest":
        args += ["--db", str(tmp_path / "store.sqlite")]
    outcome = CliRunner().invoke(main, args)
    assert outcome.exit_code == 2, outcome.output
    assert "--published" in outcome.output
    assert not (tmp_path / "store.sqlite").exists()


# --- HTML -------------------------------------------------------------------------------------------------

COOKIE_PAGE = b"""<!DOCTYPE html><html><head><title>The Evening Ledger</title></head><body>
<div class="consent"><p>We use cookies to give you the best experience on our website. By continuing to
browse you agree to our use of cookies. Read our cookie policy and privacy policy to learn more about how we
handle your data.</p><p>Manage your preferences at any time.</p><button>Accept all</button></div>
</body></html>"""


def test_a_page_holding_only_a_cookie_notice_is_e113() -> None:
    item = read_html(COOKIE_PAGE, item_id="ledger", origin="ledger.html")
    assert isinstance(item, Rejected)
    assert item.error.code == "E113" and "cookie" in item.error.message


def test_an_article_with_a_cookie_notice_is_kept() -> None:
    article = f"<article><h1>Port strike</h1><p>{REPORT}</p></article>".encode()
    page = COOKIE_PAGE.replace(b"<div class", article + b"<div class")
    item = read_html(page, item_id="ledger", origin="ledger.html")
    assert isinstance(item, Article) and "Dock workers stopped work" in item.text


@pytest.mark.parametrize(
    "html",
    [
        f"<p>{REPORT}",
        f"<div>{REPORT}</div>",
        f"<article><p>{REPORT}",
        f"<body><h2>Port strike<p>{REPORT}</span></div>",
    ],
)
def test_broken_html_with_real_text_is_kept(html: str) -> None:
    item = read_html(html.encode(), item_id="fragment", origin="fragment.html")
    assert isinstance(item, Article), item
    assert "Dock workers stopped work at the container port" in item.text
    assert "talks went on into the night" in item.text


def test_html_with_only_furniture_is_still_e106() -> None:
    item = read_html(b"<nav>Home | World | Sport</nav>", item_id="nav", origin="nav.html")
    assert isinstance(item, Rejected) and item.error.code == "E106"


# --- encodings --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded_not_called_binary(tmp_path: Path, codec: str) -> None:
    text = REPORT + "\nThe port authority said “talks resume on Friday” – naïvely, some thought."
    (tmp_path / "wide.txt").write_bytes(text.encode(codec))
    [item] = read_inputs([str(tmp_path / "wide.txt")])
    assert isinstance(item, Article), item
    assert item.text == text
    assert [w.code for w in item.warnings] == [WARN_DECODE] and "UTF-16" in item.warnings[0].message


def test_utf16_html_without_a_bom_is_read(tmp_path: Path) -> None:
    page = f"<html><head><title>Strike</title></head><body><article><p>{REPORT}</p></article></body></html>"
    (tmp_path / "wide.html").write_bytes(page.encode("utf-16-le"))
    [item] = read_inputs([str(tmp_path / "wide.html")])
    assert isinstance(item, Article) and "Dock workers" in item.text


def test_bytes_with_scattered_nuls_are_still_binary(tmp_path: Path, codes: Codes) -> None:
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (tmp_path / "half.txt").write_bytes(b"ab\x00d\x00\x00gh" * 300)
    assert codes(list(read_inputs([str(tmp_path)]))) == ["E102", "E102"]


# --- folders ----------------------------------------------------------------------------------------------

def test_files_of_one_name_in_two_folders_get_their_paths_as_ids(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(f"{REPORT} ({folder})", encoding="utf-8")
    (tmp_path / "top.txt").write_text(REPORT, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [item.id for item in items] == ["a/index", "b/index", "top"]
    [named] = read_inputs([str(tmp_path / "a" / "index.txt")])
    assert named.id == "index"  # a file named on its own keeps its stem


def test_readme_files_in_a_folder_are_skipped_and_reported(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    for name in ("README.md", "README", "docs/readme.txt", "story.txt"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    items = list(read_inputs([str(tmp_path)], on_skip=lambda path, why: skipped.append((path, why))))
    assert [item.id for item in items] == ["story"]
    assert sorted(Path(path).relative_to(tmp_path).as_posix() for path, _ in skipped) == [
        "README", "README.md", "docs/readme.txt"]
    assert all("README" in why for _, why in skipped)
    [named] = read_inputs([str(tmp_path / "README.md")])  # named on its own, it is read
    assert isinstance(named, Article)


def _as_nobody(read: Callable[[], Any]) -> Any:
    """``read()`` as an unprivileged user: root reads every folder whatever its mode, so a test run as root
    forks and drops to ``nobody`` first (the child needs nothing but what is already imported)."""
    if os.geteuid() != 0:
        return read()
    out, into = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(out)
        try:
            os.setgid(65534)
            os.setuid(65534)
            data = pickle.dumps(read())
        except BaseException as exc:  # report anything to the parent rather than die silently
            data = pickle.dumps(repr(exc))
        with os.fdopen(into, "wb") as pipe:
            pipe.write(data)
        os._exit(0)
    os.close(into)
    with os.fdopen(out, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


def test_a_folder_that_cannot_be_read_is_an_error_not_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path.chmod(0o755)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "story.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "inner").mkdir(mode=0o000)
    (tmp_path / "open" / "story.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "open" / "story.txt").chmod(0o644)
    (tmp_path / "locked").chmod(0o000)
    (tmp_path / "open" / "inner").chmod(0o000)
    monkeypatch.chdir(tmp_path)  # relative names: the child never needs to pass the root-only folders above
    try:
        found = _as_nobody(lambda: [(i.id, i.error.code if isinstance(i, Rejected) else "ok",
                                     i.error.message if isinstance(i, Rejected) else "")
                                    for i in read_inputs(["locked", "open"])])
    finally:
        (tmp_path / "locked").chmod(0o755)
        (tmp_path / "open" / "inner").chmod(0o755)
    assert isinstance(found, list), found
    assert [(item_id, code) for item_id, code, _ in found] == [
        ("locked", "E112"), ("inner", "E112"), ("story", "ok")]
    assert "cannot read the folder" in found[0][2] and "holds no files" not in found[0][2]
