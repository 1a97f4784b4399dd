"""The command line facing hostile or careless input (issue 14): what ``ingest`` says about skipped and
renamed inputs, and a write token that never has to appear in the process list."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from newsevents.cli import main

# Written for these tests.
REPORTS = [
    "Police in Tamale arrested 14 people on Tuesday after a protest over fuel prices turned violent, "
    "a police spokesman said.",
    "Teachers in Kumasi marched to the regional education office on Wednesday to demand unpaid salaries, "
    "union leaders said.",
]


def test_ingest_reports_skipped_readmes_renamed_ids_and_counts_each_input_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.md").write_text("# How these files were collected\n\nBy hand.", encoding="utf-8")
    rows = [{"id": "same", "text": text} for text in REPORTS] + [{"id": "same", "text": REPORTS[0]}]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "store.sqlite")
    outcome = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert outcome.exit_code == 0, outcome.output
    assert "articles read 3, stored 2, already stored 1, rejected 0" in outcome.output
    assert "1 input id(s) already named other content" in outcome.output
    assert "skipped 1 README file(s)" in outcome.output and "README.md" in outcome.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(params=["file", "environment"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, int]]:
    """``newsevents serve`` in its own process, given its token by a file or the environment, never on
    its command line: (base URL, token, pid)."""
    token = "s3cret-" + os.urandom(8).hex()
    port = _free_port()
    args = [sys.executable, "-m", "newsevents", "serve", "--db", str(tmp_path / "s.sqlite"),
            "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_TOKEN"}
    if request.param == "file":
        (tmp_path / "token").write_text(token + "\n", encoding="utf-8")
        args += ["--token-file", str(tmp_path / "token")]
    else:
        env["NEWSEVENTS_TOKEN"] = token
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "the server did not start"
            try:
                httpx.get(f"{base}/api/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base, token, process.pid
    finally:
        process.terminate()
        process.wait(10)


def test_serve_takes_its_token_from_a_file_or_the_environment(served: tuple[str, str, int]) -> None:
    base, token, pid = served
    assert token not in Path(f"/proc/{pid}/cmdline").read_bytes().decode()
    assert httpx.get(f"{base}/api/health").json()["writable"] is True
    wrong = httpx.post(f"{base}/api/ingest", content=b"", headers={"Authorization": "Bearer nope"})
    right = httpx.post(f"{base}/api/ingest", content=b"", headers={"Authorization": f"Bearer {token}",
                                                                    "Content-Type": "text/plain"})
    assert wrong.status_code == 401
    assert right.status_code == 422  # past the token check: the empty body is the only complaint


def test_serve_refuses_an_empty_token_file_and_two_tokens(tmp_path: Path) -> None:
    (tmp_path / "empty").write_text("\n", encoding="utf-8")
    empty = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.sqlite"),
                                      "--token-file", str(tmp_path / "empty")])
    both = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.sqlite"), "--token", "a",
                                     "--token-file", str(tmp_path / "empty")])
    assert (empty.exit_code, both.exit_code) == (2, 2)
    assert "holds no token" in empty.output and "not both" in both.output
