"""Fixtures for the browser tests: the app served by uvicorn on a free loopback port over a store of the
made-up samples, and Debian's chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.fixtures import samples

from newsevents.api import create_app
from newsevents.pipeline import Extractor

playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

TOKEN = "browser-token-456"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """uvicorn running the app in a thread, stopped by ``stop``."""

    def __init__(self, db: str, extractor_factory: Callable[[], Extractor]) -> None:
        app = create_app(db, token=TOKEN, extractor_factory=extractor_factory)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Served]:
    """A new store of the samples for each test module; articles posted to it go through the real pipeline."""
    db = str(tmp_path_factory.mktemp("dashboard") / "events.sqlite")
    samples.fill(db)
    server = Served(db, lambda: extractor)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run scripts/setup-system.sh (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=BROWSER_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: object, served: Served) -> Iterator[object]:
    """A fresh page that fails the test on any request leaving the server, any page error, and any
    Content-Security-Policy violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    new_page = context.new_page()
    problems: list[str] = []
    new_page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    new_page.on(
        "console",
        lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None,
    )

    def outside(route: object) -> None:
        problems.append(f"request outside the server: {route.request.url}")  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]

    new_page.route(lambda url: not url.startswith(served.url), outside)
    new_page.problems = problems  # type: ignore[attr-defined]
    yield new_page
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
