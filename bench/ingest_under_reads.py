"""An ingest job posted to the API while other clients read: how much longer it takes than on a quiet server.

    .venv/bin/python bench/ingest_under_reads.py [--articles 40] [--readers 0 20] [--eval-dir ../shared/eval]

Serves a new SQLite store with ``newsevents serve`` in a child process on a free loopback port, warms the
ingest pipeline with one article, then, for each reader count, starts that many threads requesting
``/api/events?limit=50`` in a loop, posts ``--articles`` articles to ``/api/ingest`` and times the job until
it is done. The articles are the events_gold stories when ``--eval-dir`` has them (each made distinct), else
made-up ones. Prints one table: readers, job seconds, ratio to the quiet run, reads answered per second.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

TOKEN = "bench-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def texts(eval_dir: Path) -> list[str]:
    gold = eval_dir / "events_gold" / "input.jsonl"
    if gold.is_file():
        return [json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line]
    return [f"Police in Town{i} arrested {i + 2} protesters on Monday after a march over fuel prices turned "
            f"violent, officials said. About {100 + 10 * i} people had marched to the governor's office." * 8
            for i in range(20)]


class Server:
    def __init__(self, db: str) -> None:
        self.base = f"http://127.0.0.1:{free_port()}"
        env = dict(os.environ, NEWSEVENTS_TOKEN=TOKEN)
        port = self.base.rsplit(":", 1)[1]
        command = [sys.executable, "-m", "newsevents", "serve", "--db", db, "--port", port]
        self.proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.base + "/api/stats", timeout=2).read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def get(self, path: str) -> Any:
        return json.loads(urllib.request.urlopen(self.base + path, timeout=60).read())

    def ingest(self, batch: list[dict[str, str]]) -> dict[str, Any]:
        request = urllib.request.Request(self.base + "/api/ingest", data=json.dumps(batch).encode(), headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        job_id = json.loads(urllib.request.urlopen(request, timeout=60).read())["id"]
        while (job := self.get(f"/api/jobs/{job_id}"))["state"] not in ("done", "failed"):
            time.sleep(0.1)
        return dict(job)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


def timed_job(server: Server, batch: list[dict[str, str]], readers: int) -> tuple[float, float]:
    stop, reads = threading.Event(), [0]

    def read() -> None:
        while not stop.is_set():
            try:
                server.get("/api/events?limit=50")
                reads[0] += 1
            except OSError:
                pass

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for t in threads:
        t.start()
    started = time.monotonic()
    job = server.ingest(batch)
    seconds = time.monotonic() - started
    stop.set()
    for t in threads:
        t.join()
    assert job["state"] == "done", job
    return seconds, reads[0] / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--readers", type=int, nargs="+", default=[0, 20])
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    args = parser.parse_args()
    stories = texts(args.eval_dir)
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(str(Path(tmp) / "bench.sqlite"))
        try:
            warm_up = "Police arrested two men in Accra on Monday, officials said."
            server.ingest([{"id": "warm-up", "text": warm_up}])
            rows = []
            for readers in args.readers:
                batch = [
                    {"id": f"r{readers}-{i}", "text": f"{stories[i % len(stories)]} (copy {readers}-{i})"}
                    for i in range(args.articles)
                ]
                rows.append((readers, *timed_job(server, batch, readers)))
        finally:
            server.close()
    quiet = rows[0][1]
    print(f"{'readers':>8} {'job s':>8} {'x quiet':>8} {'reads/s':>8}")
    for readers, seconds, rate in rows:
        print(f"{readers:>8} {seconds:>8.1f} {seconds / quiet:>8.2f} {rate:>8.1f}")


if __name__ == "__main__":
    main()
