"""A writer killed with SIGKILL at any moment leaves whole articles or none; a re-run completes the set."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from newsevents.store import Store
from newsevents.store.db import database_url

ROOT = Path(__file__).resolve().parents[2]  # the child imports tests.fixtures from the repository root
N = 160
EVENTS = 12  # many rows per article, so most of the child's time is spent inside a transaction
ACTORS = sum(2 + k % 2 for k in range(EVENTS))  # see store_synthetic.make_result


def _start(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.fixtures.ingest_child", url, str(N), str(EVENTS)], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _kill_after(child: subprocess.Popen[str], lines: int, rng: random.Random) -> int:
    """Let the child store ``lines`` new articles, then SIGKILL it a few milliseconds later."""
    assert child.stdout is not None
    seen = 0
    while seen < lines:
        line = child.stdout.readline()
        if not line:
            break
        seen += line.split()[1] == "1"
    time.sleep(rng.uniform(0, 0.004))  # land anywhere in the next article's transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    child.stderr.close()
    return seen


def _check_whole_articles(url: str) -> int:
    """Every stored article has all its rows; return how many articles there are."""
    engine = sa.create_engine(database_url(url))
    per_article = sa.text("""
        SELECT a.external_id,
               (SELECT count(*) FROM event_reports e WHERE e.article_id = a.id),
               (SELECT count(*) FROM event_actors x JOIN event_reports e ON x.event_id = e.id
                 WHERE e.article_id = a.id),
               (SELECT count(*) FROM claims c WHERE c.article_id = a.id),
               (SELECT count(*) FROM places p WHERE p.article_id = a.id),
               (SELECT count(*) FROM dates d WHERE d.article_id = a.id)
        FROM articles a
    """)
    with engine.connect() as conn:
        rows = conn.execute(per_article).all()
        orphans = conn.execute(sa.text(
            "SELECT count(*) FROM event_reports WHERE article_id NOT IN (SELECT id FROM articles)"
        )).scalar()
        if conn.dialect.name == "sqlite":
            # Raises when the full-text index and the articles table disagree.
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    engine.dispose()
    assert orphans == 0
    for external_id, *counts in rows:
        assert counts == [EVENTS, ACTORS, 1, 1, 1], external_id
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    return len(rows)


def test_sigkill_mid_ingest_loses_and_duplicates_nothing(store_url: str) -> None:
    Store.open(store_url).close()  # migrate first, so every kill lands in ingest
    rng = random.Random(7)
    stored_before = 0
    for _ in range(3):
        seen = _kill_after(_start(store_url), N // 8, rng)
        assert seen == N // 8
        stored = _check_whole_articles(store_url)
        assert stored_before < stored < N
        stored_before = stored
    child = _start(store_url)
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    added = [line.split() for line in out.splitlines()]
    assert len(added) == N
    assert sum(int(flag) for _, flag in added) == N - stored_before
    assert _check_whole_articles(store_url) == N
    with Store.open(store_url) as store:
        summary = store.summary()
    assert (summary.articles, summary.events, summary.claims) == (N, N * EVENTS, N)
