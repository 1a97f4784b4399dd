"""Ingest jobs: articles posted to the API, extracted and stored by one background thread.

The thread is the API's only writer of articles (the store's single-writer rule): it opens its own
``Store`` and starts one extractor the first time there is work, then keeps both. By default the
extractor is an ``ExtractorProcess``: the parse runs in a process of its own, so readers do not starve it.
Jobs run one after the other in the order they were posted; their states are kept in memory (the last
``KEEP_JOBS``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from newsevents.api.errors import INTERNAL_MESSAGE, status_of
from newsevents.batch import IngestSummary, ingest
from newsevents.errors import NewsEventsError
from newsevents.model import Article, Rejected, Result
from newsevents.pipeline import ExtractorProcess
from newsevents.store import Store

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed"]
KEEP_JOBS = 1_000
KEEP_OUTCOMES = 1_000  # per job: what happened to each of its first articles


class Extracts(Protocol):
    """What an ingest job needs of the pipeline: an ``Extractor`` here, or an ``ExtractorProcess``."""

    def extract(self, items: Iterable[Article | Rejected]) -> Iterator[Result]: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    error: dict[str, str] | None
    events: int
    claims: int


class JobSummary(BaseModel):
    """A finished job's counts (those of ``batch.IngestSummary`` that the API shows)."""

    model_config = ConfigDict(frozen=True)

    read: int
    stored: int
    duplicates: int
    rejected: int
    failed: int
    events: int
    claims: int


class JobArticle(BaseModel):
    """What happened to one of the job's articles."""

    model_config = ConfigDict(frozen=True)

    id: str
    error: dict[str, str] | None
    events: int
    claims: int


class JobView(BaseModel):
    """The API's answer about an ingest job (times as ISO 8601 strings, as ``datetime.isoformat`` writes)."""

    model_config = ConfigDict(frozen=True)

    id: str
    state: JobState
    inputs: int
    submitted_at: str | None
    started_at: str | None
    finished_at: str | None
    summary: JobSummary | None
    articles: tuple[JobArticle, ...]
    error: dict[str, str] | None


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    state: JobState
    submitted_at: datetime
    inputs: int
    started_at: datetime | None = None
    finished_at: datetime | None = None
    summary: IngestSummary | None = None
    outcomes: tuple[Outcome, ...] = ()
    error: dict[str, str] | None = None

    def view(self) -> JobView:
        def when(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        s = self.summary
        return JobView(
            id=self.id, state=self.state, inputs=self.inputs,
            submitted_at=when(self.submitted_at), started_at=when(self.started_at),
            finished_at=when(self.finished_at),
            summary=None if s is None else JobSummary(
                read=s.read, stored=s.stored, duplicates=s.duplicates, rejected=s.rejected,
                failed=s.failed, events=s.events, claims=s.claims,
            ),
            articles=tuple(JobArticle(id=o.id, error=o.error, events=o.events, claims=o.claims)
                           for o in self.outcomes),
            error=self.error,
        )


@dataclass
class _Work:
    job_id: str
    items: Sequence[Article | Rejected]
    outcomes: list[Outcome] = field(default_factory=list)


class IngestWorker:
    """Takes ingest jobs and runs them on one thread, started with the first job."""

    def __init__(self, db: str, extractor_factory: Callable[[], Extracts] = ExtractorProcess) -> None:
        self._db = db
        self._factory = extractor_factory
        self._queue: queue.Queue[_Work | None] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, items: Sequence[Article | Rejected]) -> Job:
        job = Job(uuid.uuid4().hex, "queued", datetime.now(UTC), len(items))
        self._set(job)
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="newsevents-ingest", daemon=True)
                self._thread.start()
        self._queue.put(_Work(job.id, items))
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job_id: str, timeout: float) -> Job | None:
        """The job once it has finished, or as it stands after ``timeout`` seconds (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.job(job_id)
            if found is None or found.state in ("done", "failed") or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def close(self, timeout: float = 30.0) -> None:
        """Finish the jobs already taken, then stop the thread."""
        thread = self._thread
        if thread is None:
            return
        self._queue.put(None)
        thread.join(timeout)

    def _set(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.id] = job
            self._jobs.move_to_end(job.id)
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            current = self._jobs.get(job_id)
            if current is not None:
                self._jobs[job_id] = replace(current, **changes)

    def _run(self) -> None:
        extractor: Extracts | None = None
        store: Store | None = None
        try:
            while (work := self._queue.get()) is not None:
                self._update(work.job_id, state="running", started_at=datetime.now(UTC))
                try:
                    extractor = extractor or self._factory()
                    store = store or Store.open(self._db)
                    summary = ingest(work.items, store, extractor.extract, progress=_recorder(work))
                    self._update(work.job_id, state="done", summary=summary, outcomes=tuple(work.outcomes),
                                 finished_at=datetime.now(UTC))
                except NewsEventsError as exc:
                    # Anyone may read a job: a server-side failure's message (paths, SQL) goes to the log.
                    log.error("ingest job %s failed: %s %s", work.job_id, exc, exc.context, exc_info=exc)
                    message = exc.message if status_of(exc) < 500 else INTERNAL_MESSAGE
                    self._fail(work, {"code": exc.code, "message": message})
                except Exception:  # a job's failure is recorded on the job; the thread goes on
                    log.exception("ingest job %s failed", work.job_id)
                    self._fail(work, {"code": "internal_error", "message": INTERNAL_MESSAGE})
        finally:
            if store is not None:
                store.close()
            if extractor is not None:
                extractor.close()

    def _fail(self, work: _Work, error: dict[str, str]) -> None:
        self._update(work.job_id, state="failed", error=error, outcomes=tuple(work.outcomes),
                     finished_at=datetime.now(UTC))


def _recorder(work: _Work) -> Callable[[Result], None]:
    def record(result: Result) -> None:
        if len(work.outcomes) < KEEP_OUTCOMES:
            error = result.error.to_dict() if result.error else None
            work.outcomes.append(Outcome(result.id, error, len(result.events), len(result.claims)))

    return record
