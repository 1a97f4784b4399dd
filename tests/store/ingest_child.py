"""Child process of the crash test: ingest synthetic articles 0..N-1 into a store, one line per article.

Usage: python ingest_child.py DATABASE_URL N EVENTS_PER_ARTICLE
Prints "<i> <1 if stored, 0 if already there>" after each article, flushed, so the parent can kill it mid-run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_synthetic import make_article, make_result

from newsevents.store import Store


def main(url: str, n: int, events: int) -> None:
    with Store.open(url) as store:
        for i in range(n):
            article = make_article(i)
            stored = store.add_result(article, make_result(article, i, events=events))
            print(i, int(stored), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
