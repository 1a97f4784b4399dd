"""The API and dashboard over a large store: query latency, first paint, and a bounded load test.

    .venv/bin/python bench/api_load.py [--events 100000] [--per-article 10] [--clients 200]
                                       [--requests-per-client 5] [--db PATH] [--keep]

Builds a synthetic store of ``--events`` events (``--per-article`` to an article; made-up text, places
spread over a few countries and 90 days), serves it with uvicorn in a child process on a free loopback
port, then prints one table: the latency of typical /api/events (real-world events), /api/reports and
/api/stats queries (median of 10),
the dashboard's first paint in Debian's chromium (when Playwright and chromium are installed), and a load
test of ``--clients`` concurrent clients each making ``--requests-per-client`` requests (it stops by itself,
and at ``--deadline`` seconds at the latest).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from newsevents.model import Actor, Article, Counts, DateSpan, Event, Evidence, Location, Plover, Result
from newsevents.store import EventFilter, Store, merged_queries
from newsevents.store.merged import merge_new_reports

TYPES = (
    ("Protests", "Peaceful protest", "PROTEST", "Protesters"),
    ("Riots", "Violent demonstration", "PROTEST", "Rioters"),
    ("Battles", "Armed clash", "FIGHT", "Rebel group"),
    ("Strategic developments", "Arrests", "ARREST", "State forces"),
    ("Violence against civilians", "Attack", "ASSAULT", "Civilians"),
    ("Explosions/Remote violence", "Air/drone strike", "FIGHT", "State forces"),
)
PLACES = (
    ("Nairobi", "KE", "Nairobi County", -1.28, 36.82),
    ("Lagos", "NG", "Lagos State", 6.45, 3.39),
    ("Dhaka", "BD", "Dhaka Division", 23.71, 90.41),
    ("Lima", "PE", "Lima", -12.04, -77.03),
    ("Kyiv", "UA", "Kyiv City", 50.45, 30.52),
    ("Mopti", "ML", "Mopti", 14.48, -4.18),
    ("Manila", "PH", "Metro Manila", 14.6, 120.98),
    ("Karachi", "PK", "Sindh", 24.86, 67.01),
)
SENTENCE = "Something happened in {place} on day {day}, and {n} people were involved, officials said. "


def synthetic_result(index: int, per_article: int, rng: random.Random) -> tuple[Article, Result]:
    sentences, events = [], []
    offset = 0
    for _ in range(per_article):
        name, cc, admin1, lat, lon = rng.choice(PLACES)
        event_type, sub, plover, actor_type = rng.choice(TYPES)
        day = f"2022-{1 + rng.randrange(3):02d}-{1 + rng.randrange(28):02d}"
        sentence = SENTENCE.format(place=name, day=day, n=rng.randrange(2, 500))
        sentences.append(sentence)
        events.append(
            Event(
                event_type=event_type,
                sub_event_type=sub,
                plover=Plover(plover, None),
                date=DateSpan(day, day, 1),
                location=Location(
                    name, cc, admin1, lat + rng.uniform(-1, 1), lon + rng.uniform(-1, 1), None, 1
                ),
                actors=(Actor(f"Group {rng.randrange(50)}", "actor1", actor_type, cc),),
                counts=Counts(killed=rng.choice((None, 0, 1, 3))),
                modality="asserted",
                evidence=(Evidence(offset, offset + len(sentence) - 1),),
                source_claim=None,
                confidence=rng.random(),
            )
        )
        offset += len(sentence)
    text = "".join(sentences)
    article = Article(
        id=f"synthetic-{index}", text=text, title=f"Synthetic report {index}", published="2022-04-01"
    )
    return article, Result(id=article.id, events=tuple(events))


def build_store(path: str, n_events: int, per_article: int) -> tuple[float, float]:
    """Store the synthetic reports, then merge them as ingestion does; the seconds each took."""
    rng = random.Random(7)
    start = time.perf_counter()
    with Store.open(path) as store:
        for i in range((n_events + per_article - 1) // per_article):
            store.add_result(*synthetic_result(i, per_article, rng))
        stored = time.perf_counter()
        merge_new_reports(store)
    return stored - start, time.perf_counter() - stored


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    code = f"from newsevents.api import serve; serve({db!r}, port={port}, token=None)"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return time.perf_counter() - start


def query_latencies(base: str) -> list[tuple[str, float]]:
    queries = {
        "/api/events?limit=50 (newest first, with total)": "/api/events?limit=50",
        "/api/events?limit=50&event_type=Riots&country=NG": (
            "/api/events?limit=50&event_type=Riots&country=NG"
        ),
        "/api/events?limit=50&date_from=2022-02-01&date_to=2022-02-07": (
            "/api/events?limit=50&date_from=2022-02-01&date_to=2022-02-07"
        ),
        "/api/events?limit=50&q=Lagos (full text)": "/api/events?limit=50&q=Lagos",
        "/api/events?limit=2000 (whole events)": "/api/events?limit=2000",
        "/api/events/points?limit=2000 (the map's query)": "/api/events/points?limit=2000",
        "/api/stats (all events)": "/api/stats",
        "/api/reports?limit=50 (event reports, newest first)": "/api/reports?limit=50",
        "/api/reports?limit=50&q=Lagos (full text)": "/api/reports?limit=50&q=Lagos",
    }
    found = []
    for label, path in queries.items():
        times = [timed_get(base + path) for _ in range(10)]
        found.append((label, statistics.median(times)))
    return found


def first_paint(base: str) -> float | None:
    executable = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if executable is None:
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(base + "/")
        page.wait_for_selector("body[data-loads='1']", timeout=120_000)
        elapsed = time.perf_counter() - start
        browser.close()
    return elapsed


async def load_test(base: str, clients: int, per_client: int, deadline_s: float) -> dict[str, Any]:
    import httpx

    rng = random.Random(11)
    paths = [
        "/api/events?limit=50",
        "/api/events?limit=50&event_type=Protests",
        "/api/events?limit=50&country=KE",
        "/api/stats?country=PE",
        "/api/events/1",
    ]
    latencies: list[float] = []
    errors = 0
    kinds: collections.Counter[str] = collections.Counter()
    stop_at = time.monotonic() + deadline_s

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        for _ in range(per_client):
            if time.monotonic() > stop_at:
                return
            start = time.perf_counter()
            try:
                response = await http.get(base + rng.choice(paths))
                if response.status_code != 200:
                    errors += 1
                    kinds[f"HTTP {response.status_code}"] += 1
            except httpx.HTTPError as exc:
                errors += 1
                kinds[type(exc).__name__] += 1
            latencies.append(time.perf_counter() - start)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=deadline_s) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    return {
        "requests": len(latencies),
        "errors": errors,
        "kinds": ", ".join(f"{k} x{n}" for k, n in kinds.items()),
        "wall_s": wall,
        "rps": len(latencies) / wall,
        "p50": pct(0.5),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": latencies[-1] if latencies else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests-per-client", type=int, default=5)
    parser.add_argument("--deadline", type=float, default=120.0, help="the load test stops after this")
    parser.add_argument("--db", help="reuse (or create) this store instead of a temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="newsevents-bench-"))
    db = args.db or str(folder / "bench.sqlite")
    rows: list[tuple[str, str]] = []
    if not Path(db).exists():
        stored, merged = build_store(db, args.events, args.per_article)
        label = f"build store: {args.events:,} reports, {args.per_article} per article"
        rows.append((label, f"{stored:.1f} s"))
        rows.append(("merge them into real-world events", f"{merged:.1f} s"))
    with Store.open(db) as store:
        n_events = store.summary().events
        n_merged = merged_queries.count(store, EventFilter(min_confidence=0))  # every stored event
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        rows += [(f"{label}", f"{seconds * 1000:.0f} ms") for label, seconds in query_latencies(base)]
        paint = first_paint(base)
        rows.append(
            (
                "dashboard first paint (map + timeline + table drawn)",
                f"{paint * 1000:.0f} ms" if paint is not None else "skipped (no playwright/chromium)",
            )
        )
        result = asyncio.run(load_test(base, args.clients, args.requests_per_client, args.deadline))
        rows += [
            (
                f"load: {args.clients} clients x {args.requests_per_client} requests",
                f"{result['requests']:.0f} done, {result['errors']:.0f} errors, {result['wall_s']:.1f} s",
            ),
            ("load: throughput", f"{result['rps']:.0f} req/s"),
            ("load: errors by kind", result["kinds"] or "none"),
            (
                "load: latency p50 / p95 / p99 / max",
                " / ".join(f"{result[k] * 1000:.0f}" for k in ("p50", "p95", "p99", "max")) + " ms",
            ),
        ]
    finally:
        server.terminate()
        server.wait(10)
        if not args.keep and not args.db:
            shutil.rmtree(folder, ignore_errors=True)
    width = max(len(label) for label, _ in rows)
    print(f"store: {n_events:,} event reports in {n_merged:,} real-world events (sqlite), one uvicorn worker")
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
